import { GraphQLError } from 'graphql';
import { decodeCodeCursor, encodeCodeCursor, FINDING_KEY } from '../../../lib/order.js';
import { badInput } from '../../../lib/errors.js';
import type { CertificateContext } from '../context.js';
import { checkedFilter, LARGEST_ROUND, scanFindings, type FindingKind, type FindingModel, type FindingSources, type FindingsFilter, type HoldingsQuestion, type ScanRate } from './findings.js';
import { heldCertificates, MAX_HOLDINGS_HOLDERS, type HeldCertificate } from './holdings.js';

const USCC_SHAPE = /^[0-9A-Z]{18}$/;

/** The purpose every read of supervision is made and recorded for. */
export const SUPERVISION_PURPOSE = 'SUPERVISION';
/** How long a node waits for another's answer about its entities' certificates. */
const HOLDINGS_TIMEOUT_MS = 30_000;
/** The largest page of findings a node answers. */
export const MAX_FINDINGS_PAGE = 200;

export interface FindingEdgeModel {
  cursor: string;
  node: FindingModel;
}

const HOLDINGS = /* GraphQL */ `
  query HubSupervisionHoldings($node: String!, $holders: [String!]!, $types: [String!], $validOnly: Boolean!) {
    supervisionHoldingTable(node: $node, holders: $holders, types: $types, validOnly: $validOnly) { columns rows }
  }
`;

interface HoldingTable {
  columns: string[];
  rows: Array<Array<string | null>>;
}

/** The columns of a HoldingTable, in order: HeldCertificate's fields but the node (the one that answers). */
const HOLDING_COLUMNS = ['id', 'holderCode', 'typeCode', 'typeName', 'number', 'status', 'validUntil', 'since', 'issuerCode', 'issuerName'] as const satisfies ReadonlyArray<keyof HeldCertificate>;

/** Certificates as a HoldingTable: one row of strings each, no object per value for GraphQL to resolve. */
export function holdingTable(held: readonly HeldCertificate[]): HoldingTable {
  return { columns: [...HOLDING_COLUMNS], rows: held.map((certificate) => HOLDING_COLUMNS.map((column) => certificate[column])) };
}

/** The certificates of another node's HoldingTable; its columns are read by name, so their order may change. */
export function heldFromTable(table: HoldingTable, node: string): HeldCertificate[] {
  const at = HOLDING_COLUMNS.map((column) => {
    const index = table.columns.indexOf(column);
    if (index < 0) throw new Error(`node ${node} answered without the column ${column}`);
    return index;
  });
  return table.rows.map((row) => {
    const certificate = Object.fromEntries(HOLDING_COLUMNS.map((column, i) => [column, row[at[i]!] ?? null])) as unknown as HeldCertificate;
    certificate.node = node;
    return certificate;
  });
}

/**
 * The holders of a question that this node's own certificates (`local`) do not settle: a holder
 * is settled here when it holds a certificate of each type it needs that no other node's could
 * change the findings of (HoldingsQuestion.needs). The others are asked of every other node.
 */
export function openHolders(local: readonly HeldCertificate[], { holders, needs, settledByAny }: Pick<HoldingsQuestion, 'holders' | 'needs' | 'settledByAny'>): string[] {
  if (!needs) return [...holders];
  const settling = new Map<string, Set<string>>();
  for (const certificate of local) {
    if (certificate.status !== 'VALID' && !settledByAny) continue;
    const held = settling.get(certificate.holderCode) ?? new Set<string>();
    settling.set(certificate.holderCode, held.add(certificate.typeCode));
  }
  return holders.filter((holder) => {
    const need = needs.get(holder);
    const held = settling.get(holder);
    return need === undefined || held === undefined || !need.every((type) => held.has(type));
  });
}

/**
 * Where this node's findings ask about certificates: its own tables first, then — for the
 * holders its own certificates do not settle — every other node, at once, one request each. A
 * node that does not answer is named (`silent`), and what it might have cleared stays a finding.
 */
function sourcesOf(ctx: CertificateContext): FindingSources {
  const { db, node, services } = ctx;
  const others = (services.nodes ?? []).filter((code) => code !== node.code);
  return {
    db,
    node: node.code,
    today: ctx.today,
    rules: () => services.permitRules!(),
    async holdings({ holders, types, validOnly, needs, settledByAny }) {
      const local = await heldCertificates(db, node.code, ctx.today, holders, types, validOnly);
      const open = openHolders(local, { holders, needs, settledByAny });
      const silent: string[] = [];
      const remote = await Promise.all(
        open.length === 0 || !services.peers
          ? []
          : others.map(async (other) => {
              try {
                const answer = await services.peers!.request<{ supervisionHoldingTable: HoldingTable }>(
                  other,
                  'certificate',
                  HOLDINGS,
                  { node: other, holders: open, types, validOnly },
                  // A busy node answering late must not turn into findings it would have cleared.
                  { purpose: SUPERVISION_PURPOSE, timeoutMs: HOLDINGS_TIMEOUT_MS },
                );
                const table = answer.data?.supervisionHoldingTable;
                if (!table || !Array.isArray(table.rows)) throw new Error(answer.errors?.[0]?.message ?? 'no answer');
                return heldFromTable(table, other);
              } catch {
                silent.push(other);
                return [];
              }
            }),
      );
      return { held: [...local, ...remote.flat()], silent: silent.sort() };
    },
  };
}

/** How long a node keeps a scan it read for a page, for the pages after it: its findings are at most this old. */
const KEPT_SCAN_MS = 30_000;
const KEPT_SCANS = 100;

/**
 * A scan a node read for a page of findings, kept for the next: every finding of the filter
 * after `from` (a finding id; null from the start) among the entities up to `through` (the last
 * one read), or up to the registry's end when `done`.
 */
interface KeptScan {
  key: string;
  from: string | null;
  through: string | null;
  done: boolean;
  found: FindingModel[];
  /** Entities read and findings seen so far. */
  rate: ScanRate;
  /** When its first round was read: it is kept KEPT_SCAN_MS from then, however often it is used. */
  readAt: number;
}

/**
 * The scans a node read for pages of findings, kept 30 s for the pages after them. A page asks
 * each node for its findings after the page before's last finding, whoever's that was: the node
 * whose entities the page lies in has read them up to where its last page stopped, and the
 * others — whose entities come later (USCCs sort by category and region, so each node's entities
 * come in blocks) — find the same findings again and again. A kept scan answers both: its
 * findings after the cursor, and, when those are not enough, it goes on from the last entity it
 * read instead of reading again from the cursor. A full scan thus reads each entity about once.
 * A first page is read afresh, the findings of the pages after it may be up to 30 s old; a scan
 * taken for a page is not shared while in use.
 */
export class KeptScans {
  #scans: KeptScan[] = [];

  /** A kept scan of `key` that holds every finding after `after`, taken out while it is used; or null. */
  take(key: string, after: string | null): KeptScan | null {
    const now = Date.now();
    this.#scans = this.#scans.filter((scan) => scan.readAt + KEPT_SCAN_MS > now);
    // The newest that covers the cursor: the one that found the page before, not an older one
    // a page of a minute ago left, which would not know what changed since.
    let at = -1;
    this.#scans.forEach((scan, i) => {
      const covers =
        scan.key === key &&
        (scan.from === null || (after !== null && scan.from <= after)) &&
        (scan.done || (scan.through !== null && (after === null ? '' : after.slice(0, 18)) <= scan.through));
      if (covers && (at < 0 || scan.readAt >= this.#scans[at]!.readAt)) at = i;
    });
    return at < 0 ? null : this.#scans.splice(at, 1)[0]!;
  }

  keep(scan: KeptScan): void {
    this.#scans.push(scan);
    if (this.#scans.length > KEPT_SCANS) this.#scans.shift();
  }
}

/**
 * One node's page of supervision findings (Query.supervisionFindings): edges and pageInfo from a
 * scan that stops once the page is full — continuing one kept from the page before when there is
 * one (KeptScans); totalCount, only when asked, from a scan of them all. Each request is recorded
 * in the access log with its purpose SUPERVISION: findings name businesses and certificates'
 * metadata, never personal data, and a node cannot know which of its findings the gateway keeps.
 */
export class FindingPage {
  #page: Promise<{ edges: FindingEdgeModel[]; hasNextPage: boolean }> | null = null;

  constructor(
    private readonly ctx: CertificateContext,
    private readonly filter: FindingsFilter,
    private readonly first: number,
    private readonly after: string | null,
  ) {}

  private page() {
    this.#page ??= (async () => {
      this.ctx.audit.record({}, ['supervisionFindings']);
      const { kinds, region, since } = this.filter;
      const key = JSON.stringify([this.ctx.today, [...kinds].sort(), region, since]);
      const scans = this.ctx.services.keptScans;
      // A first page is always read afresh (whoever looks again sees what changed); the pages after it go on from it.
      const kept = this.after === null ? null : (scans?.take(key, this.after) ?? null);
      const scan: KeptScan = kept ?? { key, from: this.after, through: null, done: false, found: [], rate: { entities: 0, findings: 0 }, readAt: Date.now() };
      const found = this.after === null ? scan.found : scan.found.filter((finding) => finding.id > this.after!);
      if (!scan.done && found.length <= this.first) {
        const start = scan.through !== null ? { beyond: scan.through } : this.after === null ? null : { after: this.after };
        const want = this.first + 1 - found.length;
        for await (const round of scanFindings(sourcesOf(this.ctx), this.filter, start, want, kept ? LARGEST_ROUND : undefined, scan.rate)) {
          found.push(...round.found);
          scan.through = round.through ?? scan.through;
          scan.done = round.through === null;
          if (found.length > this.first) break;
        }
      }
      // Kept from this page's cursor on: what lies before it is not asked for again.
      scans?.keep({ ...scan, from: this.after, found });
      return { edges: found.slice(0, this.first).map((node) => ({ cursor: encodeCodeCursor(node.id), node })), hasNextPage: found.length > this.first };
    })();
    return this.#page;
  }

  async edges(): Promise<FindingEdgeModel[]> {
    return (await this.page()).edges;
  }

  async pageInfo(): Promise<{ hasNextPage: boolean; endCursor: string | null }> {
    const { edges, hasNextPage } = await this.page();
    return { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  }

  async totalCount(): Promise<number> {
    let total = 0;
    for await (const round of scanFindings(sourcesOf(this.ctx), this.filter, null)) total += round.found.length;
    return total;
  }
}

/** Query.supervisionFindings at this node: the arguments checked, the purpose bound. */
export function supervisionFindings(
  ctx: CertificateContext,
  args: { filter?: { kinds?: readonly FindingKind[] | null; region?: string | null; since?: string | null } | null; first?: number | null; after?: string | null },
): FindingPage {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FINDINGS_PAGE) throw badInput('first', `0 to ${MAX_FINDINGS_PAGE}`);
  const after = args.after == null ? null : decodeCodeCursor(args.after, 'after', 'not a cursor of supervisionFindings (pass the endCursor of the page before)', FINDING_KEY);
  if (ctx.purpose !== SUPERVISION_PURPOSE) {
    throw badInput('X-Purpose', `supervision reads for the purpose ${SUPERVISION_PURPOSE}, not ${JSON.stringify(ctx.purpose)}`);
  }
  if (!ctx.services.permitRules) throw new GraphQLError('this node cannot read the permit rules', { extensions: { code: 'NODE_UNAVAILABLE', node: ctx.services.province } });
  return new FindingPage(ctx, checkedFilter(args.filter), first, after);
}

/** Query.supervisionHoldingTable (and the deprecated supervisionHoldings): another node's question about the certificates some holders hold here. */
export function supervisionHoldings(
  ctx: CertificateContext,
  args: { node: string; holders: readonly string[]; types?: readonly string[] | null; validOnly: boolean },
  field = 'supervisionHoldingTable',
): Promise<HeldCertificate[]> {
  if (args.node !== ctx.node.code) throw badInput('node', `this is node ${ctx.node.code}`);
  if (args.holders.length > MAX_HOLDINGS_HOLDERS) throw badInput('holders', `at most ${MAX_HOLDINGS_HOLDERS}`);
  // Unified social credit codes only: their order is the same in any collation, which the
  // holder ranges read here rely on (holdings.ts holderRanges).
  const odd = args.holders.find((holder) => !USCC_SHAPE.test(holder));
  if (odd !== undefined) throw badInput('holders', `${JSON.stringify(odd)} is not a unified social credit code (18 characters, 0-9 and A-Z)`);
  ctx.audit.record({}, [field]);
  return heldCertificates(ctx.db, ctx.node.code, ctx.today, args.holders, args.types ?? null, args.validOnly);
}
