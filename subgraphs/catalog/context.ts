import type { CatalogLookup } from '../../lib/catalog-lookup.js';
import type { SubgraphContext } from '../../lib/subgraph.js';
import type { CatalogLoaders } from './loaders.js';

export interface CatalogContext extends SubgraphContext {
  loaders: CatalogLoaders;
  /**
   * Types kept at other nodes, read from their catalog subgraphs on this request's behalf:
   * grants live at the province but name types that any node may keep.
   */
  catalog: CatalogLookup;
}
