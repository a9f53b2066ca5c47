import { notFound } from '../../../lib/errors.js';
import type { CatalogContext } from '../context.js';
import type { CertificateTypeResolvers } from '../generated/resolvers.js';
import { isRemoteType, isTypeKey, type CertificateTypeModel, type DescribedCertificateType } from '../model.js';

async function describe(code: string, ctx: CatalogContext): Promise<DescribedCertificateType> {
  const type = await ctx.loaders.describedType.load(code);
  // Types are never deleted, so a grant's type exists; its node may have lost it with its data.
  if (!type) throw notFound(`certificate type ${code} is in no catalog`);
  return type;
}

/**
 * A field of the type: at once for a row or another node's answer; for a grant's bare key,
 * after looking the type up here or at the node that keeps it (once per request and type).
 */
function field<T>(type: CertificateTypeModel, ctx: CatalogContext, pick: (type: DescribedCertificateType) => T): T | Promise<T> {
  return isTypeKey(type) ? describe(type.code, ctx).then(pick) : pick(type);
}

/**
 * The catalog subgraph owns CertificateType, so the gateway asks it — never another node — for
 * every field of a type it returns, including types a grant at the province names but another
 * node keeps: those fields come from that node's answer (`items`, `node` included).
 */
export const CertificateType: CertificateTypeResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.typeByCode.load(reference.code),
  name: (type, _args, ctx) => field(type, ctx, (t) => t.name),
  definingAuthority: (type, _args, ctx) => field(type, ctx, (t) => t.definingAuthority),
  holderKind: (type, _args, ctx) => field(type, ctx, (t) => t.holderKind),
  sharing: (type, _args, ctx) => field(type, ctx, (t) => t.sharing),
  validityYears: (type, _args, ctx) => field(type, ctx, (t) => t.validityYears),
  items: async (type, _args, ctx) => {
    const described = await field(type, ctx, (t) => t);
    return isRemoteType(described) ? described.items : ctx.loaders.itemsByType.load(described.code);
  },
  node: async (type, _args, ctx) => {
    const described = await field(type, ctx, (t) => t);
    return isRemoteType(described) ? described.node : ctx.node.code;
  },
};
