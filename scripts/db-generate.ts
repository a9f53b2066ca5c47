/** Regenerates the drizzle-kit migrations of every subgraph (and of the access log and the events) from its Drizzle tables. */
import { spawnSync } from 'node:child_process';

const name = process.argv[2];
for (const subgraph of name ? [name] : ['catalog', 'legal-entity', 'certificate', 'audit', 'events']) {
  const result = spawnSync('npx', ['drizzle-kit', 'generate'], { stdio: 'inherit', env: { ...process.env, SUBGRAPH: subgraph } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
