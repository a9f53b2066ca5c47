import type { AuditRecorder } from '../audit/log.js';
import type { Logger } from '../../lib/log.js';
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
  /** Where the subgraph logs internal errors, with their stack (default: nowhere). */
  logger?: Logger;
  /** The node's counters (subgraphs/node-metrics.ts); absent outside a node (tests, tools). */
  counters?: NodeCounters;
}

/** What subgraphs count for the node's /metrics while they work: nothing asynchronous. */
export interface NodeCounters {
  /** `records` access records were appended to the node's chain. */
  accessRecordsWritten(records: number): void;
  /** An importCertificates call's rows: stored, skipped as already there, rejected. */
  importedRows(rows: { accepted: number; skipped: number; rejected: number }): void;
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
