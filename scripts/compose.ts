/** npm run compose: composes schema/supergraph.graphql from the subgraphs' SDL, offline. */
import { writeFileSync } from 'node:fs';
import { composeSupergraph, supergraphPath } from '../schema/compose.js';

const result = composeSupergraph();
if ('errors' in result) {
  console.error('composition failed:');
  for (const error of result.errors) console.error(`  - ${error}`);
  process.exit(1);
}
writeFileSync(supergraphPath, result.supergraphSdl);
console.log(`wrote ${supergraphPath.pathname.split('/').slice(-2).join('/')}`);
