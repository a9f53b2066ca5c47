import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeDatabase } from '../subgraphs/kit/db.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, FOOD_LICENCE, foodLicenceFor, ISSUE, licenceFor, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Keyset pages stay index range scans for every filter: each statement a list shape sends to the
 * nodes is EXPLAINed, with its own parameters, where the planner may not pick a sequential scan
 * when anything else can answer — so a "Seq Scan on certificates" left in a plan means no index
 * can serve that shape, and its pages would grow with the table.
 */
type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

const HOLDER = { uscc: uscc('91', '350200', 7401), name: '厦门计划测试贸易有限公司' };
const SHAPES: Array<[name: string, filter: Record<string, unknown> | null]> = [
  ['the first page', null],
  ['by holder', { holderCode: HOLDER.uscc }],
  ['by type', { typeCode: FOOD_LICENCE.code }],
  ['by status', { status: ['VALID'] }],
  ['by node', { nodes: ['350200'] }],
  ['by type and status', { typeCode: BUSINESS_LICENCE.code, status: ['VALID', 'EXPIRED'] }],
];
const PAGE = /* GraphQL */ `
  query Page($filter: CertificateFilter, $after: String) {
    certificates(filter: $filter, first: 2, after: $after) { edges { node { id type { name } } } pageInfo { hasNextPage endCursor } }
  }
`;

let hub: TestHub;
let issuer: Client;

/** EXPLAIN of one logged statement with its parameters, sequential scans off for the statement alone. */
async function explain(database: NodeDatabase, query: string, params: unknown[]): Promise<string> {
  if (database.engine === 'postgres') {
    const client = (database.db as unknown as { $client: Sql }).$client;
    const rows = await client.begin(async (tx) => {
      await tx.unsafe('set local enable_seqscan = off');
      return tx.unsafe(`explain ${query}`, params as never[]);
    });
    return rows.map((row) => String(row['QUERY PLAN'])).join('\n');
  }
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.transaction(async (tx) => {
    await tx.exec('set local enable_seqscan = off');
    const result = await tx.query<{ 'QUERY PLAN': string }>(`explain ${query}`, params);
    return result.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

beforeAll(async () => {
  hub = await startTestHub('list_plans');
  const steward = await hub.as(AGENCY.steward);
  for (const type of [BUSINESS_LICENCE, FOOD_LICENCE]) expect((await steward(DEFINE_TYPE, { input: type })).errors).toBeUndefined();
  issuer = await hub.as(AGENCY.xiamenIssuer);
  for (let i = 0; i < 4; i++) {
    const other = company(uscc('91', '350200', 7410 + i), `厦门计划测试${i}号有限公司`);
    expect((await issuer(ISSUE, { input: licenceFor(i === 0 ? HOLDER : other, `LP-${i}`, `2024-0${i + 1}-10`) })).errors).toBeUndefined();
    expect((await issuer(ISSUE, { input: foodLicenceFor(i === 0 ? HOLDER : other, `LPF-${i}`, `2024-0${i + 1}-12`, '2029-01-01') })).errors).toBeUndefined();
  }
}, 120_000);

afterAll(() => hub?.stop());

describe('the list shapes in README are index range scans at every node', () => {
  for (const [name, filter] of SHAPES) {
    it(`${name}: the first page and the page after it`, async () => {
      const node = hub.nodes.find((candidate) => candidate.code === '350200')!;
      const statements = node.database.statements;
      statements.reset();
      statements.keepLog = true;
      try {
        const first = await issuer(PAGE, { filter });
        expect(first.errors).toBeUndefined();
        const page = first.data!['certificates'] as { pageInfo: { endCursor: string | null } };
        if (page.pageInfo.endCursor) expect((await issuer(PAGE, { filter, after: page.pageInfo.endCursor })).errors).toBeUndefined();
      } finally {
        statements.keepLog = false;
      }
      const lists = statements.log.map((query, i) => [query, statements.params[i]!] as const).filter(([query]) => /from "certificate"\."certificates"/i.test(query));
      expect(lists.length, 'the shape reads certificates at 350200').toBeGreaterThan(0);
      for (const [query, params] of lists) {
        const plan = await explain(node.database, query, params);
        expect(plan, `${query}\n${plan}`).not.toMatch(/Seq Scan on certificates/);
      }
    });
  }
});
