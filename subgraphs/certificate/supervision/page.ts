import { GraphQLError } from 'graphql';
import { decodeCodeCursor, encodeCodeCursor, FINDING_KEY } from '../../../lib/order.js';
import { badInput } from '../../../lib/errors.js';
import type { CertificateContext } from '../context.js';
import { checkedFilter, scanFindings, type FindingKind, type FindingModel, type FindingSources, type FindingsFilter } from './findings.js';
import { heldCertificates, MAX_HOLDINGS_HOLDERS, type HeldCertificate } from './holdings.js';

/** The purpose every read of supervision is made and recorded for. */
export const SUPERVISION_PURPOSE = 'SUPERVISION';
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
                  { purpose: SUPERVISION_PURPOSE },
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

/**
 * One node's page of supervision findings (Query.supervisionFindings): edges and pageInfo from
 * one scan that stops once the page is full; totalCount, only when asked, from a scan of them
 * all. The entities of the findings returned are recorded in the access log.
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
      const found: FindingModel[] = [];
      for await (const round of scanFindings(sourcesOf(this.ctx), this.filter, this.after)) {
        found.push(...round);
        if (found.length > this.first) break;
      }
      const kept = found.slice(0, this.first);
      for (const finding of kept) this.ctx.audit.record({ holderCode: finding.entity.uscc }, ['supervisionFindings']);
      return { edges: kept.map((node) => ({ cursor: encodeCodeCursor(node.id), node })), hasNextPage: found.length > this.first };
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
