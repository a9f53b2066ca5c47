import type { NodeKey } from '../events/node-key.js';
import type { WebhookNode } from '../events/webhooks/worker.js';
import type { SecretKeyRing } from '../kit/secret-keys.js';
import type { SubgraphContext } from '../kit/subgraph.js';
import type { PeerClient } from '../kit/peers.js';
import type { CertificateAccess } from './access.js';
import type { ConsentLoader } from './consents.js';
import type { MatterLookup } from '../kit/remote-catalog.js';
import type { PermitRule } from './supervision/rules.js';
import type { KeptScans } from './supervision/page.js';
import type { CatalogLookup } from './catalog.js';
import type { CertificateItemRow } from './db/schema.js';
import type { DigestGuard } from './digest-guard.js';
import type { VerificationTally } from './verification-tally.js';
import type { CertificateLoaders } from './loaders.js';
import type { ScanQuota } from './service.js';

/** What the certificate subgraph of a node shares between its requests. */
export interface CertificateServices {
  /** The node's key-encryption key: seal keys' private halves are stored under it. */
  kek: SecretKeyRing;
  /** The province node, which keeps the audit anchors of every node. */
  province: string;
  /** Calls to other nodes on this node's account (audit anchors); absent in a node on its own. */
  peers?: PeerClient | undefined;
  /** The matters (事项) of every node, for the counter's check (material-check.ts); absent in a node on its own. */
  matters?: MatterLookup | undefined;
  /** Every node of the hub, by code: supervision asks each about its entities' certificates. */
  nodes?: readonly string[] | undefined;
  /** The permit rules of the province catalog, kept a short while (supervision/rules.ts); absent in a node on its own. */
  permitRules?: (() => Promise<PermitRule[]>) | undefined;
  /** Scans of supervision findings read for a page a moment ago, kept for the pages after it (supervision/page.ts). */
  keptScans?: KeptScans | undefined;
  /** Each agency's daily quota of scans of external certificates. */
  scanQuota?: ScanQuota | undefined;
  /** How many working days (weekends skipped) an issuer has to answer an error report; default 5. */
  correctionDays?: number | undefined;
  /** Per-certificate limit on wrong digests in public verification. */
  digests: DigestGuard;
  /** Public verifications counted per day, type and outcome (usageStatistics). */
  verifications: VerificationTally;
  /** The node's own SM2 key: it signs webhook deliveries and presentations (亮证). */
  nodeKey: NodeKey;
  /** Where the hub is reached from outside (the gateway's public URL): presentation links point there. */
  publicUrl: string;
  /**
   * The node's webhooks as its delivery worker knows them (the province's list, the allow list,
   * the owners' grants), shared with the resolvers that check who owns a webhook.
   */
  webhookNode: WebhookNode;
}

export interface CertificateContext extends SubgraphContext {
  loaders: CertificateLoaders;
  /** The certificate types, read from the catalog subgraph of each type's node. */
  catalog: CatalogLookup;
  /**
   * The request's calendar day in China time (YYYY-MM-DD), fixed when the request starts so that
   * every effective status in one answer — filters and fields alike — is computed for one day.
   */
  today: string;
  /** The request's clock, for the instants it records (status changes, verification time). */
  now(): Date;
  /** Access decisions of this request, per certificate id (see access.ts). */
  access: Map<string, Promise<CertificateAccess>>;
  /** The items a certificate may show in this request when a 免提交 check limited them (access.ts scopeItems), per certificate id. */
  itemScopes: Map<string, ReadonlySet<string>>;
  /** The holder's consents that open certificates to this request (consents.ts), asked at most once per request. */
  consents: ConsentLoader;
  /**
   * The items a presentation check of this request disclosed (presentation.ts): objects made for
   * the check's answer alone, whose values whoever checks may read (canReadItemValue).
   */
  disclosed: WeakSet<CertificateItemRow>;
  services: CertificateServices;
}
