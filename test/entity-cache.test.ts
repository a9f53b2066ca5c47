import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EntityCache } from '../gateway/entity-cache.js';
import { NodeClient } from '../gateway/node-client.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * The gateway keeps CertificateType entities a while (gateway/entity-cache.ts): the common "list
 * with type names" costs one round to the nodes instead of two, a catalog change through the
 * gateway shows at once, and nobody gets fields their contract does not show.
 */
type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

const LIST = /* GraphQL */ `{ certificates(first: 10) { edges { node { id type { name sharing } } } } }`;
const HOLDER = { uscc: uscc('91', '350200', 7301), name: '厦门缓存测试贸易有限公司' };

let hub: TestHub;
let steward: Client;
let holder: Client;
let send: ReturnType<typeof spySend>;
const spySend = () => vi.spyOn(NodeClient.prototype, 'send');

/** The node requests one operation costs, by subgraph. */
async function roundsOf(client: Client, query: string): Promise<{ answer: GraphQLAnswer; bySubgraph: Record<string, number> }> {
  send.mockClear();
  const answer = await client(query);
  const bySubgraph: Record<string, number> = {};
  for (const call of send.mock.calls) bySubgraph[call[1]] = (bySubgraph[call[1]] ?? 0) + 1;
  return { answer, bySubgraph };
}

beforeAll(async () => {
  hub = await startTestHub('entity_cache');
  steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
  const issuers = [await hub.as(AGENCY.provinceIssuer), await hub.as(AGENCY.fuzhouIssuer), await hub.as(AGENCY.xiamenIssuer)];
  for (const [i, issuer] of issuers.entries()) expect((await issuer(ISSUE, { input: licenceFor(company(HOLDER.uscc, HOLDER.name), `EC-${i}`, '2025-03-01') })).errors).toBeUndefined();
  // The holder sees its certificates at every node.
  holder = await hub.as({ sub: HOLDER.uscc, kind: 'holder' });
  send = spySend();
}, 120_000);

afterAll(async () => {
  send?.mockRestore();
  await hub?.stop();
});

describe('the gateway’s cache of certificate types', () => {
  it('answers the types of a list from the cache the second time: one round to the nodes, not two', async () => {
    const first = await roundsOf(holder, LIST);
    expect(first.answer.errors).toBeUndefined();
    expect(first.bySubgraph["catalog"]).toBeGreaterThanOrEqual(1);
    const second = await roundsOf(holder, LIST);
    expect(second.answer.data).toEqual(first.answer.data);
    expect(second.answer.errors).toBeUndefined();
    expect(second.bySubgraph).toEqual({ certificate: first.bySubgraph['certificate'] });
    const names = (second.answer.data!['certificates'] as { edges: Array<{ node: { type: { name: string } } }> }).edges.map((edge) => edge.node.type.name);
    expect(names).toEqual([BUSINESS_LICENCE.name, BUSINESS_LICENCE.name, BUSINESS_LICENCE.name]);
  });

  it('shows a change made through the gateway at once', async () => {
    await roundsOf(holder, LIST);
    const renamed = { ...BUSINESS_LICENCE, name: `${BUSINESS_LICENCE.name}（新版）` };
    expect((await steward(DEFINE_TYPE, { input: renamed })).errors).toBeUndefined();
    const after = await roundsOf(holder, LIST);
    expect(after.bySubgraph['catalog']).toBeGreaterThanOrEqual(1);
    const names = (after.answer.data!['certificates'] as { edges: Array<{ node: { type: { name: string } } }> }).edges.map((edge) => edge.node.type.name);
    expect(new Set(names)).toEqual(new Set([renamed.name]));
  });

  it('shares an entry only between requests asking the same fields: another selection asks the catalog', async () => {
    await roundsOf(holder, LIST);
    const other = await roundsOf(holder, `{ certificates(first: 10) { edges { node { id type { name items { code } } } } } }`);
    expect(other.bySubgraph['catalog']).toBeGreaterThanOrEqual(1);
  });
});

describe('EntityCache', () => {
  it('forgets an entry when it expires, keeps a copy per use, and drops the oldest when full', () => {
    let now = 1_000;
    const cache = new EntityCache({ ttlMs: 100, maxEntries: 2, now: () => now });
    cache.set('q', 'T:1', { name: 'a' });
    const copy = cache.get('q', 'T:1') as { name: string };
    copy.name = 'changed';
    expect(cache.get('q', 'T:1')).toEqual({ name: 'a' });
    expect(cache.get('other query', 'T:1')).toBeUndefined();
    now += 100;
    expect(cache.get('q', 'T:1')).toBeUndefined();
    cache.set('q', 'T:1', 1);
    cache.set('q', 'T:2', 2);
    cache.set('q', 'T:3', 3);
    expect([cache.get('q', 'T:1'), cache.get('q', 'T:2'), cache.get('q', 'T:3')]).toEqual([undefined, 2, 3]);
    const off = new EntityCache({ ttlMs: 0 });
    off.set('q', 'T:1', 1);
    expect(off.size).toBe(0);
  });
});
