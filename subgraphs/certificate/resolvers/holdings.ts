/** Query.certificateHolders: who holds which certificate, for the province's consent checks (授权用证). */
import { certificateIdProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import type { CertificateHolding, QueryResolvers } from '../generated/resolvers.js';

/** The most ids one question may name: a consent names at most 20 certificates. */
const MAX_IDS = 100;

export const holdingQueries: Pick<QueryResolvers, 'certificateHolders'> = {
  certificateHolders: async (_parent, { node, ids }, ctx) => {
    if (node !== ctx.node.code) throw badInput('node', `this is node ${ctx.node.code}: each node answers for the certificates it keeps`);
    if (ids.length === 0 || ids.length > MAX_IDS) throw badInput('ids', `1 to ${MAX_IDS} certificate ids`);
    ids.forEach((id, i) => {
      const problem = certificateIdProblem(id);
      if (problem) throw badInput(`ids[${i}]`, problem);
    });
    // One statement for them all (the loader's batch), in the order asked.
    const rows = await ctx.loaders.certificateById.loadMany(ids);
    return ids.map((id, i): CertificateHolding => {
      const row = rows[i];
      if (row instanceof Error) throw row;
      if (!row) return { id, found: false, holderKind: null, holderCode: null, current: null };
      return { id, found: true, holderKind: row.holderKind, holderCode: row.holderCode, current: row.status !== 'SUPERSEDED' };
    });
  },
};
