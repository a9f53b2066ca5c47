/**
 * npm run schema:check [-- --accept-breaking "reason" [--path Type.field]...]
 * npm run schema:release [-- --version X.Y.Z] [--allow-breaking "reason"] [--notes "what agencies should know"]
 *
 * Compares the API schema of schema/supergraph.graphql (what clients see, without federation
 * internals) with the last release in schema/releases/ and prints every change, grouped as
 * breaking, dangerous and safe (graphql-inspector). Exits 1 when a breaking change is not marked
 * as accepted, when nothing has been released yet, or when the supergraph is stale. See
 * schema/governance.ts for the release store and the README for the stewards' workflow.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isoDate } from '../lib/codes.js';
import { composeSupergraph, supergraphPath } from '../schema/compose.js';
import {
  ACCEPTED_FILE,
  acceptBreaking,
  apiSchemaSdl,
  checkPasses,
  compareWithRelease,
  formatReport,
  MANIFEST_FILE,
  ReleaseRefused,
  releaseSchema,
  releasesDir,
} from '../schema/governance.js';
import { cliArgs, fail } from './args.js';

const USAGE = `usage: npm run schema:check [-- --accept-breaking "reason" [--path Type.field]...]
       npm run schema:release [-- --version X.Y.Z] [--allow-breaking "reason"] [--notes "what agencies should know"]
options: --supergraph FILE (default schema/supergraph.graphql)  --releases DIR (default schema/releases)
         --date YYYY-MM-DD (release date, default today in China time)`;

const { values } = cliArgs(USAGE, {
  release: { type: 'boolean' },
  version: { type: 'string' },
  'allow-breaking': { type: 'string' },
  notes: { type: 'string' },
  'accept-breaking': { type: 'string' },
  path: { type: 'string', multiple: true },
  supergraph: { type: 'string' },
  releases: { type: 'string' },
  date: { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.release && (values.version !== undefined || values['allow-breaking'] !== undefined || values.notes !== undefined)) {
  fail(`--version, --allow-breaking and --notes are for npm run schema:release\n${USAGE}`);
}
if (values.path !== undefined && values['accept-breaking'] === undefined) fail(`--path goes with --accept-breaking\n${USAGE}`);
if (values.release && values['accept-breaking'] !== undefined) {
  fail(`--accept-breaking is for npm run schema:check; a release takes --allow-breaking\n${USAGE}`);
}
const date = values.date ?? isoDate(new Date());
if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`--date: not YYYY-MM-DD: ${date}`);

const dir = values.releases ?? releasesDir;
const supergraphFile = values.supergraph ?? fileURLToPath(supergraphPath);
/** A path as the user would type it: relative to the working directory when inside it. */
const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
};
const label = shown(supergraphFile);
const supergraphSdl = readFileSync(supergraphFile, 'utf8');

// The committed supergraph is what the gateway serves; if the SDL composes to something else,
// the comparison would be about a schema nobody runs.
if (values.supergraph === undefined) {
  const composed = composeSupergraph();
  if ('errors' in composed) fail(`the subgraphs' SDL does not compose:\n${composed.errors.map((e) => `  - ${e}`).join('\n')}`);
  if (composed.supergraphSdl !== supergraphSdl) fail(`${label} is not what the subgraphs' SDL composes to: run npm run compose first`);
}

const current = apiSchemaSdl(supergraphSdl);
const comparison = await compareWithRelease(dir, current);
console.log(formatReport(comparison, label));
const where = shown(dir).replace(/\/$/, '');

if (values.release) {
  try {
    const release = await releaseSchema(dir, current, { version: values.version, date, allowBreaking: values['allow-breaking'], notes: values.notes });
    console.log(
      `\nreleased ${release.version} (${release.date}): ${where}/${release.schema}, recorded in ${where}/${MANIFEST_FILE}` +
        (release.acceptedBreaking.length > 0 ? ` with ${release.acceptedBreaking.length} accepted breaking change(s)` : '') +
        '. Commit them.',
    );
  } catch (error) {
    if (error instanceof ReleaseRefused) fail(`\nrelease refused: ${error.message}`);
    throw error;
  }
} else if (values['accept-breaking'] !== undefined) {
  try {
    const marked = acceptBreaking(dir, comparison, values['accept-breaking'], date, values.path);
    console.log(
      marked.length === 0
        ? '\nno unmarked breaking change to accept'
        : `\naccepted ${marked.length} breaking change(s) for the next release in ${where}/${ACCEPTED_FILE}: commit it with the schema change`,
    );
  } catch (error) {
    if (error instanceof ReleaseRefused) fail(`\n${error.message}`);
    throw error;
  }
  const after = await compareWithRelease(dir, current);
  if (!checkPasses(after)) fail('\nschema check FAILED');
  console.log('schema check passed');
} else if (checkPasses(comparison)) {
  const marked = comparison.changes.filter((change) => change.accepted).length;
  console.log(`\nschema check passed${marked > 0 ? ` (${marked} breaking change(s) accepted for the next release)` : ''}`);
} else {
  const { unmarked } = comparison;
  fail(
    unmarked.length > 0
      ? `\nschema check FAILED: ${unmarked.length} breaking change(s) not marked. If intended, mark them with\n` +
          `  npm run schema:check -- --accept-breaking "why clients must change" [--path Type.field]...\n` +
          `(writes ${where}/${ACCEPTED_FILE}; commit it), or release them with npm run schema:release -- --allow-breaking "why".`
      : comparison.previous === null
        ? '\nschema check FAILED: nothing released to compare with'
        : `\nschema check FAILED: ${comparison.problems.join('; ')}`,
  );
}
