import type { SubgraphContext } from '../../lib/subgraph.js';
import type { CertificateAccess } from './access.js';
import type { CatalogLookup } from './catalog.js';
import type { CertificateLoaders } from './loaders.js';

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
}
