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
 *
 * Second path, the same closed connection afterwards. sql.begin's (and sql.reserve's) query
 * handler reads a falsy execute() as "pipeline full" and moves the connection to the pool's
 * `full` queue. The ROLLBACK above comes after the close already put the connection back in
 * `closed`, so failing it with a falsy return took the connection out of the pool for good
 * (nothing moves a connection without a socket out of `full`): after `max` lost transactions
 * every query waited forever. Now execute() answers true for such a query, settled at once, and
 * the connection stays in `closed`, to reconnect on demand; sql.reserve's release() no longer
 * hands a connection the close took back to onopen(), which would put it, dead, in `open`.
 * Reconnecting it, the server's error that came before the close (57P01 "terminating
 * connection due to administrator command") was still pending and failed the new session's
 * first query: the close now drops it, as it already settled the lost query.
 *
 * Each patch is a list of stages; a stage is skipped where its mark is already in the file, so
 * a later stage also lands on a tree patched by an earlier version of this script.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const MARK = '/* ecert-hub patch: closed socket */';
const MARK_POOL = '/* ecert-hub patch: closed connection back to its pool */';

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

const POSTGRES_POOL_EDITS = [
  {
    before: `    ${MARK}
    if (!socket)
      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))
`,
    after: `    ${MARK}
    ${MARK_POOL}
    if (!socket)
      return (queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true)
`,
  },
  {
    before: `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    closedTime = performance.now()`,
    after: `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    errorResponse = null
    closedTime = performance.now()`,
  },
];

const POSTGRES_RELEASE_EDITS = [
  {
    before: `    sql.release = () => {
      c.reserved = null
      onopen(c)
    }`,
    after: `    sql.release = () => {
      ${MARK_POOL}
      c.reserved && (c.reserved = null, onopen(c))
    }`,
  },
];

const POSTGRES_FILES = (name) => [`src/${name}`, `cjs/src/${name}`, `cf/src/${name}`];

const PATCHES = [
  {
    package: 'postgres',
    version: '3.4.9',
    files: POSTGRES_FILES('connection.js'),
    stages: [
      { mark: MARK, edits: POSTGRES_EDITS },
      { mark: MARK_POOL, edits: POSTGRES_POOL_EDITS },
    ],
  },
  { package: 'postgres', version: '3.4.9', files: POSTGRES_FILES('index.js'), stages: [{ mark: MARK_POOL, edits: POSTGRES_RELEASE_EDITS }] },
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
    const original = readFileSync(path, 'utf8');
    let text = original;
    stages: for (const stage of patch.stages) {
      if (text.includes(stage.mark)) continue;
      for (const edit of stage.edits) {
        if (!text.includes(edit.before)) {
          console.error(`patch-dependencies: ${patch.package}/${file}: the text to patch is not there (${stage.mark})`);
          failed = true;
          break stages;
        }
        text = text.replace(edit.before, edit.after);
      }
    }
    if (!failed && text !== original) {
      writeFileSync(path, text);
      console.log(`patch-dependencies: patched ${patch.package}/${file}`);
    }
  }
}
if (failed) process.exit(1);
