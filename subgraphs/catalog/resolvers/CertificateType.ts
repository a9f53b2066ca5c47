import { notFound } from '../../../lib/errors.js';
import type { CatalogContext } from '../context.js';
import type { CertificateTypeResolvers } from '../generated/resolvers.js';
import type { TypeHistory } from '../loaders.js';
import { isDefinedType, isRemoteType, isTypeKey, type CertificateTypeModel, type DescribedCertificateType } from '../model.js';

async function describe(code: string, ctx: CatalogContext): Promise<DescribedCertificateType> {
  const type = await ctx.loaders.describedType.load(code);
  // Types are never deleted, so a grant's type exists; its node may have lost it with its data.
  if (!type) throw notFound(`certificate type ${code} is in no catalog`);
  return type;
}

/** The version history of a type kept at another node, from that node (once per request and type). */
async function historyOf(code: string, ctx: CatalogContext): Promise<TypeHistory> {
  const history = await ctx.loaders.remoteHistory.load(code);
  if (!history) throw notFound(`certificate type ${code} is in no catalog`);
  return history;
}

/**
 * A field of the type: at once for a row, another node's answer or a type just defined; for a grant's bare key,
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
  issuers: (type, _args, ctx) => field(type, ctx, (t) => [...(t.issuers ?? [])]),
  items: async (type, _args, ctx) => {
    const described = await field(type, ctx, (t) => t);
    return isRemoteType(described) || isDefinedType(described) ? described.items : ctx.loaders.itemsByType.load(described.code);
  },
  node: async (type, _args, ctx) => {
    const described = await field(type, ctx, (t) => t);
    return isRemoteType(described) ? described.node : ctx.node.code;
  },
  version: async (type, _args, ctx) => {
    const described = await field(type, ctx, (t) => t);
    return isRemoteType(described) ? (await historyOf(described.code, ctx)).version : described.version;
  },
  versions: async (type, _args, ctx) => {
    const described = await field(type, ctx, (t) => t);
    // A dry run's type lists the versions kept: the one it shows is not among them.
    return isRemoteType(described) ? (await historyOf(described.code, ctx)).versions : ctx.loaders.versionsByType.load(described.code);
  },
  // Only the answer of defineCertificateType carries a change; a type read any other way has none.
  change: (type) => (!isTypeKey(type) && isDefinedType(type) ? type.change : null),
};
