/** Error reports (纠错): Query.correctionRequests and myCorrectionRequests, Mutation.reportCertificateError and resolveCorrection, and their types. */
import { forbidden } from '../../../lib/errors.js';
import { nodeSeqConnection } from '../../kit/node-seq-page.js';
import type { CertificateContext } from '../context.js';
import { correctionRequestId, correctionRequestPage, isOverdue, reportCertificateError, resolveCorrection, type RecordCorrection } from '../corrections.js';
import type {
  CorrectionRequestConnectionResolvers,
  CorrectionRequestResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/resolvers.js';

/** The calling agency's code; shield lets only issuers through, this narrows the type. */
function agencyOf(ctx: CertificateContext): string {
  if (ctx.principal.kind !== 'agency') throw forbidden('not allowed: only an agency may do this');
  return ctx.principal.code;
}

/** The caller's code as a reporter: a holder's code or an agency's USCC (shield lets only those through). */
function reporterOf(ctx: CertificateContext): string {
  const { principal } = ctx;
  if (principal.kind !== 'holder' && principal.kind !== 'agency') throw forbidden('not allowed: only a holder or an agency reports errors on certificates');
  return principal.code;
}

/** The report's or the answer's access record, written inside its own transaction: about the certificate and its holder. */
const recordIn =
  (ctx: CertificateContext, change: 'reportCertificateError' | 'resolveCorrection'): RecordCorrection =>
  (tx, request) =>
    ctx.audit.writeChange(tx, change, { certificateId: request.certificateId, holderCode: request.holderCode });

export const correctionQueries: Pick<QueryResolvers, 'correctionRequests' | 'myCorrectionRequests'> = {
  // The gateway sends this to the authority's own node, where its certificates are kept.
  correctionRequests: (_parent, args, ctx) => correctionRequestPage(ctx.db, ctx.node.code, 'correctionRequests', { issuerCode: agencyOf(ctx) }, args),
  // The gateway asks every node (reports are kept with their certificates) and merges the pages.
  myCorrectionRequests: (_parent, args, ctx) => correctionRequestPage(ctx.db, ctx.node.code, 'myCorrectionRequests', { reporter: reporterOf(ctx) }, args),
};

export const correctionMutations: Pick<MutationResolvers, 'reportCertificateError' | 'resolveCorrection'> = {
  reportCertificateError: (_parent, { input }, ctx) =>
    reportCertificateError({ db: ctx.db, catalog: ctx.catalog }, ctx.principal, input, {
      at: ctx.now(),
      days: ctx.services.correctionDays,
      recordChange: recordIn(ctx, 'reportCertificateError'),
    }),
  resolveCorrection: (_parent, { id, outcome, reason, correctedVersion }, ctx) =>
    resolveCorrection(ctx.db, { code: agencyOf(ctx) }, ctx.node.code, id, { outcome, reason, correctedVersion }, {
      at: ctx.now(),
      recordChange: recordIn(ctx, 'resolveCorrection'),
    }),
};

export const CorrectionRequest: CorrectionRequestResolvers = {
  id: (request, _args, ctx) => correctionRequestId(ctx.node.code, request),
  node: (_request, _args, ctx) => ctx.node.code,
  createdAt: (request) => request.createdAt.toISOString(),
  resolvedAt: (request) => request.resolvedAt?.toISOString() ?? null,
  overdue: (request, _args, ctx) => isOverdue(request, ctx.today),
  // Both certificates are kept at the request's node: read here, under the Certificate rules.
  certificate: (request, _args, ctx) => ctx.loaders.certificateById.load(request.certificateId),
  correctedVersion: (request, _args, ctx) => (request.correctedVersion === null ? null : ctx.loaders.certificateById.load(request.correctedVersion)),
};

export const CorrectionRequestConnection: CorrectionRequestConnectionResolvers = { ...nodeSeqConnection };
