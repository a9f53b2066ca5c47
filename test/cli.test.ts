import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCertificateId } from '../lib/codes.js';
import { generateSealKey, signSeal, sm3Hex } from '../lib/seal/seal.js';
import { AGENCY, DEFINE_TYPE, FOOD_LICENCE, ISSUE, REGISTER_ENTITY, company, uscc } from './support/fixtures.js';
import { startTestHub, type TestHub } from './support/hub.js';

const SHOP = { uscc: uscc('91', '350206', 4201), name: '厦门湖里鹭江食品有限公司' };
const ROOT = new URL('..', import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the scripts as a child process (the hub keeps answering meanwhile), in the
 * repository root as npm runs it; `env` adds to the environment (INIT_CWD, ECERT_TOKEN).
 */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${script}`, ...args],
      // INIT_CWD as npm sets it for a command run in the repository root, unless a test says otherwise.
      { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT, ECERT_TOKEN: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

type Export = {
  format: string;
  certificate: Record<string, unknown> & { items: Array<{ code: string; name: string; value: string }> };
  seal: { algorithm: string; keyId: string; publicKey: string; signature: string; signedPayload: string };
  publishedKeys: Array<{ keyId: string; publicKey: string; createdAt: string; retiredAt: string | null }>;
};

let hub: TestHub;
let dir: string;
let issuerToken: string;
let consumerToken: string;
let certificateId: string;
let exportFile: string;
let exported: Export;
/** sealKeys(issuer) as the hub answers it, written without going through the export. */
let hubKeysFile: string;

const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};
const edited = (change: (document: Export) => void): Export => {
  const copy = structuredClone(exported);
  change(copy);
  return copy;
};
const failedChecks = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('✗'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecert-cli-'));
  hub = await startTestHub('cli');
  const steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: FOOD_LICENCE })).errors).toBeUndefined();
  issuerToken = await hub.token(AGENCY.xiamenIssuer);
  consumerToken = await hub.token(AGENCY.consumer);
  const issuer = await hub.as(AGENCY.xiamenIssuer);
  expect((await issuer(REGISTER_ENTITY, { input: company(SHOP.uscc, SHOP.name) })).errors).toBeUndefined();
  const issued = await issuer(ISSUE, {
    input: {
      typeCode: FOOD_LICENCE.code,
      number: 'JY13502060004201',
      holderKind: 'ORGANIZATION',
      holderCode: SHOP.uscc,
      holderName: SHOP.name,
      issuedOn: '2025-05-01',
      validFrom: '2025-05-01',
      items: [
        { code: 'operator', value: SHOP.name },
        { code: 'premises', value: '厦门市湖里区江头北路18号' },
        { code: 'complaintPhone', value: '0592-5550456' },
      ],
    },
  });
  expect(issued.errors).toBeUndefined();
  certificateId = issued.data!['issueCertificate'].id;
  exportFile = join(dir, 'certificate.json');
  const result = await run('export-certificate.ts', ['--hub', hub.url, '--token', issuerToken, '--out', exportFile, certificateId]);
  expect(result, result.stderr).toMatchObject({ code: 0 });
  exported = JSON.parse(readFileSync(exportFile, 'utf8')) as Export;
  const consumer = await hub.as(AGENCY.consumer);
  const keys = await consumer(/* GraphQL */ `query Keys($issuer: String!) { sealKeys(issuer: $issuer) { keyId issuer publicKey createdAt retiredAt } }`, {
    issuer: AGENCY.xiamenIssuer.sub,
  });
  expect(keys.errors).toBeUndefined();
  hubKeysFile = write('hub-keys.json', keys);
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('writes the face, the seal and the published keys as ecert-hub/certificate@1', () => {
    expect(exported.format).toBe('ecert-hub/certificate@1');
    expect(exported.certificate).toMatchObject({
      id: certificateId,
      number: 'JY13502060004201',
      type: { code: FOOD_LICENCE.code, name: FOOD_LICENCE.name },
      holderKind: 'ORGANIZATION',
      holderCode: SHOP.uscc,
      holderName: SHOP.name,
      issuerCode: AGENCY.xiamenIssuer.sub,
      issuedOn: '2025-05-01',
      status: 'VALID',
    });
    expect(exported.certificate.items.map((item) => item.value)).toContain('0592-5550456');
    expect(exported.seal).toMatchObject({ algorithm: 'SM2-SM3', publicKey: expect.stringMatching(/^04[0-9a-f]{128}$/) });
    expect(exported.publishedKeys.map((key) => key.keyId)).toContain(exported.seal.keyId);
  });

  it('prints the document on stdout without --out', async () => {
    const result = await run('export-certificate.ts', ['--hub', hub.url, '--token', issuerToken, certificateId]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as Export;
    expect(document.seal).toEqual(exported.seal);
  });

  it('fails with exit 1 when the caller may not read the seal, or the certificate is not found', async () => {
    const forbidden = await run('export-certificate.ts', ['--hub', hub.url, '--token', consumerToken, certificateId]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('FORBIDDEN');
    expect(forbidden.stdout).toBe('');
    // A well-formed id of the same type and issuer that was never issued.
    const unissued = buildCertificateId({ typeCode: FOOD_LICENCE.code, issuer: AGENCY.xiamenIssuer.sub, serial: '99999999', version: '001' });
    const missing = await run('export-certificate.ts', ['--hub', hub.url, '--token', issuerToken, unissued]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`certificate not found: ${unissued}`);
    const malformed = await run('export-certificate.ts', ['--hub', hub.url, '--token', issuerToken, 'not-an-id']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('BAD_USER_INPUT');
  });
});

describe('npm run verify (offline)', () => {
  it("a genuine export verifies against the issuer's keys from the hub: every check ✓, the SM3 digest of the payload, exit 0", async () => {
    const result = await run('verify-certificate.ts', [exportFile, '--keys', hubKeysFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(failedChecks(result.stdout)).toEqual([]);
    expect(result.stdout.match(/^✓/gm)).toHaveLength(4);
    expect(result.stdout).toContain(sm3Hex(exported.seal.signedPayload));
    expect(result.stdout).toContain('VALID: every check passed');
  });

  it("without --keys a genuine export is not valid but has an unverified key: the file's own key list proves nothing, exit 3", async () => {
    const result = await run('verify-certificate.ts', [exportFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
    expect(failedChecks(result.stdout)).toEqual([]);
    expect(result.stdout.match(/^✓/gm)).toHaveLength(3);
    expect(result.stdout).toMatch(/^\? key: /m);
    expect(result.stdout).toContain(`UNVERIFIED KEY: the seal verifies, but key ${exported.seal.keyId} was not checked against the issuer's publication`);
    expect(result.stdout).not.toMatch(/^VALID/m);
  });

  it("a seal made with a forger's own key and listed in the file's publishedKeys is an unverified key without --keys, and fails with the hub's keys", async () => {
    // What a forger can do without the issuer's private key: sign the face with a key pair of
    // their own, under a key id of the issuer's form, and list its public half in the file.
    const forger = generateSealKey();
    const keyId = `${AGENCY.xiamenIssuer.sub}-20250101-9`;
    const forged = edited((document) => {
      document.seal = { ...document.seal, keyId, publicKey: forger.publicKey, signature: signSeal(forger.privateKey, document.seal.signedPayload) };
      document.publishedKeys = [{ keyId, publicKey: forger.publicKey, createdAt: '2025-01-01T00:00:00Z', retiredAt: null }];
    });
    const file = write('forged.json', forged);
    const alone = await run('verify-certificate.ts', [file]);
    expect(alone.code).toBe(3);
    expect(alone.stdout).toContain('UNVERIFIED KEY');
    const checked = await run('verify-certificate.ts', [file, '--keys', hubKeysFile]);
    expect(checked.code).toBe(1);
    expect(failedChecks(checked.stdout)).toEqual([`✗ key: no key ${keyId} among the ${exported.publishedKeys.length} published keys`]);
  });

  it('a key id of another issuer fails the key check, even when the key lists publish it: exit 1 with --keys and without', async () => {
    const otherIssuer = AGENCY.consumer.sub;
    const keyId = exported.seal.keyId.replace(AGENCY.xiamenIssuer.sub, otherIssuer);
    const foreign = edited((document) => {
      document.seal.keyId = keyId;
      document.publishedKeys = document.publishedKeys.map((key) => ({ ...key, keyId }));
    });
    const file = write('foreign-key.json', foreign);
    const keys = write('foreign-keys.json', foreign.publishedKeys);
    for (const args of [[file], [file, '--keys', keys]]) {
      const result = await run('verify-certificate.ts', args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(failedChecks(result.stdout)).toEqual([`✗ key: ${keyId} is not a key of the issuer ${AGENCY.xiamenIssuer.sub} (its key ids start with ${AGENCY.xiamenIssuer.sub}-)`]);
      expect(result.stdout).toContain('INVALID: failed key');
    }
  });

  it('a --keys entry published for another issuer does not count as published for this one: exit 1', async () => {
    const otherIssuer = AGENCY.consumer.sub;
    const keys = write('other-issuer-keys.json', exported.publishedKeys.map((key) => ({ ...key, issuer: otherIssuer })));
    const result = await run('verify-certificate.ts', [exportFile, '--keys', keys]);
    expect(result.code).toBe(1);
    expect(failedChecks(result.stdout)).toEqual([`✗ key: ${exported.seal.keyId} is published for ${otherIssuer}, not for the issuer ${AGENCY.xiamenIssuer.sub}`]);
  });

  it('verifies with the keys of a --keys file, and fails the key check when that file lacks the key', async () => {
    const keys = write('keys.json', exported.publishedKeys);
    expect((await run('verify-certificate.ts', [exportFile, '--keys', keys])).code).toBe(0);
    const otherKeys = write('other-keys.json', [{ keyId: exported.seal.keyId, publicKey: generateSealKey().publicKey, createdAt: '2025-01-01T00:00:00Z', retiredAt: null }]);
    const result = await run('verify-certificate.ts', [exportFile, '--keys', otherKeys]);
    expect(result.code).toBe(1);
    expect(failedChecks(result.stdout)).toEqual([expect.stringContaining('key:')]);
  });

  const tampered: Array<[string, (document: Export) => void, string[]]> = [
    ['a face field (holderName)', (document) => void (document.certificate['holderName'] = '厦门湖里假冒食品有限公司'), ['payload:', 'signature:']],
    ['a face field (validUntil)', (document) => void (document.certificate['validUntil'] = '2099-12-31'), ['payload:', 'signature:']],
    ['an item value', (document) => void (document.certificate.items[0]!.value = '别的经营者'), ['payload:', 'signature:']],
    [
      'the signature',
      (document) => {
        const signature = document.seal.signature;
        const at = signature.length - 2;
        document.seal.signature = signature.slice(0, at) + (signature.slice(at) === '00' ? '01' : '00');
      },
      ['signature:'],
    ],
    ['the public key, swapped for an unpublished one', (document) => void (document.seal.publicKey = generateSealKey().publicKey), ['key:', 'signature:']],
  ];
  for (const [index, [what, change, failing]] of tampered.entries()) {
    it(`editing ${what} fails, naming the check`, async () => {
      const result = await run('verify-certificate.ts', [write(`tampered-${index}.json`, edited(change))]);
      expect(result.code).toBe(1);
      expect(failedChecks(result.stdout).map((line) => line.split(' ')[1])).toEqual(failing);
      expect(result.stdout).toContain('INVALID');
    });
  }

  it('a malformed file gives a clear message and exit 2', async () => {
    const cases: Array<[string, string | unknown, RegExp]> = [
      ['not-json.json', '{ "format": ', /not JSON/],
      ['wrong-format.json', { ...exported, format: 'something/else@9' }, /format must be "ecert-hub\/certificate@1"/],
      ['no-seal.json', { ...exported, seal: undefined }, /seal must be an object/],
      ['bad-field.json', edited((document) => void (document.certificate['holderName'] = 42)), /certificate\.holderName must be a string/],
      ['bad-kind.json', edited((document) => void (document.certificate['holderKind'] = 'ROBOT')), /certificate\.holderKind must be one of/],
    ];
    for (const [name, content, message] of cases) {
      const result = await run('verify-certificate.ts', [write(name, content)]);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(message);
    }
    const missing = await run('verify-certificate.ts', [join(dir, 'does-not-exist.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/ENOENT/);
  });
});

describe('npm run qr', () => {
  it('writes a PNG of ECERT1|id|digest from a given DIGEST', async () => {
    const digest = sm3Hex(exported.seal.signedPayload);
    const out = join(dir, 'given.png');
    const result = await run('qr.ts', ['--out', out, certificateId, digest]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`ECERT1|${certificateId}|${digest}`);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(statSync(out).size).toBeGreaterThan(500);
  });

  it('reads the digest from the hub with --hub and --token', async () => {
    const out = join(dir, 'from-hub.png');
    const result = await run('qr.ts', ['--hub', hub.url, '--token', issuerToken, '--out', out, certificateId]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`ECERT1|${certificateId}|${sm3Hex(exported.seal.signedPayload)}`);
    expect(statSync(out).size).toBeGreaterThan(500);
  });

  it('refuses a malformed DIGEST and a missing one without a hub, as usage mistakes (exit 2)', async () => {
    expect((await run('qr.ts', ['--out', join(dir, 'x.png'), certificateId, 'abc'])).code).toBe(2);
    const result = await run('qr.ts', [certificateId]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--hub and a token');
  });

  it('writes its PNG beside the user (INIT_CWD), not into the repository, reading the token from ECERT_TOKEN', async () => {
    const user = join(dir, 'qr-user');
    mkdirSync(user);
    const png = `${certificateId.replace(/[^A-Za-z0-9._-]/g, '_')}.png`;
    const result = await run('qr.ts', ['--hub', hub.url, certificateId], { INIT_CWD: user, ECERT_TOKEN: issuerToken });
    expect(result.code).toBe(0);
    expect(result.stderr.trim()).toBe(`wrote ${join(user, png)}`);
    expect(statSync(join(user, png)).size).toBeGreaterThan(500);
    expect(existsSync(join(ROOT, png))).toBe(false);
  });
});

describe('tokens, paths and exit codes shared by the tools', () => {
  it('export reads --token-file and writes --out relative to where the user ran npm (INIT_CWD); verify reads its files from there too', async () => {
    const user = join(dir, 'export-user');
    mkdirSync(user);
    writeFileSync(join(user, 'issuer.token'), `${issuerToken}\n`);
    writeFileSync(join(user, 'keys.json'), readFileSync(hubKeysFile));
    const exportedHere = await run('export-certificate.ts', ['--hub', hub.url, '--token-file', 'issuer.token', '--out', 'certificate.json', certificateId], { INIT_CWD: user });
    expect(exportedHere.stderr.trim()).toBe(`wrote ${join(user, 'certificate.json')}`);
    expect(exportedHere.code).toBe(0);
    expect(existsSync(join(ROOT, 'certificate.json'))).toBe(false);
    const verified = await run('verify-certificate.ts', ['certificate.json', '--keys', 'keys.json'], { INIT_CWD: user });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('VALID: every check passed');
  });

  it('export takes the token from ECERT_TOKEN, and an option beats the variable', async () => {
    const fromEnv = await run('export-certificate.ts', ['--hub', hub.url, certificateId], { ECERT_TOKEN: issuerToken });
    expect(fromEnv.code).toBe(0);
    expect((JSON.parse(fromEnv.stdout) as Export).seal).toEqual(exported.seal);
    // The consumer's token on the command line wins over the issuer's in the environment: refused.
    const overridden = await run('export-certificate.ts', ['--hub', hub.url, '--token', consumerToken, certificateId], { ECERT_TOKEN: issuerToken });
    expect(overridden.code).toBe(1);
    expect(overridden.stderr).toContain('FORBIDDEN');
  });

  it('every tool exits 2 when called wrongly: a missing option, a token given twice, an unreadable token file', async () => {
    const tokenFile = write('token.txt', `${issuerToken}\n`);
    const cases: Array<[string, string[], RegExp]> = [
      ['import.ts', ['--token-file', tokenFile, '--type', FOOD_LICENCE.code, 'stock.csv'], /--hub is required/],
      ['import.ts', ['--hub', hub.url, '--type', FOOD_LICENCE.code, 'stock.csv'], /a token is required: --token-file FILE \| --token TOKEN \| ECERT_TOKEN=TOKEN/],
      ['export-certificate.ts', ['--hub', hub.url, '--token', issuerToken, '--token-file', tokenFile, certificateId], /--token and --token-file: one of them/],
      ['export-certificate.ts', ['--hub', 'not a url', '--token-file', tokenFile, certificateId], /--hub: not a URL/],
      ['qr.ts', ['--hub', hub.url, '--token-file', join(dir, 'no-such.token'), certificateId], /--token-file .*no-such\.token: ENOENT/],
      ['audit-verify.ts', ['--token-file', tokenFile], /--hub is required/],
      ['verify-certificate.ts', [], /one FILE is required/],
      ['token.ts', ['--kind', 'agency'], /--sub is required/],
    ];
    for (const [script, args, message] of cases) {
      const result = await run(script, args);
      expect(result.code, `${script} ${args.join(' ')}`).toBe(2);
      expect(result.stderr, `${script} ${args.join(' ')}`).toMatch(message);
    }
  });

  it("audit:verify exits 3 when every chain it could check is intact but a node's anchors could not be read", async () => {
    // A hub whose province node (where anchors are kept) is down: the chains' links check out, the anchors cannot be compared.
    const status = { records: 3, intact: true, firstBrokenSeq: null, reason: null, lastSeq: 3, lastHash: 'ab', lastAnchorAt: null, anchorsChecked: 0 };
    const fake: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify(
            body.includes('anchorAuditChains')
              ? { data: null, errors: [{ message: 'node 350000 unavailable', extensions: { code: 'NODE_UNAVAILABLE', node: '350000' } }] }
              : { data: { auditChain: [{ node: '350100', ...status, anchorsAvailable: false }] } },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      const result = await run('audit-verify.ts', ['--hub', `http://127.0.0.1:${(fake.address() as AddressInfo).port}`], { ECERT_TOKEN: 'auditor-token' });
      expect(result.stdout).toContain('350000  UNAVAILABLE  anchoring');
      expect(result.stdout).toContain('350100  intact  3 records, head seq 3 hash ab, anchors UNAVAILABLE (links checked only)');
      expect(result.code).toBe(3);
    } finally {
      await new Promise((resolve) => fake.close(resolve));
    }
  });
});
