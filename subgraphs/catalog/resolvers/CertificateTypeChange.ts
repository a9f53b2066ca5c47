import { GraphQLError } from 'graphql';
import type { CatalogContext } from '../context.js';
import type { GrantRow } from '../db/schema.js';
import type { CertificateTypeChangeResolvers } from '../generated/resolvers.js';
import { liveGrantsOfType } from '../service.js';

const GRANTS_OF_TYPE = /* GraphQL */ `
  query HubGrantsOfType($code: ID!) { grantsOfType(code: $code) { id agency items purposes expiresAt createdAt createdBy } }
`;

type ListedGrant = Pick<GrantRow, 'id' | 'agency' | 'items' | 'purposes' | 'createdBy'> & { expiresAt: string | null; createdAt: string };

/**
 * The grants in force on a type: kept at the province node, so read there — from this node's
 * own table when it is the province, else from the province's catalog on this node's account.
 */
async function liveGrantsOn(code: string, ctx: CatalogContext): Promise<GrantRow[]> {
  if (ctx.province === ctx.node.code) return liveGrantsOfType(ctx.db, code);
  const unavailable = (reason: string) =>
    new GraphQLError(`the grants on ${code} could not be read from the province node: ${reason}`, {
      extensions: { code: 'NODE_UNAVAILABLE', node: ctx.province },
    });
  if (!ctx.peers) throw unavailable('this node has no way to reach it');
  const answer = await ctx.peers.request<{ grantsOfType: ListedGrant[] }>(ctx.province, 'catalog', GRANTS_OF_TYPE, { code });
  const listed = answer.data?.grantsOfType;
  if (!listed) throw unavailable(answer.errors?.[0]?.message ?? 'no answer');
  return listed.map((grant) => ({
    ...grant,
    typeCode: code,
    expiresAt: grant.expiresAt === null ? null : new Date(grant.expiresAt),
    createdAt: new Date(grant.createdAt),
    revokedAt: null,
    revokedBy: null,
  }));
}

export const CertificateTypeChange: CertificateTypeChangeResolvers = {
  // Read only when asked for, and only when the change can affect a grant at all.
  affectedGrants: async (change, _args, ctx) => {
    const { all, items } = change.affects;
    if (!all && items.length === 0) return [];
    const grants = await liveGrantsOn(change.typeCode, ctx);
    return all ? grants : grants.filter((grant) => grant.items.some((item) => items.includes(item)));
  },
};
