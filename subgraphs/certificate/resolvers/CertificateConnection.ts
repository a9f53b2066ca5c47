import type { CertificateConnectionResolvers } from '../generated/resolvers.js';
import { cursorOf } from '../service.js';

export const CertificateConnection: CertificateConnectionResolvers = {
  edges: async (page, _args, ctx) => {
    const { rows } = await page.window();
    for (const row of rows) ctx.loaders.certificateById.prime(row.id, row);
    return rows.map((row) => ({ cursor: cursorOf(row), node: row }));
  },
  pageInfo: async (page) => {
    const { rows, hasNextPage } = await page.window();
    const last = rows.at(-1);
    return { hasNextPage, endCursor: last ? cursorOf(last) : null };
  },
  totalCount: (page) => page.totalCount(),
};
