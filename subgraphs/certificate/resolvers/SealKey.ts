import type { SealKeyResolvers } from '../generated/resolvers.js';
import { SEAL_ALGORITHM } from '../sealing.js';

/** A published seal key (never its private key), under the contract's names. */
export const SealKey: SealKeyResolvers = {
  issuer: (key) => key.issuerCode,
  algorithm: () => SEAL_ALGORITHM,
  createdAt: (key) => key.createdAt.toISOString(),
  retiredAt: (key) => key.retiredAt?.toISOString() ?? null,
};
