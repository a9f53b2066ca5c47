import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRecords } from '../audit/db/schema.js';
import type { NodeDatabase } from '../kit/db.js';
import type { PeerAnswer, PeerClient } from '../kit/peers.js';
import { catalogFromList } from '../kit/catalog-lookup.js';
import { createRemoteCatalog } from '../kit/remote-catalog.js';
import type { Principal } from '../../lib/principal.js';
import { MINISTRY, uscc } from '../../test/support/fixtures.js';
import { testNode } from '../../test/support/secrets.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import { matters, type StoredMaterial } from './db/schema.js';
import { createCatalogSubgraph, migrationsFolder } from './server.js';
import { defineCertificateType, grantAccess } from './service.js';

/*
 * Two catalog subgraphs in-process: the province (350000), which keeps the national types and
 * the grants, and Fuzhou (350100), which keeps its own agencies' matters and a type of its own,
 * and reads the rest — types and grants — from the province as a node does, through peers.
 */

const STEWARD = agency(uscc('11', '350000', 9200), 'steward');
/** The Fuzhou agency whose matters these tests define. */
const AMR_CODE = uscc('11', '350100', 9201);
const AMR = agency(AMR_CODE, 'issuer');
const OTHER_ISSUER = agency(uscc('11', '350100', 9202), 'issuer');
const CONSUMER = agency(uscc('11', '350100', 9203), 'consumer');
const HOLDER: Principal = { kind: 'holder', code: uscc('91', '350100', 9204), holderKind: 'ORGANIZATION', name: null };
const PUBLIC: Principal = { kind: 'public' };

const item = (code: string, sensitive = false) => ({ code, name: code, required: false, sensitive });
const type = (code: string, name: string, sharing: string, items: ReturnType<typeof item>[]) => ({
  code,
  name,
  definingAuthority: '国家部委',
  holderKind: 'ORGANIZATION' as const,
  sharing: sharing as 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED',
  validityYears: null,
  items,
});
/** Kept at the province. */
const LICENCE = type(`${MINISTRY}201`, '营业执照', 'UNCONDITIONAL', [item('name'), item('address'), item('idNumber', true)]);
const PERMIT = type(`${MINISTRY}202`, '施工许可证', 'CONDITIONAL', [item('location'), item('size'), item('phone', true)]);
const SECRET = type(`${MINISTRY}203`, '医师执业证书', 'NOT_SHARED', [item('name'), item('idNumber', true)]);
/** Kept at Fuzhou, defined by a Fuzhou authority. */
const FUZHOU_TYPE = type(`${uscc('11', '350100', 9205)}001`, '小微型客车租赁经营备案证明', 'UNCONDITIONAL', [item('operatorName'), item('vehicleCount')]);

let provinceDb: NodeDatabase;
let fuzhouDb: NodeDatabase;
let province: ReturnType<typeof createCatalogSubgraph>;
let fuzhou: ReturnType<typeof createCatalogSubgraph>;
/** Every call one node made to another: [from, to, operation]. */
const peerCalls: Array<[string, string, string]> = [];

/** A node's calls to other nodes, answered in-process by their catalog subgraphs as the calling node. */
function peersOf(self: string): PeerClient {
  return {
    self,
    async request<T>(node: string, subgraph: string, query: string, variables: Record<string, unknown> = {}): Promise<PeerAnswer<T>> {
      peerCalls.push([self, node, query]);
      const target = { '350000': province, '350100': fuzhou }[node];
      if (!target || subgraph !== 'catalog') throw new Error(`no ${subgraph} at node ${node} in this test`);
      return (await executeAs(target, { kind: 'service', code: self }, query, variables)) as PeerAnswer<T>;
    },
    close() {},
  };
}

const remoteCatalog = (peers: PeerClient) =>
  createRemoteCatalog({
    locate: (code) => (code.slice(2, 8).startsWith('3501') ? '350100' : '350000'),
    request: (owner, query, variables) => peers.request(owner, 'catalog', query, variables),
    ttlMs: 0,
  });

beforeAll(async () => {
  [provinceDb, fuzhouDb] = await Promise.all([
    migratedDatabase('catalog_matters_province', [['catalog', migrationsFolder]]),
    migratedDatabase('catalog_matters_fuzhou', [['catalog', migrationsFolder]]),
  ]);
  const provincePeers = peersOf('350000');
  const fuzhouPeers = peersOf('350100');
  province = createCatalogSubgraph({ node: testNode('350000', '福建省'), db: provinceDb.db, catalog: remoteCatalog(provincePeers), peers: provincePeers, province: '350000' });
  // Grants read from the province are not kept between requests here: each test sees the grants as they are.
  fuzhou = createCatalogSubgraph({
    node: testNode('350100', '福州市'),
    db: fuzhouDb.db,
    catalog: remoteCatalog(fuzhouPeers),
    peers: fuzhouPeers,
    province: '350000',
    grantTtlMs: 0,
  });
  for (const defined of [LICENCE, PERMIT, SECRET]) await defineCertificateType(provinceDb.db, defined);
  await defineCertificateType(fuzhouDb.db, FUZHOU_TYPE);
});
afterAll(() => Promise.all([provinceDb?.close(), fuzhouDb?.close()]));

const DEFINE = /* GraphQL */ `
  mutation Define($input: DefineMatterInput!) {
    defineMatter(input: $input) {
      code name agencyCode agencyName node paperlessReady
      materials { certificateType items required note readable type { name sharing node } }
    }
  }
`;
const READ = /* GraphQL */ `
  query Read($code: ID!) {
    matter(code: $code) { code name agencyName paperlessReady materials { certificateType items required note readable } }
  }
`;
const LIST = /* GraphQL */ `
  query List($agency: String, $first: Int, $after: String) {
    matters(agency: $agency, first: $first, after: $after) { totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor } }
  }
`;

interface MaterialAnswer {
  certificateType: string;
  items: string[];
  required: boolean;
  note: string | null;
  readable: boolean;
  type?: { name: string; sharing: string; node: string } | null;
}
interface MatterAnswer {
  code: string;
  name: string;
  agencyCode: string;
  agencyName: string;
  node: string;
  paperlessReady: boolean;
  materials: MaterialAnswer[];
}

type Subgraph = typeof fuzhou;

async function define(input: Record<string, unknown>, as: Principal = STEWARD, at: Subgraph = fuzhou) {
  const answer = await executeAs(at, as, DEFINE, { input });
  return { answer, matter: answer.data?.['defineMatter'] as MatterAnswer | undefined };
}

async function read(code: string, at: Subgraph = fuzhou, as: Principal = CONSUMER): Promise<MatterAnswer | null> {
  const answer = await executeAs(at, as, READ, { code });
  expect(answer.errors).toBeUndefined();
  return answer.data?.['matter'] as MatterAnswer | null;
}

const rowsOf = async (code: string, db = fuzhouDb.db) => db.select().from(matters).where(eq(matters.code, code));

/** 食品经营许可（新办）of the Fuzhou agency: a valid definition, which each test varies. */
const valid = (overrides: Record<string, unknown> = {}) => ({
  code: `${AMR_CODE}0001`,
  name: '食品经营许可（新办）',
  agencyName: '福州市市场监督管理局',
  materials: [
    { certificateType: LICENCE.code, items: ['name', 'address'], required: true, note: '核验主体资格和住所' },
    { certificateType: FUZHOU_TYPE.code, items: [], required: false },
  ],
  ...overrides,
});

describe('defining a matter', () => {
  it('a steward defines an agency’s matter with its materials; it is kept at the node of the agency’s region and reads back in full', async () => {
    const { answer, matter } = await define(valid());
    expect(answer.errors).toBeUndefined();
    expect(matter).toEqual({
      code: `${AMR_CODE}0001`,
      name: '食品经营许可（新办）',
      agencyCode: AMR_CODE,
      agencyName: '福州市市场监督管理局',
      node: '350100',
      paperlessReady: true,
      materials: [
        { certificateType: LICENCE.code, items: ['name', 'address'], required: true, note: '核验主体资格和住所', readable: true, type: { name: '营业执照', sharing: 'UNCONDITIONAL', node: '350000' } },
        { certificateType: FUZHOU_TYPE.code, items: [], required: false, note: null, readable: true, type: { name: FUZHOU_TYPE.name, sharing: 'UNCONDITIONAL', node: '350100' } },
      ],
    });
    const [row] = await rowsOf(`${AMR_CODE}0001`);
    expect(row).toMatchObject({ agencyCode: AMR_CODE, definedBy: STEWARD.kind === 'agency' ? STEWARD.code : '' });
    expect(await read(`${AMR_CODE}0001`, fuzhou, HOLDER)).toMatchObject({ name: '食品经营许可（新办）', paperlessReady: true });
  });

  it('the agency itself defines its own matter with the issuer role, named as its token names it unless it says otherwise', async () => {
    const own = await define(valid({ code: `${AMR_CODE}0002`, agencyName: null }), AMR);
    expect(own.answer.errors).toBeUndefined();
    expect(own.matter).toMatchObject({ agencyCode: AMR_CODE, agencyName: `agency ${AMR_CODE}` });
    const named = await define(valid({ code: `${AMR_CODE}0003`, agencyName: ' 福州市市场监管局 ' }), AMR);
    expect(named.matter?.agencyName).toBe('福州市市场监管局');
    const [row] = await rowsOf(`${AMR_CODE}0002`);
    expect(row?.definedBy).toBe(AMR_CODE);
  });

  it('a steward must name the agency of another agency’s matter', async () => {
    const { answer } = await define(valid({ code: `${AMR_CODE}0004`, agencyName: '  ' }));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agencyName' });
    expect(await rowsOf(`${AMR_CODE}0004`)).toEqual([]);
  });

  it('another issuer, the agency without the issuer role, a consumer, a holder and the public are refused, and nothing is written', async () => {
    const code = `${AMR_CODE}0005`;
    const cases: Array<[Principal, string, string | undefined]> = [
      [OTHER_ISSUER, 'ROLE_REQUIRED', 'steward'],
      [agency(AMR_CODE, 'consumer'), 'ROLE_REQUIRED', 'issuer'],
      [CONSUMER, 'ROLE_REQUIRED', 'steward'],
      [HOLDER, 'ROLE_REQUIRED', 'steward'],
      [PUBLIC, 'SIGN_IN_REQUIRED', undefined],
    ];
    for (const [principal, reason, role] of cases) {
      const { answer } = await define(valid({ code }), principal);
      expect(answer.data).toBeNull();
      expect(answer.errors?.[0]?.extensions, principal.kind).toMatchObject({ code: 'FORBIDDEN', reason, ...(role ? { role } : {}) });
      expect(answer.errors?.[0]?.message).toMatch(/^not allowed: /);
    }
    expect(await rowsOf(code)).toEqual([]);
  });

  it('every authenticated principal reads matters; the public does not', async () => {
    for (const principal of [HOLDER, CONSUMER, OTHER_ISSUER]) expect((await read(`${AMR_CODE}0001`, fuzhou, principal))?.code).toBe(`${AMR_CODE}0001`);
    const answer = await executeAs(fuzhou, PUBLIC, READ, { code: `${AMR_CODE}0001` });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SIGN_IN_REQUIRED' });
  });

  it('a redefinition replaces the name, agency name and materials, keeps when it was first defined, and is recorded before and after', async () => {
    const code = `${AMR_CODE}0006`;
    expect((await define(valid({ code }))).answer.errors).toBeUndefined();
    const [first] = await rowsOf(code);
    const { answer, matter } = await define(
      valid({
        code,
        name: '食品经营许可（变更）',
        agencyName: '福州市市场监督管理局（行政审批处）',
        materials: [{ certificateType: PERMIT.code, items: ['location'], required: true, note: null }],
      }),
      AMR,
    );
    expect(answer.errors).toBeUndefined();
    expect(matter).toMatchObject({
      name: '食品经营许可（变更）',
      agencyName: '福州市市场监督管理局（行政审批处）',
      materials: [{ certificateType: PERMIT.code, items: ['location'], required: true, note: null }],
    });
    const [row] = await rowsOf(code);
    expect(row?.definedAt).toEqual(first?.definedAt);
    expect(row?.definedBy).toBe(AMR_CODE);
    expect(row!.updatedAt.getTime()).toBeGreaterThanOrEqual(first!.updatedAt.getTime());

    const records = await fuzhouDb.db
      .select()
      .from(accessRecords)
      .where(sql`${accessRecords.fields} = ARRAY['defineMatter']::text[] AND ${accessRecords.detail} LIKE ${`%${code}%`}`)
      .orderBy(accessRecords.seq);
    expect(records.map((record) => record.actor)).toEqual([STEWARD.kind === 'agency' ? STEWARD.code : '', AMR_CODE]);
    const last = JSON.parse(records[1]!.detail!) as { before: { name: string; materials: StoredMaterial[] }; after: { name: string; materials: StoredMaterial[] } };
    expect(last.before).toMatchObject({ name: '食品经营许可（新办）', materials: [{ certificateType: LICENCE.code }, { certificateType: FUZHOU_TYPE.code }] });
    expect(last.after).toMatchObject({ name: '食品经营许可（变更）', materials: [{ certificateType: PERMIT.code, items: ['location'] }] });
  });

  it('every bad input is a BAD_USER_INPUT naming its field, and nothing is written', async () => {
    const code = `${AMR_CODE}0099`;
    const material = (overrides: Record<string, unknown> = {}) => ({ certificateType: LICENCE.code, items: ['name'], required: true, ...overrides });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: 'F-001' }, 'input.code'],
      [{ code: `${AMR_CODE}001` }, 'input.code'],
      [{ code: `${AMR_CODE.slice(0, 17)}${AMR_CODE.endsWith('0') ? '1' : '0'}0001` }, 'input.code'],
      [{ name: ' ' }, 'input.name'],
      [{ name: '许'.repeat(101) }, 'input.name'],
      [{ name: '食品经营许可\u202e（新办）' }, 'input.name'],
      [{ name: '食品经营许可\n（新办）' }, 'input.name'],
      [{ agencyName: '福州市\u0007市场监督管理局' }, 'input.agencyName'],
      [{ materials: [] }, 'input.materials'],
      [{ materials: Array.from({ length: 51 }, () => material()) }, 'input.materials'],
      [{ materials: [material(), material({ certificateType: 'not a type' })] }, 'input.materials[1].certificateType'],
      [{ materials: [material(), material({ certificateType: `${MINISTRY}299` })] }, 'input.materials[1].certificateType'],
      [{ materials: [material(), material({ items: ['address'] })] }, 'input.materials[1].certificateType'],
      [{ materials: [material({ items: ['name', 'vehicleCount'] })] }, 'input.materials[0].items[1]'],
      [{ materials: [material(), material({ certificateType: PERMIT.code, items: ['location', 'location'] })] }, 'input.materials[1].items[1]'],
      [{ materials: [material({ note: '注'.repeat(201) })] }, 'input.materials[0].note'],
      [{ materials: [material({ note: '核验\u2066住所' })] }, 'input.materials[0].note'],
    ];
    for (const [overrides, field] of cases) {
      const { answer } = await define(valid({ code, ...overrides }));
      expect(answer.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(answer.errors?.[0]?.message.startsWith(`${field}: `), answer.errors?.[0]?.message).toBe(true);
    }
    expect(await rowsOf(code)).toEqual([]);
    // A redefinition refused leaves the matter as it was.
    const { answer } = await define(valid({ code: `${AMR_CODE}0001`, name: '改名', materials: [material({ items: ['nope'] })] }));
    expect(answer.errors?.[0]?.extensions?.['field']).toBe('input.materials[0].items[0]');
    expect((await rowsOf(`${AMR_CODE}0001`))[0]?.name).toBe('食品经营许可（新办）');
  });

  it('50 materials are allowed', async () => {
    // Only three types exist to be named once each: the limit is reached with a longer catalog.
    const many = Array.from({ length: 50 }, (_, i) => `${uscc('11', '350100', 9400 + i)}001`);
    for (const code of many) await defineCertificateType(fuzhouDb.db, type(code, `类型${code.slice(-6)}`, 'UNCONDITIONAL', [item('a')]));
    const { answer, matter } = await define(valid({ code: `${AMR_CODE}0050`, materials: many.map((certificateType) => ({ certificateType, items: ['a'], required: true })) }));
    expect(answer.errors).toBeUndefined();
    expect(matter?.materials).toHaveLength(50);
    expect(matter?.paperlessReady).toBe(true);
  });
});

describe('reading and listing matters', () => {
  it('a malformed code is BAD_USER_INPUT naming code; an unknown one is null', async () => {
    const bad = await executeAs(fuzhou, CONSUMER, READ, { code: `${AMR_CODE}01` });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(await read(`${AMR_CODE}0777`)).toBeNull();
  });

  it('a node lists its matters in code order, page by page, of one agency or of all, with the count over every page', async () => {
    const all = (await fuzhouDb.db.select({ code: matters.code }).from(matters)).map((row) => row.code).sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await executeAs(fuzhou, HOLDER, LIST, { first: 2, after });
      expect(answer.errors).toBeUndefined();
      const page = answer.data?.['matters'] as { totalCount: number; edges: Array<{ node: { code: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      expect(page.totalCount).toBe(all.length);
      seen.push(...page.edges.map((edge) => edge.node.code));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);

    const other = uscc('11', '350100', 9299);
    expect((await define(valid({ code: `${other}0001`, agencyName: '福州市交通运输局' }))).answer.errors).toBeUndefined();
    const mine = await executeAs(fuzhou, HOLDER, LIST, { agency: other });
    expect(mine.data?.['matters']).toMatchObject({ totalCount: 1, edges: [{ node: { code: `${other}0001` } }], pageInfo: { hasNextPage: false } });
  });

  it('a bad agency, page size or cursor is a BAD_USER_INPUT naming it', async () => {
    for (const [variables, field] of [
      [{ agency: 'nobody' }, 'agency'],
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
    ] as const) {
      const answer = await executeAs(fuzhou, HOLDER, LIST, variables);
      expect(answer.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('paperlessReady: whether the agency may read every required material for the matter without consent', () => {
  type Grant = { items: string[]; purpose?: 'matter' | 'other'; agency?: 'same' | 'other'; expired?: boolean; revoked?: boolean };
  const cases: Array<[string, { type: typeof LICENCE; items: string[] }, Grant[], boolean]> = [
    ['UNCONDITIONAL, non-sensitive items, no grant', { type: LICENCE, items: ['name', 'address'] }, [], true],
    ['UNCONDITIONAL, the certificate as such, no grant', { type: LICENCE, items: [] }, [], true],
    ['UNCONDITIONAL, a sensitive item, no grant', { type: LICENCE, items: ['name', 'idNumber'] }, [], false],
    ['UNCONDITIONAL, a sensitive item named by a grant for the matter', { type: LICENCE, items: ['name', 'idNumber'] }, [{ items: ['idNumber'] }], true],
    ['UNCONDITIONAL, a sensitive item named by a grant for another purpose', { type: LICENCE, items: ['idNumber'] }, [{ items: ['idNumber'], purpose: 'other' }], false],
    ['UNCONDITIONAL, a sensitive item named by an expired grant for the matter', { type: LICENCE, items: ['idNumber'] }, [{ items: ['idNumber'], expired: true }], false],
    ['UNCONDITIONAL, a sensitive item named by a revoked grant for the matter', { type: LICENCE, items: ['idNumber'] }, [{ items: ['idNumber'], revoked: true }], false],
    ['UNCONDITIONAL, a sensitive item named by another agency’s grant for the matter', { type: LICENCE, items: ['idNumber'] }, [{ items: ['idNumber'], agency: 'other' }], false],
    ['UNCONDITIONAL, a grant for the matter that names other items', { type: LICENCE, items: ['idNumber'] }, [{ items: ['name'] }], false],
    ['CONDITIONAL, no grant', { type: PERMIT, items: ['location'] }, [], false],
    ['CONDITIONAL, the certificate as such, no grant', { type: PERMIT, items: [] }, [], false],
    ['CONDITIONAL, the certificate as such, a grant for the matter naming no item', { type: PERMIT, items: [] }, [{ items: [] }], true],
    ['CONDITIONAL, a grant for the matter naming the item', { type: PERMIT, items: ['location'] }, [{ items: ['location'] }], true],
    ['CONDITIONAL, a grant naming the item for another purpose', { type: PERMIT, items: ['location'] }, [{ items: ['location'], purpose: 'other' }], false],
    ['CONDITIONAL, a grant for the matter naming one of two items', { type: PERMIT, items: ['location', 'size'] }, [{ items: ['location'] }], false],
    ['CONDITIONAL, two grants for the matter naming one item each', { type: PERMIT, items: ['location', 'size'] }, [{ items: ['location'] }, { items: ['size'] }], true],
    ['CONDITIONAL, a sensitive item named by a grant for the matter', { type: PERMIT, items: ['phone'] }, [{ items: ['phone'] }], true],
    ['CONDITIONAL, an expired grant for the matter', { type: PERMIT, items: ['location'] }, [{ items: ['location'], expired: true }], false],
    ['CONDITIONAL, a revoked grant for the matter', { type: PERMIT, items: ['location'] }, [{ items: ['location'], revoked: true }], false],
    ['CONDITIONAL, another agency’s grant for the matter', { type: PERMIT, items: ['location'] }, [{ items: ['location'], agency: 'other' }], false],
    ['NOT_SHARED, no item', { type: SECRET, items: [] }, [], false],
    ['NOT_SHARED, non-sensitive items', { type: SECRET, items: ['name'] }, [], false],
  ];
  const stewardCode = STEWARD.kind === 'agency' ? STEWARD.code : '';
  const catalog = catalogFromList([LICENCE, PERMIT, SECRET]);
  const inTheFuture = () => new Date(Date.now() + 3600_000).toISOString();

  // The province reads the grants from its own table; Fuzhou from the province, on its own account.
  describe.each([
    ['350000', 0, () => province, () => provinceDb],
    ['350100', 1, () => fuzhou, () => fuzhouDb],
  ] as const)('at node %s', (node, offset, subgraph, database) => {
    cases.forEach(([title, need, given, ready], i) => {
      it(`${title}: ${ready ? 'ready' : 'not ready'}`, async () => {
        const agencyCode = uscc('11', node, 9500 + i);
        const code = `${agencyCode}${String(1000 + offset).padStart(4, '0')}`;
        for (const grant of given) {
          const to = grant.agency === 'other' ? uscc('11', node, 9600 + i) : agencyCode;
          const purposes = [grant.purpose === 'other' ? '其他事项' : code];
          // An expired grant was made while it was still in force.
          const now = grant.expired ? new Date(Date.now() - 7200_000) : new Date();
          const expiresAt = grant.expired ? new Date(Date.now() - 3600_000).toISOString() : inTheFuture();
          const row = await grantAccess(provinceDb.db, catalog, stewardCode, { agency: to, certificateType: need.type.code, items: grant.items, purposes, expiresAt }, now);
          if (grant.revoked) {
            const revoked = await executeAs(province, STEWARD, `mutation($id: ID!) { revokeGrant(id: $id) }`, { id: row.id });
            expect(revoked.errors).toBeUndefined();
          }
        }
        const { answer, matter } = await define(
          {
            code,
            name: title.slice(0, 100),
            agencyName: '测试机构',
            materials: [
              { certificateType: need.type.code, items: need.items, required: true },
              // Optional materials never decide: this one is never readable.
              ...(need.type === SECRET ? [] : [{ certificateType: SECRET.code, items: ['idNumber'], required: false }]),
            ],
          },
          STEWARD,
          subgraph(),
        );
        expect(answer.errors).toBeUndefined();
        expect(matter?.paperlessReady).toBe(ready);
        expect(matter?.materials[0]?.readable).toBe(ready);
        if (need.type !== SECRET) expect(matter?.materials[1]?.readable).toBe(false);
        expect((await read(code, subgraph()))?.paperlessReady).toBe(ready);
        expect((await rowsOf(code, database().db)).length).toBe(1);
      });
    });
  });

  it('a material whose type the catalog cannot find, or whose item the type no longer defines, is not readable', async () => {
    const materials: StoredMaterial[] = [
      { certificateType: LICENCE.code, items: ['name'], required: true, note: null },
      { certificateType: `${MINISTRY}298`, items: [], required: true, note: null },
      { certificateType: LICENCE.code.replace(/201$/, '202'), items: ['dropped'], required: true, note: null },
    ];
    const code = `${AMR_CODE}0300`;
    await fuzhouDb.db.insert(matters).values({ code, name: '目录已变更的事项', agencyCode: AMR_CODE, agencyName: '福州市市场监督管理局', materials });
    const matter = await read(code);
    expect(matter?.paperlessReady).toBe(false);
    expect(matter?.materials.map((material) => material.readable)).toEqual([true, false, false]);
  });

  it('one request reads an agency’s grants once from the province however many matters and materials ask, and only when a grant could decide', async () => {
    const calls = () => peerCalls.filter(([from, , query]) => from === '350100' && query.includes('grants(agency')).length;
    for (const suffix of ['0401', '0402']) {
      const needsGrant = valid({ code: `${AMR_CODE}${suffix}`, materials: [{ certificateType: PERMIT.code, items: ['location'], required: true }] });
      expect((await define(needsGrant)).answer.errors).toBeUndefined();
    }
    const before = calls();
    const answer = await executeAs(fuzhou, CONSUMER, LIST, { agency: AMR_CODE, first: 100 });
    expect(answer.errors).toBeUndefined();
    const withReady = await executeAs(
      fuzhou,
      CONSUMER,
      /* GraphQL */ `query($agency: String) { matters(agency: $agency, first: 100) { edges { node { paperlessReady materials { readable } } } } }`,
      { agency: AMR_CODE },
    );
    expect(withReady.errors).toBeUndefined();
    // Three of its matters need a grant on a CONDITIONAL type, each asked twice (paperlessReady, readable): one read for them all.
    expect(calls() - before).toBe(1);
    const unconditional = await executeAs(fuzhou, CONSUMER, `query($code: ID!) { matter(code: $code) { paperlessReady } }`, { code: `${AMR_CODE}0050` });
    expect(unconditional.data?.['matter']).toEqual({ paperlessReady: true });
    expect(calls() - before).toBe(1);
  });

  it('grants that cannot be read open nothing, and hide no matter: not ready where a grant would decide, an answer all the same', async () => {
    // Fuzhou without a way to the province: the types it knows, the grants it cannot read.
    const stranded = createCatalogSubgraph({ node: testNode('350100', '福州市'), db: fuzhouDb.db, catalog: catalogFromList([LICENCE, PERMIT, SECRET].map((kept) => ({ ...kept, node: '350000' }))), province: '350000' });
    const answer = await executeAs(
      stranded,
      CONSUMER,
      /* GraphQL */ `query($a: ID!, $b: ID!) { a: matter(code: $a) { paperlessReady } b: matter(code: $b) { paperlessReady materials { readable } } }`,
      // The first needs no grant; the second needs one, which it holds (the table above) but cannot read from here.
      { a: `${AMR_CODE}0001`, b: `${uscc('11', '350100', 9500 + cases.findIndex(([, , , ready], i) => ready && cases[i]![1].type === PERMIT))}1001` },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ a: { paperlessReady: true }, b: { paperlessReady: false, materials: [{ readable: false }, { readable: false }] } });
  });
});
