import { readAccessLog } from '../../../lib/audit/access-log.js';
import { verifyAuditChain } from '../../../lib/audit/verify.js';
import { certificateIdProblem, usccProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { scanIntact } from '../scan.js';
import { checkSeal, digestMatches, sealKeysOf } from '../sealing.js';
import { certificatePage, verification } from '../service.js';

const SM3_HEX = /^[0-9a-fA-F]{64}$/;

export const Query: QueryResolvers = {
  certificate: (_parent, { id }, ctx) => {
    const problem = certificateIdProblem(id);
    if (problem) throw badInput('id', problem);
    return ctx.loaders.certificateById.load(id);
  },
  certificates: (_parent, args, ctx) => certificatePage(ctx.db, ctx.principal, ctx.node.code, args, ctx.today),
  verifyCertificate: async (_parent, { id, digest }, ctx) => {
    const problem = certificateIdProblem(id);
    if (problem) throw badInput('id', problem);
    if (digest != null && !SM3_HEX.test(digest)) throw badInput('digest', 'must be an SM3 digest: 64 hexadecimal digits');
    const row = await ctx.loaders.certificateById.load(id);
    if (!row) return verification(id, null, null, ctx.today, ctx.now());
    // The payload is recomputed from the row and items as stored now: an edited face fails.
    const [items, key, scan] = await Promise.all([
      ctx.loaders.itemsByCertificate.load(id),
      row.sealKeyId === null ? null : ctx.loaders.sealKeyById.load(row.sealKeyId),
      row.scanDigest === null ? null : ctx.loaders.scanByCertificate.load(id),
    ]);
    const { signedPayload, signatureValid } = checkSeal(row, items, key);
    // An external certificate's seal covers its scan's digest: the stored scan must still have it.
    const scanValid = row.scanDigest === null || (scan !== null && scanIntact(scan.content, row.scanDigest));
    const seal = {
      signatureValid: signatureValid === null ? null : signatureValid && scanValid,
      digestMatches: digest == null ? null : digestMatches(digest, signedPayload),
    };
    return verification(id, row, seal, ctx.today, ctx.now());
  },
  sealKeys: (_parent, { issuer }, ctx) => {
    const problem = usccProblem(issuer);
    if (problem) throw badInput('issuer', problem);
    return sealKeysOf(ctx.db, issuer);
  },
  accessLog: (_parent, args, ctx) => readAccessLog(ctx.db, ctx.node.code, ctx.principal, args),
  // A list of one: the gateway concatenates every node's answer.
  auditChain: async (_parent, _args, ctx) => [await verifyAuditChain(ctx.db, ctx.node.code)],
};
