import { forbidden } from '../../../lib/errors.js';
import type { Principal } from '../../../lib/principal.js';
import type { CertificateContext } from '../context.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { rotateSealKey } from '../sealing.js';
import { sharedSealPool } from '../../../lib/seal-pool.js';
import { importCertificates } from '../conversion.js';
import { changeCertificateStatus, issueCertificate, registerExternalCertificate, type RecordChange } from '../service.js';

/** The calling agency; shield lets only issuers through, this narrows the type. */
function agencyOf(principal: Principal) {
  if (principal.kind !== 'agency') throw forbidden('only an agency may do this');
  return principal;
}

/** The change's access record, written inside the change's own transaction. */
const recordIn =
  (ctx: CertificateContext, change: string): RecordChange =>
  (tx, row) =>
    ctx.audit.writeChange(tx, change, { certificateId: row.id, holderCode: row.holderCode });

export const Mutation: MutationResolvers = {
  issueCertificate: async (_parent, { input }, ctx) => {
    const agency = agencyOf(ctx.principal);
    const row = await issueCertificate(
      { db: ctx.db, catalog: ctx.catalog },
      { code: agency.code, name: agency.name ?? agency.code },
      input,
      { today: ctx.today, at: ctx.now(), recordChange: recordIn(ctx, 'issueCertificate') },
    );
    ctx.loaders.certificateById.prime(row.id, row);
    return row;
  },
  changeCertificateStatus: async (_parent, { id, status, reason }, ctx) => {
    const row = await changeCertificateStatus(ctx.db, agencyOf(ctx.principal), id, status, reason, {
      today: ctx.today,
      at: ctx.now(),
      recordChange: recordIn(ctx, 'changeCertificateStatus'),
    });
    ctx.loaders.certificateById.clear(id).prime(id, row);
    return row;
  },
  importCertificates: async (_parent, { typeCode, rows }, ctx) => {
    const agency = agencyOf(ctx.principal);
    const { sign } = sharedSealPool();
    return importCertificates({ db: ctx.db, catalog: ctx.catalog, sign }, { code: agency.code, name: agency.name ?? agency.code }, typeCode, rows, {
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
  },
  registerExternalCertificate: async (_parent, { input }, ctx) => {
    const agency = agencyOf(ctx.principal);
    const row = await registerExternalCertificate(ctx.db, { code: agency.code, name: agency.name ?? agency.code }, input, {
      today: ctx.today,
      at: ctx.now(),
      recordChange: recordIn(ctx, 'registerExternalCertificate'),
    });
    ctx.loaders.certificateById.prime(row.id, row);
    return row;
  },
  rotateSealKey: (_parent, _args, ctx) =>
    rotateSealKey(ctx.db, agencyOf(ctx.principal).code, {
      at: ctx.now(),
      record: (tx) => ctx.audit.writeChange(tx, 'rotateSealKey', {}),
    }),
};
