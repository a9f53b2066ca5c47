import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_IDP_ISSUER, HUB_AUDIENCE } from '../hub/dev-idp.js';
import { contextSigner, GATEWAY_ISSUER, HUB_CONTEXT_HEADER } from '../lib/hub-context.js';
import { loadOrCreateSigningKey } from '../lib/keys.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AGENCY,
  BUSINESS_LICENCE,
  company,
  DEFINE_TYPE,
  DOCTOR_LICENCE,
  ISSUE,
  licenceFor,
  REGISTER_ENTITY,
  residentId,
  uscc,
} from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

let hub: TestHub;
let consumer: Client;
let fuzhouIssuer: Client;
let xiamenIssuer: Client;
const ENTITY = { uscc: uscc('91', '350104', 2001), name: '福州仓山榕城食品有限公司' };
const DOCTOR = residentId('350203', '19820417', 123);
let licenceId: string;
let doctorLicenceId: string;

beforeAll(async () => {
  hub = await startTestHub('security');
  const steward = await hub.as(AGENCY.steward);
  consumer = await hub.as(AGENCY.consumer);
  fuzhouIssuer = await hub.as(AGENCY.fuzhouIssuer);
  xiamenIssuer = await hub.as(AGENCY.xiamenIssuer);
  for (const type of [BUSINESS_LICENCE, DOCTOR_LICENCE]) expect((await steward(DEFINE_TYPE, { input: type })).errors).toBeUndefined();
  expect((await fuzhouIssuer(REGISTER_ENTITY, { input: company(ENTITY.uscc, ENTITY.name) })).errors).toBeUndefined();
  const licence = await fuzhouIssuer(ISSUE, { input: licenceFor(ENTITY, 'SEC-1', '2024-05-06') });
  expect(licence.errors).toBeUndefined();
  licenceId = licence.data!['issueCertificate'].id;
  const doctor = await xiamenIssuer(ISSUE, {
    input: {
      typeCode: DOCTOR_LICENCE.code,
      number: '110350200012345',
      holderKind: 'PERSON',
      holderCode: DOCTOR,
      holderName: '陈美玲',
      issuedOn: '2019-09-01',
      validFrom: '2019-09-01',
      items: [
        { code: 'name', value: '陈美玲' },
        { code: 'idNumber', value: DOCTOR },
        { code: 'category', value: '临床' },
      ],
    },
  });
  expect(doctor.errors).toBeUndefined();
  doctorLicenceId = doctor.data!['issueCertificate'].id;
}, 120_000);

afterAll(() => hub?.stop());

const CERTIFICATE = /* GraphQL */ `
  query($id: ID!) { certificate(id: $id) { id status issuerName holderName holderCode items { code value } } }
`;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer };
}

describe('authentication', () => {
  it('a request without a token is refused with 401, except the public verification', async () => {
    const refused = await post({ query: `{ certificateTypes { code } }` });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const verified = await post({ query: `query($id: ID!) { verifyCertificate(id: $id) { found status typeName issuerName } }`, variables: { id: licenceId } });
    expect(verified.status).toBe(200);
    expect(verified.body.data?.['verifyCertificate']).toEqual({ found: true, status: 'VALID', typeName: '营业执照', issuerName: AGENCY.fuzhouIssuer.name });
  });

  it('the public cannot smuggle another field next to verifyCertificate', async () => {
    const answer = await post({ query: `query($id: ID!) { verifyCertificate(id: $id) { found } certificate(id: $id) { holderName } }`, variables: { id: licenceId } });
    expect(answer.status).toBe(401);
    expect(answer.body.data ?? null).toBeNull();
  });

  it('expired, wrongly signed, unsigned and garbage tokens are refused with 401', async () => {
    const expired = await hub.token({ ...AGENCY.consumer, ttlSeconds: -10 });
    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ kind: 'agency', roles: ['steward'] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(DEV_IDP_ISSUER)
      .setAudience(HUB_AUDIENCE)
      .setSubject(AGENCY.steward.sub)
      .setExpirationTime('1h')
      .sign(stranger.privateKey);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ sub: AGENCY.steward.sub, kind: 'agency', roles: ['steward'], iss: DEV_IDP_ISSUER, aud: HUB_AUDIENCE, exp: 9999999999 })).toString('base64url');
    const unsigned = `${header}.${claims}.`;
    for (const token of [expired, forged, unsigned, 'not-a-token']) {
      const answer = await post({ query: `{ certificateTypes { code } }` }, { authorization: `Bearer ${token}` });
      expect(answer.status, token).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    const stale = await post({ query: `query($id: ID!) { verifyCertificate(id: $id) { found } }`, variables: { id: licenceId } }, { authorization: `Bearer ${expired}` });
    expect(stale.status).toBe(401);
  });

  it('a token whose agency code is not a valid USCC is refused', async () => {
    const token = await hub.token({ sub: 'NOT-A-USCC', kind: 'agency', roles: ['consumer'] });
    const answer = await post({ query: `{ certificateTypes { code } }` }, { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(401);
  });

  it('an X-Purpose longer than 200 characters is a client error', async () => {
    const token = await hub.token(AGENCY.consumer);
    const answer = await post({ query: `{ certificateTypes { code } }` }, { authorization: `Bearer ${token}`, 'x-purpose': 'x'.repeat(201) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'X-Purpose' });
  });

  it('an X-Case-Number of a second line or more than 64 characters is a client error naming the header and why', async () => {
    const token = await hub.token(AGENCY.consumer);
    for (const [caseNumber, reason] of [
      ['2026-FZ%0A000123', 'must not contain a control character (U+000A at character 8)'],
      [`2026-FZ-${'0'.repeat(57)}`, 'must be at most 64 characters'],
    ] as const) {
      const answer = await post({ query: `{ certificateTypes { code } }` }, { authorization: `Bearer ${token}`, 'x-case-number': caseNumber });
      expect(answer.status, caseNumber).toBe(400);
      expect(answer.body.errors?.[0], caseNumber).toMatchObject({
        message: expect.stringContaining(`X-Case-Number: ${reason}`),
        extensions: { code: 'BAD_USER_INPUT', field: 'X-Case-Number' },
      });
    }
  });
});

describe('nodes cannot be read around the gateway', () => {
  const subgraphUrl = () => `${hub.nodes[1]!.url}/certificate`;
  const query = () => JSON.stringify({ query: `query($id: ID!) { certificate(id: $id) { holderName } }`, variables: { id: licenceId } });

  it('a subgraph refuses a request without the gateway context', async () => {
    const response = await fetch(subgraphUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: query() });
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain(ENTITY.name);
  });

  it('a node answers a request target that is not a path with 400, not an internal error', async () => {
    const { status } = await rawRequest(hub.nodes[1]!.url, '/////');
    expect(status).toBe(400);
  });

  it('a subgraph refuses a context signed by another key, and an expired one', async () => {
    const otherKey = await loadOrCreateSigningKey(mkdtempSync(join(tmpdir(), 'ecert-other-')), 'gateway');
    const principal = { kind: 'agency' as const, code: AGENCY.fuzhouIssuer.sub, name: null, roles: ['issuer' as const] };
    const claims = { principal, purpose: null, requestId: 'x', grants: [] };
    const target = { node: hub.nodes[1]!.code, subgraph: 'certificate' };
    const forged = contextSigner(otherKey, GATEWAY_ISSUER).prepare(claims)(target, query());
    const expired = contextSigner(hub.gatewayKey, GATEWAY_ISSUER, -5).prepare(claims)(target, query());
    for (const token of [forged, expired]) {
      const response = await fetch(subgraphUrl(), { method: 'POST', headers: { 'content-type': 'application/json', [HUB_CONTEXT_HEADER]: token }, body: query() });
      expect(response.status).toBe(401);
    }
    const genuine = contextSigner(hub.gatewayKey, GATEWAY_ISSUER).prepare(claims)(target, query());
    const accepted = await fetch(subgraphUrl(), { method: 'POST', headers: { 'content-type': 'application/json', [HUB_CONTEXT_HEADER]: genuine }, body: query() });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
  });

  it('a JWK export of the public key is all a node needs', async () => {
    expect('d' in hub.gatewayKey.publicJwk).toBe(false);
    expect(await exportJWK((await generateKeyPair('EdDSA', { crv: 'Ed25519' })).publicKey)).not.toHaveProperty('d');
  });
});

describe('roles', () => {
  it('a consumer reads metadata of a NOT_SHARED certificate but not the holder or items, and the rest still arrives', async () => {
    const answer = await consumer(CERTIFICATE, { id: doctorLicenceId });
    expect(answer.data!['certificate']).toEqual({ id: doctorLicenceId, status: 'VALID', issuerName: AGENCY.xiamenIssuer.name, holderName: null, holderCode: null, items: null });
    const denied = (answer.errors ?? []).map((error) => [error.extensions?.['code'], error.path?.join('.')]);
    expect(denied).toEqual(
      expect.arrayContaining([
        ['FORBIDDEN', 'certificate.holderName'],
        ['FORBIDDEN', 'certificate.holderCode'],
        ['FORBIDDEN', 'certificate.items'],
      ]),
    );
    expect(JSON.stringify(answer)).not.toContain('陈美玲');
    expect(JSON.stringify(answer)).not.toContain(DOCTOR);
  });

  it('the issuing authority reads everything it issued', async () => {
    const answer = await fuzhouIssuer(CERTIFICATE, { id: licenceId });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!['certificate'].holderName).toBe(ENTITY.name);
  });

  it('a holder reads its own certificates and registry record in full, and nobody else’s', async () => {
    const entity = await hub.as({ sub: ENTITY.uscc, kind: 'holder' });
    const own = await entity(CERTIFICATE, { id: licenceId });
    expect(own.errors).toBeUndefined();
    expect(own.data!['certificate'].items).toEqual([
      { code: 'name', value: ENTITY.name },
      { code: 'legalRepresentative', value: '林建国' },
    ]);
    const record = await entity(`query($u: ID!) { legalEntity(uscc: $u) { name legalRepresentativeIdNumber } }`, { u: ENTITY.uscc });
    expect(record.errors).toBeUndefined();
    expect(record.data!['legalEntity'].legalRepresentativeIdNumber).toMatch(/^\d{17}[\dX]$/);
    const other = await entity(CERTIFICATE, { id: doctorLicenceId });
    expect(JSON.stringify(other.data)).not.toContain('陈美玲');
    expect(other.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const doctor = await hub.as({ sub: DOCTOR, kind: 'holder' });
    const mine = await doctor(CERTIFICATE, { id: doctorLicenceId });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!['certificate'].items).toContainEqual({ code: 'idNumber', value: DOCTOR });
  });

  it("an agency without a grant never sees a legal representative's ID number", async () => {
    const answer = await fuzhouIssuer(`query($u: ID!) { legalEntity(uscc: $u) { name legalRepresentativeIdNumber } }`, { u: ENTITY.uscc });
    expect(answer.data!['legalEntity']).toEqual({ name: ENTITY.name, legalRepresentativeIdNumber: null });
    expect(answer.errors?.[0]).toMatchObject({ path: ['legalEntity', 'legalRepresentativeIdNumber'], extensions: { code: 'FORBIDDEN' } });
  });

  it('only stewards define types, only registrars register, only issuers issue', async () => {
    const define = await consumer(DEFINE_TYPE, { input: { ...BUSINESS_LICENCE, code: `${BUSINESS_LICENCE.code.slice(0, 18)}009` } });
    expect(define.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const register = await consumer(REGISTER_ENTITY, { input: company(uscc('91', '350102', 2002), '福州某公司') });
    expect(register.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const issue = await consumer(ISSUE, { input: licenceFor(ENTITY, 'SEC-2', '2024-05-06') });
    expect(issue.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('only the issuing authority changes a certificate’s status, with a reason, and the history records it', async () => {
    const change = `mutation($id: ID!, $s: CertificateStatus!, $r: String!) { changeCertificateStatus(id: $id, status: $s, reason: $r) { status statusHistory { actor from to reason } } }`;
    const other = await xiamenIssuer(change, { id: licenceId, s: 'SUSPENDED', r: '责令整改' });
    expect(other.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const noReason = await fuzhouIssuer(change, { id: licenceId, s: 'SUSPENDED', r: '  ' });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const suspended = await fuzhouIssuer(change, { id: licenceId, s: 'SUSPENDED', r: '经营场所不符合条件，责令整改' });
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data!['changeCertificateStatus'].status).toBe('SUSPENDED');
    expect(suspended.data!['changeCertificateStatus'].statusHistory.at(-1)).toEqual({
      actor: AGENCY.fuzhouIssuer.sub,
      from: 'VALID',
      to: 'SUSPENDED',
      reason: '经营场所不符合条件，责令整改',
    });
    const expired = await fuzhouIssuer(change, { id: licenceId, s: 'EXPIRED', r: '到期' });
    expect(expired.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect((await fuzhouIssuer(change, { id: licenceId, s: 'VALID', r: '整改完成' })).errors).toBeUndefined();
    expect((await fuzhouIssuer(change, { id: licenceId, s: 'REVOKED', r: '吊销' })).errors).toBeUndefined();
    const afterFinal = await fuzhouIssuer(change, { id: licenceId, s: 'VALID', r: '恢复' });
    expect(afterFinal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
  });
});

describe('the holes a security review found (issue 9)', () => {
  const GARDEN_BUREAU = { sub: uscc('11', '350200', 2601), kind: 'agency' as const, roles: ['issuer' as const], name: '厦门市市政园林局' };
  const doctorInput = (number: string) => ({
    typeCode: DOCTOR_LICENCE.code,
    number,
    holderKind: 'PERSON',
    holderCode: residentId('350203', '19800101', 901),
    holderName: '王伪造',
    issuedOn: '2024-01-02',
    validFrom: '2024-01-02',
    items: [
      { code: 'name', value: '王伪造' },
      { code: 'idNumber', value: residentId('350203', '19800101', 901) },
      { code: 'category', value: '临床' },
    ],
  });

  it('an issuer the catalog does not name for a type cannot issue or convert it, and nothing is stored', async () => {
    const steward = await hub.as(AGENCY.steward);
    // Only the province's authority (and the defining ministry) may issue this one; Xiamen's agencies may issue the other.
    const narrow = { ...DOCTOR_LICENCE, code: `${DOCTOR_LICENCE.code.slice(0, 18)}031`, issuers: [AGENCY.provinceIssuer.sub] };
    const xiamenOnly = { ...DOCTOR_LICENCE, code: `${DOCTOR_LICENCE.code.slice(0, 18)}032`, issuers: ['region:350200'] };
    for (const type of [narrow, xiamenOnly]) expect((await steward(DEFINE_TYPE, { input: type })).errors).toBeUndefined();
    const bureau = await hub.as(GARDEN_BUREAU);
    const issued = await bureau(ISSUE, { input: { ...doctorInput('GARDEN-1'), typeCode: narrow.code } });
    expect(issued.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(issued.errors?.[0]?.message).toContain('not among the authorities competent to issue 医师执业证书');
    const { typeCode: _type, ...row } = doctorInput('GARDEN-2');
    const imported = await bureau(`mutation($t: ID!, $rows: [ImportRowInput!]!) { importCertificates(typeCode: $t, rows: $rows) { imported } }`, {
      t: narrow.code,
      rows: [{ line: 2, ...row }],
    });
    expect(imported.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const citizen = await hub.as({ sub: residentId('350203', '19800101', 901), kind: 'holder' });
    expect((await citizen(`{ certificates { totalCount } }`)).data!['certificates'].totalCount).toBe(0);
    // Named in the catalog (by its region), the same agency may.
    expect((await bureau(ISSUE, { input: { ...doctorInput('GARDEN-3'), typeCode: xiamenOnly.code } })).errors).toBeUndefined();
    expect((await citizen(`{ certificates { totalCount } }`)).data!['certificates'].totalCount).toBe(1);
  });

  it('an agency token without roles reads only what the public reads', async () => {
    const roleless = await hub.as({ sub: uscc('11', '350100', 2602), kind: 'agency', roles: [] });
    const answer = await roleless(CERTIFICATE, { id: licenceId });
    expect(answer.data!['certificate']).toEqual({ id: licenceId, status: null, issuerName: null, holderName: null, holderCode: null, items: null });
    expect(JSON.stringify(answer)).not.toContain(ENTITY.name);
    const listed = await roleless(`{ certificates(first: 100) { totalCount } }`);
    expect(listed.data!['certificates'].totalCount).toBe(0);
    const verified = await roleless(`query($id: ID!) { verifyCertificate(id: $id) { found status } }`, { id: licenceId });
    expect(verified.data!['verifyCertificate']).toEqual({ found: true, status: expect.any(String) });
  });

  it("a list by a citizen's ID number tells a consumer nothing of NOT_SHARED certificates, and is recorded as a read of the citizen", async () => {
    const LIST = `query($h: String) { certificates(filter: { holderCode: $h }) { totalCount edges { node { id number status } } } }`;
    const answer = await consumer(LIST, { h: DOCTOR }, { 'x-purpose': 'review' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!['certificates']).toEqual({ totalCount: 0, edges: [] });
    expect(JSON.stringify(answer)).not.toContain(doctorLicenceId);
    const doctor = await hub.as({ sub: DOCTOR, kind: 'holder' });
    const log = await doctor(`{ accessLog(first: 50) { agency purpose fields holderCode node seq } }`);
    expect(log.errors).toBeUndefined();
    expect(log.data!['accessLog']).toContainEqual(
      expect.objectContaining({ agency: AGENCY.consumer.sub, purpose: 'review', holderCode: DOCTOR, fields: ['certificates.holderCode'], seq: expect.any(Number) }),
    );
  });
});

describe('limits', () => {
  it('a query nested too deep is refused before any node is asked', async () => {
    const deep = `query($u: ID!) { legalEntity(uscc: $u) { certificates { holder { certificates { holder { certificates { holder { certificates { holder { certificates { id } } } } } } } } } } }`;
    hub.nodes.forEach((node) => node.database.statements.reset());
    const answer = await consumer(deep, { u: ENTITY.uscc });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.errors?.[0]?.message).toMatch(/nested deeper than 10/);
    expect(hub.nodes.every((node) => node.database.statements.count === 0)).toBe(true);
  });

  it('a page larger than 1000 is BAD_USER_INPUT naming first', async () => {
    const answer = await consumer(`{ certificates(first: 100000) { totalCount } }`);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('errors never carry a stack trace', async () => {
    const answer = await consumer(`query($id: ID!) { certificate(id: $id) { id } }`, { id: 'garbage' });
    expect(JSON.stringify(answer)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});

/** A GET with a request target that fetch would normalise away, over a plain socket. */
function rawRequest(base: string, target: string): Promise<{ status: number }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port: Number(port), method: 'GET', path: target }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    request.on('error', reject);
    request.end();
  });
}
