import fc from 'fast-check';
import { getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { generateKeyPair, SignJWT } from 'jose';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiSchemaOf } from '../schema/api-schema.js';
import { MAX_ALIASES, MAX_BODY_BYTES, MAX_COST, MAX_DEPTH, MAX_FIELDS, MAX_LIST_VALUES, MAX_ROOT_FIELDS } from '../gateway/limits.js';
import { DEV_IDP_ISSUER, HUB_AUDIENCE } from '../hub/dev-idp.js';
import { supergraphPath } from '../schema/compose.js';
import { AGENCY, BUSINESS_LICENCE, DEFINE_TYPE, DOCTOR_LICENCE, ISSUE, residentId, uscc, withWrongCheck } from './support/fixtures.js';
import { answerProblem, bomb, damaged, hostileString, operation, rawRequest, rowCounts, type Answer, type GeneratedOperation } from './support/fuzz.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { createLogger } from '../lib/log.js';

/*
 * Hostile input, sent over HTTP to the whole hub: thousands of random and malformed
 * operations, variables, bodies, headers and tokens. Every answer must be a client error or a
 * result — never a 5xx, an internal error, a stack trace, a path or SQL — nothing may be
 * written, nothing logged as an internal error, and the process must stay up with bounded
 * memory. A failure prints the request; FUZZ_SEED=<seed> replays a run.
 */

const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined;
/** Requests sent at once in every run of a property. */
const BATCH = 8;
/** FUZZ_SCALE=10 runs ten times as many (about 25,000 requests) for a longer hunt. */
const SCALE = Number(process.env['FUZZ_SCALE'] ?? 1);
/** The machine is shared and two cores: generous, so that only a hang fails a test. */
const FUZZ_TIMEOUT = 180_000 * SCALE;

let hub: TestHub;
let schema: GraphQLSchema;
const tokens: Record<string, string | null> = {};
const DOCTORS = [
  { code: residentId('350203', '19820417', 123), name: '陈美玲', issuer: AGENCY.xiamenIssuer },
  { code: residentId('350104', '19790302', 456), name: '郑国栋', issuer: AGENCY.fuzhouIssuer },
];
const certificateIds: string[] = [];
let rowsBefore: Array<Record<string, number>>;
let heapBefore = 0;
let sent = 0;
const internalErrors: string[] = [];
const crashes: unknown[] = [];
const onCrash = (error: unknown) => void crashes.push(error);

/** A full collection when the runtime lets us ask for one (V8's flag, set before first use). */
const collectGarbage: (() => void) | null = (() => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
})();

function heapUsed(): number {
  collectGarbage?.();
  collectGarbage?.();
  return process.memoryUsage().heapUsed;
}

beforeAll(async () => {
  // Internal errors are logged (with their stack) by the gateway's and the nodes' loggers: kept
  // here, with whatever still goes to console.error, for the last test to find none.
  const errorLog = createLogger({ level: 'error', destination: { write: (line: string) => void internalErrors.push(line.slice(0, 2000)) } });
  hub = await startTestHub('hostile', { nodeTimeoutMs: 15_000, logger: errorLog });
  schema = apiSchemaOf(readFileSync(supergraphPath, 'utf8'));
  const steward = await hub.as(AGENCY.steward);
  for (const type of [BUSINESS_LICENCE, DOCTOR_LICENCE]) expect((await steward(DEFINE_TYPE, { input: type })).errors).toBeUndefined();
  for (const doctor of DOCTORS) {
    const issuer = await hub.as(doctor.issuer);
    const answer = await issuer(ISSUE, {
      input: {
        typeCode: DOCTOR_LICENCE.code,
        number: `1103${doctor.code.slice(0, 8)}`,
        holderKind: 'PERSON',
        holderCode: doctor.code,
        holderName: doctor.name,
        issuedOn: '2019-09-01',
        validFrom: '2019-09-01',
        items: [
          { code: 'name', value: doctor.name },
          { code: 'idNumber', value: doctor.code },
          { code: 'category', value: '临床' },
        ],
      },
    });
    expect(answer.errors).toBeUndefined();
    certificateIds.push(answer.data!['issueCertificate'].id);
  }
  // Principals that may not write: random mutations from them must all be refused.
  tokens['public'] = null;
  tokens['consumer'] = await hub.token({ ...AGENCY.consumer, roles: ['consumer', 'external-registrar'] });
  tokens['analyst'] = await hub.token({ sub: uscc('11', '350000', 8006), kind: 'agency', roles: ['analyst'] });
  tokens['auditor'] = await hub.token({ sub: uscc('11', '350000', 8007), kind: 'agency', roles: ['auditor'] });
  tokens['company'] = await hub.token({ sub: uscc('91', '350203', 3001), kind: 'holder' });
  tokens['person'] = await hub.token({ sub: residentId('350102', '19900101', 777), kind: 'holder' });
  // Only ever sent mutations that cannot pass variable coercion.
  tokens['issuer'] = await hub.token(AGENCY.xiamenIssuer);

  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void internalErrors.push(args.map((arg) => (arg instanceof Error ? `${arg.stack} ${JSON.stringify(arg)}` : String(arg))).join(' ').slice(0, 2000)));

  rowsBefore = await Promise.all(hub.nodes.map((node) => rowCounts(node.database)));
  // Warm every cache a first request fills (plans, documents, grants) before measuring memory.
  for (let i = 0; i < 3; i++) await post({ query: `{ certificates(first: 5) { edges { node { id } } } certificateTypes { code } }` }, tokens['consumer']);
  heapBefore = heapUsed();
}, 180_000);

afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  vi.restoreAllMocks();
  await hub?.stop();
});

interface Sent {
  answer: Answer;
  description: string;
}

async function send(body: string | Buffer | ReadableStream<Uint8Array>, headers: Record<string, string>, method = 'POST', path = '/graphql'): Promise<Sent> {
  sent++;
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: AbortSignal.timeout(60_000) };
  if (method !== 'GET' && method !== 'HEAD') init.body = Buffer.isBuffer(body) ? new Uint8Array(body) : body;
  if (body instanceof ReadableStream) init.duplex = 'half';
  const response = await fetch(`${hub.url}${path}`, init);
  const text = await response.text();
  const description = `${method} ${path} ${JSON.stringify(headers).slice(0, 300)}\n${typeof body === 'string' ? body.slice(0, 1500) : Buffer.isBuffer(body) ? body.toString('latin1').slice(0, 1500) : '(stream)'}`;
  return { answer: { status: response.status, contentType: response.headers.get('content-type') ?? '', text }, description };
}

function post(payload: unknown, token: string | null | undefined, headers: Record<string, string> = {}): Promise<Sent> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return send(body, { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers });
}

function bodyOf(op: GeneratedOperation): string {
  return op.body ?? JSON.stringify({ query: op.query, variables: op.variables });
}

/** Fails with the request and the answer when an answer is not clean. */
function expectClean({ answer, description }: Sent): void {
  const problem = answerProblem(answer, description);
  if (problem) throw new Error(`${problem}\n--- request\n${description}\n--- answer (HTTP ${answer.status})\n${answer.text.slice(0, 1500)}`);
}

/** Runs `numRuns` batches of BATCH inputs, each batch sent at once, each input through `run`, which throws on a bad answer. */
async function fuzz<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, run: (input: T) => Promise<void>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      await Promise.all(batch.map(run));
    }),
    { numRuns: Math.ceil(numRuns * SCALE), endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
  );
}

const secrets = () => DOCTORS.flatMap((doctor) => [doctor.code, doctor.name]);
const strings = () => hostileString([...certificateIds, ...DOCTORS.map((d) => d.code), DOCTOR_LICENCE.code, BUSINESS_LICENCE.code, AGENCY.consumer.sub, withWrongCheck(AGENCY.consumer.sub), '350100', '2024-02-29', '2023-02-29']);

describe('random operations', { timeout: FUZZ_TIMEOUT }, () => {
  it('random operations over the whole schema, from principals that may not write, get clean answers and no data they may not see', async () => {
    const asked = fc.oneof(
      fc.record({ who: fc.constantFrom('public', 'company', 'person'), op: operation(schema, { mutations: true, strings: strings() }) }),
      fc.record({ who: fc.constantFrom('consumer', 'analyst', 'auditor'), op: operation(schema, { mutations: false, strings: strings() }) }),
    );
    await fuzz(asked, 100, async ({ who, op }) => {
      const result = await post(bodyOf(op), tokens[who]);
      expectClean(result);
      if (who !== 'auditor') for (const secret of secrets()) expect(result.answer.text, result.description).not.toContain(secret);
      if (who === 'public' && result.answer.status === 200) {
        const data = JSON.parse(result.answer.text).data ?? {};
        expect(Object.keys(data).every((key) => ['verifyCertificate', '__typename', '__schema', '__type'].includes(key) || op.query.includes(`${key}: verifyCertificate`)), result.description).toBe(true);
      }
    });
  });

  it('damaged operation texts get clean answers', async () => {
    const text = operation(schema, { mutations: false, strings: strings() }).map((op) => op.query);
    await fuzz(fc.tuple(damaged(text), fc.constantFrom('consumer', 'company', 'public')), 40, async ([query, who]) => {
      expectClean(await post({ query }, tokens[who]));
    });
  });

  it('an agency sending mutations whose variables cannot be coerced gets BAD_USER_INPUT, whatever its roles', async () => {
    const mutations = ['defineCertificateType(input: $v)', 'grantAccess(input: $v)', 'issueCertificate(input: $v)', 'registerLegalEntity(input: $v)', 'registerExternalCertificate(input: $v)'];
    const types = ['DefineCertificateTypeInput!', 'GrantAccessInput!', 'IssueCertificateInput!', 'RegisterLegalEntityInput!', 'RegisterExternalCertificateInput!'];
    const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.string(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.record({ unknownField: fc.jsonValue() }));
    await fuzz(fc.tuple(fc.nat(mutations.length - 1), wrong, fc.constantFrom('issuer', 'consumer')), 25, async ([i, value, who]) => {
      const result = await post({ query: `mutation($v: ${types[i]}) { ${mutations[i]} { __typename } }`, variables: { v: value } }, tokens[who]);
      expectClean(result);
      expect(result.answer.status, result.description).toBe(400);
      expect(JSON.parse(result.answer.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });
});

describe('bombs and limits', { timeout: FUZZ_TIMEOUT }, () => {
  it('alias, field, fragment and nesting bombs, huge pages and deep variables are refused or answered, never crash', async () => {
    await fuzz(fc.tuple(bomb(strings()), fc.constantFrom('consumer', 'auditor', 'company')), 15, async ([op, who]) => {
      expectClean(await post(bodyOf(op), tokens[who]));
    });
  });

  it('each limit answers 400 GRAPHQL_VALIDATION_FAILED, naming the limit, before any node is asked', async () => {
    let fragments = 'fragment F0 on Query { __typename }';
    for (let i = 1; i <= 40; i++) fragments += `\nfragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`;
    const cases: Array<[string, string, Record<string, unknown>?]> = [
      [`nested deeper than ${MAX_DEPTH}`, `{ legalEntity(uscc: "x") { ${'certificates { holder { '.repeat(6)}uscc${' } }'.repeat(6)} } }`],
      [`more than ${MAX_FIELDS} fields`, `{ certificateTypes { ${'code '.repeat(MAX_FIELDS + 1)} } }`],
      [`more than ${MAX_FIELDS} fields`, `{ ...F40 }\n${fragments}`],
      [`more than ${MAX_ALIASES} aliases`, `{ certificateTypes { ${Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `a${i}: code`).join(' ')} } }`],
      [`more than ${MAX_ROOT_FIELDS} root fields`, `{ ${Array.from({ length: MAX_ROOT_FIELDS + 1 }, (_, i) => `a${i}: certificates(first: 1) { totalCount }`).join(' ')} }`],
      [`more than ${MAX_COST}`, `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: certificates(first: 1000) { edges { node { id number type { items { code } } } } }`).join(' ')} }`],
      [`more than ${MAX_COST}`, `query($n: Int) { ${Array.from({ length: 20 }, (_, i) => `a${i}: certificates(first: $n) { edges { node { id number type { items { code } } } } }`).join(' ')} }`, { n: 1000 }],
      [`more than ${MAX_COST}`, `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`],
    ];
    for (const [message, query, variables] of cases) {
      hub.nodes.forEach((node) => node.database.statements.reset());
      const { answer } = await post({ query, variables }, tokens['consumer']);
      expect(answer.status, query.slice(0, 200)).toBe(400);
      const error = JSON.parse(answer.text).errors[0];
      expect(error.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      // graphql's own MaxIntrospectionDepthRule may see an introspection bomb first.
      expect(error.message).toMatch(new RegExp(`${message}|introspection depth`));
      expect(hub.nodes.every((node) => node.database.statements.count === 0), query.slice(0, 200)).toBe(true);
    }
  });

  it('variables holding a list longer than the limit, or nested deeper, or a negative page are BAD_USER_INPUT with 400', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [`query($f: CertificateFilter) { certificates(filter: $f) { totalCount } }`, { f: { status: Array(MAX_LIST_VALUES + 1).fill('VALID') } }, 'variables'],
      [`query($f: CertificateFilter) { certificates(filter: $f) { totalCount } }`, { f: { status: [] }, junk: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) }, 'variables'],
      [`query($n: Int) { accessLog(first: $n) { at } }`, { n: -4 }, 'first'],
      [`{ certificates(first: -1) { totalCount } }`, {}, 'first'],
    ];
    for (const [query, variables, field] of cases) {
      const { answer } = await post({ query, variables }, tokens['company']);
      expect(answer.status, query).toBe(400);
      expect(JSON.parse(answer.text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('legitimate large operations pass the limits: introspection, a full page of 1000, 20 aliased lookups', async () => {
    const introspection = await post({ query: getIntrospectionQuery() }, tokens['consumer']);
    expect(introspection.answer.status).toBe(200);
    expect(JSON.parse(introspection.answer.text).data.__schema.types.length).toBeGreaterThan(10);
    const page = await post({ query: `{ certificates(first: 1000) { totalCount edges { cursor node { id number issuedOn status type { code name } holderName items { code name value } } } } }` }, tokens['consumer']);
    expect(page.answer.status).toBe(200);
    expect(JSON.parse(page.answer.text).data.certificates.totalCount).toBe(DOCTORS.length);
    const lookups = await post({ query: `{ ${certificateIds.concat(Array(18).fill(certificateIds[0])).map((id, i) => `c${i}: certificate(id: "${id}") { id status }`).join(' ')} }` }, tokens['consumer']);
    expect(lookups.answer.status).toBe(200);
    expect(JSON.parse(lookups.answer.text).errors).toBeUndefined();
  });
});

describe('tokens', { timeout: FUZZ_TIMEOUT }, () => {
  it('forged, unsigned, expired, mis-addressed and garbage tokens are refused with 401, whatever the operation', async () => {
    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: AGENCY.steward.sub, kind: 'agency', roles: ['steward'], iss: DEV_IDP_ISSUER, aud: HUB_AUDIENCE, exp: now + 3600 };
    const genuine = tokens['consumer']!;
    const [head, payload] = genuine.split('.');
    const signedBy = (key: CryptoKey | Uint8Array, alg: string, body: Record<string, unknown>) => new SignJWT(body).setProtectedHeader({ alg }).sign(key);
    const idp = hub.idpKey;
    const bad = [
      'not-a-token',
      '',
      '.',
      '..',
      'a.b.c',
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      `${b64({ alg: 'none' })}.${b64(claims)}`,
      `${b64({ alg: 'HS256' })}.${b64(claims)}.${Buffer.from('x').toString('base64url')}`,
      await signedBy(stranger.privateKey, 'EdDSA', claims),
      await signedBy(new TextEncoder().encode(JSON.stringify(idp.publicJwk)), 'HS256', claims),
      await signedBy(idp.privateKey, idp.alg, { ...claims, exp: now - 10 }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, iss: 'someone-else' }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, aud: 'another-api' }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, exp: undefined }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, sub: undefined }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, sub: 'NOT-A-USCC' }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, kind: 'root' }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, roles: ['steward', 'god'] }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, roles: 'steward' }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, kind: 'holder', sub: withWrongCheck(AGENCY.consumer.sub) }),
      await signedBy(idp.privateKey, idp.alg, { ...claims, nbf: now + 3600 }),
      // A genuine header and signature around a payload changed to claim the steward role.
      `${head}.${b64({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['steward'] })}.${genuine.split('.')[2]}`,
      `${genuine}x`,
      genuine.slice(0, -2),
      'x'.repeat(8_000),
    ];
    const header = fc.oneof(
      fc.constantFrom(...bad).map((token) => `Bearer ${token}`),
      fc.constantFrom(`bearer ${genuine}`, `Bearer  ${genuine}`, `Bearer ${genuine} ${genuine}`, `Basic ${genuine}`, `Token ${genuine}`, 'Bearer', 'Bearer '),
      fc.string({ unit: fc.constantFrom(...'ABCabc012-_.= '), minLength: 1, maxLength: 300 }).map((token) => `Bearer ${token}`),
    );
    const op = fc.constantFrom(
      `{ certificateTypes { code } }`,
      `query($id: ID!) { verifyCertificate(id: $id) { found } }`,
      `mutation { defineCertificateType(input: { code: "x", name: "x", definingAuthority: "x", holderKind: PERSON, sharing: UNCONDITIONAL, items: [] }) { code } }`,
      `{ __schema { queryType { name } } }`,
    );
    await fuzz(fc.tuple(header, op), 30, async ([authorization, query]) => {
      const result = await post({ query, variables: { id: certificateIds[0] } }, undefined, { authorization });
      expectClean(result);
      expect(result.answer.status, result.description).toBe(401);
      expect(JSON.parse(result.answer.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });
});

describe('bodies, headers and methods', { timeout: FUZZ_TIMEOUT }, () => {
  it('random bodies, batches, invalid UTF-8, NUL and odd content types get clean answers', async () => {
    const valid = JSON.stringify({ query: `query($id: ID!) { certificate(id: $id) { id status } }`, variables: { id: certificateIds[0] } });
    const body = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      // Invalid UTF-8 spliced into a valid body: inside a string, or anywhere.
      fc.tuple(fc.nat(valid.length), fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00], [0xef, 0xbb, 0xbf], [0xe2, 0x82])).map(([at, bytes]) =>
        Buffer.concat([Buffer.from(valid.slice(0, at)), Buffer.from(bytes), Buffer.from(valid.slice(at))]),
      ),
      fc.constantFrom(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]),
        Buffer.from(valid, 'utf16le'),
        Buffer.from(valid.replace(certificateIds[0]!, '\\ud800\\u0000')),
      ),
      // Batches: arrays of operations, empty, nested.
      fc.array(fc.record({ query: fc.constantFrom('{ __typename }', '{ certificateTypes { code } }', 'mutation { rotateSealKey { keyId } }') }), { maxLength: 50 }).map((ops) => JSON.stringify(ops)),
      fc.constantFrom('[]', '[[]]', '[{}]', `[${valid}, ${valid}]`, `[${'['.repeat(50_000)}${']'.repeat(50_000)}]`),
      // The right keys with the wrong shapes.
      fc.record({ query: fc.oneof(fc.jsonValue(), fc.string()), variables: fc.jsonValue(), operationName: fc.jsonValue(), extensions: fc.jsonValue() }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      fc.constantFrom(
        '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
        '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
        '{"query":"{ __typename }","operationName":"Nope"}',
        '{"query":"query A { __typename } query B { __typename }"}',
        '{"query":"subscription { x }"}',
        '{"query":"{ __typename }","query":"{ certificateTypes { code } }"}',
        '{"query":"{ __typename }","variables":{"__proto__":{"polluted":true}}}',
        '{"query":"{ __typename }"',
        '{"query":"{ __typename }"}garbage',
        `{"query":"{ __typename }","extensions":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
      ),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/graphql-response+json',
      'application/graphql',
      'text/plain',
      'text/plain; charset=utf-8',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json;;;',
      'application/xml',
      '',
      '*/*',
    );
    await fuzz(fc.tuple(body, contentType, fc.constantFrom('consumer', 'public', 'company')), 60, async ([payload, type, who]) => {
      const token = tokens[who];
      expectClean(await send(payload, { ...(type ? { 'content-type': type } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), 'apollo-require-preflight': 'true' }));
    });
    expect(JSON.stringify(Object.prototype)).toBe('{}');
  });

  it('random methods, paths, header bytes and broken framing get clean answers', async () => {
    const token = tokens['consumer']!;
    const valid = JSON.stringify({ query: '{ certificateTypes { code } }' });
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'BREW', 'get', 'P\u00d6ST');
    const path = fc.oneof(
      fc.constantFrom('/graphql', '/graphql/', '/graphql?query=%7B__typename%7D', '/graphql?query={certificateTypes{code}}&variables=%7B', '/healthz', '/', '//graphql', '/%00', '/graphql%00', '/../healthz', '/graphql?' + 'a=1&'.repeat(2_000), '*', 'http://evil.example/graphql'),
      fc.webPath(),
    );
    const headerValue = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('%E0%A4%A', '%00', 'x'.repeat(300), '治安案件调查', encodeURIComponent('治安案件调查'), '\r\nX-Injected: 1'));
    const headers = fc.dictionary(fc.constantFrom('x-purpose', 'x-case-number', 'x-request-id', 'accept', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'content-encoding', 'transfer-encoding', 'expect', 'x-hub-context', 'cookie', 'origin'), headerValue, { maxKeys: 4 });
    const framing = fc.constantFrom('length', 'chunked', 'short-length', 'long-length', 'none');
    await fuzz(fc.tuple(method, path, headers, framing), 30, async ([verb, target, extra, frame]) => {
      let head = `${verb} ${target} HTTP/1.1\r\nhost: hub\r\nconnection: close\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\n`;
      for (const [name, value] of Object.entries(extra)) head += `${name}: ${value}\r\n`;
      const body = Buffer.from(valid);
      let bytes: Buffer;
      if (frame === 'chunked') bytes = Buffer.concat([Buffer.from(`${head}transfer-encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n`, 'latin1'), body, Buffer.from('\r\n0\r\n\r\n')]);
      else if (frame === 'short-length') bytes = Buffer.concat([Buffer.from(`${head}content-length: ${body.length - 5}\r\n\r\n`, 'latin1'), body]);
      else if (frame === 'long-length') bytes = Buffer.concat([Buffer.from(`${head}content-length: ${body.length + 50}\r\n\r\n`, 'latin1'), body]);
      else if (frame === 'none') bytes = Buffer.from(`${head}\r\n`, 'latin1');
      else bytes = Buffer.concat([Buffer.from(`${head}content-length: ${body.length}\r\n\r\n`, 'latin1'), body]);
      sent++;
      const answer = await rawRequest(hub.url, bytes, { halfClose: frame === 'long-length' });
      // A body shorter than its declared length never ends: the server may only hang up.
      if (answer.status === 0 && frame === 'long-length') return;
      const problem = answer.status === 0 ? 'the connection closed without an answer' : answerProblem(answer, bytes.toString('latin1'), { graphql: !target.includes('healthz') });
      if (problem) throw new Error(`${problem}\n--- request\n${bytes.toString('latin1').slice(0, 1000)}\n--- answer (HTTP ${answer.status})\n${answer.text.slice(0, 1000)}`);
    });
  });
});

describe('large bodies', { timeout: FUZZ_TIMEOUT }, () => {
  const MB = 1024 * 1024;
  /** A stream of `total` bytes of JSON-looking text, made as it is read, without a length. */
  const streamOf = (total: number) => {
    let produced = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced >= total) return controller.close();
        const chunk = Buffer.alloc(Math.min(MB, total - produced), produced === 0 ? '{"query":"' : 'a');
        produced += chunk.length;
        controller.enqueue(chunk);
      },
    });
  };

  it('a body over 16 MiB is refused with 413, by its declared length or as it streams in, without holding it', async () => {
    const before = process.memoryUsage().heapUsed;
    const declared = await send(Buffer.alloc(MAX_BODY_BYTES + 1, 'a'), { 'content-type': 'application/json', authorization: `Bearer ${tokens['consumer']}` });
    expect(declared.answer.status).toBe(413);
    expect(JSON.parse(declared.answer.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const streamed = await send(streamOf(64 * MB), { 'content-type': 'application/json', authorization: `Bearer ${tokens['consumer']}` });
    expect(streamed.answer.status).toBe(413);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(48 * MB);
  });

  it('a 14 MB operation is read by the gateway and by the node it is forwarded to, and refused only for its content', async () => {
    // registerExternalCertificate's scan: ~10 MB of base64 that is not the PDF it claims to be.
    const scan = Buffer.alloc(10 * 1000 * 1000, 7).toString('base64');
    const input = { typeName: '营业执照 (上海市)', number: 'X-1', holderKind: 'ORGANIZATION', holderCode: withWrongCheck(uscc('91', '310000', 1)), holderName: '上海某公司', issuerName: '上海市市场监督管理局', issuedOn: '2024-01-02', scan: { mediaType: 'application/pdf', contentBase64: scan } };
    const big = await post({ query: `mutation($input: RegisterExternalCertificateInput!) { registerExternalCertificate(input: $input) { id } }`, variables: { input } }, tokens['consumer']);
    expect(big.answer.status).toBeLessThan(500);
    const errors = JSON.parse(big.answer.text).errors as Array<{ extensions: { code: string } }>;
    expect(errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    // A 14 MB identifier goes to a node too, and comes back as bad input, not as a dead node.
    const id = `1.2.156.3005.2.${'A'.repeat(14 * 1000 * 1000)}`;
    const lookup = await post({ query: `query($id: ID!) { certificate(id: $id) { id } }`, variables: { id } }, tokens['consumer']);
    expectClean(lookup);
    expect(lookup.answer.text.length).toBeLessThan(10_000);
  });

  it('depth, field, alias and cost limits hold inside a 15 MB body, and a 15 MB document is cut off by its token count', async () => {
    const padding = 'p'.repeat(15 * 1000 * 1000);
    const bombs = [
      `query($pad: String) { ${Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      `query($pad: String) { legalEntity(uscc: $pad) { ${'certificates { holder { '.repeat(6)}uscc${' } }'.repeat(6)} } }`,
      `query($pad: String) { ${Array.from({ length: MAX_ROOT_FIELDS + 1 }, (_, i) => `a${i}: certificates(first: 1000) { totalCount }`).join(' ')} }`,
      `query($pad: String) { ${Array.from({ length: 20 }, (_, i) => `a${i}: certificates(first: 1000) { edges { node { id number type { items { code } } } } }`).join(' ')} }`,
    ];
    for (const query of bombs) {
      const { answer } = await post({ query, variables: { pad: padding } }, tokens['consumer']);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const document = await post({ query: `{ ${'__typename '.repeat(1_400_000)}}` }, tokens['consumer']);
    expect(document.answer.status).toBe(400);
    expect(JSON.parse(document.answer.text).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('after all of it', { timeout: FUZZ_TIMEOUT }, () => {
  it('nothing was written, nothing was logged as an internal error, nothing crashed, memory is bounded and the hub still answers', async () => {
    const rowsAfter = await Promise.all(hub.nodes.map((node) => rowCounts(node.database)));
    expect(rowsAfter).toEqual(rowsBefore);
    expect(rowsBefore.some((counts) => (counts['certificate.certificates'] ?? 0) > 0)).toBe(true);
    expect(internalErrors).toEqual([]);
    expect(crashes).toEqual([]);
    const growth = heapUsed() - heapBefore;
    console.info(`hostile input: ${sent} requests; heap ${Math.round(heapBefore / 2 ** 20)} MB before, ${Math.round(growth / 2 ** 20)} MB more after${collectGarbage ? ' (after a full GC)' : ''}`);
    // Plan and document caches fill up to their own bounds; more than this would be a leak.
    expect(growth).toBeLessThan((collectGarbage ? 96 : 256) * 2 ** 20);
    const health = await fetch(`${hub.url}/healthz`);
    expect(health.status).toBe(200);
    const answer = await post({ query: `query($id: ID!) { certificate(id: $id) { id status } }`, variables: { id: certificateIds[0] } }, tokens['consumer']);
    expect(JSON.parse(answer.answer.text).data.certificate).toEqual({ id: certificateIds[0], status: 'VALID' });
  });
});
