import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY, BUSINESS_LICENCE, DEFINE_TYPE, DOCTOR_LICENCE, FOOD_LICENCE, ISSUE, licenceFor, residentId, uscc, XIAMEN_PERMIT } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * The 免提交 check a service counter runs (checkMaterials) and the holder's consent (授权用证)
 * through the whole hub: certificates of one applicant on two nodes, every outcome, the items a
 * check shows, consent opening a CONDITIONAL and a NOT_SHARED certificate for one agency and one
 * matter only, the access records, the node requests a check costs and its counts.
 */
type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

/** A city's administrative service centre (行政服务中心): it handles matters and reads what they need. */
const CENTRE = { sub: uscc('11', '350100', 8101), kind: 'agency' as const, roles: ['consumer' as const], name: '福州市行政服务中心' };
/** Another consuming agency: a consent to the centre opens nothing to it. */
const OTHER = AGENCY.consumer;

const FOOD_MATTER = `${CENTRE.sub}0001`;
const DOCTOR_MATTER = `${CENTRE.sub}0002`;
/** Checked by the counting test only: no other test's count, sent after its answer, can land in its figures. */
const COUNTED_MATTER = `${CENTRE.sub}0003`;

const COMPANY = { uscc: uscc('91', '350100', 6201), name: '福州闽江餐饮管理有限公司' };
const CLOSED = { uscc: uscc('91', '350200', 6202), name: '厦门鹭岛贸易有限公司' };
const DOCTOR = residentId('350102', '19800506', 41);

const CHECK = /* GraphQL */ `
  query Check($matter: ID!, $applicant: String!, $caseNumber: String!) {
    checkMaterials(matter: $matter, applicant: $applicant, caseNumber: $caseNumber) {
      matter matterName applicant caseNumber checkedAt allPaperless
      materials { certificateType certificateTypeName required items outcome reason certificate { id status items { code value } } }
    }
  }
`;
const DEFINE_MATTER = /* GraphQL */ `
  mutation Define($input: DefineMatterInput!) { defineMatter(input: $input) { code paperlessReady } }
`;
const GRANT_CONSENT = /* GraphQL */ `
  mutation Consent($input: GrantConsentInput!) { grantConsent(input: $input) { id live certificateIds } }
`;
const REVOKE_CONSENT = /* GraphQL */ `mutation Revoke($id: ID!) { revokeConsent(id: $id) }`;
const READ = /* GraphQL */ `query Read($id: ID!) { certificate(id: $id) { id holderName items { code value } } }`;
const COUNTS = /* GraphQL */ `
  query Counts($matter: ID!, $from: Date!, $to: Date!) {
    materialCheckCounts(matter: $matter, from: $from, to: $to) { checks allPaperless materials { certificateType outcome count } }
  }
`;

let hub: TestHub;
let centre: Client;
let other: Client;
let steward: Client;
let companyHolder: Client;
let doctorHolder: Client;
const ids = {} as Record<'licence' | 'food' | 'permit' | 'closedLicence' | 'doctor', string>;

function data(answer: GraphQLAnswer, field: string) {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data![field];
}

async function issue(client: Client, input: Record<string, unknown>): Promise<string> {
  return data(await client(ISSUE, { input }), 'issueCertificate').id as string;
}

const check = (matter: string, applicant: string, caseNumber = 'FZ-2026-000001', headers: Record<string, string> = {}) =>
  centre(CHECK, { matter, applicant, caseNumber }, headers);

const materialOf = (answer: GraphQLAnswer, type: string) =>
  (answer.data?.['checkMaterials']?.materials as Array<Record<string, any>>).find((material) => material.certificateType === type)!;

/** Today in China time, as the nodes count checks. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeAll(async () => {
  hub = await startTestHub('material_check', { grantTtlMs: 500 });
  steward = await hub.as(AGENCY.steward);
  centre = await hub.as(CENTRE);
  other = await hub.as(OTHER);
  companyHolder = await hub.as({ sub: COMPANY.uscc, kind: 'holder' });
  doctorHolder = await hub.as({ sub: DOCTOR, kind: 'holder' });
  const fuzhou = await hub.as(AGENCY.fuzhouIssuer);
  const xiamen = await hub.as(AGENCY.xiamenIssuer);
  for (const type of [BUSINESS_LICENCE, FOOD_LICENCE, XIAMEN_PERMIT, DOCTOR_LICENCE]) data(await steward(DEFINE_TYPE, { input: type }), 'defineCertificateType');

  // The company's licence at 福州 (350100); its food licence (expired) and its permit (CONDITIONAL) at 厦门 (350200).
  ids.licence = await issue(fuzhou, licenceFor(COMPANY, 'FZ-0001', '2024-03-01'));
  ids.food = await issue(xiamen, {
    typeCode: FOOD_LICENCE.code,
    number: 'JY13502000001',
    holderKind: 'ORGANIZATION',
    holderCode: COMPANY.uscc,
    holderName: COMPANY.name,
    issuedOn: '2019-01-02',
    validFrom: '2019-01-02',
    validUntil: '2023-12-31',
    items: [
      { code: 'operator', value: COMPANY.name },
      { code: 'premises', value: '厦门市思明区湖滨南路1号' },
      { code: 'complaintPhone', value: '0592-12345' },
    ],
  });
  ids.permit = await issue(xiamen, {
    typeCode: XIAMEN_PERMIT.code,
    number: 'HW-2026-001',
    holderKind: 'ORGANIZATION',
    holderCode: COMPANY.uscc,
    holderName: COMPANY.name,
    issuedOn: '2026-01-05',
    validFrom: '2026-01-05',
    items: [{ code: 'location', value: '厦门市思明区中山路' }],
  });
  // A revoked licence of another company.
  ids.closedLicence = await issue(xiamen, licenceFor(CLOSED, 'XM-0002', '2020-05-01'));
  data(await xiamen(`mutation($id: ID!) { changeCertificateStatus(id: $id, status: REVOKED, reason: "吊销营业执照") { status } }`, { id: ids.closedLicence }), 'changeCertificateStatus');
  // A doctor's certificate (NOT_SHARED), at 福州.
  ids.doctor = await issue(fuzhou, {
    typeCode: DOCTOR_LICENCE.code,
    number: 'YS-350100-0001',
    holderKind: 'PERSON',
    holderCode: DOCTOR,
    holderName: '陈医生',
    issuedOn: '2022-07-01',
    validFrom: '2022-07-01',
    items: [
      { code: 'name', value: '陈医生' },
      { code: 'idNumber', value: DOCTOR },
      { code: 'category', value: '临床' },
    ],
  });

  const matter = (code: string, name: string, materials: unknown[]) =>
    steward(DEFINE_MATTER, { input: { code, name, agencyName: CENTRE.name, materials } });
  data(
    await matter(FOOD_MATTER, '食品经营许可（新办）', [
      { certificateType: BUSINESS_LICENCE.code, items: ['name'], required: true, note: '核验主体资格' },
      { certificateType: FOOD_LICENCE.code, items: ['premises'], required: true, note: '原食品经营许可证' },
      { certificateType: XIAMEN_PERMIT.code, items: ['location'], required: false, note: '户外广告设置许可证' },
    ]),
    'defineMatter',
  );
  data(
    await matter(COUNTED_MATTER, '食品经营许可（变更）', [
      { certificateType: BUSINESS_LICENCE.code, items: ['name'], required: true, note: '核验主体资格' },
      { certificateType: FOOD_LICENCE.code, items: ['premises'], required: true, note: '原食品经营许可证' },
    ]),
    'defineMatter',
  );
  data(await matter(DOCTOR_MATTER, '医师多点执业备案', [{ certificateType: DOCTOR_LICENCE.code, items: ['category'], required: true, note: '医师执业证书' }]), 'defineMatter');
}, 240_000);

afterAll(() => hub?.stop());

describe('the 免提交 check (checkMaterials)', () => {
  it('answers each material with the best outcome of every node, showing only the needed items', async () => {
    const answer = await check(FOOD_MATTER, COMPANY.uscc);
    const result = data(answer, 'checkMaterials');
    expect(result).toMatchObject({ matter: FOOD_MATTER, matterName: '食品经营许可（新办）', applicant: COMPANY.uscc, caseNumber: 'FZ-2026-000001', allPaperless: false });
    const licence = materialOf(answer, BUSINESS_LICENCE.code);
    expect(licence).toMatchObject({ outcome: 'ELECTRONIC', required: true, certificateTypeName: '营业执照', certificate: { id: ids.licence, status: 'VALID' } });
    // The matter needs the name: the legal representative, readable as it is, is not in the answer.
    expect(licence.certificate.items).toEqual([{ code: 'name', value: COMPANY.name }]);
    const food = materialOf(answer, FOOD_LICENCE.code);
    expect(food).toMatchObject({ outcome: 'EXPIRED', certificate: { id: ids.food, status: 'EXPIRED', items: [{ code: 'premises', value: '厦门市思明区湖滨南路1号' }] } });
    expect(food.reason).toContain('2023-12-31');
    // CONDITIONAL, and no grant for the matter: the holder's consent is needed, and nothing of it is shown.
    const permit = materialOf(answer, XIAMEN_PERMIT.code);
    expect(permit).toMatchObject({ outcome: 'NEEDS_CONSENT', required: false, certificate: null });

    const revoked = data(await check(FOOD_MATTER, CLOSED.uscc), 'checkMaterials');
    expect(revoked.materials.map((material: { outcome: string }) => material.outcome)).toEqual(['NOT_VALID', 'NOT_FOUND', 'NOT_FOUND']);
    expect(revoked.materials[0].reason).toContain('revoked');
  });

  it('refuses the seal of a certificate it shows (it covers every item), but not the items the material needs', async () => {
    const answer = await centre(
      `query($m: ID!, $a: String!) { checkMaterials(matter: $m, applicant: $a, caseNumber: "FZ-SEAL-1") { materials { outcome certificate { id seal { signature } } } } }`,
      { m: FOOD_MATTER, a: COMPANY.uscc },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(answer.errors?.[0]?.path).toEqual(['checkMaterials', 'materials', 0, 'certificate', 'seal']);
    expect(answer.data?.['checkMaterials'].materials[0].certificate.id).toBe(ids.licence);
  });

  it('is for the matter’s own agency in the consumer role, with good arguments only', async () => {
    const foreign = await other(CHECK, { matter: FOOD_MATTER, applicant: COMPANY.uscc, caseNumber: 'X-1' });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(foreign.data ?? null).toBeNull();
    for (const [variables, field] of [
      [{ matter: FOOD_MATTER, applicant: '91350100XXXXXXXXXX', caseNumber: 'X-1' }, 'applicant'],
      [{ matter: FOOD_MATTER, applicant: COMPANY.uscc, caseNumber: 'x'.repeat(65) }, 'caseNumber'],
      [{ matter: FOOD_MATTER, applicant: COMPANY.uscc, caseNumber: 'A\nB' }, 'caseNumber'],
      [{ matter: `${CENTRE.sub}9999`, applicant: COMPANY.uscc, caseNumber: 'X-1' }, 'matter'],
    ] as const) {
      const refused = await centre(CHECK, variables);
      expect(refused.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const otherPurpose = await check(FOOD_MATTER, COMPANY.uscc, 'X-2', { 'x-purpose': DOCTOR_MATTER });
    expect(otherPurpose.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'X-Purpose' });
  });

  it('costs one request to each node’s certificate subgraph, however many materials, and one to count it', async () => {
    // Warm the nodes' caches of the matter and the types, and let that check's count land first.
    const checks = async () => data(await centre(COUNTS, { matter: FOOD_MATTER, from: today(), to: today() }), 'materialCheckCounts').checks as number;
    const before = await checks();
    await check(FOOD_MATTER, COMPANY.uscc);
    for (let attempt = 0; attempt < 50 && (await checks()) === before; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const counts = new Map<string, number>();
    const listeners = hub.nodes.map((node) => {
      const listener = (req: { url?: string }) => {
        if (req.url?.startsWith('/certificate')) counts.set(node.code, (counts.get(node.code) ?? 0) + 1);
      };
      node.server.on('request', listener);
      return () => node.server.off('request', listener);
    });
    try {
      data(await check(FOOD_MATTER, COMPANY.uscc, 'FZ-COUNT-1'), 'checkMaterials');
      // Besides the check itself, the gateway counts it at the matter's node (福州) once it has
      // merged the answer, without the clerk waiting: one request more, there only.
      for (let attempt = 0; attempt < 50 && (counts.get('350100') ?? 0) < 2; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(Object.fromEntries(counts)).toEqual({ '350000': 1, '350100': 2, '350200': 1 });
    } finally {
      for (const remove of listeners) remove();
    }
  });

  it('records every read for the matter and the case number, for the holder to see', async () => {
    data(await check(FOOD_MATTER, COMPANY.uscc, 'FZ-AUDIT-7'), 'checkMaterials');
    const log = data(
      await companyHolder(`query { accessLog(first: 200) { agency purpose caseNumber certificateId fields } }`),
      'accessLog',
    ) as Array<{ agency: string; purpose: string; caseNumber: string | null; certificateId: string; fields: string[] }>;
    const mine = log.filter((record) => record.caseNumber === 'FZ-AUDIT-7');
    expect(mine.length).toBeGreaterThanOrEqual(3);
    for (const record of mine) expect(record).toMatchObject({ agency: CENTRE.sub, purpose: FOOD_MATTER });
    const licence = mine.find((record) => record.certificateId === ids.licence)!;
    expect(licence.fields).toEqual(expect.arrayContaining(['checkMaterials', 'items.name']));
    expect(licence.fields).not.toContain('items.legalRepresentative');
  });

  it('counts each check at the matter’s node by type and outcome, nothing about the applicant', async () => {
    const read = async () => data(await centre(COUNTS, { matter: COUNTED_MATTER, from: today(), to: today() }), 'materialCheckCounts');
    const before = await read();
    expect(before).toMatchObject({ checks: 0, allPaperless: 0, materials: [] });
    data(await check(COUNTED_MATTER, CLOSED.uscc, 'FZ-TALLY-1'), 'checkMaterials');
    let after = before;
    for (let attempt = 0; attempt < 50 && after.checks === before.checks; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await read();
    }
    expect(after.checks).toBe(before.checks + 1);
    const count = (counts: typeof after, outcome: string) =>
      counts.materials.find((row: { certificateType: string; outcome: string }) => row.certificateType === BUSINESS_LICENCE.code && row.outcome === outcome)?.count ?? 0;
    expect(count(after, 'NOT_VALID')).toBe(count(before, 'NOT_VALID') + 1);
    expect(after.allPaperless).toBe(before.allPaperless);
    const refused = await other(COUNTS, { matter: COUNTED_MATTER, from: today(), to: today() });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const sneaked = await centre(
      `mutation { recordMaterialCheck(matter: "${COUNTED_MATTER}", allPaperless: true, outcomes: []) }`,
    );
    expect(sneaked.errors?.length).toBeGreaterThan(0);
  });
});

describe('holder consent (授权用证)', () => {
  it('opens a CONDITIONAL and a NOT_SHARED certificate to the named agency for the named matter only, until revoked', async () => {
    const companyConsent = data(
      await companyHolder(GRANT_CONSENT, { input: { agency: CENTRE.sub, matter: FOOD_MATTER, certificateIds: [ids.permit], expiresAt: inDays(7) } }),
      'grantConsent',
    );
    const doctorConsent = data(
      await doctorHolder(GRANT_CONSENT, { input: { agency: CENTRE.sub, matter: DOCTOR_MATTER, certificateIds: [ids.doctor], caseNumber: 'FZ-DOC-1', expiresAt: inDays(1) } }),
      'grantConsent',
    );

    const permit = materialOf(await check(FOOD_MATTER, COMPANY.uscc, 'FZ-CONSENT-1'), XIAMEN_PERMIT.code);
    expect(permit).toMatchObject({ outcome: 'ELECTRONIC', certificate: { id: ids.permit, items: [{ code: 'location', value: '厦门市思明区中山路' }] } });
    const doctor = data(await check(DOCTOR_MATTER, DOCTOR, 'FZ-DOC-1'), 'checkMaterials');
    expect(doctor).toMatchObject({ allPaperless: true, materials: [{ outcome: 'ELECTRONIC', certificate: { id: ids.doctor, items: [{ code: 'category', value: '临床' }] } }] });
    // The consent names a case: another case of the same matter is not covered.
    expect(data(await check(DOCTOR_MATTER, DOCTOR, 'FZ-DOC-2'), 'checkMaterials').materials[0].outcome).toBe('NEEDS_CONSENT');

    // A plain read with the matter as purpose sees the certificate as the holder would.
    const read = await centre(READ, { id: ids.permit }, { 'x-purpose': FOOD_MATTER });
    expect(data(read, 'certificate')).toMatchObject({ holderName: COMPANY.name, items: [{ code: 'location', value: '厦门市思明区中山路' }] });
    const log = data(await companyHolder(`query { accessLog(first: 50) { agency certificateId consentId purpose } }`), 'accessLog') as Array<Record<string, string>>;
    expect(log.find((record) => record.certificateId === ids.permit && record.agency === CENTRE.sub && record.purpose === FOOD_MATTER)?.consentId).toBe(companyConsent.id);

    // Another matter, another agency: closed.
    const otherMatter = await centre(READ, { id: ids.permit }, { 'x-purpose': DOCTOR_MATTER });
    expect(otherMatter.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const otherAgency = await other(READ, { id: ids.permit }, { 'x-purpose': FOOD_MATTER });
    expect(otherAgency.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    // Revoked: closed at once.
    expect(data(await companyHolder(REVOKE_CONSENT, { id: companyConsent.id }), 'revokeConsent')).toBe(true);
    expect(materialOf(await check(FOOD_MATTER, COMPANY.uscc, 'FZ-CONSENT-2'), XIAMEN_PERMIT.code).outcome).toBe('NEEDS_CONSENT');
    expect(data(await doctorHolder(REVOKE_CONSENT, { id: doctorConsent.id }), 'revokeConsent')).toBe(true);
  });

  it('a consent that has expired opens nothing', async () => {
    const consent = data(
      await doctorHolder(GRANT_CONSENT, { input: { agency: CENTRE.sub, matter: DOCTOR_MATTER, certificateIds: [ids.doctor], expiresAt: new Date(Date.now() + 1_500).toISOString() } }),
      'grantConsent',
    );
    expect(consent.live).toBe(true);
    expect(data(await check(DOCTOR_MATTER, DOCTOR, 'FZ-DOC-3'), 'checkMaterials').materials[0].outcome).toBe('ELECTRONIC');
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect(data(await check(DOCTOR_MATTER, DOCTOR, 'FZ-DOC-3'), 'checkMaterials').materials[0].outcome).toBe('NEEDS_CONSENT');
  });
});
