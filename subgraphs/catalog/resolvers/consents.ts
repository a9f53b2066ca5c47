/** Holders' consents (授权用证): Query.myConsents, consentsGiven and liveConsents, Mutation.grantConsent and revokeConsent, and their types. */
import { matterCodeRegion } from '../../../lib/codes.js';
import { forbidden } from '../../../lib/errors.js';
import { nodeSeqConnection } from '../../kit/node-seq-page.js';
import {
  certificateHoldings,
  consentId,
  consentsGivenPage,
  consentsOfHolder,
  grantConsent,
  liveConsents,
  revokeConsent,
  type ConsentHolder,
  type ConsentLookups,
  type ConsentRecord,
} from '../consents.js';
import type { CatalogContext } from '../context.js';
import type { ConsentConnectionResolvers, ConsentResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers.js';

/** The calling holder; shield lets only holders through, this narrows the type. */
function holderOf(ctx: CatalogContext): ConsentHolder {
  if (ctx.principal.kind !== 'holder') throw forbidden('not allowed: only a holder gives, revokes and lists its own consents');
  return { code: ctx.principal.code, holderKind: ctx.principal.holderKind };
}

/** The calling agency's code; shield lets only agencies through, this narrows the type. */
function agencyOf(ctx: CatalogContext): string {
  if (ctx.principal.kind !== 'agency') throw forbidden('not authorized to read Query.consentsGiven: only an agency is given consents');
  return ctx.principal.code;
}

/**
 * A matter wherever it is kept: from this node's own table when its agency's region is this
 * node's (no round trip to itself), else from the catalog of the node that keeps it.
 * NODE_UNAVAILABLE when that node does not answer.
 */
async function matterAnywhere(code: string, ctx: CatalogContext): Promise<{ agencyCode: string; name: string; agencyName: string } | null> {
  if (ctx.nodeForRegion(matterCodeRegion(code)) === ctx.node.code || !ctx.matters) return ctx.loaders.matterByCode.load(code);
  return ctx.matters.getMatter(code);
}

/** What grantConsent reads beyond this node: the matter at its agency's node, the certificates' holders at theirs. */
const lookups = (ctx: CatalogContext): ConsentLookups => ({
  matter: (code) => matterAnywhere(code, ctx),
  holdings: (ids) => certificateHoldings(ids, ctx.peers, ctx.nodeForRegion),
});

/**
 * Writes a consent's change in the access log inside its transaction: a change about its holder,
 * with the consent's case number (办件号) when it names one.
 */
const recordAs =
  (change: 'grantConsent' | 'revokeConsent', holder: ConsentHolder, ctx: CatalogContext) =>
  (tx: CatalogContext['db'], detail: ConsentRecord) => {
    ctx.audit.useCaseNumber(detail.caseNumber, 'input.caseNumber');
    return ctx.audit.writeChange(tx, change, { holderCode: holder.code }, detail);
  };

export const consentQueries: Pick<QueryResolvers, 'myConsents' | 'consentsGiven' | 'liveConsents'> = {
  myConsents: (_parent, _args, ctx) => consentsOfHolder(ctx.db, holderOf(ctx)),
  consentsGiven: (_parent, args, ctx) => consentsGivenPage(ctx.db, ctx.node.code, agencyOf(ctx), args),
  liveConsents: (_parent, { agency, matter, certificateIds }, ctx) => liveConsents(ctx.db, agency, matter, certificateIds),
};

export const consentMutations: Pick<MutationResolvers, 'grantConsent' | 'revokeConsent'> = {
  grantConsent: (_parent, { input }, ctx) => {
    const holder = holderOf(ctx);
    return grantConsent(ctx.db, ctx.node.code, holder, input, lookups(ctx), recordAs('grantConsent', holder, ctx));
  },
  revokeConsent: (_parent, { id }, ctx) => {
    const holder = holderOf(ctx);
    return revokeConsent(ctx.db, ctx.node.code, holder, id, recordAs('revokeConsent', holder, ctx));
  },
};

export const Consent: ConsentResolvers = {
  id: (consent, _args, ctx) => consentId(ctx.node.code, consent.seq),
  // The names are the matter's as its node keeps them now; null when it keeps it no more.
  agencyName: async (consent, _args, ctx) => (await matterAnywhere(consent.matter, ctx))?.agencyName ?? null,
  matterName: async (consent, _args, ctx) => (await matterAnywhere(consent.matter, ctx))?.name ?? null,
  live: (consent) => consent.revokedAt === null && consent.expiresAt.getTime() > Date.now(),
};

export const ConsentConnection: ConsentConnectionResolvers = nodeSeqConnection;
