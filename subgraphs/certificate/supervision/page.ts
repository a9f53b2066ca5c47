import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { executeRows } from '../../kit/db.js';
import { legalEntities } from '../../legal-entity/db/schema.js';
import { decodeCodeCursor, encodeCodeCursor, FINDING_KEY } from '../../../lib/order.js';
import { badInput } from '../../../lib/errors.js';
import type { CertificateContext } from '../context.js';
import { checkedFilter, scanFindings, type FindingKind, type FindingModel, type FindingSources, type FindingsFilter } from './findings.js';
import { heldCertificates, MAX_HOLDINGS_HOLDERS, type HeldCertificate } from './holdings.js';

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
    supervisionHoldings(node: $node, holders: $holders, types: $types, validOnly: $validOnly) {
      id holderCode typeCode typeName number status validUntil since issuerCode issuerName node
    }
  }
`;

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
    async holdings(holders, types, validOnly) {
      const local = await heldCertificates(db, node.code, ctx.today, holders, types, validOnly);
      const settled = new Set<string>();
      for (const holder of holders) {
        const valid = local.filter((certificate) => certificate.holderCode === holder && certificate.status === 'VALID');
        if (types === null ? valid.length > 0 : types.every((type) => valid.some((certificate) => certificate.typeCode === type))) settled.add(holder);
      }
      const open = holders.filter((holder) => !settled.has(holder));
      const silent: string[] = [];
      const remote = await Promise.all(
        open.length === 0 || !services.peers
          ? []
          : others.map(async (other) => {
              try {
                const answer = await services.peers!.request<{ supervisionHoldings: HeldCertificate[] }>(
                  other,
                  'certificate',
                  HOLDINGS,
                  { node: other, holders: open, types, validOnly },
                  // A busy node answering late must not turn into findings it would have cleared.
                  { purpose: SUPERVISION_PURPOSE, timeoutMs: HOLDINGS_TIMEOUT_MS },
                );
                if (!Array.isArray(answer.data?.supervisionHoldings)) throw new Error(answer.errors?.[0]?.message ?? 'no answer');
                return answer.data.supervisionHoldings;
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

/** How long a node keeps a page it found for a cursor that lies before all of its own entities. */
const KEPT_PAGE_MS = 30_000;
const KEPT_PAGES = 200;

/**
 * The pages a node found for cursors that lie before every entity it keeps beyond them. While a
 * supervisor pages through another node's entities (USCCs sort by category and region, so each
 * node's entities come in blocks), every page asks this node for its findings after a cursor
 * that is not its own: the answer is the same each time — its findings from its next entity on —
 * so it is found once and kept for 30 s, not found again for every page. Findings may therefore
 * be up to 30 s old.
 */
export class KeptFindingPages {
  readonly #pages = new Map<string, { until: number; page: Promise<FoundPage> }>();

  get(key: string, find: () => Promise<FoundPage>): Promise<FoundPage> {
    const now = Date.now();
    const kept = this.#pages.get(key);
    if (kept && kept.until > now) return kept.page;
    if (this.#pages.size >= KEPT_PAGES) {
      for (const [old, entry] of this.#pages) if (entry.until <= now || this.#pages.size >= KEPT_PAGES) this.#pages.delete(old);
    }
    const page = find();
    this.#pages.set(key, { until: now + KEPT_PAGE_MS, page });
    page.catch(() => this.#pages.delete(key));
    return page;
  }
}

interface FoundPage {
  found: FindingModel[];
}

/**
 * One node's page of supervision findings (Query.supervisionFindings): edges and pageInfo from
 * one scan that stops once the page is full (or a page kept from a moment ago, KeptFindingPages);
 * totalCount, only when asked, from a scan of them all. Each request is recorded in the access
 * log with its purpose SUPERVISION: findings name businesses and certificates' metadata, never
 * personal data, and a node cannot know which of its findings the gateway keeps.
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
      const find = async (): Promise<FoundPage> => {
        const found: FindingModel[] = [];
        for await (const round of scanFindings(sourcesOf(this.ctx), this.filter, this.after)) {
          found.push(...round);
          if (found.length > this.first) break;
        }
        return { found };
      };
      const { found } = await this.keptOrFound(find);
      const kept = found.slice(0, this.first);
      return { edges: kept.map((node) => ({ cursor: encodeCodeCursor(node.id), node })), hasNextPage: found.length > this.first };
    })();
    return this.#page;
  }

  /** The page found now, or — for a cursor before every entity of this node beyond it — as found a moment ago. */
  private async keptOrFound(find: () => Promise<FoundPage>): Promise<FoundPage> {
    const pages = this.ctx.services.findingPages;
    if (!pages || this.after === null) return find();
    const cursorEntity = this.after.slice(0, 18);
    const [next] = await executeRows<{ uscc: string }>(
      this.ctx.db,
      sql`select ${legalEntities.uscc} as uscc from ${legalEntities} where ${legalEntities.uscc} >= ${cursorEntity} order by ${legalEntities.uscc} limit 1`,
    );
    // The cursor names one of this node's entities: the page depends on it.
    if (!next || next.uscc === cursorEntity) return find();
    const { kinds, region, since } = this.filter;
    const key = JSON.stringify([this.ctx.today, [...kinds].sort(), region, since, this.first, next.uscc]);
    return pages.get(key, find);
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
    for await (const round of scanFindings(sourcesOf(this.ctx), this.filter, null)) total += round.length;
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

/** Query.supervisionHoldings: another node's question about the certificates some holders hold here. */
export function supervisionHoldings(
  ctx: CertificateContext,
  args: { node: string; holders: readonly string[]; types?: readonly string[] | null; validOnly: boolean },
): Promise<HeldCertificate[]> {
  if (args.node !== ctx.node.code) throw badInput('node', `this is node ${ctx.node.code}`);
  if (args.holders.length > MAX_HOLDINGS_HOLDERS) throw badInput('holders', `at most ${MAX_HOLDINGS_HOLDERS}`);
  ctx.audit.record({}, ['supervisionHoldings']);
  return heldCertificates(ctx.db, ctx.node.code, ctx.today, args.holders, args.types ?? null, args.validOnly);
}
