/**
 * Runs after every `npm install` / `npm ci` (package.json "postinstall"): mends known bugs of
 * pinned dependencies in node_modules until upstream releases carry the fix. Each patch names
 * the exact text it replaces, is applied once (a second run finds it applied) and fails the
 * install loudly when the text is not there — a new version must be checked, not patched blind.
 *
 * postgres 3.4.9 — a node process dies when its PostgreSQL restarts or fails over during a
 * transaction: the transaction's own ROLLBACK is written to the connection's socket after the
 * connection closed (socket null), throwing "Cannot read properties of null (reading 'write')"
 * where nothing can catch it (porsager/postgres issues #1066, #1154, #1208, unmerged fixes).
 * The patch fails such a query with CONNECTION_CLOSED instead; test/faults.test.ts restarts a
 * node's PostgreSQL under load to prove the node survives.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const MARK = '/* ecert-hub patch: closed socket */';

const POSTGRES_EDITS = [
  {
    before: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))
`,
    after: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))

    ${MARK}
    if (!socket)
      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))
`,
  },
  {
    before: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`,
    after: `  function nextWrite(fn) {
    if (!socket)
      return (chunk = nextWriteTimer = null, false)
    const x = socket.write(chunk, fn)`,
  },
  {
    before: `    incomings = null
    clearImmediate(nextWriteTimer)
    socket.removeListener('data', data)`,
    after: `    incomings = null
    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null
    socket.removeListener('data', data)`,
  },
];

const PATCHES = [
  { package: 'postgres', version: '3.4.9', files: ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'], edits: POSTGRES_EDITS },
];

let failed = false;
for (const patch of PATCHES) {
  const dir = join(ROOT, 'node_modules', patch.package);
  if (!existsSync(dir)) continue;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (version !== patch.version) {
    console.error(`patch-dependencies: ${patch.package} is ${version}, the patch is for ${patch.version}: check whether the bug is fixed, then update or drop the patch`);
    failed = true;
    continue;
  }
  for (const file of patch.files) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    let text = readFileSync(path, 'utf8');
    if (text.includes(MARK)) continue;
    for (const edit of patch.edits) {
      if (!text.includes(edit.before)) {
        console.error(`patch-dependencies: ${patch.package}/${file}: the text to patch is not there`);
        failed = true;
        break;
      }
      text = text.replace(edit.before, edit.after);
    }
    if (!failed) {
      writeFileSync(path, text);
      console.log(`patch-dependencies: patched ${patch.package}/${file}`);
    }
  }
}
if (failed) process.exit(1);
