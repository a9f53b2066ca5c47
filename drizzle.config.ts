import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit generates each subgraph's migrations from its own tables:
 * `SUBGRAPH=catalog npx drizzle-kit generate` (or `npm run db:generate` for all three).
 */
const subgraph = process.env['SUBGRAPH'] ?? 'catalog';

export default defineConfig({
  dialect: 'postgresql',
  schema: `./subgraphs/${subgraph}/db/schema.ts`,
  out: `./subgraphs/${subgraph}/db/migrations`,
  schemaFilter: [subgraph.replace('-', '_')],
});
