import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePrivateTree } from './private-files.js';

/**
 * The walk that makes a data directory private, where other processes of the hub write beside
 * it: a file they remove mid-walk, and the directories it is told to leave to them. (The modes
 * themselves: test/data-permissions.test.ts.)
 */
const dir = mkdtempSync(join(tmpdir(), 'private-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

/** A file `mode` (whatever the umask). */
function fileWithMode(path: string, fileMode: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, 'x');
  chmodSync(path, fileMode);
}

/**
 * Runs `run` while every directory listing still names `victim` after removing it — the moment
 * between another process's unlink and the walk's lstat, made certain. The module's bindings
 * of node:fs/promises are Node's live ones, so syncBuiltinESMExports reaches them.
 */
async function withFileVanishingAfterListing(victim: string, run: () => Promise<void>): Promise<void> {
  const readdir = fsPromises.readdir;
  (fsPromises as { readdir: unknown }).readdir = async (path: string) => {
    const entries = await readdir(path);
    if (path === dirname(victim) && entries.includes(basename(victim))) unlinkSync(victim);
    return entries;
  };
  syncBuiltinESMExports();
  try {
    await run();
  } finally {
    fsPromises.readdir = readdir;
    syncBuiltinESMExports();
  }
}

describe('makePrivateTree beside other processes', () => {
  it('passes over a file removed between its directory’s listing and its lstat (PGlite’s pg_internal.init)', async () => {
    const tree = join(dir, 'vanishing');
    const victim = join(tree, 'base', '5', 'pg_internal.init');
    fileWithMode(victim, 0o644);
    fileWithMode(join(tree, 'base', '5', '1259'), 0o644);
    await withFileVanishingAfterListing(victim, () => makePrivateTree(tree));
    expect(readdirSync(join(tree, 'base', '5'))).toEqual(['1259']);
    expect(mode(join(tree, 'base', '5', '1259'))).toBe(0o600);
    expect(mode(join(tree, 'base'))).toBe(0o700);
  });

  it('leaves alone the entries it is told to skip, and everything in them', async () => {
    const tree = join(dir, 'data');
    fileWithMode(join(tree, 'keys', 'node-350100.key'), 0o644);
    fileWithMode(join(tree, 'nodes', '350100', 'PG_VERSION'), 0o644);
    fileWithMode(join(tree, 'nodes', '350200', 'PG_VERSION'), 0o644);
    chmodSync(join(tree, 'nodes', '350200'), 0o755);
    const nodes = join(tree, 'nodes');
    await makePrivateTree(tree, { skip: (path) => dirname(path) === nodes && basename(path) !== '350100' });
    expect([mode(tree), mode(nodes), mode(join(tree, 'keys', 'node-350100.key')), mode(join(nodes, '350100', 'PG_VERSION'))]).toEqual([0o700, 0o700, 0o600, 0o600]);
    expect([mode(join(nodes, '350200')), mode(join(nodes, '350200', 'PG_VERSION'))]).toEqual([0o755, 0o644]);
  });
});
