import type { StatusChangeResolvers } from '../generated/resolvers.js';

export const StatusChange: StatusChangeResolvers = {
  at: (change) => change.at.toISOString(),
  from: (change) => change.fromStatus,
  to: (change) => change.toStatus,
  effectiveOn: (change) => change.effectiveOn,
};
