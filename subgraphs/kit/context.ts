import type { AuditRecorder } from '../audit/log.js';
import type { GrantClaim, Principal } from '../../lib/principal.js';
import type { HubDatabase } from './db.js';
import type { SecretKeyRing } from './secret-keys.js';

/** Which node a subgraph serves, and the audit keys its access log is chained with. */
export interface NodeInfo {
  code: string;
  name: string;
  /**
   * The node's audit keys (kept outside its database): the current one makes the access log's
   * HMAC chain, the earlier ones still verify what they made.
   */
  auditKeys: SecretKeyRing;
}

/** What every subgraph resolver sees: who asks, why, and this node's database. */
export interface SubgraphContext {
  principal: Principal;
  purpose: string | null;
  /**
   * 办件号: the case number of the application the request serves, as the request stated it
   * (X-Case-Number); null without one. The access records carry `audit.caseNumber`, which is
   * this unless a resolver that takes a case number as an argument set another
   * (`audit.useCaseNumber`).
   */
  caseNumber: string | null;
  requestId: string;
  /** The agency's grants for this request's purpose, as the gateway signed them. */
  grants: GrantClaim[];
  /** Types (and items) the agency holds grants on for other purposes: only for saying why a refusal refuses. */
  grantsForOtherPurposes: ReadonlyArray<{ type: string; items: readonly string[] }>;
  node: NodeInfo;
  db: HubDatabase;
  /** The access records of this request, written to the node's access log when it ends. */
  audit: AuditRecorder;
}
