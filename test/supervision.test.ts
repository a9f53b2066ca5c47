import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeScopeText } from '../lib/permit-rules.js';
import { executeRows } from '../subgraphs/kit/db.js';
import { legalEntities } from '../subgraphs/legal-entity/db/schema.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, FOOD_LICENCE, foodLicenceFor, ISSUE, licenceFor, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Supervision findings (supervisionFindings) through the whole hub: entities registered at three
 * nodes, their certificates at other nodes, every kind produced and cleared, paging over nodes,
 * a node down.
 */
type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const SUPERVISOR = { sub: uscc('11', '350000', 8110), kind: 'agency' as const, roles: ['supervisor' as const], name: '福建省市场监督管理局执法总队' };

const FOOD_RULE = { code: 'FOOD-SALE', activity: '食品销售', keywords: ['食品销售', '餐饮服务'], certificateType: FOOD_LICENCE.code, note: '食品经营许可' };

/** The entities of the suite: where each registers, its scope and status, and what it should produce. */
const E = {
  unlicensed: { uscc: uscc('91', '350100', 6301), name: '福州无证食品商行', scope: '食品销售；日用百货销售' },
  clearedElsewhere: { uscc: uscc('91', '350100', 6302), name: '福州鼓楼餐饮有限公司', scope: '餐饮服务' },
  expired: { uscc: uscc('91', '350200', 6303), name: '厦门过期食品店', scope: '食品销售（仅销售预包装食品）' },
  revoked: { uscc: uscc('91', '350200', 6304), name: '厦门吊销食品店', scope: '许可项目：食品销售' },
  closed: { uscc: uscc('91', '350000', 6305), name: '福建已注销贸易有限公司', scope: '贸易' },
  software: { uscc: uscc('91', '350100', 6306), name: '福州软件有限公司', scope: '软件开发' },
};

const FINDINGS = /* GraphQL */ `
  query Findings($filter: SupervisionFindingsFilter, $first: Int, $after: String) {
    supervisionFindings(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind since detail entity { uscc name status node } rule { code certificateType } certificate { id status number node } } }
    }
  }
`;

let hub: TestHub;
let supervisor: Client;
const ids: Record<string, string> = {};

function data(answer: GraphQLAnswer, field: string) {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data![field];
}


beforeAll(async () => {
  hub = await startTestHub('supervision');
  const steward = await hub.as(AGENCY.steward);
  supervisor = await hub.as(SUPERVISOR);
  const registrars = {
    '350000': await hub.as(AGENCY.provinceIssuer),
    '350100': await hub.as(AGENCY.fuzhouIssuer),
    '350200': await hub.as(AGENCY.xiamenIssuer),
  } as Record<string, Client>;
  for (const type of [BUSINESS_LICENCE, FOOD_LICENCE]) data(await steward(DEFINE_TYPE, { input: type }), 'defineCertificateType');
  data(await steward(`mutation($input: DefinePermitRuleInput!) { definePermitRule(input: $input) { code } }`, { input: FOOD_RULE }), 'definePermitRule');
  for (const entity of Object.values(E)) {
    const input = { ...company(entity.uscc, entity.name), businessScope: entity.scope };
    data(await registrars[entity.uscc.slice(2, 6) + '00']!(REGISTER_ENTITY, { input }), 'registerLegalEntity');
  }
  // The Fuzhou restaurant's food licence is issued in Xiamen: only that node can clear it.
  ids['cleared'] = data(await registrars['350200']!(ISSUE, { input: foodLicenceFor(E.clearedElsewhere, 'JY-1', '2024-01-10', '2029-01-09') }), 'issueCertificate').id;
  ids['expired'] = data(await registrars['350200']!(ISSUE, { input: foodLicenceFor(E.expired, 'JY-2', '2018-03-01', '2023-02-28') }), 'issueCertificate').id;
  ids['revoked'] = data(await registrars['350100']!(ISSUE, { input: foodLicenceFor(E.revoked, 'JY-3', '2022-05-01', '2027-04-30') }), 'issueCertificate').id;
  data(
    await registrars['350100']!(`mutation($id: ID!) { changeCertificateStatus(id: $id, status: REVOKED, reason: "吊销食品经营许可证") { status } }`, { id: ids['revoked'] }),
    'changeCertificateStatus',
  );
  ids['closedLicence'] = data(await registrars['350200']!(ISSUE, { input: licenceFor(E.closed, 'GS-5', '2019-06-01') }), 'issueCertificate').id;
  data(await registrars['350000']!(REGISTER_ENTITY, { input: { uscc: E.closed.uscc, status: 'CANCELLED' } }), 'registerLegalEntity');
}, 240_000);

afterAll(() => hub?.stop());

type Finding = { id: string; kind: string; since: string; detail: string; entity: { uscc: string; node: string }; rule: { code: string } | null; certificate: { id: string; status: string } | null };

async function allFindings(filter: Record<string, unknown>, first = 2): Promise<{ findings: Finding[]; totalCount: number; pages: number }> {
  const findings: Finding[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let pages = 0;
  for (;;) {
    const page = data(await supervisor(FINDINGS, { filter, first, after }), 'supervisionFindings');
    totalCount = page.totalCount;
    findings.push(...page.edges.map((edge: { node: Finding }) => edge.node));
    pages += 1;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { findings, totalCount, pages };
}

describe('supervision findings (supervisionFindings)', () => {
  it('finds each licence kind from certificates on any node, and clears an entity licensed at another node', async () => {
    const { findings, totalCount } = await allFindings({ kinds: ['UNLICENSED', 'LICENCE_EXPIRED', 'LICENCE_REVOKED', 'CLOSED_WITH_VALID_LICENCES'] });
    expect(findings.map((finding) => [finding.entity.uscc, finding.kind])).toEqual(
      [
        [E.unlicensed.uscc, 'UNLICENSED'],
        [E.expired.uscc, 'LICENCE_EXPIRED'],
        [E.revoked.uscc, 'LICENCE_REVOKED'],
        [E.closed.uscc, 'CLOSED_WITH_VALID_LICENCES'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    expect(totalCount).toBe(4);
    const byKind = Object.fromEntries(findings.map((finding) => [finding.kind, finding]));
    expect(byKind['UNLICENSED']).toMatchObject({ rule: { code: 'FOOD-SALE' }, certificate: null, entity: { node: '350100' } });
    expect(byKind['LICENCE_EXPIRED']).toMatchObject({ certificate: { id: ids['expired'], status: 'EXPIRED' }, since: '2023-03-01' });
    expect(byKind['LICENCE_REVOKED']).toMatchObject({ certificate: { id: ids['revoked'], status: 'REVOKED' } });
    expect(byKind['CLOSED_WITH_VALID_LICENCES']).toMatchObject({ certificate: { id: ids['closedLicence'], status: 'VALID' }, entity: { node: '350000' } });
    expect(findings.some((finding) => finding.entity.uscc === E.clearedElsewhere.uscc)).toBe(false);
  });

  it('finds operating entities without their annual report, filtered by region and kind', async () => {
    const { findings } = await allFindings({ kinds: ['ANNUAL_REPORT_MISSING'], region: '350100' }, 50);
    expect(findings.map((finding) => finding.entity.uscc).sort()).toEqual([E.unlicensed.uscc, E.clearedElsewhere.uscc, E.software.uscc].sort());
    for (const finding of findings) expect(finding.entity.node).toBe('350100');
  });

  it('pages exactly over the nodes: every finding once, in id order', async () => {
    const one = await allFindings({}, 1);
    const all = await allFindings({}, 200);
    expect(one.findings.map((finding) => finding.id)).toEqual(all.findings.map((finding) => finding.id));
    expect([...all.findings.map((finding) => finding.id)].sort()).toEqual(all.findings.map((finding) => finding.id));
    expect(one.totalCount).toBe(all.findings.length);
    expect(one.pages).toBe(all.findings.length);
  });

  it('is for supervisors only, read for SUPERVISION', async () => {
    const consumer = await hub.as(AGENCY.consumer);
    const refused = await consumer(FINDINGS, {});
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const purpose = await supervisor(FINDINGS, {}, { 'x-purpose': 'something else' });
    expect(purpose.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'X-Purpose' });
    const sneaked = await supervisor(`{ supervisionHoldings(node: "350100", holders: ["${E.unlicensed.uscc}"], validOnly: false) { id } }`);
    expect(sneaked.errors?.length).toBeGreaterThan(0);
    const table = await supervisor(`{ supervisionHoldingTable(node: "350100", holders: ["${E.unlicensed.uscc}"], validOnly: false) { rows } }`);
    expect(table.errors?.length).toBeGreaterThan(0);
    expect(table.data?.['supervisionHoldingTable'] ?? null).toBeNull();
  });

  it('with a node down, answers the others’ findings, naming the silent node in what it could have cleared', async () => {
    const xiamen = hub.nodes.find((node) => node.code === '350200')!;
    const listeners = xiamen.server.listeners('request');
    xiamen.server.removeAllListeners('request');
    xiamen.server.on('request', (_req, res) => {
      res.writeHead(503).end();
    });
    try {
      const answer = await supervisor(FINDINGS, { filter: { kinds: ['UNLICENSED'] }, first: 50 });
      expect(answer.errors?.some((error) => error.extensions?.['code'] === 'NODE_UNAVAILABLE')).toBe(true);
      const findings = answer.data?.['supervisionFindings'].edges.map((edge: { node: Finding }) => edge.node) as Finding[];
      // The restaurant's licence is kept at the silent node: it cannot be cleared now, and says why.
      const restaurant = findings.find((finding) => finding.entity.uscc === E.clearedElsewhere.uscc);
      expect(restaurant?.detail).toContain('350200');
      expect(findings.find((finding) => finding.entity.uscc === E.unlicensed.uscc)).toBeDefined();
    } finally {
      xiamen.server.removeAllListeners('request');
      for (const listener of listeners) xiamen.server.on('request', listener as never);
    }
  });

  it('pages a registry of many rounds exactly, two supervisors at once, the pages after the first going on from the scan before', async () => {
    // 900 food shops registered in a Fuzhou district, none licensed: several rounds of entities
    // at node 350100, so that pages go on from kept scans; their scopes written every which way.
    const spellings = ['食品销售', '食品 销售；日用百货', '食品生产加工', '餐饮服务（ＡＢＣ　小吃）', ' 餐饮 服务 '];
    const shops = Array.from({ length: 900 }, (_, i) => ({
      uscc: uscc('92', '350102', 7000 + i),
      name: `鼓楼区个体食品店${i}`,
      legalRepresentative: '店主',
      address: '福州市鼓楼区',
      businessScope: spellings[i % spellings.length]!,
      establishedOn: '2020-01-01',
      registeredBy: AGENCY.fuzhouIssuer.sub,
    }));
    const fuzhou = hub.nodes.find((node) => node.code === '350100')!;
    await fuzhou.database.db.insert(legalEntities).values(shops);
    // The stored normalised scope is the text the rules compare in JavaScript too.
    const stored = await executeRows<{ scope: string; normalized: string }>(
      fuzhou.database.db,
      sql`select business_scope as scope, business_scope_normalized as normalized from legal_entity.legal_entities where uscc like '92350102%'`,
    );
    expect(stored).toHaveLength(shops.length);
    for (const row of stored) expect(row.normalized).toBe(normalizeScopeText(row.scope));

    // The test before left a kept scan of this filter from before the shops came: pages go on
    // from the scan that found their first page, never from an older one.
    const filter = { kinds: ['UNLICENSED'] };
    const [small, large] = await Promise.all([allFindings(filter, 37), allFindings(filter, 200)]);
    const expected = [E.unlicensed.uscc, ...shops.filter((shop) => shop.businessScope !== '食品生产加工').map((shop) => shop.uscc)].sort();
    expect(large.findings.map((finding) => finding.entity.uscc)).toEqual(expected);
    expect(small.findings.map((finding) => finding.id)).toEqual(large.findings.map((finding) => finding.id));
    expect(small.totalCount).toBe(expected.length);
    expect(small.pages).toBe(Math.ceil(expected.length / 37));
  }, 120_000);
});
