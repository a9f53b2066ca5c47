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
 * other kinds of file are left alone. A directory is restricted before its entries are read,
 * so from then on only this user can change what is in it.
 */
export async function makePrivateTree(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIRECTORY });
  await restrict(dir);
}

async function restrict(path: string): Promise<void> {
  const stat = await lstat(path);
  if (stat.isDirectory()) {
    if ((stat.mode & 0o7777) !== PRIVATE_DIRECTORY) await chmod(path, PRIVATE_DIRECTORY);
    const entries = await readdir(path);
    await Promise.all(entries.map((entry) => restrict(join(path, entry))));
  } else if (stat.isFile()) {
    if ((stat.mode & 0o7777) !== PRIVATE_FILE) await chmod(path, PRIVATE_FILE);
  }
}
