import { readAccessLog } from '../../audit/access-log.js';
import { anchorsOf, verifyAuditChain, type AnchorModel } from '../../audit/verify.js';
import { certificateIdProblem, usccProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import { listScope } from '../access.js';
import type { CertificateContext } from '../context.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { checkSeal, digestMatches, sealKeysOf } from '../sealing.js';
import { certificatePage, verification } from '../service.js';
import { newestVersionId } from '../version-chain.js';
import { verificationOutcome } from '../verification-tally.js';

const SM3_HEX = /^[0-9a-fA-F]{64}$/;
const NODE_CODE = /^\d{6}$/;

const ANCHORS_QUERY = /* GraphQL */ `
  query HubAuditAnchors($node: String!) { auditAnchors(node: $node) { node seq hash anchoredAt confirmedAt } }
`;

/**
 * The anchors of this node's chain, from the province node that keeps them (this node's own
 * table when it is the province); null when they cannot be read.
 */
async function anchorsOfThisNode(ctx: CertificateContext): Promise<AnchorModel[] | null> {
  const { province, peers } = ctx.services;
  if (province === ctx.node.code) return anchorsOf(ctx.db, ctx.node.code);
  if (!peers) return null;
  try {
    const answer = await peers.request<{ auditAnchors: Array<Omit<AnchorModel, 'anchoredAt' | 'confirmedAt'> & { anchoredAt: string; confirmedAt: string }> }>(
      province,
      'certificate',
      ANCHORS_QUERY,
      { node: ctx.node.code },
    );
    const anchors = answer.data?.auditAnchors;
    if (!anchors) return null;
    return anchors.map((anchor) => ({ ...anchor, anchoredAt: new Date(anchor.anchoredAt), confirmedAt: new Date(anchor.confirmedAt) }));
  } catch {
    return null;
  }
}

export const Query: QueryResolvers = {
  certificate: (_parent, { id }, ctx) => {
    const problem = certificateIdProblem(id);
    if (problem) throw badInput('id', problem);
    return ctx.loaders.certificateById.load(id);
  },
  certificates: (_parent, args, ctx) =>
    certificatePage(ctx.db, ctx.principal, ctx.node.code, args, ctx.today, (holderCode) => listScope(ctx, holderCode)),
  /**
   * The same small, bounded work for every certificate, whoever asks: the row, its items and
   * its key, one signature verification. An external certificate's scan is not read here: its
   * digest is checked whenever the scan is written, handed out or exported.
   */
  verifyCertificate: async (_parent, { id, digest }, ctx) => {
    const problem = certificateIdProblem(id);
    if (problem) throw badInput('id', problem);
    if (digest != null && !SM3_HEX.test(digest)) throw badInput('digest', 'must be an SM3 digest: 64 hexadecimal digits');
    if (digest != null) ctx.services.digests.admit(id);
    const row = await ctx.loaders.certificateById.load(id);
    if (!row) {
      ctx.services.verifications.note(ctx.today, '', 'NOT_FOUND');
      return verification(id, null, null, ctx.today, ctx.now());
    }
    // The payload is recomputed from the row and items as stored now: an edited face fails.
    const [items, key, currentId] = await Promise.all([
      ctx.loaders.itemsByCertificate.load(id),
      row.sealKeyId === null ? null : ctx.loaders.sealKeyById.load(row.sealKeyId),
      row.status === 'SUPERSEDED' ? newestVersionId(ctx.db, row) : row.id,
    ]);
    const { signedPayload, signatureValid } = checkSeal(row, items, key);
    const matches = digest == null ? null : digestMatches(digest, signedPayload);
    if (matches !== null) ctx.services.digests.note(id, matches);
    const answer = verification(id, row, { signatureValid, digestMatches: matches }, ctx.today, ctx.now(), currentId);
    ctx.services.verifications.note(ctx.today, row.typeCode, verificationOutcome(answer));
    return answer;
  },
  sealKeys: (_parent, { issuer }, ctx) => {
    const problem = usccProblem(issuer);
    if (problem) throw badInput('issuer', problem);
    return sealKeysOf(ctx.db, issuer);
  },
  // Routed to the node named: each node publishes its own keys.
  nodeKeys: (_parent, { node }, ctx) => {
    if (!NODE_CODE.test(node)) throw badInput('node', 'a 6-digit node code such as 350200');
    return node === ctx.node.code ? ctx.services.nodeKey.published() : [];
  },
  accessLog: (_parent, args, ctx) => readAccessLog(ctx.db, ctx.node.code, ctx.principal, args),
  // A list of one: the gateway concatenates every node's answer.
  auditChain: async (_parent, _args, ctx) => [await verifyAuditChain(ctx.db, ctx.node.code, ctx.node.auditKeys, await anchorsOfThisNode(ctx))],
  auditAnchors: (_parent, { node }, ctx) => {
    if (!NODE_CODE.test(node)) throw badInput('node', 'a 6-digit node code such as 350200');
    return anchorsOf(ctx.db, node);
  },
};
