import type { SubgraphContext } from '../../lib/subgraph.js';
import type { CatalogLoaders } from './loaders.js';

export interface CatalogContext extends SubgraphContext {
  loaders: CatalogLoaders;
}
