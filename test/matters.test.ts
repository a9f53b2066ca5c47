import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { matters } from '../subgraphs/catalog/db/schema.js';
import { AGENCY, BUSINESS_LICENCE, DEFINE_TYPE, uscc, XIAMEN_PERMIT } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

/** How long the nodes keep an agency's grants read from the province: a revoked grant stops counting within it. */
const GRANT_TTL_MS = 1_000;

let hub: TestHub;
let steward: Client;
let consumer: Client;
const issuers: Record<'province' | 'fuzhou' | 'xiamen', Client> = {} as never;

/** An agency of 泉州 (350500): no node of its own in the test hub, so its matters live at the province. */
const QUANZHOU_AGENCY = uscc('11', '350500', 8101);

const DEFINE = /* GraphQL */ `
  mutation Define($input: DefineMatterInput!) {
    defineMatter(input: $input) { code agencyCode agencyName node paperlessReady materials { certificateType readable } }
  }
`;
const MATTER = /* GraphQL */ `
  query Matter($code: ID!) { matter(code: $code) { code name node paperlessReady materials { certificateType items required readable type { name } } } }
`;
const LIST = /* GraphQL */ `
  query List($agency: String, $first: Int, $after: String) {
    matters(agency: $agency, first: $first, after: $after) {
      totalCount
      edges { cursor node { code agencyCode node } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const licence = { certificateType: BUSINESS_LICENCE.code, items: ['name', 'legalRepresentative'], required: true, note: '核验主体资格' };
const permit = { certificateType: XIAMEN_PERMIT.code, items: ['location'], required: true };

/** The matters the suite defines: who defines each, and at which node it must land. */
const DEFINED: Array<{ code: string; by: () => Client; node: string; agencyName?: string; materials: unknown[] }> = [
  { code: `${AGENCY.fuzhouIssuer.sub}0001`, by: () => issuers.fuzhou, node: '350100', materials: [licence] },
  { code: `${AGENCY.fuzhouIssuer.sub}0002`, by: () => issuers.fuzhou, node: '350100', materials: [licence, { ...permit, required: false }] },
  { code: `${AGENCY.xiamenIssuer.sub}0001`, by: () => issuers.xiamen, node: '350200', materials: [licence] },
  { code: `${AGENCY.xiamenIssuer.sub}0002`, by: () => issuers.xiamen, node: '350200', materials: [licence] },
  // Needs the permit's location, which only a grant for this matter opens to the Xiamen regulator.
  { code: `${AGENCY.xiamenIssuer.sub}0003`, by: () => issuers.xiamen, node: '350200', materials: [licence, permit] },
  { code: `${AGENCY.provinceIssuer.sub}0001`, by: () => issuers.province, node: '350000', materials: [licence] },
  { code: `${QUANZHOU_AGENCY}0001`, by: () => steward, node: '350000', agencyName: '泉州市市场监督管理局', materials: [licence] },
];

beforeAll(async () => {
  hub = await startTestHub('matters', { grantTtlMs: GRANT_TTL_MS });
  steward = await hub.as(AGENCY.steward);
  consumer = await hub.as(AGENCY.consumer);
  issuers.province = await hub.as(AGENCY.provinceIssuer);
  issuers.fuzhou = await hub.as(AGENCY.fuzhouIssuer);
  issuers.xiamen = await hub.as(AGENCY.xiamenIssuer);
  // The permit is kept at 350200 (its authority is Xiamen's), the licence at the province.
  for (const type of [XIAMEN_PERMIT, BUSINESS_LICENCE]) expect((await steward(DEFINE_TYPE, { input: type })).errors).toBeUndefined();
}, 180_000);

afterAll(() => hub?.stop());

const storedAt = async (node: string) =>
  (await hub.nodes.find((entry) => entry.code === node)!.database.db.select({ code: matters.code }).from(matters)).map((row) => row.code);

describe('matters (事项) through the whole hub', () => {
  it('a matter is defined at, and read from, the node of its agency’s region, by the agency itself or by a steward', async () => {
    for (const { code, by, node, agencyName, materials } of DEFINED) {
      const answer = await by()(DEFINE, { input: { code, name: `事项 ${code.slice(-4)}`, materials, ...(agencyName ? { agencyName } : {}) } });
      expect(answer.errors, code).toBeUndefined();
      expect(answer.data?.['defineMatter']).toMatchObject({ code, agencyCode: code.slice(0, 18), node });
    }
    const fuzhou = await issuers.fuzhou(MATTER, { code: `${AGENCY.fuzhouIssuer.sub}0001` });
    expect(fuzhou.data?.['matter']).toMatchObject({ node: '350100', paperlessReady: true, materials: [{ type: { name: '营业执照' }, readable: true }] });
    const named = await consumer(`query($code: ID!) { matter(code: $code) { agencyName } }`, { code: `${AGENCY.xiamenIssuer.sub}0001` });
    expect(named.data?.['matter']).toEqual({ agencyName: AGENCY.xiamenIssuer.name });

    for (const node of ['350000', '350100', '350200']) {
      expect((await storedAt(node)).sort(), node).toEqual(DEFINED.filter((matter) => matter.node === node).map((matter) => matter.code).sort());
    }
  });

  it('an issuer may not define another agency’s matter, nor a consumer any; a bad code is refused by the gateway naming its argument', async () => {
    const code = `${AGENCY.fuzhouIssuer.sub}0009`;
    const other = await issuers.xiamen(DEFINE, { input: { code, name: '冒名事项', materials: [licence] } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED', role: 'steward' });
    // A consumer's contract has no defineMatter at all.
    const refused = await consumer(DEFINE, { input: { code, name: '冒名事项', materials: [licence] } });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.length).toBeGreaterThan(0);
    expect(await storedAt('350100')).not.toContain(code);

    const badRead = await consumer(MATTER, { code: `${AGENCY.fuzhouIssuer.sub}001` });
    expect(badRead.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const badDefine = await steward(DEFINE, { input: { code: 'X', name: '坏编码', agencyName: '某机构', materials: [licence] } });
    expect(badDefine.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const missing = await consumer(MATTER, { code: `${AGENCY.xiamenIssuer.sub}0999` });
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.['matter']).toBeNull();
  });

  it('matters pages through every node in code order: each matter once, totalCount summed, hasNextPage right', async () => {
    const all = DEFINED.map((matter) => matter.code).sort();
    const seen: Array<{ code: string; node: string }> = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const answer = await consumer(LIST, { first: 2, after });
      expect(answer.errors).toBeUndefined();
      const page = answer.data!['matters'];
      expect(page.totalCount).toBe(all.length);
      expect(page.edges.length).toBeLessThanOrEqual(2);
      seen.push(...page.edges.map((edge: { node: { code: string; node: string } }) => edge.node));
      pages += 1;
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(seen.map((matter) => matter.code)).toEqual(all);
    for (const matter of seen) expect(matter.node).toBe(DEFINED.find((defined) => defined.code === matter.code)!.node);

    const whole = await consumer(LIST, { first: 100 });
    expect(whole.data!['matters']).toMatchObject({ totalCount: all.length, pageInfo: { hasNextPage: false } });
    expect(whole.data!['matters'].edges.map((edge: { node: { code: string } }) => edge.node.code)).toEqual(all);
  });

  it('matters of one agency are only its own, from its node, counted alone', async () => {
    const answer = await consumer(LIST, { agency: AGENCY.xiamenIssuer.sub, first: 2 });
    expect(answer.errors).toBeUndefined();
    const xiamen = DEFINED.filter((matter) => matter.code.startsWith(AGENCY.xiamenIssuer.sub)).map((matter) => matter.code);
    expect(answer.data!['matters']).toMatchObject({ totalCount: xiamen.length, pageInfo: { hasNextPage: true } });
    expect(answer.data!['matters'].edges.map((edge: { node: { code: string } }) => edge.node.code)).toEqual(xiamen.slice(0, 2));
    const bad = await consumer(LIST, { agency: 'nobody' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agency' });
  });

  it('a matter turns paperless-ready when a steward grants its agency the type for the matter, and not ready again within the grant TTL of a revocation', async () => {
    const code = `${AGENCY.xiamenIssuer.sub}0003`;
    const readiness = async () => {
      const answer = await consumer(MATTER, { code });
      expect(answer.errors).toBeUndefined();
      const matter = answer.data!['matter'];
      return { ready: matter.paperlessReady as boolean, readable: (matter.materials as Array<{ readable: boolean }>).map((material) => material.readable) };
    };
    expect(await readiness()).toEqual({ ready: false, readable: [true, false] });

    // A grant for another purpose opens nothing for the matter.
    const elsewhere = await steward(`mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`, {
      input: { agency: AGENCY.xiamenIssuer.sub, certificateType: XIAMEN_PERMIT.code, items: ['location'], purposes: ['广告设置监管'] },
    });
    expect(elsewhere.errors).toBeUndefined();
    const granted = await steward(`mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`, {
      input: { agency: AGENCY.xiamenIssuer.sub, certificateType: XIAMEN_PERMIT.code, items: ['location'], purposes: [code] },
    });
    expect(granted.errors).toBeUndefined();
    await vi.waitFor(async () => expect(await readiness()).toEqual({ ready: true, readable: [true, true] }), { timeout: GRANT_TTL_MS + 3_000, interval: 100 });

    const revokedAt = Date.now();
    const revoked = await steward(`mutation($id: ID!) { revokeGrant(id: $id) }`, { id: granted.data!['grantAccess'].id });
    expect(revoked.data).toEqual({ revokeGrant: true });
    await vi.waitFor(async () => expect(await readiness()).toEqual({ ready: false, readable: [true, false] }), { timeout: GRANT_TTL_MS + 3_000, interval: 100 });
    // Within the TTL, give or take the time the hub takes to answer on a busy machine.
    expect(Date.now() - revokedAt).toBeLessThan(GRANT_TTL_MS + 2_000);
  });
});
