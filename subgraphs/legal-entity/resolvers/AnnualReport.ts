import { SEAL_ALGORITHM, sm3Hex } from '../../../lib/seal/seal.js';
import { signedPayloadOf, withheldPartOf } from '../annual-reports.js';
import type { LegalEntityContext } from '../context.js';
import type { AnnualReportRow } from '../db/schema.js';
import type { AnnualReportResolvers, AnnualReportSealResolvers } from '../generated/resolvers.js';

/**
 * Whether the caller is the company the report is about. The public gets the unpublished fields
 * as null without an error (its contract does not show them, and its answer stays clean);
 * everyone else who is not the company is refused by the rules before these resolvers run.
 */
const isTheCompany = (ctx: LegalEntityContext, report: AnnualReportRow): boolean =>
  ctx.principal.kind === 'holder' && ctx.principal.holderKind === 'ORGANIZATION' && ctx.principal.code === report.uscc;

export const AnnualReport: AnnualReportResolvers = {
  filedAt: (report) => report.filedAt.toISOString(),
  phone: (report, _args, ctx) => (isTheCompany(ctx, report) ? report.phone : null),
  revenue: (report, _args, ctx) => (isTheCompany(ctx, report) ? report.revenue : null),
  seal: (report) => report,
  node: (_report, _args, ctx) => ctx.node.code,
};

export const AnnualReportSeal: AnnualReportSealResolvers = {
  algorithm: () => SEAL_ALGORITHM,
  keyId: (report) => report.sealKeyId,
  publicKey: (report, _args, ctx) => ctx.nodeKey?.publicKey(report.sealKeyId) ?? null,
  signature: (report) => report.sealSignature,
  signedPayload: (report, _args, ctx) => signedPayloadOf(report, ctx.node.code),
  digest: (report, _args, ctx) => sm3Hex(signedPayloadOf(report, ctx.node.code)),
  withheldDigest: (report) => sm3Hex(withheldPartOf(report)),
  withheldSalt: (report, _args, ctx) => (isTheCompany(ctx, report) ? report.salt : null),
  valid: async (report, _args, ctx) => (await ctx.nodeKey?.verifies(report.sealKeyId, signedPayloadOf(report, ctx.node.code), report.sealSignature)) ?? false,
};
