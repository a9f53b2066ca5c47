/**
 * The toolkit every subgraph of a node is built with: the database handle, the shield defaults
 * and role rules, the per-request context, loaders and validation helpers, the catalog lookup,
 * calls to other nodes and the node's secrets.
 */
export { catalogFromList, issuerProblem, regionCovers, type CatalogItem, type CatalogLookup, type CatalogType, type SharingLevelValue } from './catalog-lookup.js';
export type { NodeInfo, SubgraphContext } from './context.js';
export { executeRows, openNodeDatabase, StatementCounter, type DatabaseOptions, type HubDatabase, type NodeDatabase } from './db.js';
export { groupInKeyOrder, rowsInKeyOrder } from './loaders.js';
export { createPeerClient, type PeerAnswer, type PeerClient, type PeerClientOptions } from './peers.js';
export { readProvinceGrants } from './province-grants.js';
export { readProvincePermitRules, type ProvincePermitRule } from './province-permit-rules.js';
export { createRemoteCatalog, createRemoteMatters, type CatalogMatter, type CatalogRequest, type MatterLookup, type RemoteCatalogOptions } from './remote-catalog.js';
export { DateScalar, DateTimeScalar } from './scalars.js';
export { decryptSecret, encryptSecret, loadOrCreateKeyRing, parseKeyRing, readKeyRing, secretKeyOf, type SecretKey, type SecretKeyRing } from './secret-keys.js';
export { federationRules, hasRoleRule, isAgency, isAuthenticated, shieldOptions } from './shield.js';
export { baseContext, buildSubgraph, ENFORCED, loadTypeDefs, type Enforcement, type Subgraph } from './subgraph.js';
export { optionalLine, optionalText, requireDate, requireHolderCode, requireLine, requireText, requireUscc } from './validate.js';
