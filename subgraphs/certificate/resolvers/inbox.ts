/** The holder's inbox (政务通): Query.inbox, Mutation.markRead and sendNotice, and their types. */
import { forbidden } from '../../../lib/errors.js';
import { checkNotice, inboxCursor, inboxPage, markRead, messageId, writeNotice } from '../../events/inbox.js';
import type { CertificateContext } from '../context.js';
import type { InboxConnectionResolvers, InboxMessageResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers.js';

/** The calling holder's code; shield lets only holders through, this narrows the type. */
function holderOf(ctx: CertificateContext): string {
  if (ctx.principal.kind !== 'holder') throw forbidden('not allowed: only a holder has an inbox', 'NOT_THE_HOLDER');
  return ctx.principal.code;
}

export const inboxQueries: Pick<QueryResolvers, 'inbox'> = {
  inbox: (_parent, args, ctx) => inboxPage(ctx.db, ctx.node.code, holderOf(ctx), args, ctx.now),
};

export const inboxMutations: Pick<MutationResolvers, 'markRead' | 'sendNotice'> = {
  markRead: (_parent, { ids }, ctx) => markRead(ctx.db, ctx.node.code, holderOf(ctx), ids, ctx.now()),
  sendNotice: async (_parent, { input }, ctx) => {
    if (ctx.principal.kind !== 'agency') throw forbidden('not allowed: only an agency sends notices');
    const notice = checkNotice(input);
    const sender = ctx.principal.code;
    // The notice and the record that this agency wrote to the holder: one transaction.
    return ctx.db.transaction(async (tx) => {
      const row = await writeNotice(tx, sender, notice, ctx.now());
      await ctx.audit.writeChange(tx, 'sendNotice', { holderCode: notice.holderCode });
      return row;
    });
  },
};

export const InboxConnection: InboxConnectionResolvers = {
  edges: async (page) => {
    const { rows } = await page.window();
    return rows.map((row) => ({ cursor: inboxCursor(page.node, row), node: row }));
  },
  pageInfo: async (page) => {
    const { rows, hasNextPage } = await page.window();
    const last = rows.at(-1);
    return { hasNextPage, endCursor: last ? inboxCursor(page.node, last) : null };
  },
  totalCount: (page) => page.totalCount(),
};

export const InboxMessage: InboxMessageResolvers = {
  id: (row, _args, ctx) => messageId(ctx.node.code, row),
  node: (_row, _args, ctx) => ctx.node.code,
  // The certificate is kept at the node that keeps its events: read here, as its holder reads it.
  certificate: (row, _args, ctx) => (row.certificateId === null ? null : ctx.loaders.certificateById.load(row.certificateId)),
};
