/**
 * A node's data directory holds its database (seal keys, personal data, the audit chain) and
 * the hub's development keys: no other local user may read it. Two halves, both needed:
 * - the umask, for files created later by code that picks its own modes (PGlite writes new WAL
 *   segments and relation files through Node's fs with 0666/0777, minus the umask);
 * - a walk that fixes what exists already: trees created by versions before this one, or by a
 *   process started with a permissive umask (0755 directories, 0666 files).
 */
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const PRIVATE_DIRECTORY = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * Adds 0o077 to the process umask, so that every file and directory the process creates from
 * now on is its user's alone, whoever creates it. Only tightens: a stricter umask set by the
 * operator stays. Process-wide on purpose: a library writing files later with modes of its own
 * (PGlite) cannot be given a mode per file. In a worker thread, which may not set the umask,
 * it does nothing: the main thread's entry point sets it for the whole process.
 */
export function keepNewFilesPrivate(): void {
  if (!isMainThread) return;
  // Setting 0o077 first, not reading with process.umask(): no moment with a looser mask.
  const previous = process.umask(0o077);
  process.umask(previous | 0o077);
}

/**
 * Creates `dir` (and missing parents) 0700, then makes it and everything under it private:
 * directories 0700, regular files 0600. Symbolic links are neither followed nor changed, and
 * other kinds of file are left alone, as are the entries `skip` picks (and what is in them). A
 * directory is restricted before its entries are read, so from then on only this user can
 * change what is in it. A file removed while the walk runs (by another process of the hub) is
 * passed over: it is no longer there to protect.
 */
export async function makePrivateTree(dir: string, options: { skip?: (path: string) => boolean } = {}): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIRECTORY });
  await restrict(dir, options.skip ?? (() => false));
}

async function restrict(path: string, skip: (path: string) => boolean): Promise<void> {
  let entries: string[];
  try {
    const stat = await lstat(path);
    if (stat.isFile() && (stat.mode & 0o7777) !== PRIVATE_FILE) await chmod(path, PRIVATE_FILE);
    if (!stat.isDirectory()) return;
    if ((stat.mode & 0o7777) !== PRIVATE_DIRECTORY) await chmod(path, PRIVATE_DIRECTORY);
    entries = await readdir(path);
  } catch (error) {
    // Listed in its directory, then removed before it was reached: PGlite removes files such as
    // pg_internal.init and temporary files as it runs. Nothing is left to restrict.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const paths = entries.map((entry) => join(path, entry)).filter((entry) => !skip(entry));
  await Promise.all(paths.map((entry) => restrict(entry, skip)));
}
