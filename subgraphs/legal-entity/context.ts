import type { SubgraphContext } from '../kit/subgraph.js';
import type { LegalEntityLoaders } from './loaders.js';

export interface LegalEntityContext extends SubgraphContext {
  loaders: LegalEntityLoaders;
}
