import type { CertificateTypeResolvers } from '../generated/resolvers.js';

export const CertificateType: CertificateTypeResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.typeByCode.load(reference.code),
  items: (type, _args, ctx) => ctx.loaders.itemsByType.load(type.code),
  node: (_type, _args, ctx) => ctx.node.code,
};
