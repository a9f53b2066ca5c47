import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '../../../test/support/subgraph.js';
import type { NodeDatabase } from '../../kit/db.js';
import { executeRows } from '../../kit/db.js';
import { appendEvents } from '../outbox.js';
import { orderingKeyOf } from './dispatcher.js';
import { claimStatement } from './sender.js';

/**
 * What a claim reads (README › Webhooks › Restarts and several processes): with thousands of
 * deliveries pending, the check that each claimed delivery is the first pending one of its
 * webhook and certificate must be one probe of deliveries_order_idx, not a read of every
 * pending delivery of the webhook — which made each claim cost the backlog times its rows.
 */
const PENDING = 3_000;
const WEBHOOK = 'wh_claim_plan';
let database: NodeDatabase;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan, each with whether it runs inside a subplan. */
function nodesOf(node: PlanNode, inSubplan = false, found: Array<PlanNode & { inSubplan: boolean }> = []) {
  const here = inSubplan || node['Parent Relationship'] === 'SubPlan';
  found.push({ ...node, inSubplan: here });
  for (const child of node.Plans ?? []) nodesOf(child, here, found);
  return found;
}

beforeAll(async () => {
  database = await migratedDatabase('webhook_claim_plan', []);
  const at = new Date(Date.now() - 60_000);
  const events = Array.from({ length: PENDING }, (_, i) => ({
    type: 'CERTIFICATE_ISSUED' as const,
    at,
    certificateId: `certificate-${i}`,
    holderCode: null,
    title: '您的证照已签发',
  }));
  await database.db.transaction((tx) => appendEvents(tx, events));
  // One webhook with the whole backlog pending, the first 128 in flight (leased by a worker).
  const appended = await executeRows<{ seq: number; certificate_id: string }>(database.db, sql`select seq::int as seq, certificate_id from events.events`);
  await database.db.execute(sql`
    insert into events.deliveries (webhook_id, event_seq, ordering_key, next_attempt_at)
    select ${WEBHOOK}, t.seq, t.ordering_key, ${at.toISOString()}::timestamptz
    from unnest(${sql.param(appended.map((event) => event.seq))}::bigint[],
                ${sql.param(appended.map((event) => orderingKeyOf(WEBHOOK, { certificateId: event.certificate_id, holderCode: null, seq: event.seq })))}::text[])
      as t(seq, ordering_key)`);
  await database.db.execute(sql`
    update events.deliveries set locked_until = now() + interval '1 hour', lease_id = 'another worker'
    where id in (select id from events.deliveries order by id limit 128)`);
  // No ANALYZE: a queue fills faster than autovacuum counts it, and the plan must not depend on it.
}, 120_000);

afterAll(() => database?.close());

describe('a claim with thousands of deliveries pending', () => {
  it('checks each claimed delivery’s order with one index probe, never reading the webhook’s backlog', async () => {
    const statement = claimStatement({ ids: [WEBHOOK], rooms: [96], want: 96, leaseMs: 60_000, leaseId: 'plan-test' });
    let plan: Array<{ Plan: PlanNode }> | undefined;
    await database.db
      .transaction(async (tx) => {
        const [row] = await executeRows<Record<string, unknown>>(tx, sql`explain (analyze, format json) ${statement}`);
        const text = row!['QUERY PLAN'];
        plan = (typeof text === 'string' ? JSON.parse(text) : text) as Array<{ Plan: PlanNode }>;
        // The claim is only being looked at: nothing of it stays.
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!plan) throw error;
      });
    const nodes = nodesOf(plan![0]!.Plan);
    // It claimed what it asked for, passing by the 128 in flight.
    expect(nodes[0]!['Actual Rows']).toBe(96);
    const inSubplan = nodes.filter((node) => node.inSubplan && node['Index Name']);
    expect(inSubplan.map((node) => node['Index Name'])).toEqual(expect.arrayContaining(['deliveries_order_idx']));
    expect(inSubplan.every((node) => node['Index Name'] === 'deliveries_order_idx')).toBe(true);
    // Each probe finds nothing earlier and reads nothing it throws away.
    for (const node of inSubplan) expect(node['Rows Removed by Filter'] ?? 0).toBe(0);
  });
});
