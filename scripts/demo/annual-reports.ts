/**
 * The demo's annual reports (年报): for the two latest report years whose filing has opened by
 * `today` — the previous year's, and the one before it — most operating entities filed on time
 * (a few of them twice, correcting the first version), some late (补报) and some not at all, so
 * that the abnormal operations list (经营异常名录) has entries whatever the day the hub starts.
 *
 * Drawn from a PRNG seeded by each entity's USCC and the year, apart from the generator's own
 * sequence (generator.ts: its draws must not move), so an entity's reports are the same on every
 * machine; only which of them have happened by `today` depends on it.
 */
import { addDays, daysBetween } from './calendar.js';
import type { DemoLegalEntity } from './model.js';
import { mulberry32, Random } from './random.js';

/** AnnualReportInput of subgraphs/legal-entity/schema.graphql, with the company and when it filed. */
export interface DemoAnnualReport {
  uscc: string;
  /** When the company filed, an ISO instant (China office hours). */
  filedAt: string;
  input: {
    year: number;
    address: string;
    phone: string;
    email: string;
    employees: number;
    operatingStatus: 'OPERATING' | 'SUSPENDED_BUSINESS' | 'LIQUIDATING';
    website: string | null;
    revenue: string;
  };
}

/** 区号 of the cities the demo's entities are registered in. */
const AREA_CODES: Readonly<Record<string, string>> = {
  '3500': '0591',
  '3501': '0591',
  '3502': '0592',
  '3503': '0594',
  '3504': '0598',
  '3505': '0595',
  '3506': '0596',
  '3507': '0599',
  '3508': '0597',
  '3509': '0593',
};

/** A seed from a text (FNV-1a): the same on every machine. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A day of `[from, to]` at a time of China office hours; null when the range is empty. */
function filingTime(r: Random, from: string, to: string): string | null {
  const days = daysBetween(from, to);
  if (days < 0) return null;
  const day = addDays(from, r.int(0, days));
  const minutes = r.int(9 * 60, 17 * 60 + 30);
  return `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
}

/** The report an entity files for `year`: its registered address, an office phone, a mailbox, sometimes a website. */
function reportOf(r: Random, entity: DemoLegalEntity, year: number): DemoAnnualReport['input'] {
  const region = entity.uscc.slice(2, 6);
  const mailbox = entity.uscc.slice(8, 16).toLowerCase();
  const soleTrader = entity.uscc.startsWith('92');
  const employees = soleTrader ? r.int(1, 8) : r.int(3, 260);
  return {
    year,
    address: entity.address,
    phone: `${AREA_CODES[region] ?? '0591'}-${r.int(2, 8)}${String(r.int(0, 999_999)).padStart(6, '0')}`,
    email: `office@${mailbox}.example.cn`,
    employees,
    operatingStatus: r.chance(0.04) ? 'SUSPENDED_BUSINESS' : 'OPERATING',
    website: !soleTrader && r.chance(0.4) ? `https://www.${mailbox}.example.cn` : null,
    revenue: `${employees * r.int(80_000, 600_000)}.${String(r.int(0, 99)).padStart(2, '0')}`,
  };
}

/**
 * The filings of the demo entities for the report years `today`'s year − 2 and − 1, in the order
 * they were made: about 72 % on time (one in six of them corrected later, before 30 June), 12 %
 * late once 1 July has come, the rest missing. Only operating entities founded by the end of a
 * year owe its report.
 */
export function demoAnnualReports(entities: readonly DemoLegalEntity[], today: string): DemoAnnualReport[] {
  const thisYear = Number(today.slice(0, 4));
  // Filed by yesterday: nothing later than the moment the hub starts.
  const yesterday = addDays(today, -1);
  const filings: DemoAnnualReport[] = [];
  for (const year of [thisYear - 2, thisYear - 1]) {
    const deadline = `${year + 1}-06-30`;
    for (const entity of entities) {
      if (entity.status !== 'ACTIVE' || entity.establishedOn > `${year}-12-31`) continue;
      const r = new Random(mulberry32(seedOf(`${entity.uscc}/${year}`)));
      const fate = r.float();
      const input = reportOf(r, entity, year);
      if (fate < 0.72) {
        // Filed by the deadline; 1 January is the first day.
        const latest = yesterday < deadline ? yesterday : deadline;
        const first = filingTime(r, `${year + 1}-01-02`, latest);
        if (first === null) continue;
        filings.push({ uscc: entity.uscc, filedAt: first, input });
        if (r.chance(1 / 6)) {
          const correction = filingTime(r, first.slice(0, 10), latest);
          if (correction !== null && correction > first) filings.push({ uscc: entity.uscc, filedAt: correction, input: { ...input, employees: input.employees + 1 } });
        }
      } else if (fate < 0.84) {
        const end = `${year + 1}-12-31`;
        const late = filingTime(r, `${year + 1}-07-01`, yesterday < end ? yesterday : end);
        if (late !== null) filings.push({ uscc: entity.uscc, filedAt: late, input });
      }
    }
  }
  return filings.sort((a, b) => (a.filedAt < b.filedAt ? -1 : a.filedAt > b.filedAt ? 1 : 0));
}
