/**
 * npx tsx scripts/bench/annual-reports.ts [--database-url URL] [--entities N]
 *
 * The abnormal operations list (经营异常名录) and missedAnnualReport at a province's scale, on
 * PostgreSQL: a fresh database (`<database>_annual_reports_bench`, by default ecert_annual_reports_bench
 * on 127.0.0.1) with N entities at one
 * node (default 1,000,000; 90 % operating, founded 2000–2026) and their reports of 2025 (75 %
 * filed on time, 8 % late, one in ten of the filers corrected once), then EXPLAIN (ANALYZE,
 * BUFFERS) of the statements the node runs: a first page, a page far into the list, a page of one
 * district, the counts, and one batch of reminders (rolled back). Prints each plan and its time;
 * README › Annual reports quotes them.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import { freshDatabaseOptions } from '../../hub/fresh-database.js';
import { eventsMigrationsFolder } from '../../subgraphs/events/outbox.js';
import { executeRows, openNodeDatabase } from '../../subgraphs/kit/db.js';
import { inRegion, missedAnnualReport } from '../../subgraphs/legal-entity/abnormal.js';
import { legalEntities } from '../../subgraphs/legal-entity/db/schema.js';
import { sendReportReminders } from '../../subgraphs/legal-entity/jobs.js';
import { migrationsFolder } from '../../subgraphs/legal-entity/server.js';
import { cliArgs } from '../args.js';

const USAGE = 'usage: npx tsx scripts/bench/annual-reports.ts [--database-url URL] [--entities N]';
const { values } = cliArgs(USAGE, { 'database-url': { type: 'string' }, entities: { type: 'string' } });
const base = values['database-url'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/ecert';
const entities = Number(values.entities ?? 1_000_000);
const DAY = '2026-11-30';
const YEAR = 2025;

const options = await freshDatabaseOptions(base, 'annual_reports_bench');
const database = await openNodeDatabase(options);
const { db } = database;
await database.migrate('events', eventsMigrationsFolder);
await database.migrate('legal-entity', migrationsFolder);

const started = performance.now();
// Xiamen's districts; an 18-character USCC-like code that orders like a real one (category, region, subject).
await db.execute(sql`
  insert into legal_entity.legal_entities (uscc, name, status, legal_representative, address, established_on, registered_by)
  select '91' || (array['350203','350205','350206','350211','350212','350213'])[1 + i % 6] || upper(lpad(to_hex(i::bigint * 2654435761 % 68719476736), 9, '0')) || 'X',
         '测试企业' || i || '有限公司',
         (case when i % 20 = 0 then 'REVOKED' when i % 20 = 1 then 'CANCELLED' else 'ACTIVE' end)::legal_entity.entity_status,
         '张三', '厦门市测试路' || i || '号', date '2000-01-01' + (i::bigint * 37 % 9800)::int, '11350200MB0000000X'
  from generate_series(1, ${entities}::int) as i
  on conflict do nothing`);
await db.execute(sql`
  insert into legal_entity.annual_reports (uscc, year, version, name, address, phone, email, employees, operating_status, website, revenue,
                                           filed_at, filed_late, salt, seal_key_id, seal_signature)
  select e.uscc, ${YEAR}::int, v, e.name, e.address, '0592-5551234', 'office@example.cn', 10, 'OPERATING', null, 1000000,
         case when h % 100 < 75 then timestamptz '2026-01-05 10:00+08' + (h % 170) * interval '1 day' + v * interval '1 hour'
              else timestamptz '2026-07-02 10:00+08' + (h % 150) * interval '1 day' end,
         h % 100 >= 75, 'salt', '350200-20260105-1', 'sig'
  from (select uscc, name, address, abs(hashtext(uscc)) as h from legal_entity.legal_entities where established_on <= date '2025-12-31') e
  cross join lateral generate_series(1, case when abs(hashtext(e.uscc)) % 100 < 75 and abs(hashtext(e.uscc)) % 10 = 0 then 2 else 1 end) as v
  where h % 100 < 83`);
// As autovacuum leaves a table after a load: statistics, and a visibility map for index-only scans.
await db.execute(sql`vacuum analyze legal_entity.legal_entities`);
await db.execute(sql`vacuum analyze legal_entity.annual_reports`);
const [counts] = await executeRows<{ entities: number; reports: number }>(
  db,
  sql`select (select count(*)::int from legal_entity.legal_entities) as entities, (select count(*)::int from legal_entity.annual_reports) as reports`,
);
console.log(`generated ${counts!.entities} entities and ${counts!.reports} report versions in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const USCC_ORDER = sql`${legalEntities.uscc} COLLATE "C"`;
const page = (where: SQL | undefined) =>
  db.select({ uscc: legalEntities.uscc, name: legalEntities.name }).from(legalEntities).where(where).orderBy(USCC_ORDER).limit(21);
const count = (where: SQL | undefined) => db.select({ n: sql<number>`count(*)::int` }).from(legalEntities).where(where);
const missed = missedAnnualReport(YEAR, DAY);
const [middle] = await executeRows<{ uscc: string }>(db, sql`select uscc from legal_entity.legal_entities order by uscc collate "C" offset ${Math.floor(entities / 2)}::int limit 1`);

async function explain(title: string, query: { getSQL(): SQL }): Promise<void> {
  const rows = await executeRows<{ 'QUERY PLAN': string }>(db, sql`explain (analyze, buffers) ${query.getSQL()}`);
  const plan = rows.map((row) => row['QUERY PLAN']);
  console.log(`\n## ${title}: ${plan.find((line) => line.startsWith('Execution Time'))}\n${plan.join('\n')}`);
}

await explain('first page (21 rows)', page(missed));
await explain('a page in the middle', page(and(missed, sql`${USCC_ORDER} > ${middle!.uscc}`)));
await explain('first page of one district (350211)', page(and(missed, inRegion('350211'))));
await explain('first page of the city (350200)', page(and(missed, inRegion('350200'))));
await explain('totalCount', count(missed));
await explain('totalCount of one district (350211)', count(and(missed, inRegion('350211'))));

// One batch of reminders (1,000 entities), rolled back so that it can be run again.
class RollBack extends Error {}
const reminded = performance.now();
await db
  .transaction(async (tx) => {
    const sent = await sendReportReminders(tx, 2025, new Date('2026-06-05T02:00:00Z'));
    console.log(`\n## one batch of reminders: ${sent} sent in ${(performance.now() - reminded).toFixed(1)} ms`);
    throw new RollBack();
  })
  .catch((error: unknown) => {
    if (!(error instanceof RollBack)) throw error;
  });

await database.close();
