/**
 * The certificate subgraph reads the catalog, which it does not own, through a CatalogLookup;
 * the lookup is shared with the catalog subgraph (grants name types kept at other nodes), so it
 * lives in lib/ and is re-exported here for the certificate subgraph's modules.
 */
export {
  catalogFromList,
  type CatalogItem,
  type CatalogLookup,
  type CatalogType,
  type SharingLevelValue,
} from '../kit/catalog-lookup.js';
