import type { MatterResolvers } from '../generated/resolvers.js';
import { materialAccessFor } from '../readiness.js';

export const Matter: MatterResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.matterByCode.load(reference.code),
  materials: (matter) => matter.materials.map((material) => ({ ...material, matter })),
  // Every required material readable without consent; the materials are decided together, so a
  // request reads each type and the agency's grants once however many materials name them.
  paperlessReady: async (matter, _args, ctx) => {
    const required = matter.materials.filter((material) => material.required);
    const decisions = await Promise.all(required.map((material) => materialAccessFor({ ...material, matter }, ctx)));
    return decisions.every((decision) => decision.readable);
  },
  node: (_matter, _args, ctx) => ctx.node.code,
};
