import type { SubgraphContext } from '../kit/subgraph.js';
import type { ReportSealer } from './annual-reports.js';
import type { LegalEntityLoaders } from './loaders.js';

export interface LegalEntityContext extends SubgraphContext {
  loaders: LegalEntityLoaders;
  /** The clock: annual report windows and the abnormal operations list go by its day (China time). */
  now(): Date;
  /** The node's own key, which seals annual reports; null on a subgraph built without one (then filing fails). */
  nodeKey: ReportSeals | null;
}

/** The node key as annual reports use it: signing new versions, and checking stored ones. */
export interface ReportSeals extends ReportSealer {
  publicKey(keyId: string): Promise<string | null>;
  verifies(keyId: string, payload: string, signature: string): Promise<boolean>;
}
