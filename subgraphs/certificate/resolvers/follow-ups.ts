/** Follow-ups (待核查): Query.followUps and registryChanges, Mutation.dismissFollowUp, and their types. */
import { badInput, forbidden } from '../../../lib/errors.js';
import { nodeSeqConnection } from '../../kit/node-seq-page.js';
import type { CertificateContext } from '../context.js';
import { dismissFollowUp, followUpsPage, registryChanges } from '../follow-ups.js';
import type { FollowUpConnectionResolvers, FollowUpResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers.js';

/** The calling authority's code; shield lets only issuers through, this narrows the type. */
function issuerOf(ctx: CertificateContext): string {
  if (ctx.principal.kind !== 'agency') throw forbidden('not allowed: only an issuing authority has follow-ups');
  return ctx.principal.code;
}

export const followUpQueries: Pick<QueryResolvers, 'followUps' | 'registryChanges'> = {
  followUps: (_parent, args, ctx) => followUpsPage(ctx.db, ctx.node.code, issuerOf(ctx), args),
  registryChanges: (_parent, { node, after, first }, ctx) => {
    if (node !== ctx.node.code) throw badInput('node', `this is node ${ctx.node.code}: each node answers for its own registry`);
    return registryChanges(ctx.db, after, first ?? 500);
  },
};

export const followUpMutations: Pick<MutationResolvers, 'dismissFollowUp'> = {
  dismissFollowUp: (_parent, { id, note }, ctx) => dismissFollowUp(ctx.db, ctx.node.code, issuerOf(ctx), id, note, ctx.now()),
};

export const FollowUp: FollowUpResolvers = {
  id: (row, _args, ctx) => `${ctx.node.code}-${row.seq}`,
  node: (_row, _args, ctx) => ctx.node.code,
  since: (row) => row.since.toISOString(),
  doneAt: (row) => row.doneAt?.toISOString() ?? null,
  certificate: (row, _args, ctx) => ctx.loaders.certificateById.load(row.certificateId),
};

export const FollowUpConnection: FollowUpConnectionResolvers = nodeSeqConnection;
