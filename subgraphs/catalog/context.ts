import type { CatalogLookup } from '../kit/catalog-lookup.js';
import type { SubgraphContext } from '../kit/subgraph.js';
import type { PeerClient } from '../kit/peers.js';
import type { MatterLookup } from '../kit/remote-catalog.js';
import type { CatalogLoaders } from './loaders.js';

export interface CatalogContext extends SubgraphContext {
  loaders: CatalogLoaders;
  /**
   * Types kept at other nodes, read from their catalog subgraphs on this request's behalf:
   * grants live at the province but name types that any node may keep.
   */
  catalog: CatalogLookup;
  /** The province node, which keeps the grants. */
  province: string;
  /** How this node asks other nodes' catalogs on its own account; absent in-process, where there is no other node. */
  peers?: PeerClient | undefined;
  /** Which node keeps the data of a region: a certificate's holder is asked there when a holder consents to its use. */
  nodeForRegion(region: string): string;
  /** Matters kept at other nodes (a consent names one); absent in-process, where there is no other node. */
  matters?: MatterLookup | undefined;
}
