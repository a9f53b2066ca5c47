import { describe, expect, it } from 'vitest';
import { createRemoteCatalog, type CatalogRequest } from './remote-catalog.js';

/**
 * The node-wide catalog lookup: codes missed together are asked in one `_entities` request per
 * node, entries are kept for their TTL, misses are not, and a code asked twice while in flight
 * is fetched once.
 */
const typeOf = (code: string) => ({ code, name: `type ${code}`, holderKind: 'ORGANIZATION', sharing: 'UNCONDITIONAL', validityYears: null, items: [] });

/** A fake of the other nodes' catalogs: every code starting with `A` or `B` is kept at node `A` or `B`, `…missing` nowhere. */
function catalogs(options: { down?: string[] } = {}) {
  const requests: Array<{ node: string; codes: string[] }> = [];
  const request: CatalogRequest = async (node, _query, variables) => {
    const codes = (variables['r'] as Array<{ code: string }>).map((representation) => representation.code);
    requests.push({ node, codes });
    await new Promise((resolve) => setImmediate(resolve));
    if (options.down?.includes(node)) return { data: null, errors: [{ message: `node ${node} is down` }] };
    return { data: { _entities: codes.map((code) => (code.endsWith('missing') ? null : typeOf(code))) } };
  };
  const lookup = createRemoteCatalog({ locate: (code) => code.slice(0, 1), request, ttlMs: 60_000 });
  return { requests, lookup };
}

describe('remote catalog lookups', () => {
  it('asks the codes missed together in one request per node, each answered with its own entry', async () => {
    const { requests, lookup } = catalogs();
    const codes = ['A1', 'A2', 'B1', 'A3', 'B2'];
    const entries = await Promise.all(codes.map((code) => lookup.getType(code)));
    expect(entries.map((entry) => entry?.code)).toEqual(codes);
    expect(requests).toEqual([
      { node: 'A', codes: ['A1', 'A2', 'A3'] },
      { node: 'B', codes: ['B1', 'B2'] },
    ]);
  });

  it('keeps entries for their TTL, asks a code in flight once, and does not keep a miss', async () => {
    const { requests, lookup } = catalogs();
    const [first, again, missing] = await Promise.all([lookup.getType('A1'), lookup.getType('A1'), lookup.getType('A-missing')]);
    expect([first?.code, again?.code, missing]).toEqual(['A1', 'A1', null]);
    expect(requests).toEqual([{ node: 'A', codes: ['A1', 'A-missing'] }]);
    expect((await lookup.getType('A1'))?.code).toBe('A1');
    expect(await lookup.getType('A-missing')).toBeNull();
    expect(requests).toEqual([
      { node: 'A', codes: ['A1', 'A-missing'] },
      { node: 'A', codes: ['A-missing'] },
    ]);
  });

  it('a node that does not answer fails its own codes as NODE_UNAVAILABLE, not those of the others', async () => {
    const { lookup } = catalogs({ down: ['B'] });
    const [a, b] = await Promise.allSettled([lookup.getType('A1'), lookup.getType('B1')]);
    expect(a).toMatchObject({ status: 'fulfilled', value: { code: 'A1' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'NODE_UNAVAILABLE', node: 'B' } } });
  });
});
