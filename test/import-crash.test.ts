/**
 * Converting the paper stock survives what happens at a counter: the hub killed in the middle of
 * an import (SIGKILL, as a power cut), and the import itself interrupted with Ctrl-C. In both
 * cases running the same file again completes it, with nothing lost and nothing stored twice.
 * The hub is `npm start` in its own process on a data directory of its own (embedded PGlite, so
 * this runs once, in the PGlite pass of the tests).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../hub/dev-idp.js';
import { loadOrCreateSigningKey } from '../lib/keys.js';
import { agencyBySlug } from '../scripts/demo/data.js';
import { STOCK_ISSUER, STOCK_TYPE, stockFields, writeStockCsv } from '../scripts/demo/stock.js';
import { freePort, graphql, HubProcess, waitFor } from './support/processes.js';

const ROOT = new URL('..', import.meta.url).pathname;
const skip = Boolean(process.env['DATABASE_URL']);
if (skip) console.log('SKIPPED test/import-crash.test.ts: the embedded hub runs on PGlite; this runs in the PGlite pass');

const COUNT = /* GraphQL */ `
  query Count($type: ID!) { certificates(filter: { typeCode: $type, nodes: ["350200"] }, first: 1) { totalCount } }
`;
const PAGE = /* GraphQL */ `
  query Page($type: ID!, $after: String) {
    certificates(filter: { typeCode: $type, nodes: ["350200"] }, first: 1000, after: $after) {
      edges { node { id number } } pageInfo { hasNextPage endCursor }
    }
  }
`;
const VERIFY = /* GraphQL */ `query Verify($id: ID!) { verifyCertificate(id: $id) { signatureValid } }`;
const CHAIN = /* GraphQL */ `{ auditChain { node intact records } }`;

describe.skipIf(skip)('an interrupted conversion of the paper stock', () => {
  let dir: string;
  let port: number;
  let hub: HubProcess;
  let issuerToken: string;
  let auditorToken: string;

  const startHub = async () => {
    hub = new HubProcess(
      'hub',
      spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
        cwd: ROOT,
        env: { ...process.env, HUB_DATA_DIR: join(dir, 'hub'), PORT: String(port), DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    await hub.ready(/ecert-hub ready/, 120_000);
  };
  const url = () => `http://127.0.0.1:${port}`;
  const count = async () => {
    const answer = await graphql(url(), issuerToken, COUNT, { type: STOCK_TYPE });
    return (answer.data as { certificates: { totalCount: number } }).certificates.totalCount;
  };
  const importFile = (file: string, retries = 0) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/import.ts', '--hub', url(), '--token', issuerToken, '--type', STOCK_TYPE, '--batch', '100', '--retries', String(retries), file],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.once('exit', (code) => resolve({ code, stdout, stderr })),
    );
    return { child, done };
  };

  /** Every stored certificate of the stock's type: numbers once each, seals that verify. */
  const storedNumbers = async () => {
    const numbers: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await graphql(url(), issuerToken, PAGE, { type: STOCK_TYPE, after }, 60_000);
      const page = (answer.data as { certificates: { edges: Array<{ node: { id: string; number: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } })
        .certificates;
      numbers.push(...page.edges.map((edge) => edge.node.number));
      if (!page.pageInfo.hasNextPage) return numbers;
      after = page.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ecert-import-crash-'));
    port = await freePort();
    await startHub();
    const key = await loadOrCreateSigningKey(join(dir, 'hub', 'keys'), 'idp');
    issuerToken = await mintToken(key, { sub: STOCK_ISSUER.code, kind: 'agency', roles: ['issuer'], ttlSeconds: 3600, name: STOCK_ISSUER.name });
    const auditor = agencyBySlug('fj-audit');
    auditorToken = await mintToken(key, { sub: auditor.code, kind: 'agency', roles: ['auditor'], ttlSeconds: 3600 });
  }, 180_000);

  afterAll(async () => {
    await hub?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a hub killed mid-import loses nothing committed; the rerun completes it with every row once', async () => {
    const before = await count();
    const file = join(dir, 'stock-a.csv');
    // 1,500 rows; every 100th has a holder code with a wrong check character.
    await writeStockCsv(file, 1, 1500, (n, row) => stockFields(n % 100 === 0 ? { ...row, holderCode: `${row.holderCode.slice(0, 17)}${row.holderCode.endsWith('0') ? '1' : '0'}` } : row));
    const good = 1500 - 15;

    const first = importFile(file);
    await waitFor('a part of the file stored', async () => ((await count()) - before >= 300 ? true : undefined), 120_000, 50);
    await hub.kill();
    const interrupted = await first.done;
    expect(interrupted.code).toBe(1);
    expect(interrupted.stderr).toMatch(/run the same file again/);

    await startHub();
    const committed = (await count()) - before;
    expect(committed).toBeGreaterThanOrEqual(300);
    expect(committed).toBeLessThan(good);

    const rerun = await importFile(file).done;
    expect(rerun.stderr).not.toMatch(/stopped/);
    // Complete, with the 15 bad rows rejected: exit 3, partly done.
    expect(rerun.code).toBe(3);
    const [, imported, skipped, rejected] = /imported (\d+), skipped (\d+), rejected (\d+)/.exec(rerun.stdout)!.map(Number);
    expect({ imported, skipped, rejected }).toEqual({ imported: good - committed, skipped: committed, rejected: 15 });

    const numbers = await storedNumbers();
    expect(numbers.length).toBe(before + good);
    expect(new Set(numbers).size).toBe(numbers.length);
  }, 300_000);

  it('an import waits for a hub that was killed and comes back, and completes by itself', async () => {
    const before = await count();
    const file = join(dir, 'stock-c.csv');
    await writeStockCsv(file, 20_001, 21_000);
    const running = importFile(file, 8);
    await waitFor('a part of the file stored', async () => ((await count()) - before >= 200 ? true : undefined), 120_000, 50);
    await hub.kill();
    await startHub();
    const finished = await running.done;
    expect(finished.stderr).toMatch(/retrying the batch/);
    expect(finished.code).toBe(0);
    const [, imported, skipped] = /imported (\d+), skipped (\d+), rejected 0/.exec(finished.stdout)!.map(Number);
    // A batch stored just before the kill, its answer lost, was sent again and skipped.
    expect(imported! + skipped!).toBe(1000);
    expect(await count()).toBe(before + 1000);
  }, 300_000);

  it('Ctrl-C stops an import cleanly; the rerun completes it', async () => {
    const before = await count();
    const file = join(dir, 'stock-b.csv');
    await writeStockCsv(file, 10_001, 11_200);
    const first = importFile(file);
    await waitFor('a part of the file stored', async () => ((await count()) - before >= 200 ? true : undefined), 120_000, 50);
    first.child.kill('SIGINT');
    const interrupted = await first.done;
    expect(interrupted.code).toBe(1);
    expect(interrupted.stderr).toMatch(/interrupted/);

    const rerun = await importFile(file).done;
    expect(rerun.code).toBe(0);
    expect(await count()).toBe(before + 1200);
    expect(rerun.stdout).toMatch(/rejected 0/);
  }, 300_000);

  it('after both, the seals verify and every node’s access log is intact', async () => {
    const page = await graphql(url(), issuerToken, PAGE, { type: STOCK_TYPE, after: null }, 60_000);
    const ids = (page.data as { certificates: { edges: Array<{ node: { id: string } }> } }).certificates.edges.slice(0, 50).map((edge) => edge.node.id);
    for (const id of ids) {
      const answer = await graphql(url(), null, VERIFY, { id });
      expect((answer.data as { verifyCertificate: { signatureValid: boolean } }).verifyCertificate.signatureValid).toBe(true);
    }
    const chain = await graphql(url(), auditorToken, CHAIN, {}, 60_000);
    const statuses = (chain.data as { auditChain: Array<{ node: string; intact: boolean }> }).auditChain;
    expect(statuses).toHaveLength(3);
    expect(statuses.every((status) => status.intact)).toBe(true);
  }, 120_000);
});
