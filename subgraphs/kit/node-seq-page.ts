/**
 * A page of rows a node appends (error reports, follow-ups …) in the hub's order of appended rows
 * (lib/order.ts NodeSeqPosition): `at` descending, then node code, then the node's `seq`
 * descending. Every node answers the same page request, and the gateway's connection merger
 * (gateway/merge.ts nodeSeqConnectionMerger) keeps the best `first` of their answers.
 */
import type { AnyColumn, SQL } from 'drizzle-orm';
import { badInput } from '../../lib/errors.js';
import { decodeNodeSeqCursor, encodeNodeSeqCursor } from '../../lib/order.js';
import { afterNodeSeq } from './positions.js';

export interface NodeSeqEdge<Row> {
  cursor: string;
  node: Row;
}

/** Where a page's rows come from; `rows` answers in the order above. */
export interface NodeSeqSource<Row> {
  /** At most `limit` rows matching `after` (undefined: from the start), newest first. */
  rows(after: SQL | undefined, limit: number): Promise<Row[]>;
  /** How many rows the list holds, over every page. */
  count(): Promise<number>;
}

/** One node's page, read when a field asks for it: edges and pageInfo share one statement, totalCount is another. */
export class NodeSeqPage<Row extends { seq: number }> {
  #window: Promise<{ rows: Row[]; hasNextPage: boolean }> | undefined;
  #count: Promise<number> | undefined;

  constructor(
    readonly node: string,
    private readonly first: number,
    private readonly after: SQL | undefined,
    private readonly source: NodeSeqSource<Row>,
    private readonly atOf: (row: Row) => Date,
  ) {}

  /** A page of a list that leaves this node out: no rows, no statement. */
  static empty<Row extends { seq: number }>(node: string): NodeSeqPage<Row> {
    return new NodeSeqPage<Row>(node, 0, undefined, { rows: async () => [], count: async () => 0 }, () => new Date(0));
  }

  window(): Promise<{ rows: Row[]; hasNextPage: boolean }> {
    return (this.#window ??= (async () => {
      const rows = await this.source.rows(this.after, this.first + 1);
      const hasNextPage = rows.length > this.first;
      if (hasNextPage) rows.length = this.first;
      return { rows, hasNextPage };
    })());
  }

  totalCount(): Promise<number> {
    return (this.#count ??= this.source.count());
  }

  cursorOf(row: Row): string {
    return encodeNodeSeqCursor({ at: this.atOf(row), node: this.node, seq: row.seq });
  }

  async edges(): Promise<Array<NodeSeqEdge<Row>>> {
    const { rows } = await this.window();
    return rows.map((row) => ({ cursor: this.cursorOf(row), node: row }));
  }

  async pageInfo(): Promise<{ hasNextPage: boolean; endCursor: string | null }> {
    const { rows, hasNextPage } = await this.window();
    const last = rows.at(-1);
    return { hasNextPage, endCursor: last ? this.cursorOf(last) : null };
  }
}

/**
 * The page `args` asks of a list at `node`: `first` 0 to `max` (default `defaultFirst`) rows after
 * the cursor `after`, whose position the rows' `at` and `seq` columns give. A bad argument is a
 * BAD_USER_INPUT naming it.
 */
export function nodeSeqPage<Row extends { seq: number }>(
  node: string,
  args: { first?: number | null; after?: string | null },
  list: { name: string; defaultFirst: number; max: number; columns: { at: AnyColumn; seq: AnyColumn }; atOf: (row: Row) => Date },
  source: NodeSeqSource<Row>,
): NodeSeqPage<Row> {
  const first = args.first ?? list.defaultFirst;
  if (!Number.isInteger(first) || first < 0 || first > list.max) throw badInput('first', `must be between 0 and ${list.max}`);
  const after =
    args.after == null
      ? undefined
      : afterNodeSeq(list.columns, node, decodeNodeSeqCursor(args.after, 'after', `not a cursor of ${list.name} (pass the endCursor of the page before)`));
  return new NodeSeqPage(node, first, after, source, list.atOf);
}

/** The resolvers of a connection type over NodeSeqPage. */
export const nodeSeqConnection = {
  edges: <Row extends { seq: number }>(page: NodeSeqPage<Row>) => page.edges(),
  pageInfo: <Row extends { seq: number }>(page: NodeSeqPage<Row>) => page.pageInfo(),
  totalCount: <Row extends { seq: number }>(page: NodeSeqPage<Row>) => page.totalCount(),
};

const NODE_SCOPED_ID = /^(\d{6})-(\d{1,15})$/;

/**
 * The node and number of an id a node gave a row it appends (`{node code}-{seq}`, such as
 * 350200-17), or BAD_USER_INPUT naming `field`, saying what such an id names (`what`).
 */
export function parseNodeScopedId(id: string, field: string, what: string): { node: string; seq: number } {
  const match = NODE_SCOPED_ID.exec(id);
  if (!match) throw badInput(field, `not ${what} id ({node code}-{number}, such as 350200-17)`);
  return { node: match[1]!, seq: Number(match[2]) };
}
