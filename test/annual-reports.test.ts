import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY, company, REGISTER_ENTITY, residentId, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Annual reports through the gateway (README › Annual reports): a company files at the node of
 * its registry, found from its own token; the public reads the published fields and the abnormal
 * operations list merged over every node; the June reminder reaches the company's inbox once.
 */
type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const china = (day: string, time = '10:00:00') => new Date(`${day}T${time}+08:00`);
let clock = china('2026-03-01');

/** Entities at every node: Fuzhou's and Xiamen's at their own, Quanzhou's (no node of its own) at the province. */
const XIAMEN = [uscc('91', '350203', 9101), uscc('91', '350206', 9102), uscc('91', '350211', 9103)];
const FUZHOU = [uscc('91', '350102', 9201), uscc('91', '350104', 9202)];
const QUANZHOU = [uscc('91', '350502', 9301)];
const ALL = [...XIAMEN, ...FUZHOU, ...QUANZHOU];

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: AnnualReportInput!) { submitAnnualReport(input: $input) { uscc year version filedLate node } }
`;
const REPORTS = /* GraphQL */ `
  query Reports($uscc: ID!) {
    annualReports(uscc: $uscc) { uscc name year filedLate address email employees operatingStatus website phone revenue node seal { keyId digest valid } }
  }
`;
const ABNORMAL = /* GraphQL */ `
  query Abnormal($region: String, $first: Int, $after: String) {
    abnormalOperations(region: $region, first: $first, after: $after) {
      totalCount
      edges { cursor node { uscc region year listedOn reason } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const INBOX = /* GraphQL */ `{ inbox(first: 50) { totalCount edges { node { type title body node } } } }`;

const report = (overrides: Record<string, unknown> = {}) => ({
  year: 2025,
  address: '福建省测试路8号',
  phone: '0591-87654321',
  email: 'info@example.cn',
  employees: 30,
  operatingStatus: 'OPERATING',
  website: null,
  revenue: '880000',
  ...overrides,
});

let hub: TestHub;
const as = (code: string) => hub.as({ sub: code, kind: 'holder' });

beforeAll(async () => {
  hub = await startTestHub('annual_reports', { now: () => clock });
  const registrars: Record<string, Client> = {
    '3502': await hub.as(AGENCY.xiamenIssuer),
    '3501': await hub.as(AGENCY.fuzhouIssuer),
    '3505': await hub.as(AGENCY.provinceIssuer),
  };
  for (const code of ALL) {
    const registered = await registrars[code.slice(2, 6)]!(REGISTER_ENTITY, { input: company(code, `测试企业${code.slice(-4)}有限公司`) });
    expect(registered.errors).toBeUndefined();
  }
});
afterAll(() => hub?.stop());

describe('annual reports through the gateway', () => {
  it("are filed at the node of the company's registry, found from its own token; a person is refused", async () => {
    clock = china('2026-04-01');
    const expected: Array<[string, string]> = [
      [XIAMEN[0]!, '350200'],
      [FUZHOU[0]!, '350100'],
      [QUANZHOU[0]!, '350000'],
    ];
    for (const [code, node] of expected) {
      const filed = await (await as(code))(SUBMIT, { input: report() });
      expect(filed.errors, code).toBeUndefined();
      expect(filed.data?.['submitAnnualReport']).toEqual({ uscc: code, year: 2025, version: 1, filedLate: false, node });
    }
    const person = await hub.as({ sub: residentId('350203', '19850101', 7), kind: 'holder' });
    const refused = await person(SUBMIT, { input: report() });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const agency = await hub.as(AGENCY.xiamenIssuer);
    expect((await agency(SUBMIT, { input: report() })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('are read by the public without a token: the published fields, phone and revenue null without an error', async () => {
    const answer = await hub.request(null, REPORTS, { uscc: XIAMEN[0] });
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.['annualReports']).toEqual([
      expect.objectContaining({ uscc: XIAMEN[0], year: 2025, email: 'info@example.cn', employees: 30, phone: null, revenue: null, node: '350200', seal: expect.objectContaining({ valid: true }) }),
    ]);
    // The company reads its own in full; an agency is told it may not.
    expect((await (await as(XIAMEN[0]!))(REPORTS, { uscc: XIAMEN[0] })).data?.['annualReports'][0]).toMatchObject({ phone: '0591-87654321', revenue: '880000.00' });
    const byAgency = await (await hub.as(AGENCY.consumer))(REPORTS, { uscc: XIAMEN[0] });
    expect(byAgency.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    // Without a token nothing else passes, a mutation least of all; a malformed USCC is the client's error.
    expect((await hub.request(null, SUBMIT, { input: report() })).status).toBe(401);
    const bad = await hub.request(null, REPORTS, { uscc: 'not-a-uscc' });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('list the operating entities that missed the deadline over every node, in USCC order, with exact paging and totalCount', async () => {
    clock = china('2026-08-15');
    const missed = ALL.filter((code) => ![XIAMEN[0], FUZHOU[0], QUANZHOU[0]].includes(code)).sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await hub.request(null, ABNORMAL, { first: 2, after });
      expect(answer.errors).toBeUndefined();
      const connection = answer.data?.['abnormalOperations'] as Record<string, any>;
      expect(connection['totalCount']).toBe(missed.length);
      expect(connection['edges'].length).toBeLessThanOrEqual(2);
      seen.push(...connection['edges'].map((edge: Record<string, any>) => edge.node.uscc));
      if (!connection['pageInfo']['hasNextPage']) break;
      after = connection['pageInfo']['endCursor'];
    }
    expect(seen).toEqual(missed);

    const xiamen = await hub.request(null, ABNORMAL, { region: '350200' });
    expect(xiamen.data?.['abnormalOperations']['totalCount']).toBe(2);
    expect(xiamen.data?.['abnormalOperations']['edges'].map((edge: Record<string, any>) => edge.node)).toEqual(
      XIAMEN.slice(1)
        .sort()
        .map((code) => ({ uscc: code, region: code.slice(2, 8), year: 2025, listedOn: '2026-07-01', reason: '未按规定报送2025年度年报' })),
    );

    // A late report (补报) takes its company off the list at once.
    const late = await (await as(XIAMEN[1]!))(SUBMIT, { input: report() });
    expect(late.data?.['submitAnnualReport']).toMatchObject({ filedLate: true, node: '350200' });
    expect((await hub.request(null, ABNORMAL, { region: '350200' })).data?.['abnormalOperations']['totalCount']).toBe(1);
  });

  it('remind each operating company that has not filed once, in June, in its inbox', async () => {
    clock = china('2027-06-03');
    const sent = await Promise.all(hub.nodes.map((entry) => entry.node.registryJobs.runOnce()));
    expect(sent.reduce((sum, pass) => sum + pass.reminders, 0)).toBe(ALL.length);
    const again = await Promise.all(hub.nodes.map((entry) => entry.node.registryJobs.runOnce()));
    expect(again.every((pass) => pass.reminders === 0)).toBe(true);

    const inbox = await (await as(FUZHOU[1]!))(INBOX);
    const reminders = (inbox.data?.['inbox']['edges'] as Array<Record<string, any>>).filter((edge) => edge.node.title === '请于6月30日前报送2026年度年报');
    expect(reminders).toEqual([{ node: expect.objectContaining({ type: 'NOTICE', node: '350100', body: expect.stringContaining('2026年度年报请于2027年6月30日前报送') }) }]);
  });
});
