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

type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const PURPOSE = '企业开办联合审批 (matter 350000-JK-0031)';
const SHOP = { uscc: uscc('91', '350206', 4001), name: '厦门湖里鹭岛餐饮有限公司' };
const SECRET_PHONE = '0592-5550123';
const ID_NUMBER = residentId('350206', '19800101', 55);

let hub: TestHub;
let steward: Client;
let consumer: Client;
let foodId: string;
let permitId: string;
let doctorId: string;

const READ = /* GraphQL */ `
  query Read($id: ID!) { certificate(id: $id) { id status holderName holderCode items { code name value } } }
`;
const withPurpose = (purpose: string) => ({ 'x-purpose': encodeURIComponent(purpose) });
const forbiddenPaths = (answer: GraphQLAnswer) =>
  (answer.errors ?? []).filter((error) => error.extensions?.['code'] === 'FORBIDDEN').map((error) => error.path?.join('.'));

beforeAll(async () => {
  hub = await startTestHub('authorization', { grantTtlMs: 0, registryTypeCode: REGISTRY_TYPE.code });
  steward = await hub.as(AGENCY.steward);
  consumer = await hub.as(AGENCY.consumer);
  const xiamen = await hub.as(AGENCY.xiamenIssuer);
  for (const type of [FOOD_LICENCE, XIAMEN_PERMIT, DOCTOR_LICENCE, REGISTRY_TYPE]) {
    expect((await steward(DEFINE_TYPE, { input: type })).errors).toBeUndefined();
  }
  const entity = { ...company(SHOP.uscc, SHOP.name), legalRepresentativeIdNumber: ID_NUMBER };
  expect((await xiamen(REGISTER_ENTITY, { input: entity })).errors).toBeUndefined();
  const issue = async (input: Record<string, unknown>) => {
    const answer = await xiamen(ISSUE, { input: { holderKind: 'ORGANIZATION', holderCode: SHOP.uscc, holderName: SHOP.name, issuedOn: '2025-03-01', validFrom: '2025-03-01', ...input } });
    expect(answer.errors).toBeUndefined();
    return answer.data!['issueCertificate'].id as string;
  };
  foodId = await issue({
    typeCode: FOOD_LICENCE.code,
    number: 'JY33502060012345',
    items: [
      { code: 'operator', value: SHOP.name },
      { code: 'premises', value: '厦门市湖里区湖里大道88号' },
      { code: 'complaintPhone', value: SECRET_PHONE },
    ],
  });
  permitId = await issue({
    typeCode: XIAMEN_PERMIT.code,
    number: 'XMGG-2025-0042',
    items: [
      { code: 'location', value: '湖里大道88号外墙' },
      { code: 'size', value: '6m×2m' },
    ],
  });
  doctorId = await issue({
    typeCode: DOCTOR_LICENCE.code,
    number: '110350206000001',
    holderKind: 'PERSON',
    holderCode: residentId('350206', '19850505', 77),
    holderName: '黄志明',
    items: [
      { code: 'name', value: '黄志明' },
      { code: 'idNumber', value: residentId('350206', '19850505', 77) },
      { code: 'category', value: '口腔' },
    ],
  });
}, 180_000);

afterAll(() => hub?.stop());

describe('UNCONDITIONAL types', () => {
  it('any agency reads the holder and the non-sensitive items; the sensitive item is withheld item by item', async () => {
    const answer = await consumer(READ, { id: foodId });
    expect(answer.data!['certificate'].holderName).toBe(SHOP.name);
    expect(answer.data!['certificate'].items).toEqual([
      { code: 'operator', name: '经营者名称', value: SHOP.name },
      { code: 'premises', name: '经营场所', value: '厦门市湖里区湖里大道88号' },
      { code: 'complaintPhone', name: '投诉举报电话', value: null },
    ]);
    expect(forbiddenPaths(answer)).toEqual(['certificate.items.2.value']);
    expect(JSON.stringify(answer)).not.toContain(SECRET_PHONE);
  });

  it('a grant naming the sensitive item opens it, only for the purpose it names', async () => {
    const granted = await steward(GRANT, { input: { agency: AGENCY.consumer.sub, certificateType: FOOD_LICENCE.code, items: ['complaintPhone'], purposes: [PURPOSE] } });
    expect(granted.errors).toBeUndefined();
    const right = await consumer(READ, { id: foodId }, withPurpose(PURPOSE));
    expect(right.errors).toBeUndefined();
    expect(right.data!['certificate'].items[2].value).toBe(SECRET_PHONE);
    const wrong = await consumer(READ, { id: foodId }, withPurpose('随便看看'));
    expect(forbiddenPaths(wrong)).toEqual(['certificate.items.2.value']);
    const none = await consumer(READ, { id: foodId });
    expect(JSON.stringify(none)).not.toContain(SECRET_PHONE);
    expect((await steward(REVOKE, { id: granted.data!['grantAccess'].id })).data).toEqual({ revokeGrant: true });
  });
});

describe('CONDITIONAL types', () => {
  it('without a grant an agency sees metadata only', async () => {
    const answer = await consumer(READ, { id: permitId }, withPurpose(PURPOSE));
    expect(answer.data!['certificate']).toMatchObject({ id: permitId, status: 'VALID', holderName: null, holderCode: null, items: null });
    expect(forbiddenPaths(answer).sort()).toEqual(['certificate.holderCode', 'certificate.holderName', 'certificate.items']);
  });

  it('a grant opens the holder and only the items it names; revoking it closes them again at once', async () => {
    const granted = await steward(GRANT, { input: { agency: AGENCY.consumer.sub, certificateType: XIAMEN_PERMIT.code, items: ['location'], purposes: [PURPOSE] } });
    expect(granted.errors).toBeUndefined();
    expect(granted.data!['grantAccess'].certificateType).toEqual({ code: XIAMEN_PERMIT.code, name: XIAMEN_PERMIT.name });
    const open = await consumer(READ, { id: permitId }, withPurpose(PURPOSE));
    expect(open.data!['certificate'].holderName).toBe(SHOP.name);
    expect(open.data!['certificate'].items).toEqual([
      { code: 'location', name: '设置地点', value: '湖里大道88号外墙' },
      { code: 'size', name: '规格', value: null },
    ]);
    expect(forbiddenPaths(open)).toEqual(['certificate.items.1.value']);
    expect(JSON.stringify(open)).not.toContain('6m×2m');

    expect((await steward(REVOKE, { id: granted.data!['grantAccess'].id })).data).toEqual({ revokeGrant: true });
    const closed = await consumer(READ, { id: permitId }, withPurpose(PURPOSE));
    expect(closed.data!['certificate'].holderName).toBeNull();
  });

  it('a list by holder holds only what the agency may see the holder of: the CONDITIONAL permit only through a grant', async () => {
    const LIST = `query($h: String) { certificates(filter: { holderCode: $h }, first: 10) { totalCount edges { node { id type { code } holderName } } } }`;
    // Not counted, not listed: the list says nothing of what else the company holds.
    const ungranted = await consumer(LIST, { h: SHOP.uscc });
    expect(ungranted.errors).toBeUndefined();
    expect(ungranted.data!['certificates'].totalCount).toBe(1);
    expect(ungranted.data!['certificates'].edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([foodId]);
    expect(JSON.stringify(ungranted)).not.toContain(permitId);
    const granted = await steward(GRANT, { input: { agency: AGENCY.consumer.sub, certificateType: XIAMEN_PERMIT.code, items: ['location'], purposes: [PURPOSE] } });
    try {
      expect((await consumer(LIST, { h: SHOP.uscc })).data!['certificates'].totalCount, 'a grant for another purpose opens nothing').toBe(1);
      const open = await consumer(LIST, { h: SHOP.uscc }, withPurpose(PURPOSE));
      expect(open.data!['certificates'].totalCount).toBe(2);
      expect(new Set(open.data!['certificates'].edges.map((edge: { node: { id: string } }) => edge.node.id))).toEqual(new Set([foodId, permitId]));
    } finally {
      await steward(REVOKE, { id: granted.data!['grantAccess'].id });
    }
  });

  it('withheld fields in a list across nodes are reported at the path of the right edge', async () => {
    const granted = await steward(GRANT, { input: { agency: AGENCY.consumer.sub, certificateType: XIAMEN_PERMIT.code, items: ['location'], purposes: [PURPOSE] } });
    try {
      const answer = await consumer(
        `query($h: String) { certificates(filter: { holderCode: $h }, first: 10) { edges { node { id type { code } holderName items { code value } } } } }`,
        { h: SHOP.uscc },
        withPurpose(PURPOSE),
      );
      const edges = answer.data!['certificates'].edges as Array<{ node: { id: string; type: { code: string }; items: Array<{ code: string }> } }>;
      expect(edges).toHaveLength(2);
      const denied = new Set(forbiddenPaths(answer));
      edges.forEach((edge, index) => {
        // The food licence's sensitive phone and the permit's size, each at its own edge.
        const withheld = edge.node.type.code === FOOD_LICENCE.code ? 'complaintPhone' : 'size';
        const at = edge.node.items.findIndex((item) => item.code === withheld);
        expect(denied.has(`certificates.edges.${index}.node.items.${at}.value`), edge.node.type.code).toBe(true);
      });
      expect(denied.size).toBe(2);
    } finally {
      await steward(REVOKE, { id: granted.data!['grantAccess'].id });
    }
  });
});

describe('rules on entity references', () => {
  it('the same rules hold when a certificate is reached through its holder and a holder through its certificate', async () => {
    const answer = await consumer(
      /* GraphQL */ `query($u: ID!, $id: ID!) {
        legalEntity(uscc: $u) { certificates { type { code } holderName items { code value } } }
        certificate(id: $id) { holder { name legalRepresentativeIdNumber } }
      }`,
      { u: SHOP.uscc, id: foodId },
    );
    const certificates = answer.data!['legalEntity'].certificates as Array<{ type: { code: string }; holderName: string | null }>;
    // Through its holder, a certificate whose holder the agency may not read is not there at all.
    expect(certificates.map((c) => c.type.code)).toEqual([FOOD_LICENCE.code]);
    expect(certificates[0]!.holderName).toBe(SHOP.name);
    expect(answer.data!['certificate'].holder).toEqual({ name: SHOP.name, legalRepresentativeIdNumber: null });
    const paths = forbiddenPaths(answer);
    expect(paths).toContain('certificate.holder.legalRepresentativeIdNumber');
    expect(JSON.stringify(answer)).not.toContain(ID_NUMBER);
    expect(JSON.stringify(answer)).not.toContain('6m×2m');
    expect(JSON.stringify(answer)).not.toContain(XIAMEN_PERMIT.code);
  });
});

describe('NOT_SHARED types', () => {
  it('a grant cannot be made, and nobody but the issuer and the holder sees more than metadata', async () => {
    const refused = await steward(GRANT, { input: { agency: AGENCY.consumer.sub, certificateType: DOCTOR_LICENCE.code, items: ['category'], purposes: [PURPOSE] } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.certificateType' });
    const answer = await consumer(READ, { id: doctorId }, withPurpose(PURPOSE));
    expect(answer.data!['certificate'].items).toBeNull();
    expect(JSON.stringify(answer)).not.toContain('黄志明');
  });
});

describe('the registry', () => {
  const ENTITY = `query($u: ID!) { legalEntity(uscc: $u) { name legalRepresentativeIdNumber } }`;

  it("a legal representative's ID number needs a grant on the registry entry naming it, for the purpose", async () => {
    const before = await consumer(ENTITY, { u: SHOP.uscc }, withPurpose(PURPOSE));
    expect(before.data!['legalEntity']).toEqual({ name: SHOP.name, legalRepresentativeIdNumber: null });
    expect(JSON.stringify(before)).not.toContain(ID_NUMBER);
    const granted = await steward(GRANT, {
      input: { agency: AGENCY.consumer.sub, certificateType: REGISTRY_TYPE.code, items: ['legalRepresentativeIdNumber'], purposes: [PURPOSE] },
    });
    expect(granted.errors).toBeUndefined();
    const after = await consumer(ENTITY, { u: SHOP.uscc }, withPurpose(PURPOSE));
    expect(after.data!['legalEntity'].legalRepresentativeIdNumber).toBe(ID_NUMBER);
    const otherPurpose = await consumer(ENTITY, { u: SHOP.uscc }, withPurpose('另一事由'));
    expect(otherPurpose.data!['legalEntity'].legalRepresentativeIdNumber).toBeNull();
  });
});

describe('who maintains grants', () => {
  it('only stewards grant, revoke and list grants; an agency sees its own through myGrants', async () => {
    const input = { agency: AGENCY.consumer.sub, certificateType: FOOD_LICENCE.code, items: [], purposes: [PURPOSE] };
    expect((await consumer(GRANT, { input })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await consumer(`{ grants { id } }`)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const mine = await consumer(`{ myGrants { certificateType { code } items purposes } }`);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!['myGrants']).toContainEqual({ certificateType: { code: REGISTRY_TYPE.code }, items: ['legalRepresentativeIdNumber'], purposes: [PURPOSE] });
    const listed = await steward(`query($a: String) { grants(agency: $a) { agency certificateType { code } } }`, { a: AGENCY.consumer.sub });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!['grants'].every((grant: { agency: string }) => grant.agency === AGENCY.consumer.sub)).toBe(true);
  });
});
