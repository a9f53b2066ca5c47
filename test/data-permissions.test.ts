import { execFile } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePrivateTree } from '../lib/private-files.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CHILD = 'test/support/private-data-child.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecert-modes-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens a node's data directory in DATA as a process started with `umask 000`. */
function openUnderUmask000(data: string): Promise<{ startedWith: number }> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, '--import', 'tsx', CHILD, data], { cwd: ROOT }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as { startedWith: number });
    });
  });
}

/** Every directory and file under `root` (itself included) whose permission bits are not private. */
function notPrivate(root: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    const mode = stat.mode & 0o7777;
    if (stat.isDirectory()) {
      if (mode !== 0o700) found.push(`${path} ${mode.toString(8)}`);
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (stat.isFile() && mode !== 0o600) {
      found.push(`${path} ${mode.toString(8)}`);
    }
  };
  visit(root);
  return found;
}

/** Counts of the directories and files under `root`, to show the walk saw a real database. */
function sizeOf(root: string): { directories: number; files: number } {
  const size = { directories: 0, files: 0 };
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      size.directories++;
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else size.files++;
  };
  visit(root);
  return size;
}

/** What an older version left: directories 0755, files 0666, as PGlite wrote them then. */
function loosen(root: string): void {
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      chmodSync(path, 0o755);
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else chmodSync(path, 0o666);
  };
  visit(root);
}

describe('node data directories', () => {
  it('a node data directory created, written and closed under umask 000 has only 0700 directories and 0600 files, keys included', async () => {
    const data = join(dir, 'fresh');
    expect(await openUnderUmask000(data)).toEqual({ startedWith: 0 });
    expect(sizeOf(join(data, 'nodes', '350200')).files).toBeGreaterThan(500);
    expect(readdirSync(join(data, 'keys')).sort()).toEqual(['gateway.private.jwk.json', 'gateway.public.jwk.json']);
    expect(notPrivate(data)).toEqual([]);
  }, 60_000);

  it('opening a data directory that an older version left 0755/0666 makes it private again', async () => {
    // The previous case's directory, loosened: reopening costs a fraction of a new PGlite.
    const data = join(dir, 'fresh');
    const node = join(data, 'nodes', '350200');
    loosen(data);
    mkdirSync(join(node, 'left-by-hand'), { mode: 0o777 });
    writeFileSync(join(node, 'left-by-hand', 'notes.txt'), 'readable', { mode: 0o644 });
    expect(notPrivate(node).length).toBeGreaterThan(500);
    expect(await openUnderUmask000(data)).toEqual({ startedWith: 0 });
    expect(notPrivate(node)).toEqual([]);
    expect(notPrivate(join(data, 'keys'))).toEqual([]);
  }, 60_000);
});

describe('makePrivateTree', () => {
  it('makes directories 0700 and files 0600 all the way down, without following or changing symbolic links', async () => {
    const tree = join(dir, 'tree');
    const outside = join(dir, 'outside.txt');
    const outsideDir = join(dir, 'outside');
    writeFileSync(outside, 'not part of the tree');
    chmodSync(outside, 0o644);
    mkdirSync(outsideDir, { mode: 0o755 });
    chmodSync(outsideDir, 0o755);
    mkdirSync(join(tree, 'a', 'b'), { recursive: true });
    writeFileSync(join(tree, 'a', 'b', 'wal'), 'x');
    writeFileSync(join(tree, 'hub.json'), '{}');
    for (const path of [tree, join(tree, 'a'), join(tree, 'a', 'b')]) chmodSync(path, 0o755);
    for (const path of [join(tree, 'a', 'b', 'wal'), join(tree, 'hub.json')]) chmodSync(path, 0o666);
    symlinkSync(outside, join(tree, 'a', 'link-to-outside'));
    symlinkSync(outsideDir, join(tree, 'link-to-directory'));
    await makePrivateTree(tree);
    expect(notPrivate(tree)).toEqual([]);
    expect(statSync(outside).mode & 0o777).toBe(0o644);
    expect(statSync(outsideDir).mode & 0o777).toBe(0o755);
    expect(lstatSync(join(tree, 'a', 'link-to-outside')).isSymbolicLink()).toBe(true);
  });

  it('creates a missing directory and its parents 0700', async () => {
    const nested = join(dir, 'new', 'nodes', '350100');
    await makePrivateTree(nested);
    expect(notPrivate(join(dir, 'new'))).toEqual([]);
  });
});
