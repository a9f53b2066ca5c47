import type { MatterMaterialResolvers } from '../generated/resolvers.js';
import { materialAccessFor } from '../readiness.js';

export const MatterMaterial: MatterMaterialResolvers = {
  // The type as the catalog describes it now, wherever it is kept; null when no catalog keeps it.
  type: (material, _args, ctx) => ctx.loaders.describedType.load(material.certificateType),
  readable: async (material, _args, ctx) => (await materialAccessFor(material, ctx)).readable,
};
