/**
 * Supervision findings (README › Supervision): what the shared certificates and the registry say
 * about businesses operating without the licence their scope needs, on an expired or revoked one,
 * closed with licences still valid, or without their annual report. Each node finds them for the
 * entities of its own registry, page by page of entities in USCC order: what it can decide from
 * its own tables it decides in SQL, and it asks every other node once per page of entities (one
 * request per node, never per entity) about the certificates those entities hold there.
 */
import { and, gt, gte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { badInput } from '../../../lib/errors.js';
import { likePatterns } from '../../../lib/permit-rules.js';
import { executeRows, type HubDatabase } from '../../kit/db.js';
import { legalEntities } from '../../legal-entity/db/schema.js';
import { inRegion, missedAnnualReport } from '../../legal-entity/abnormal.js';
import { listedOn, listedYear, missedReason } from '../../legal-entity/report-calendar.js';
import { STATUS_LABELS } from '../status.js';
import { MAX_HOLDINGS_HOLDERS, type HeldCertificate } from './holdings.js';
import type { PermitRule } from './rules.js';
import { chinaDay } from '../../kit/china-time-sql.js';

export type FindingKind = 'UNLICENSED' | 'LICENCE_EXPIRED' | 'LICENCE_REVOKED' | 'CLOSED_WITH_VALID_LICENCES' | 'ANNUAL_REPORT_MISSING';

export const FINDING_KINDS: readonly FindingKind[] = ['UNLICENSED', 'LICENCE_EXPIRED', 'LICENCE_REVOKED', 'CLOSED_WITH_VALID_LICENCES', 'ANNUAL_REPORT_MISSING'];

/** The kinds a permit rule decides. */
const RULE_KINDS: ReadonlySet<FindingKind> = new Set(['UNLICENSED', 'LICENCE_EXPIRED', 'LICENCE_REVOKED']);

export interface FindingEntity {
  uscc: string;
  name: string;
  status: 'ACTIVE' | 'REVOKED' | 'CANCELLED';
  node: string;
}

export interface FindingModel {
  /** `{uscc}/{kind}/{rule code, or the report year}`: unique, and the order of findings. */
  id: string;
  kind: FindingKind;
  entity: FindingEntity;
  rule: PermitRule | null;
  certificate: HeldCertificate | null;
  since: string | null;
  detail: string;
}

export interface FindingsFilter {
  kinds: ReadonlySet<FindingKind>;
  /** A 6-digit region whose entities (by their USCC) to look at; null for every one. */
  region: string | null;
  /** Only findings whose `since` is on or after this day. */
  since: string | null;
}

/** Where a scan asks about the certificates its entities hold, and what it knows. */
export interface FindingSources {
  db: HubDatabase;
  node: string;
  /** The request's day, China time. */
  today: string;
  /** The permit rules; read only when a kind they decide is asked for. */
  rules(): Promise<PermitRule[]>;
  /**
   * The current certificates the question's holders hold at every node (of its types, or of
   * every type; only VALID ones when `validOnly`), with the nodes that did not answer: one
   * question per node — except what this node's own certificates settle (HoldingsQuestion.needs).
   */
  holdings(question: HoldingsQuestion): Promise<{ held: HeldCertificate[]; silent: string[] }>;
}

/** What a round asks about its candidates' certificates. */
export interface HoldingsQuestion {
  holders: readonly string[];
  types: readonly string[] | null;
  validOnly: boolean;
  /**
   * The types each holder needs (those of the rules it matches), when a certificate of each held
   * at this node settles it, so that other nodes are not asked about it: a VALID one — or, when
   * `settledByAny`, any current one (a scan for UNLICENSED alone: a certificate of the type, of
   * whatever status, means the holder is not unlicensed). Absent: every holder is asked about
   * everywhere (closed entities: all their valid certificates are counted).
   */
  needs?: ReadonlyMap<string, readonly string[]>;
  settledByAny?: boolean;
}

/**
 * Entities looked at per round — one question to each node per round. A round is the next so
 * many entities in USCC order, whatever they are: its cost does not depend on how many of them
 * turn out to be findings, nor on how much of the registry lies beyond. A page read afresh starts
 * with a round of about ten entities per finding it wants (at least FIRST_ROUND), so that a first
 * page comes quickly, then twice as many each round up to the most one question names; a scan
 * that continues one kept from the page before (page.ts KeptScans) and a count read the largest
 * rounds from the start.
 */
const FIRST_ROUND = 250;
export const LARGEST_ROUND = MAX_HOLDINGS_HOLDERS;

/** The size of the first round of a scan that wants `want` findings (null: all of them). */
const firstRound = (want: number | null): number => (want === null ? LARGEST_ROUND : Math.min(LARGEST_ROUND, Math.max(FIRST_ROUND, want * 10)));

/** Where a scan starts: after a finding (its id; its entity is read again), beyond an entity (its USCC), or at the registry's first entity. */
export type ScanStart = { after: string } | { beyond: string } | null;

/** One round of a scan: its findings, in id order, and the last entity it read — null when the registry ended in it. */
export interface ScannedRound {
  found: FindingModel[];
  through: string | null;
}

/** Findings per entity seen so far in a scan (or in the scan it continues), which decides whether to read ahead. */
export interface ScanRate {
  entities: number;
  findings: number;
}

interface Candidate {
  uscc: string;
  name: string;
  status: FindingEntity['status'];
  establishedOn: string;
  closedOn: string;
  /** Codes of the rules whose keywords its business scope matches (ACTIVE entities only). */
  rules: string[];
  missedReport: boolean;
}

/** The filter's arguments, checked. */
export function checkedFilter(filter: { kinds?: readonly FindingKind[] | null; region?: string | null; since?: string | null } | null | undefined): FindingsFilter {
  const region = filter?.region ?? null;
  if (region !== null && !/^\d{6}$/.test(region)) throw badInput('filter.region', 'a 6-digit region code such as 350200 (a city covers its districts)');
  const since = filter?.since ?? null;
  if (since !== null && !/^\d{4}-\d{2}-\d{2}$/.test(since)) throw badInput('filter.since', 'a date YYYY-MM-DD');
  const kinds = filter?.kinds?.length ? filter.kinds : FINDING_KINDS;
  return { kinds: new Set(kinds), region, since };
}

/**
 * The findings of this node's entities from `start` on, in id order, one round of entities at a
 * time: the caller stops asking when it has enough (a page of `want`), or reads every round (a
 * count, `want` null), holding about two rounds in memory at a time. The next round's entities
 * are read while the round before is worked out (its certificates asked of every node), so that
 * the registry's statement and the holdings' overlap — unless, at the rate of findings seen so
 * far (`rate`: of this scan, or of the one it continues), the round being worked out will
 * complete the page.
 */
export async function* scanFindings(
  sources: FindingSources,
  filter: FindingsFilter,
  start: ScanStart,
  want: number | null = null,
  firstSize = firstRound(want),
  rate: ScanRate = { entities: 0, findings: 0 },
): AsyncGenerator<ScannedRound> {
  const wantsRules = [...filter.kinds].some((kind) => RULE_KINDS.has(kind));
  const rules = wantsRules ? await sources.rules() : [];
  const year = listedYear(sources.today);
  const after = start !== null && 'after' in start ? start.after : null;
  const read = (from: { uscc: string; inclusive: boolean } | null, size: number) => {
    const entities = nextEntities(sources, filter, rules, year, from, size);
    // Read ahead: when the caller stops before it is used, its failure concerns nobody.
    entities.catch(() => {});
    return { size, entities };
  };
  const from = start === null ? null : 'after' in start ? { uscc: start.after.slice(0, 18), inclusive: true } : { uscc: start.beyond, inclusive: false };
  let round = read(from, Math.min(LARGEST_ROUND, firstSize));
  let found = 0;
  for (;;) {
    const { candidates, next } = await round.entities;
    const nextSize = Math.min(LARGEST_ROUND, round.size * 2);
    const enough = want !== null && rate.findings > 0 && found + (rate.findings / rate.entities) * round.size >= want;
    let ahead = next === null || enough ? null : read({ uscc: next, inclusive: false }, nextSize);
    const kept = (await evaluate(sources, filter, rules, year, candidates)).filter(
      (finding) => (after === null || finding.id > after) && (filter.since === null || (finding.since !== null && finding.since >= filter.since)),
    );
    kept.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    found += kept.length;
    rate.entities += round.size;
    rate.findings += kept.length;
    yield { found: kept, through: next };
    if (next === null) return;
    ahead ??= read({ uscc: next, inclusive: false }, nextSize);
    round = ahead;
  }
}

/**
 * The next `limit` entities of this node's registry after `from` (of the filter's region), in
 * USCC order on the primary key — of them, the candidates: those whose business scope (ACTIVE
 * ones; the stored normalised scope) matches a rule, that missed their annual report, or that
 * are closed when closed ones are asked about — and, when the round was full, the last entity it
 * read, where the next round starts (null when the registry ends in this round). One statement,
 * which sends only the candidates.
 */
async function nextEntities(
  sources: FindingSources,
  filter: FindingsFilter,
  rules: readonly PermitRule[],
  year: number,
  from: { uscc: string; inclusive: boolean } | null,
  limit: number,
): Promise<{ candidates: Candidate[]; next: string | null }> {
  const e = legalEntities;
  const scanned = alias(legalEntities, 'scanned');
  const ruleMatches = rules.map((rule) => sql`case when scanned.scope like any(${sql.param(likePatterns(rule.keywords))}::text[]) then ${rule.code} end`);
  const matched = ruleMatches.length === 0 ? sql`'{}'::text[]` : sql`array_remove(array[${sql.join(ruleMatches, sql`, `)}]::text[], null)`;
  const missed = filter.kinds.has('ANNUAL_REPORT_MISSING') ? missedAnnualReport(year, sources.today, scanned) : sql`false`;
  const closedWanted = filter.kinds.has('CLOSED_WITH_VALID_LICENCES');
  const start = from === null ? undefined : from.inclusive ? gte(e.uscc, from.uscc) : gt(e.uscc, from.uscc);
  const where = and(start, filter.region === null ? undefined : inRegion(filter.region));
  // USCCs are 18 characters of 0-9 and A-Z: the registry's key order is their code-unit order
  // (that of the finding ids and cursors) in any collation, so the primary key serves it.
  const rows = await executeRows<Candidate & { candidate: boolean; last: boolean }>(
    sources.db,
    sql`select * from (
          select scanned.uscc, scanned.name, scanned.status, scanned.established_on::text as "establishedOn",
                 ${chinaDay(sql`scanned.updated_at`)}::text as "closedOn",
                 matching.rules, matching.missed as "missedReport",
                 (cardinality(matching.rules) > 0 or matching.missed or (${closedWanted} and scanned.status <> 'ACTIVE')) as candidate,
                 row_number() over (order by scanned.uscc) = ${limit} as last
          from (select ${e.uscc}, ${e.name}, ${e.status}, ${e.establishedOn}, ${e.updatedAt}, ${e.businessScopeNormalized} as scope
                from ${e} ${where ? sql`where ${where}` : sql``}
                order by ${e.uscc} limit ${limit}) as scanned,
               lateral (select case when scanned.status = 'ACTIVE' then ${matched} else '{}'::text[] end as rules, ${missed} as missed) as matching
        ) as round
        where candidate or last
        order by uscc`,
  );
  const last = rows.at(-1);
  return { candidates: rows.filter((row) => row.candidate), next: last?.last ? last.uscc : null };
}

/** The latest of `held` to stop being valid, or null. */
const latest = (held: readonly HeldCertificate[]): HeldCertificate | null =>
  held.reduce<HeldCertificate | null>((best, certificate) => (best === null || (certificate.since ?? '') > (best.since ?? '') ? certificate : best), null);

/** The findings of one round of candidates: their certificates asked of every node at once. */
async function evaluate(sources: FindingSources, filter: FindingsFilter, rules: readonly PermitRule[], year: number, batch: readonly Candidate[]): Promise<FindingModel[]> {
  const byCode = new Map(rules.map((rule) => [rule.code, rule]));
  const entityOf = (candidate: Candidate): FindingEntity => ({ uscc: candidate.uscc, name: candidate.name, status: candidate.status, node: sources.node });
  const findings: FindingModel[] = [];

  const licensed = batch.filter((candidate) => candidate.status === 'ACTIVE' && candidate.rules.length > 0);
  const closed = filter.kinds.has('CLOSED_WITH_VALID_LICENCES') ? batch.filter((candidate) => candidate.status !== 'ACTIVE') : [];
  const needs = new Map(licensed.map((candidate) => [candidate.uscc, [...new Set(candidate.rules.map((code) => byCode.get(code)!.certificateType))]]));
  const types = [...new Set([...needs.values()].flat())];
  const settledByAny = !filter.kinds.has('LICENCE_EXPIRED') && !filter.kinds.has('LICENCE_REVOKED');
  const [forRules, forClosed] = await Promise.all([
    licensed.length === 0 ? null : sources.holdings({ holders: [...needs.keys()], types, validOnly: false, needs, settledByAny }),
    closed.length === 0 ? null : sources.holdings({ holders: closed.map((candidate) => candidate.uscc), types: null, validOnly: true }),
  ]);
  const silentNote = (silent: readonly string[]) => (silent.length === 0 ? '' : `; node ${silent.join(', ')} did not answer, and a certificate kept there would clear this`);

  if (forRules) {
    const held = new Map<string, HeldCertificate[]>();
    for (const certificate of forRules.held) {
      const key = `${certificate.holderCode} ${certificate.typeCode}`;
      held.set(key, [...(held.get(key) ?? []), certificate]);
    }
    for (const candidate of licensed) {
      for (const code of candidate.rules) {
        const rule = byCode.get(code)!;
        const mine = held.get(`${candidate.uscc} ${rule.certificateType}`) ?? [];
        if (mine.some((certificate) => certificate.status === 'VALID')) continue;
        const typeName = rule.certificateTypeName ?? rule.certificateType;
        const last = latest(mine);
        const finding = (kind: FindingKind, certificate: HeldCertificate | null, since: string | null, detail: string) =>
          findings.push({ id: `${candidate.uscc}/${kind}/${rule.code}`, kind, entity: entityOf(candidate), rule, certificate, since, detail: detail + silentNote(forRules.silent) });
        if (last === null) {
          if (filter.kinds.has('UNLICENSED')) {
            finding('UNLICENSED', null, candidate.establishedOn, `经营范围含「${rule.activity}」，未持有${typeName}（无证经营）`);
          }
        } else if (last.status === 'EXPIRED') {
          if (filter.kinds.has('LICENCE_EXPIRED')) {
            finding('LICENCE_EXPIRED', last, last.since, `${typeName} ${last.number} 已于${last.validUntil}过期，此后无有效许可（过期后继续经营）`);
          }
        } else if (filter.kinds.has('LICENCE_REVOKED')) {
          finding('LICENCE_REVOKED', last, last.since, `${typeName} ${last.number} 已${STATUS_LABELS[last.status]}，此后无有效许可（${STATUS_LABELS[last.status]}后继续经营）`);
        }
      }
    }
  }

  if (forClosed) {
    for (const candidate of closed) {
      const valid = forClosed.held.filter((certificate) => certificate.holderCode === candidate.uscc);
      if (valid.length === 0) continue;
      const status = candidate.status === 'REVOKED' ? '吊销' : '注销';
      findings.push({
        id: `${candidate.uscc}/CLOSED_WITH_VALID_LICENCES/`,
        kind: 'CLOSED_WITH_VALID_LICENCES',
        entity: entityOf(candidate),
        rule: null,
        certificate: valid.sort((a, b) => (a.id < b.id ? -1 : 1))[0]!,
        since: candidate.closedOn,
        detail: `已${status}，仍持有${valid.length}张有效证照（${[...new Set(valid.map((certificate) => certificate.typeName))].join('、')}）：发证机关应依法处理` + silentNote(forClosed.silent),
      });
    }
  }

  if (filter.kinds.has('ANNUAL_REPORT_MISSING')) {
    for (const candidate of batch) {
      if (!candidate.missedReport) continue;
      findings.push({
        id: `${candidate.uscc}/ANNUAL_REPORT_MISSING/${year}`,
        kind: 'ANNUAL_REPORT_MISSING',
        entity: entityOf(candidate),
        rule: null,
        certificate: null,
        since: listedOn(year),
        detail: missedReason(year),
      });
    }
  }
  return findings;
}
