import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENCY,
  company,
  DEFINE_TYPE,
  DOCTOR_LICENCE,
  FOOD_LICENCE,
  GRANT,
  ISSUE,
  REGISTER_ENTITY,
  REGISTRY_TYPE,
  residentId,
  REVOKE,
  uscc,
  XIAMEN_PERMIT,
} from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * A FORBIDDEN error says why (README › Security › Why FORBIDDEN): `extensions.reason`, the role
 * when one is missing, and the rule in words naming catalog facts and the request's purpose —
 * never what it withholds. Code and path are what they always were.
 */
type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const PURPOSE = '税务登记信息核验';
const OTHER_PURPOSE = '企业开办联合审批 (matter 350000-JK-0031)';
const SHOP = { uscc: uscc('91', '350206', 4101), name: '厦门湖里白鹭广告有限公司' };
const SECRET_PHONE = '0592-5550188';
const PERMIT_LOCATION = '湖里大道99号外墙';
const DOCTOR = { code: residentId('350206', '19850505', 78), name: '黄丽珍' };
/** Everything the agencies below may not read; no answer of this file may carry any of it. */
const WITHHELD = [SHOP.uscc, SHOP.name, SECRET_PHONE, PERMIT_LOCATION, '7m×3m', DOCTOR.code, DOCTOR.name, '口腔'];

let hub: TestHub;
let steward: Client;
let consumer: Client;
let fuzhouIssuer: Client;
let xiamenIssuer: Client;
let permitId: string;
let foodId: string;
let doctorId: string;
const answers: GraphQLAnswer[] = [];

const READ = /* GraphQL */ `query Read($id: ID!) { certificate(id: $id) { id status holderName items { code name value } } }`;
const withPurpose = (purpose: string) => ({ 'x-purpose': encodeURIComponent(purpose) });

/** The FORBIDDEN error at `path`, the answer kept for the check that nothing withheld leaks. */
function refusalAt(answer: GraphQLAnswer, path: string) {
  answers.push(answer);
  const error = (answer.errors ?? []).find((candidate) => candidate.path?.join('.') === path);
  expect(error, `an error at ${path} in ${JSON.stringify(answer.errors)}`).toBeDefined();
  expect(error!.extensions?.['code']).toBe('FORBIDDEN');
  return error!;
}

beforeAll(async () => {
  hub = await startTestHub('forbidden_reasons', { grantTtlMs: 0, registryTypeCode: REGISTRY_TYPE.code });
  steward = await hub.as(AGENCY.steward);
  consumer = await hub.as(AGENCY.consumer);
  fuzhouIssuer = await hub.as(AGENCY.fuzhouIssuer);
  xiamenIssuer = await hub.as(AGENCY.xiamenIssuer);
  for (const type of [FOOD_LICENCE, XIAMEN_PERMIT, DOCTOR_LICENCE, REGISTRY_TYPE]) {
    expect((await steward(DEFINE_TYPE, { input: type })).errors).toBeUndefined();
  }
  expect((await xiamenIssuer(REGISTER_ENTITY, { input: company(SHOP.uscc, SHOP.name) })).errors).toBeUndefined();
  const issue = async (input: Record<string, unknown>) => {
    const answer = await xiamenIssuer(ISSUE, {
      input: { holderKind: 'ORGANIZATION', holderCode: SHOP.uscc, holderName: SHOP.name, issuedOn: '2025-03-01', validFrom: '2025-03-01', ...input },
    });
    expect(answer.errors).toBeUndefined();
    return answer.data!['issueCertificate'].id as string;
  };
  permitId = await issue({
    typeCode: XIAMEN_PERMIT.code,
    number: 'XMGG-2025-0099',
    items: [
      { code: 'location', value: PERMIT_LOCATION },
      { code: 'size', value: '7m×3m' },
    ],
  });
  foodId = await issue({
    typeCode: FOOD_LICENCE.code,
    number: 'JY33502060019999',
    items: [
      { code: 'operator', value: SHOP.name },
      { code: 'premises', value: '厦门市湖里区湖里大道99号' },
      { code: 'complaintPhone', value: SECRET_PHONE },
    ],
  });
  doctorId = await issue({
    typeCode: DOCTOR_LICENCE.code,
    number: '110350206000099',
    holderKind: 'PERSON',
    holderCode: DOCTOR.code,
    holderName: DOCTOR.name,
    items: [
      { code: 'name', value: DOCTOR.name },
      { code: 'idNumber', value: DOCTOR.code },
      { code: 'category', value: '口腔' },
    ],
  });
}, 180_000);

afterAll(() => hub?.stop());

describe('reads say which rule withholds a field', () => {
  it('a consumer without a grant reading a CONDITIONAL certificate’s holderName gets NO_GRANT and a message naming the type and the purpose', async () => {
    const answer = await consumer(READ, { id: permitId }, withPurpose(PURPOSE));
    expect(answer.data!['certificate']).toMatchObject({ id: permitId, status: 'VALID', holderName: null, items: null });
    const error = refusalAt(answer, 'certificate.holderName');
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_GRANT' });
    expect(error.extensions).not.toHaveProperty('role');
    expect(error.message).toBe(`not authorized to read Certificate.holderName: no grant for ${XIAMEN_PERMIT.name} and purpose ${PURPOSE}`);
    expect(refusalAt(answer, 'certificate.items').extensions?.['reason']).toBe('NO_GRANT');
  });

  it('a consumer whose grant names another purpose gets PURPOSE_NOT_GRANTED, and without X-Purpose PURPOSE_MISSING', async () => {
    const granted = await steward(GRANT, {
      input: { agency: AGENCY.consumer.sub, certificateType: XIAMEN_PERMIT.code, items: ['location'], purposes: [OTHER_PURPOSE] },
    });
    expect(granted.errors).toBeUndefined();
    try {
      const wrong = refusalAt(await consumer(READ, { id: permitId }, withPurpose(PURPOSE)), 'certificate.holderName');
      expect(wrong.extensions?.['reason']).toBe('PURPOSE_NOT_GRANTED');
      expect(wrong.message).toContain(XIAMEN_PERMIT.name);
      expect(wrong.message).toContain(PURPOSE);
      const none = refusalAt(await consumer(READ, { id: permitId }), 'certificate.holderName');
      expect(none.extensions?.['reason']).toBe('PURPOSE_MISSING');
      expect(none.message).toContain('X-Purpose');
      // With the grant's purpose the holder opens, and the item the grant does not name says so.
      const right = await consumer(READ, { id: permitId }, withPurpose(OTHER_PURPOSE));
      const size = refusalAt(right, 'certificate.items.1.value');
      expect(size.extensions?.['reason']).toBe('NO_GRANT');
      expect(size.message).toBe(`not authorized to read CertificateItem.value: no grant for 规格 of ${XIAMEN_PERMIT.name} and purpose ${OTHER_PURPOSE}`);
    } finally {
      await steward(REVOKE, { id: granted.data!['grantAccess'].id });
    }
  });

  it('a sensitive item of an UNCONDITIONAL type is NO_GRANT naming the item, while the rest of the certificate arrives', async () => {
    const answer = await consumer(READ, { id: foodId }, withPurpose(PURPOSE));
    expect(answer.data!['certificate'].items[2]).toEqual({ code: 'complaintPhone', name: '投诉举报电话', value: null });
    const error = refusalAt(answer, 'certificate.items.2.value');
    expect(error.extensions?.['reason']).toBe('NO_GRANT');
    expect(error.message).toContain(`投诉举报电话 of ${FOOD_LICENCE.name}`);
  });

  it('a NOT_SHARED type is NOT_SHARED: only its issuer and holder read its holder and items', async () => {
    const answer = await consumer(READ, { id: doctorId }, withPurpose(PURPOSE));
    for (const path of ['certificate.holderName', 'certificate.items']) {
      const error = refusalAt(answer, path);
      expect(error.extensions?.['reason']).toBe('NOT_SHARED');
      expect(error.message).toContain(`${DOCTOR_LICENCE.name} is not shared: only its issuer and holder read its holder and items`);
    }
  });

  it('an agency without the consumer role gets ROLE_REQUIRED naming the consumer role, on the metadata too', async () => {
    const answer = await fuzhouIssuer(READ, { id: permitId }, withPurpose(PURPOSE));
    for (const path of ['certificate.status', 'certificate.holderName']) {
      const error = refusalAt(answer, path);
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED', role: 'consumer' });
      expect(error.message).toContain('the consumer role is needed to read certificates of other authorities');
    }
  });

  it('a holder reading someone else’s certificate gets NOT_THE_HOLDER', async () => {
    const other = await hub.as({ sub: uscc('91', '350206', 4102), kind: 'holder' });
    const error = refusalAt(await other(READ, { id: permitId }), 'certificate.holderName');
    expect(error.extensions?.['reason']).toBe('NOT_THE_HOLDER');
  });

  it('a legal representative’s ID number without a grant is NO_GRANT, naming the field', async () => {
    const answer = await consumer(`query($u: ID!) { legalEntity(uscc: $u) { name legalRepresentativeIdNumber } }`, { u: SHOP.uscc }, withPurpose(PURPOSE));
    const error = refusalAt(answer, 'legalEntity.legalRepresentativeIdNumber');
    expect(error.extensions?.['reason']).toBe('NO_GRANT');
    expect(error.message).toContain('legalRepresentativeIdNumber');
  });
});

describe('changes say "not allowed" and why', () => {
  it('a mutation by an agency without the issuer role gets ROLE_REQUIRED naming the issuer role, worded "not allowed"', async () => {
    const answer = await consumer(ISSUE, {
      input: { typeCode: FOOD_LICENCE.code, number: 'JY-NOT-MINE', holderKind: 'ORGANIZATION', holderCode: SHOP.uscc, holderName: SHOP.name, issuedOn: '2025-03-01', validFrom: '2025-03-01', items: [] },
    });
    expect(answer.data).toBeNull();
    const error = refusalAt(answer, 'issueCertificate');
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED', role: 'issuer' });
    expect(error.message).toMatch(/^not allowed: the issuer role is needed/);
  });

  it('a status change of another authority’s certificate is NOT_THE_ISSUER', async () => {
    const answer = await fuzhouIssuer(
      /* GraphQL */ `mutation($id: ID!) { changeCertificateStatus(id: $id, status: SUSPENDED, reason: "责令整改") { status } }`,
      { id: permitId },
    );
    const error = refusalAt(answer, 'changeCertificateStatus');
    expect(error.extensions?.['reason']).toBe('NOT_THE_ISSUER');
    expect(error.message).toBe('not allowed: only the issuing authority changes the status of a certificate');
  });
});

describe('what a refusal never says', () => {
  it('no refusal above carries a holder, a holder’s name or an item value it withholds', () => {
    expect(answers.length).toBeGreaterThan(8);
    const errors = JSON.stringify(answers.flatMap((answer) => answer.errors ?? []));
    for (const value of WITHHELD) expect(errors).not.toContain(value);
  });
});
