import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit generates the migrations of each part of a node's database from its own tables:
 * `SUBGRAPH=catalog npx drizzle-kit generate` (or `npm run db:generate` for all of them);
 * `SUBGRAPH=audit` is the access log and `SUBGRAPH=events` the outbox, inboxes and webhooks,
 * which every node keeps beside its subgraphs.
 */
const subgraph = process.env['SUBGRAPH'] ?? 'catalog';
const folder = `./subgraphs/${subgraph}/db`;

export default defineConfig({
  dialect: 'postgresql',
  schema: `${folder}/schema.ts`,
  out: `${folder}/migrations`,
  schemaFilter: [subgraph.replace('-', '_')],
});
