import { isoDate } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { baseContext, buildSubgraph, loadTypeDefs, type Enforcement, type NodeInfo } from '../kit/subgraph.js';
import type { CatalogLookup } from './catalog.js';
import type { CertificateContext, CertificateServices } from './context.js';
import { VerificationTally } from './verification-tally.js';
import { DigestGuard } from './digest-guard.js';
import { NodeKey } from '../events/node-key.js';
import { WebhookNode } from '../events/webhooks/worker.js';
import { createConsentLoader } from './consents.js';
import { KeptScans } from './supervision/page.js';
import { createCertificateLoaders } from './loaders.js';
import { audited } from './audit.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';

export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/** Where presentation links point when the node is not told the hub's public URL: a gateway on this machine. */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:4000';

/**
 * The certificate subgraph of one node: its certificates, their items and status history.
 * `catalog` gives each request a view of the certificate types (owned by the catalog subgraph
 * of each type's node), read as this node. `now` is the clock,
 * replaceable in tests; a request reads it once for its calendar day.
 */
export function createCertificateSubgraph(deps: {
  node: NodeInfo;
  db: HubDatabase;
  catalog: CatalogLookup;
  /**
   * The node's secrets and neighbours; see CertificateServices. Defaults: a fresh digest guard and verification tally,
   * the node key in this database, the public URL of a gateway on this machine's port 4000, and
   * webhooks with the default options (loopback only) whose worker is not started.
   */
  services: Omit<CertificateServices, 'digests' | 'nodeKey' | 'publicUrl' | 'webhookNode' | 'verifications'> &
    Partial<Pick<CertificateServices, 'digests' | 'nodeKey' | 'publicUrl' | 'webhookNode' | 'verifications'>>;
  now?: () => Date;
  enforcement?: Enforcement;
}) {
  const nodeKey = deps.services.nodeKey ?? new NodeKey(deps.db, deps.services.kek, deps.node.code);
  const services: CertificateServices = {
    ...deps.services,
    digests: deps.services.digests ?? new DigestGuard(),
    verifications: deps.services.verifications ?? new VerificationTally(deps.db),
    keptScans: deps.services.keptScans ?? new KeptScans(),
    nodeKey,
    publicUrl: deps.services.publicUrl ?? DEFAULT_PUBLIC_URL,
    webhookNode:
      deps.services.webhookNode ??
      new WebhookNode({
        db: deps.db,
        node: deps.node.code,
        province: deps.services.province,
        peers: deps.services.peers,
        catalog: deps.catalog,
        nodeKey,
        auditKeys: deps.node.auditKeys,
      }),
  };
  const now = deps.now ?? (() => new Date());
  return buildSubgraph<CertificateContext>({
    enforcement: deps.enforcement,
    logger: deps.node.logger,
    name: 'certificate',
    typeDefs,
    resolvers,
    permissions,
    audit: audited,
    context: (claims) => {
      const today = isoDate(now());
      const base = baseContext(claims, deps.node, deps.db);
      return {
        ...base,
        loaders: createCertificateLoaders(deps.db, today),
        catalog: deps.catalog,
        today,
        now,
        access: new Map(),
        itemScopes: new Map(),
        consents: createConsentLoader({ ...base, now }, services.peers, services.province),
        disclosed: new WeakSet(),
        services,
      };
    },
  });
}
