/**
 * npm run bench:events [-- --only import,issuance,delivery --rows N --batch N --deliveries N --issues N --rounds N --pace MS]
 * What the delivery layer (README › Events, inbox and webhooks) costs and how fast it goes,
 * each part measured side by side in one run:
 *
 *   import     the paper stock imported with the events every stored certificate appends and
 *              without them, batch for batch, alternating (events-import.ts); the issue's
 *              budget is 15 %.
 *   issuance   issueCertificate through the gateway, nodes and gateway as processes, in rounds
 *              that alternate between no webhook and 100 webhooks subscribed to what is issued
 *              (owned by a consumer with a grant for their purpose, so every delivery names the
 *              holder and writes its access record), each round with webhooks waiting until
 *              its deliveries have all arrived before the next one starts; budget 10 %.
 *   delivery   a node's delivery worker (the code a node process runs) sending a backlog of
 *              events to a receiver on this machine (its own process, receiver.ts): to one
 *              webhook, and to ten; at least 1,000 deliveries per second.
 *
 * Env: DATABASE_URL (PostgreSQL: fresh databases beside it, instead of PGlite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { freshDatabaseOptions } from '../../hub/fresh-database.js';
import { residentIdCheckChar } from '../../lib/codes.js';
import { catalogFromList } from '../../subgraphs/certificate/catalog.js';
import { IMPORT_MAX_ROWS } from '../../subgraphs/certificate/conversion.js';
import { webhooks as webhookTable, type EventType } from '../../subgraphs/events/db/schema.js';
import { NodeKey } from '../../subgraphs/events/node-key.js';
import { appendEvents, type EventToAppend } from '../../subgraphs/events/outbox.js';
import { WebhookNode } from '../../subgraphs/events/webhooks/worker.js';
import { executeRows, openNodeDatabase } from '../../subgraphs/kit/db.js';
import { loadOrCreateKeyRing } from '../../subgraphs/kit/secret-keys.js';
import { migrateNode } from '../../subgraphs/node.js';
import { cliArgs, failUsage } from '../args.js';
import { agencyBySlug, CERTIFICATE_TYPES, TYPE_CODES } from '../demo/data.js';
import { measureImportOverhead } from './events-import.js';
import { graphql, prepareHub, startChild, startGateway, startNodes, stopAll, type Child, type RunningHub } from './processes.js';
import { summarize, writeResults } from './results.js';

const PART_NAMES = ['import', 'issuance', 'delivery'];
const USAGE = `usage: npm run bench:events [-- --only ${PART_NAMES.join(',')}] [--rows N] [--batch N] [--deliveries N] [--issues N] [--rounds N] [--pace MS]
  --only        which parts to run (default all: ${PART_NAMES.join(', ')})
  --rows        paper-stock rows imported on each side (default 100000)
  --batch       rows per import batch, at most 500 (default 500: the most importCertificates takes)
  --deliveries  events in the delivery backlog (default 10000)
  --issues      certificates issued per issuance round (default 60)
  --rounds      issuance rounds of each kind (default 4)
  --pace        start an issuance every MS milliseconds (default 0: each as soon as the last is answered)`;
const { values } = cliArgs(USAGE, {
  only: { type: 'string' },
  rows: { type: 'string' },
  batch: { type: 'string' },
  deliveries: { type: 'string' },
  issues: { type: 'string' },
  rounds: { type: 'string' },
  pace: { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const PARTS = new Set(values.only ? values.only.split(',').map((part) => part.trim()) : PART_NAMES);
for (const part of PARTS) if (!PART_NAMES.includes(part)) failUsage(`--only: unknown part ${part}\n${USAGE}`);
/** A whole-number option from `least` to `most`, else a usage error naming it. */
const count = (name: Exclude<keyof typeof values, 'only' | 'help'>, fallback: number, least = 1, most = Number.MAX_SAFE_INTEGER): number => {
  const text = values[name];
  const value = typeof text === 'string' ? Number(text) : fallback;
  if (!Number.isInteger(value) || value < least || value > most) failUsage(`--${name}: a whole number from ${least} to ${most}\n${USAGE}`);
  return value;
};
const ROWS = count('rows', 100_000);
// The most importCertificates takes in one call.
const BATCH = count('batch', IMPORT_MAX_ROWS, 1, IMPORT_MAX_ROWS);
const DELIVERIES = count('deliveries', 10_000);
const ISSUES = count('issues', 60);
const ROUNDS = count('rounds', 4);
const PACE_MS = count('pace', 0, 0);

const WEBHOOKS = 100;

const databaseUrl = process.env['DATABASE_URL'];
const engine = databaseUrl ? 'postgres' : 'pglite';
const ISSUER = agencyBySlug('xm-amr');
const CONSUMER = agencyBySlug('xm-police');
// The demo grants xm-police the vendor's identity for this purpose (scripts/demo/certificate-types.ts).
const PURPOSE = '治安案件调查';
const TYPE = TYPE_CODES.foodVendor;

/** A receiver on this machine, its own process (receiver.ts): answers 204 to everything and counts. */
async function startReceiver(): Promise<{ url: string; received(): Promise<number>; close(): Promise<void> }> {
  const child = await startChild('webhook receiver', 'scripts/bench/receiver.ts', [], {});
  return {
    url: child.url,
    received: async () => Number(await (await fetch(`${child.url}/count`)).text()),
    close: () => child.stop(),
  };
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A food vendor's registration, a holder per n, as the issuer would send it. */
function vendorInput(n: number) {
  const first17 = `350203${1960 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  const type = CERTIFICATE_TYPES.find((candidate) => candidate.code === TYPE)!;
  return {
    typeCode: TYPE,
    number: `厦食摊字B${String(n).padStart(8, '0')}号`,
    holderKind: 'PERSON',
    holderCode: first17 + residentIdCheckChar(first17),
    holderName: '林美玲',
    issuedOn: '2026-01-05',
    validFrom: '2026-01-05',
    items: type.items.map((item) => ({ code: item.code, value: `${item.name} ${n}` })),
  };
}

const ISSUE = /* GraphQL */ `mutation Issue($input: IssueCertificateInput!) { issueCertificate(input: $input) { id } }`;
const CREATE = /* GraphQL */ `mutation Create($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`;
const DELETE = /* GraphQL */ `mutation Delete($id: ID!) { deleteWebhook(id: $id) }`;

interface IssuanceResult {
  rounds: number;
  issuesPerRound: number;
  webhooks: number;
  none: { median: number; p99: number; n: number };
  subscribed: { median: number; p99: number; n: number };
  /** Median with 100 webhooks ÷ median with none. */
  ratio: number;
  deliveriesReceived: number;
}

/**
 * Issuance latency through the gateway with no webhook and with 100 subscribed, in alternating
 * rounds; after a round with webhooks, its deliveries are waited for and the webhooks deleted,
 * so that the next round without starts from a quiet node.
 */
async function measureIssuance(): Promise<IssuanceResult> {
  const prepared = await prepareHub(['350000', '350100', '350200'], 'events', 0);
  let hub: RunningHub | undefined;
  let gateway: Child | undefined;
  const receiver = await startReceiver();
  try {
    hub = await startNodes(prepared);
    gateway = await startGateway(hub);
    const url = `${gateway.url}/graphql`;
    const issuer = { authorization: `Bearer ${await prepared.token({ sub: ISSUER.code, kind: 'agency', roles: ISSUER.roles, name: ISSUER.name })}` };
    const consumer = { authorization: `Bearer ${await prepared.token({ sub: CONSUMER.code, kind: 'agency', roles: CONSUMER.roles, name: CONSUMER.name })}` };
    let n = 0;
    let next = performance.now();
    const issue = async (): Promise<number> => {
      // Paced: one issuance every PACE_MS (at once when the last took longer).
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const started = performance.now();
      next = started + PACE_MS;
      await graphql(url, ISSUE, { input: vendorInput(n++) }, issuer);
      return performance.now() - started;
    };
    // Warm-up: connections, plans, the seal key, the first webhook list.
    for (let i = 0; i < 20; i++) await issue();
    const samples = { none: [] as number[], subscribed: [] as number[] };
    let expected = 0;
    for (let round = 0; round < ROUNDS * 2; round++) {
      const subscribed = round % 2 === 1;
      const ids: string[] = [];
      if (subscribed) {
        for (let i = 0; i < WEBHOOKS; i++) {
          const data = await graphql(url, CREATE, { input: { url: `${receiver.url}/hook/${i}`, events: ['CERTIFICATE_ISSUED'], typeCodes: [TYPE], purpose: PURPOSE } }, consumer);
          ids.push((data['createWebhook'] as { id: string }).id);
        }
      }
      for (let i = 0; i < ISSUES; i++) samples[subscribed ? 'subscribed' : 'none'].push(await issue());
      if (subscribed) {
        expected += ISSUES * WEBHOOKS;
        await until(async () => (await receiver.received()) >= expected, 300_000, `${expected} deliveries`);
        for (const id of ids) await graphql(url, DELETE, { id }, consumer);
      }
    }
    const none = summarize(samples.none);
    const subscribed = summarize(samples.subscribed);
    return {
      rounds: ROUNDS,
      issuesPerRound: ISSUES,
      webhooks: WEBHOOKS,
      none,
      subscribed,
      ratio: Number((subscribed.median / none.median).toFixed(3)),
      deliveriesReceived: await receiver.received(),
    };
  } finally {
    await stopAll(gateway, hub);
    await receiver.close();
    prepared.remove();
  }
}

interface ThroughputResult {
  webhooks: number;
  deliveries: number;
  ms: number;
  perSecond: number;
}

/**
 * A backlog of `events` issued-events at one node, delivered by its worker to `hooks` webhooks on
 * a receiver on this machine; times from the worker's start until every delivery is DELIVERED.
 * The webhooks are the node's own list (a node that is its own province), owned by a consumer
 * with a grant for their purpose: every body names the holder, and each delivery writes its
 * access record first, as in production.
 */
async function measureThroughput(events: number, hooks: number, keysDir: string): Promise<ThroughputResult> {
  const database = await openNodeDatabase(await freshDatabaseOptions(databaseUrl, `bench_deliveries_${hooks}`));
  const receiver = await startReceiver();
  let node: WebhookNode | undefined;
  try {
    await migrateNode(database);
    const { db } = database;
    const createdAt = new Date(Date.now() - 60_000);
    await db.insert(webhookTable).values(
      Array.from({ length: hooks }, (_, i) => ({
        id: `wh_bench_${i}`,
        agency: CONSUMER.code,
        agencyName: CONSUMER.name,
        roles: CONSUMER.roles,
        url: `${receiver.url}/hook/${i}`,
        events: ['CERTIFICATE_ISSUED' as EventType],
        typeCodes: [TYPE],
        purpose: PURPOSE,
        createdAt,
      })),
    );
    const at = new Date(Date.now() - 30_000);
    const backlog: EventToAppend[] = Array.from({ length: events }, (_, i) => ({
      type: 'CERTIFICATE_ISSUED',
      at,
      certificateId: `1.2.156.3005.2.${TYPE}.${String(i).padStart(8, '0')}`,
      typeCode: TYPE,
      issuerCode: ISSUER.code,
      holderCode: vendorInput(i).holderCode,
      status: 'VALID',
      actor: ISSUER.code,
      title: '您的食品摊贩登记卡已签发',
    }));
    await db.transaction((tx) => appendEvents(tx, backlog));
    const type = CERTIFICATE_TYPES.find((candidate) => candidate.code === TYPE)!;
    const grants = [{ id: 'bench-grant', type: TYPE, items: ['name'], purposes: [PURPOSE], expiresAt: null }];
    const nodeKey = new NodeKey(db, await loadOrCreateKeyRing(keysDir, 'bench-kek'), '350200');
    node = new WebhookNode({
      db,
      node: '350200',
      province: '350200',
      catalog: catalogFromList([type]),
      nodeKey,
      auditKeys: await loadOrCreateKeyRing(keysDir, 'bench-audit'),
      grants: async () => grants,
      options: { pollMs: 20 },
    });
    // The node key made and the list read before the clock starts.
    await node.subscriptions.refresh();
    await nodeKey.current();
    const started = performance.now();
    node.start();
    const total = events * hooks;
    for (;;) {
      const [row] = await executeRows<{ delivered: number }>(db, sql`select count(*)::int as delivered from events.deliveries where status = 'DELIVERED'`);
      if (row!.delivered >= total) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - started;
    // At least once: a repeat is allowed, a delivery marked DELIVERED that never arrived is not.
    const received = await receiver.received();
    if (received < total) throw new Error(`${total} deliveries DELIVERED, ${received} received`);
    return { webhooks: hooks, deliveries: total, ms: Math.round(ms), perSecond: Math.round((total / ms) * 1000) };
  } finally {
    await node?.stop();
    await receiver.close();
    await database.close();
  }
}

const keysDir = mkdtempSync(join(tmpdir(), 'ecert-bench-events-'));
try {
  const results: Record<string, unknown> = { engine };
  const summary: Array<{ what: string; value: string }> = [];
  if (PARTS.has('import')) {
    console.log(`${engine}: import of ${ROWS} rows in batches of ${BATCH}, with events and without, alternating…`);
    const importOverhead = await measureImportOverhead({ rows: ROWS, batch: BATCH, keysDir, ...(databaseUrl ? { databaseUrl } : {}) });
    console.log(`  ${importOverhead.withEvents} rows/s with events, ${importOverhead.withoutEvents} without: ×${importOverhead.ratio} the time`);
    results['importOverhead'] = importOverhead;
    summary.push({ what: `import with events ÷ without (${ROWS} rows, budget 1.15)`, value: `×${importOverhead.ratio}` });
  }
  if (PARTS.has('issuance')) {
    console.log(`${engine}: issuance through the gateway, ${ROUNDS} rounds of ${ISSUES} with no webhook and with ${WEBHOOKS}…`);
    const issuance = await measureIssuance();
    console.log(
      `  median ${issuance.none.median.toFixed(2)} ms with none, ${issuance.subscribed.median.toFixed(2)} ms with ${WEBHOOKS} webhooks: ×${issuance.ratio} (p99 ${issuance.none.p99.toFixed(1)} / ${issuance.subscribed.p99.toFixed(1)} ms; ${issuance.deliveriesReceived} deliveries received)`,
    );
    results['issuance'] = issuance;
    summary.push({ what: `issuance median, ${WEBHOOKS} webhooks ÷ none (budget 1.10)`, value: `×${issuance.ratio}` });
  }
  if (PARTS.has('delivery')) {
    const throughput: ThroughputResult[] = [];
    for (const hooks of [1, 10]) {
      const events = Math.max(1, Math.round(DELIVERIES / hooks));
      console.log(`${engine}: ${events * hooks} deliveries to ${hooks} webhook${hooks === 1 ? '' : 's'} on a local receiver…`);
      const result = await measureThroughput(events, hooks, keysDir);
      throughput.push(result);
      console.log(`  ${result.perSecond} deliveries/s (${result.deliveries} in ${result.ms} ms)`);
      summary.push({ what: `deliveries/s to ${hooks} webhook(s) (at least 1000)`, value: String(result.perSecond) });
    }
    results['throughput'] = throughput;
  }
  writeResults('events', { ...results, summary });
} finally {
  rmSync(keysDir, { recursive: true, force: true });
}
process.exit(0);
