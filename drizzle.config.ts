import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit generates each subgraph's migrations from its own tables:
 * `SUBGRAPH=catalog npx drizzle-kit generate` (or `npm run db:generate` for all of them).
 * `SUBGRAPH=audit` generates the access log's, which every node keeps beside its subgraphs.
 */
const subgraph = process.env['SUBGRAPH'] ?? 'catalog';
const folder = subgraph === 'audit' ? './lib/audit/db' : `./subgraphs/${subgraph}/db`;

export default defineConfig({
  dialect: 'postgresql',
  schema: `${folder}/schema.ts`,
  out: `${folder}/migrations`,
  schemaFilter: [subgraph.replace('-', '_')],
});
