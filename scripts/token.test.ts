import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
/** An agency's USCC (check character included). */
const AGENCY = '113500000000000RX8';

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ecert-token-'));
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function token(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { cwd: ROOT, env: { ...process.env, HUB_DATA_DIR: dataDir } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run token', () => {
  it('refuses a --ttl above 12 hours with exit 2, saying the hub would refuse the token', async () => {
    const refused = await token(['--sub', AGENCY, '--kind', 'agency', '--role', 'operator', '--ttl', '43201']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/--ttl: at most 43200 seconds \(12 h\): the hub refuses tokens that live longer/);
  });

  it('mints a token of exactly 12 hours, for the new operator role', async () => {
    const minted = await token(['--sub', AGENCY, '--kind', 'agency', '--role', 'operator', '--ttl', '43200']);
    expect(minted.code).toBe(0);
    const claims = decodeJwt(minted.stdout.trim());
    expect(claims.exp! - claims.iat!).toBe(43200);
    expect(claims['roles']).toEqual(['operator']);
  });
});
