import { GraphQLError } from 'graphql';
import { chainHead, recordAnchor, type AnchorModel } from '../../audit/verify.js';
import { badInput, forbidden } from '../../../lib/errors.js';
import type { Principal } from '../../../lib/principal.js';
import type { CertificateContext } from '../context.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { rotateSealKey } from '../sealing.js';
import { sharedSealPool } from '../../../lib/seal/seal-pool.js';
import { importCertificates } from '../conversion.js';
import { changeCertificateStatus, issueCertificate, registerExternalCertificate, type RecordChange } from '../service.js';
import { amendCertificate } from '../versions.js';

/** The calling agency; shield lets only issuers through, this narrows the type. */
function agencyOf(principal: Principal) {
  if (principal.kind !== 'agency') throw forbidden('not allowed: only an agency may do this');
  return principal;
}

/** The change's access record, written inside the change's own transaction. */
const recordIn =
  (ctx: CertificateContext, change: string): RecordChange =>
  (tx, row) =>
    ctx.audit.writeChange(tx, change, { certificateId: row.id, holderCode: row.holderCode });

const RECORD_ANCHOR = /* GraphQL */ `
  mutation HubRecordAuditAnchor($node: String!, $seq: Int!, $hash: String!) {
    recordAuditAnchor(node: $node, seq: $seq, hash: $hash) { node seq hash anchoredAt confirmedAt }
  }
`;

type AnchorAnswer = Omit<AnchorModel, 'anchoredAt' | 'confirmedAt'> & { anchoredAt: string; confirmedAt: string };

/**
 * Anchors this node's chain head at the province node: there directly when this node is the
 * province, else through the province's recordAuditAnchor, on this node's own account.
 */
async function anchorThisNode(ctx: CertificateContext): Promise<AnchorModel[]> {
  const head = await chainHead(ctx.db, ctx.node.code);
  if (!head) return [];
  const { province, peers } = ctx.services;
  if (province === ctx.node.code) return [await recordAnchor(ctx.db, ctx.node.code, head)];
  if (!peers) throw new GraphQLError(`node ${ctx.node.code} cannot reach the province node to anchor its chain`, { extensions: { code: 'NODE_UNAVAILABLE', node: province } });
  const answer = await peers.request<{ recordAuditAnchor: AnchorAnswer }>(province, 'certificate', RECORD_ANCHOR, { node: ctx.node.code, ...head });
  const anchor = answer.data?.recordAuditAnchor;
  if (!anchor) {
    throw new GraphQLError(`the province node did not keep the anchor of ${ctx.node.code}: ${answer.errors?.[0]?.message ?? 'no answer'}`, {
      extensions: { code: 'NODE_UNAVAILABLE', node: province },
    });
  }
  return [{ ...anchor, anchoredAt: new Date(anchor.anchoredAt), confirmedAt: new Date(anchor.confirmedAt) }];
}

const HASH_HEX = /^[0-9a-f]{64}$/;

export const Mutation: MutationResolvers = {
  issueCertificate: async (_parent, { input }, ctx) => {
    const agency = agencyOf(ctx.principal);
    const row = await issueCertificate(
      { db: ctx.db, catalog: ctx.catalog, kek: ctx.services.kek },
      { code: agency.code, name: agency.name ?? agency.code },
      input,
      { today: ctx.today, at: ctx.now(), recordChange: recordIn(ctx, 'issueCertificate') },
    );
    ctx.loaders.certificateById.prime(row.id, row);
    return row;
  },
  changeCertificateStatus: async (_parent, { id, status, reason, effectiveOn }, ctx) => {
    const row = await changeCertificateStatus(ctx.db, agencyOf(ctx.principal), id, status, reason, {
      today: ctx.today,
      at: ctx.now(),
      effectiveOn,
      recordChange: recordIn(ctx, 'changeCertificateStatus'),
    });
    ctx.loaders.certificateById.clear(id).prime(id, row);
    return row;
  },
  amendCertificate: async (_parent, { id, input }, ctx) => {
    const agency = agencyOf(ctx.principal);
    const row = await amendCertificate(
      { db: ctx.db, catalog: ctx.catalog, kek: ctx.services.kek },
      { code: agency.code, name: agency.name ?? agency.code },
      id,
      input,
      { today: ctx.today, at: ctx.now(), recordChange: recordIn(ctx, 'amendCertificate') },
    );
    // The version amended is SUPERSEDED now: read it again if the answer asks for it.
    ctx.loaders.certificateById.clear(id).prime(row.id, row);
    return row;
  },
  importCertificates: async (_parent, { typeCode, rows }, ctx) => {
    const agency = agencyOf(ctx.principal);
    const { sign } = sharedSealPool();
    const outcome = await importCertificates({ db: ctx.db, catalog: ctx.catalog, kek: ctx.services.kek, sign }, { code: agency.code, name: agency.name ?? agency.code }, typeCode, rows, {
      today: ctx.today,
      at: ctx.now(),
      // Each certificate's record is written with its batch, as for issueCertificate.
      recordChanges: (tx, stored) =>
        ctx.audit.writeChanges(
          tx,
          'importCertificates',
          stored.map((row) => ({ certificateId: row.id, holderCode: row.holderCode })),
        ),
    });
    ctx.node.counters?.importedRows({ accepted: outcome.imported, skipped: outcome.skipped, rejected: outcome.rejected.length });
    return outcome;
  },
  registerExternalCertificate: async (_parent, { input }, ctx) => {
    const agency = agencyOf(ctx.principal);
    const row = await registerExternalCertificate(
      { db: ctx.db, kek: ctx.services.kek, quota: ctx.services.scanQuota },
      { code: agency.code, name: agency.name ?? agency.code },
      input,
      {
        today: ctx.today,
        at: ctx.now(),
        recordChange: recordIn(ctx, 'registerExternalCertificate'),
      },
    );
    ctx.loaders.certificateById.prime(row.id, row);
    return row;
  },
  rotateSealKey: (_parent, _args, ctx) =>
    rotateSealKey(ctx.db, ctx.services.kek, agencyOf(ctx.principal).code, {
      at: ctx.now(),
      record: (tx) => ctx.audit.writeChange(tx, 'rotateSealKey', {}),
    }),
  // A list of one (or none for an empty chain): the gateway concatenates every node's answer.
  anchorAuditChains: (_parent, _args, ctx) => anchorThisNode(ctx),
  recordAuditAnchor: (_parent, { node, seq, hash }, ctx) => {
    if (ctx.node.code !== ctx.services.province) throw forbidden('not allowed: anchors are kept at the province node');
    if (!Number.isInteger(seq) || seq < 1) throw badInput('seq', 'a record sequence number, at least 1');
    if (!HASH_HEX.test(hash)) throw badInput('hash', 'a record hash: 64 lowercase hexadecimal digits');
    return recordAnchor(ctx.db, node, { seq, hash });
  },
};
