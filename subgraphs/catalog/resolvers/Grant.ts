import type { GrantResolvers } from '../generated/resolvers.js';

export const Grant: GrantResolvers = {
  // Only the key: the type is looked up when a field beyond its code is read (see model.ts).
  certificateType: (grant) => ({ source: 'key', code: grant.typeCode }),
};
