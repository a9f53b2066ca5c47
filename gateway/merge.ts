import { type FieldNode, type FragmentDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';
import {
  compareCertificates,
  compareCodes,
  compareNodeSeq,
  decodeCodeCursor,
  decodeCursor,
  decodeNodeSeqCursor,
  encodeCodeCursor,
  encodeCursor,
  encodeNodeSeqCursor,
  FINDING_KEY,
  type CertificateSortKey,
  type NodeSeqPosition,
} from '../lib/order.js';
import { allPaperless, compareOutcomes } from '../lib/material-check.js';
import { INJECTED_PREFIX, responseKey, selections, type Path } from './operation.js';
import { fieldsOnType } from './selections.js';

/** One node's answer for a fanned-out field. */
export interface Part {
  node: string;
  value: unknown;
}

export interface Merged {
  value: unknown;
  /**
   * Where an error reported by `node` at `path` (relative to the field's value) lands in the
   * merged value, or null when that part of the node's answer was dropped.
   */
  remap(node: string, path: Path): Path | null;
  /**
   * An operation the gateway runs on its own account once the answer is merged, without the
   * client waiting for it (e.g. counting a check's outcomes, which only the merged answer knows).
   */
  followUp?: { query: string; variables: Record<string, unknown> };
}

/**
 * How the answers of several nodes for one field become the one answer a single database
 * would give. `inject` lists the selections the merger needs in every node's fetch.
 */
export interface FieldMerger {
  inject: readonly SelectionNode[];
  /**
   * `args.first` is the field's argument; `args.unanswered` the nodes asked that did not answer
   * (NODE_UNAVAILABLE), for a merger whose answer depends on which nodes it heard from.
   */
  merge(parts: Part[], field: FieldNode, args: { first?: unknown; unanswered?: readonly string[] }): Merged;
}

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

function stripInjected(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) if (!key.startsWith(INJECTED_PREFIX)) out[key] = value;
  return out;
}

/**
 * Lists whose items carry sort keys under injected aliases: concatenated, ordered, the
 * injected keys removed. With `defaultFirst`, the field takes a `first` argument (that many
 * when absent) and only the first `first` rows of the merged order are kept.
 */
export function sortedListMerger(inject: string, compare: (a: Row, b: Row) => number, defaultFirst?: number): FieldMerger {
  return {
    inject: selections(inject),
    merge(parts, _field, args) {
      const tagged: Array<{ node: string; index: number; row: Row }> = [];
      let anyList = false;
      for (const part of parts) {
        if (!Array.isArray(part.value)) continue;
        anyList = true;
        part.value.forEach((row, index) => {
          if (isRow(row)) tagged.push({ node: part.node, index, row });
        });
      }
      tagged.sort((a, b) => compare(a.row, b.row));
      if (defaultFirst !== undefined) tagged.length = Math.max(0, Math.min(tagged.length, typeof args.first === 'number' ? args.first : defaultFirst));
      const position = new Map(tagged.map((item, merged) => [`${item.node}:${item.index}`, merged]));
      return {
        value: anyList ? tagged.map((item) => stripInjected(item.row)) : null,
        remap: (node, path) => {
          // An error about the whole list (a refusal, a bad argument) stays on the field.
          if (path.length === 0) return [];
          const merged = position.get(`${node}:${String(path[0])}`);
          return merged === undefined ? null : [merged, ...path.slice(1)];
        },
      };
    },
  };
}

/** Certificates by the hub's one order, from `__hub_issuedOn` and `__hub_id`. */
export const certificateListMerger = sortedListMerger('__hub_issuedOn: issuedOn __hub_id: id', (a, b) =>
  compareCertificates(
    { issuedOn: String(a['__hub_issuedOn'] ?? ''), id: String(a['__hub_id'] ?? '') },
    { issuedOn: String(b['__hub_issuedOn'] ?? ''), id: String(b['__hub_id'] ?? '') },
  ),
);

/** Text by code unit, as PostgreSQL's COLLATE "C" orders it. */
const byText = compareCodes;

/** Catalog entries ordered by code. */
export const codeListMerger = sortedListMerger('__hub_code: code', (a, b) =>
  byText(String(a['__hub_code'] ?? ''), String(b['__hub_code'] ?? '')),
);

/**
 * Access records in the hub's one order of them: `at` descending (ISO 8601 in UTC with
 * milliseconds, compares as text), then node code ascending, then seq descending — the order
 * each node reads in and its cursors stand for (subgraphs/audit/access-log.ts). Every node
 * answers the `first` records after the same cursor, so the `first` kept of their merge are
 * exactly the next page of the one list of all nodes' records: no gap, no repeat.
 */
export const accessLogMerger = sortedListMerger('__hub_at: at __hub_node: node __hub_seq: seq', (a, b) => compareNodeSeq(positionOf(a), positionOf(b)), 50);

/** The place of a row that carries `__hub_at`, `__hub_node` and `__hub_seq`. */
function positionOf(row: Row): NodeSeqPosition {
  return { at: String(row['__hub_at'] ?? ''), node: String(row['__hub_node'] ?? ''), seq: Number(row['__hub_seq'] ?? 0) };
}

/**
 * Webhook deliveries, newest first across nodes: createdAt descending, then node code, then the
 * node's delivery number descending (its id is `{node}-{number}`).
 */
export const webhookDeliveriesMerger = sortedListMerger(
  '__hub_at: createdAt __hub_node: node __hub_id: id',
  (a, b) =>
    byText(String(b['__hub_at'] ?? ''), String(a['__hub_at'] ?? '')) ||
    byText(String(a['__hub_node'] ?? ''), String(b['__hub_node'] ?? '')) ||
    numberOfId(b) - numberOfId(a),
  50,
);

const numberOfId = (row: Row): number => Number(String(row['__hub_id'] ?? '').split('-').at(-1) ?? 0);

/** One chain status per node, by node code. */
export const auditChainMerger = sortedListMerger('__hub_node: node', (a, b) =>
  byText(String(a['__hub_node'] ?? ''), String(b['__hub_node'] ?? '')),
);

/** The fields a node was asked for under `set`: the planner writes fetches with inline fragments only. */
const flatFields = (set: SelectionSetNode | undefined): FieldNode[] => (set ? fieldsOnType(set, NO_FRAGMENTS) : []);
const NO_FRAGMENTS: ReadonlyMap<string, FragmentDefinitionNode> = new Map();

/** How a connection's cursors name positions, and the order of those positions. */
interface CursorOrder<K> {
  decode(cursor: string): K;
  encode(key: K): string;
  compare(a: K, b: K): number;
}

/**
 * A connection (edges, pageInfo, totalCount) in the hub's order `order`: every node answers the
 * same page request (`first` rows after the same global cursor); the gateway keeps the `first`
 * best by the order, so pages neither gap nor repeat. hasNextPage is true when rows were left over
 * or any node had more. totalCount is the sum of the nodes' own, asked of them only when the
 * client selected it: a count may cost a node a scan that a page does not.
 */
function connectionMerger<K>(typename: string, order: CursorOrder<K>, defaultFirst: number): FieldMerger {
  return {
    inject: selections('__hub_page: pageInfo { hasNextPage } __hub_edges: edges { cursor }'),
    merge(parts, field, args) {
      const first = typeof args.first === 'number' ? args.first : defaultFirst;
      const answered = parts.filter((part): part is { node: string; value: Row } => isRow(part.value));
      const candidates: Array<{ node: string; index: number; key: K }> = [];
      let nodeHasMore = false;
      for (const part of answered) {
        nodeHasMore ||= (part.value['__hub_page'] as Row | undefined)?.['hasNextPage'] === true;
        const edges = (part.value['__hub_edges'] as Row[] | undefined) ?? [];
        edges.forEach((edge, index) => candidates.push({ node: part.node, index, key: order.decode(String(edge['cursor'])) }));
      }
      candidates.sort((a, b) => order.compare(a.key, b.key));
      const kept = candidates.slice(0, first);
      const hasNextPage = candidates.length > first || nodeHasMore;
      const last = kept.at(-1);
      const endCursor = last ? order.encode(last.key) : null;
      const position = new Map(kept.map((item, merged) => [`${item.node}:${item.index}`, merged]));
      const byNode = new Map(answered.map((part) => [part.node, part.value]));

      const edgeKeys = new Set<string>();
      const value: Row | null = answered.length === 0 ? null : {};
      if (value) {
        for (const selection of flatFields(field.selectionSet)) {
          const key = responseKey(selection);
          if (key.startsWith(INJECTED_PREFIX)) continue;
          switch (selection.name.value) {
            case 'edges':
              edgeKeys.add(key);
              value[key] = kept.map((item) => ((byNode.get(item.node)?.[key] as unknown[] | undefined) ?? [])[item.index] ?? null);
              break;
            case 'totalCount':
              value[key] = answered.reduce((sum, part) => sum + Number(part.value[key] ?? 0), 0);
              break;
            case 'pageInfo': {
              const info: Row = {};
              for (const sub of flatFields(selection.selectionSet)) {
                const subKey = responseKey(sub);
                if (sub.name.value === 'hasNextPage') info[subKey] = hasNextPage;
                else if (sub.name.value === 'endCursor') info[subKey] = endCursor;
                else if (sub.name.value === '__typename') info[subKey] = 'PageInfo';
              }
              value[key] = info;
              break;
            }
            case '__typename':
              value[key] = typename;
              break;
            default:
              value[key] = null;
          }
        }
      }
      return {
        value,
        remap: (node, path) => {
          const [key, index, ...rest] = path;
          if (typeof key === 'string' && edgeKeys.has(key) && typeof index === 'number') {
            const merged = position.get(`${node}:${index}`);
            return merged === undefined ? null : [key, merged, ...rest];
          }
          return path;
        },
      };
    },
  };
}

/** Certificates, issuedOn descending then id (lib/order.ts). */
export const certificateConnectionMerger = connectionMerger<CertificateSortKey>(
  'CertificateConnection',
  { decode: (cursor) => decodeCursor(cursor), encode: encodeCursor, compare: compareCertificates },
  20,
);

/** A connection of rows nodes append, newest first across nodes (lib/order.ts NodeSeqPosition), named `list` in errors. */
const nodeSeqConnectionMerger = (typename: string, list: string, defaultFirst: number): FieldMerger =>
  connectionMerger<NodeSeqPosition>(
    typename,
    {
      decode: (cursor) => decodeNodeSeqCursor(cursor, 'after', `not a cursor of ${list} (pass the endCursor of the page before)`),
      encode: (key) => encodeNodeSeqCursor({ at: new Date(key.at), node: key.node, seq: key.seq }),
      compare: compareNodeSeq,
    },
    defaultFirst,
  );

/** Inbox messages, newest first across nodes. */
export const inboxConnectionMerger = nodeSeqConnectionMerger('InboxConnection', 'inbox', 20);

/** Error reports (纠错), newest first across nodes. */
export const correctionConnectionMerger = nodeSeqConnectionMerger('CorrectionRequestConnection', 'myCorrectionRequests', 50);

/**
 * Matters (事项) in code order across nodes (a code is unique in the hub: it names its agency,
 * whose node keeps it); the cursor is the code (lib/order.ts encodeCodeCursor).
 */
export const matterConnectionMerger = connectionMerger<string>(
  'MatterConnection',
  {
    decode: (cursor) => decodeCodeCursor(cursor, 'after', 'not a cursor of matters (pass the endCursor of the page before)'),
    encode: encodeCodeCursor,
    compare: compareCodes,
  },
  20,
);

/**
 * The abnormal operations list (经营异常名录) in USCC order across nodes (a USCC is kept at one
 * node, its region's); the cursor is the USCC (lib/order.ts encodeCodeCursor).
 */
export const abnormalOperationConnectionMerger = connectionMerger<string>(
  'AbnormalOperationConnection',
  {
    decode: (cursor) => decodeCodeCursor(cursor, 'after', 'not a cursor of abnormalOperations (pass the endCursor of the page before)'),
    encode: encodeCodeCursor,
    compare: compareCodes,
  },
  20,
);

/**
 * Supervision findings in id order across nodes (an id starts with its entity's USCC, and each
 * node finds them for its own registry's entities); the cursor is the id.
 */
export const findingConnectionMerger = connectionMerger<string>(
  'FindingConnection',
  {
    decode: (cursor) => decodeCodeCursor(cursor, 'after', 'not a cursor of supervisionFindings (pass the endCursor of the page before)', FINDING_KEY),
    encode: encodeCodeCursor,
    compare: compareCodes,
  },
  50,
);

/**
 * Statistics rows of every node (certificateStatistics, usageStatistics): the rows with the same
 * key values are one group, their counts added up — exactly, for the nodes count disjoint
 * certificates and uses — with the keys (and labels) as the first node that has the group gave
 * them, unless another names more of them; in the order of the key
 * values, by code unit, dimension after dimension. Each `count` the client selected (under any
 * alias) is the sum.
 */
export const statisticsMerger: FieldMerger = {
  inject: selections('__hub_keys: keys { value label } __hub_count: count'),
  merge(parts, field) {
    const counts = flatFields(field.selectionSet)
      .filter((selection) => selection.name.value === 'count')
      .map((selection) => (selection.alias ?? selection.name).value);
    const groups = new Map<string, { values: string[]; row: Row; count: number; named: number }>();
    let anyList = false;
    for (const part of parts) {
      if (!Array.isArray(part.value)) continue;
      anyList = true;
      for (const row of part.value) {
        if (!isRow(row) || !Array.isArray(row['__hub_keys'])) continue;
        const keys = (row['__hub_keys'] as unknown[]).map((key) => (isRow(key) ? key : {}));
        const values = keys.map((key) => String(key['value'] ?? ''));
        // A node that knows a name (an agency's, from its access log) labels better than one that only has the code.
        const named = keys.filter((key) => key['label'] != null && key['label'] !== key['value']).length;
        const id = JSON.stringify(values);
        const count = Number(row['__hub_count'] ?? 0);
        const group = groups.get(id);
        if (!group) groups.set(id, { values, row, count, named });
        else {
          group.count += count;
          if (named > group.named) Object.assign(group, { row, named });
        }
      }
    }
    const ordered = [...groups.values()].sort((a, b) => {
      for (let i = 0; i < Math.min(a.values.length, b.values.length); i++) {
        const order = byText(a.values[i]!, b.values[i]!);
        if (order !== 0) return order;
      }
      return a.values.length - b.values.length;
    });
    return {
      value: anyList
        ? ordered.map((group) => {
            const row = stripInjected(group.row);
            for (const alias of counts) row[alias] = group.count;
            return row;
          })
        : null,
      // An error about the whole list stays on the field; a row's is dropped with the row merged away.
      remap: (_node, path) => (path.length === 0 ? [] : null),
    };
  },
};

/** A count per node (markRead): the sum. */
export const sumMerger: FieldMerger = {
  inject: [],
  merge(parts) {
    const counts = parts.filter((part) => typeof part.value === 'number');
    return {
      value: counts.length === 0 ? null : counts.reduce((sum, part) => sum + (part.value as number), 0),
      remap: (_node, path) => path,
    };
  },
};

/**
 * A 免提交 check (checkMaterials): every node answers each material of the matter, in the
 * matter's order, from the certificates it keeps; the check's answer for a material is the node
 * answer with the best outcome (lib/material-check.ts; between equals, the first node in the
 * topology's order), `allPaperless` is worked out again from the outcomes kept, and `checkedAt`
 * is the latest. A material no node found while some node did not answer says so in its reason:
 * the certificate may be kept there. A check every node answered is then counted at the matter's
 * node (recordMaterialCheck, the statistics of 免提交), by type and outcome only.
 */
const RECORD_MATERIAL_CHECK = /* GraphQL */ `
  mutation HubRecordMaterialCheck($matter: ID!, $allPaperless: Boolean!, $outcomes: [MaterialOutcomeInput!]!) {
    recordMaterialCheck(matter: $matter, allPaperless: $allPaperless, outcomes: $outcomes)
  }
`;

export const materialCheckMerger: FieldMerger = {
  inject: selections('__hub_at: checkedAt __hub_matter: matter __hub_materials: materials { outcome required certificateType }'),
  merge(parts, field, args) {
    const answered = parts.filter((part): part is { node: string; value: Row } => isRow(part.value));
    if (answered.length === 0) return { value: null, remap: (_node, path) => path };
    const outcomesOf = (part: { value: Row }) => (part.value['__hub_materials'] as Row[] | undefined) ?? [];
    const count = Math.max(...answered.map((part) => outcomesOf(part).length));
    const chosen: Array<{ node: string; value: Row }> = [];
    for (let index = 0; index < count; index += 1) {
      let best = answered[0]!;
      for (const part of answered.slice(1)) {
        if (compareOutcomes(String(outcomesOf(part)[index]?.['outcome']), String(outcomesOf(best)[index]?.['outcome'])) < 0) best = part;
      }
      chosen.push(best);
    }
    const kept = chosen.map((part, index) => outcomesOf(part)[index] ?? {});
    const unanswered = args.unanswered ?? [];
    const value: Row = {};
    const materialKeys = new Set<string>();
    for (const selection of flatFields(field.selectionSet)) {
      const key = responseKey(selection);
      if (key.startsWith(INJECTED_PREFIX)) continue;
      switch (selection.name.value) {
        case 'materials':
          materialKeys.add(key);
          value[key] = chosen.map((part, index) => {
            const row = ((part.value[key] as unknown[] | undefined) ?? [])[index];
            if (!isRow(row) || kept[index]?.['outcome'] !== 'NOT_FOUND' || unanswered.length === 0) return row ?? null;
            const reasons = flatFields(selection.selectionSet).filter((sub) => sub.name.value === 'reason');
            const noted = { ...row };
            for (const sub of reasons) noted[responseKey(sub)] = `${String(row[responseKey(sub)])}; node ${unanswered.join(', ')} did not answer and may keep one`;
            return noted;
          });
          break;
        case 'allPaperless':
          value[key] = unanswered.length === 0 && allPaperless(kept.map((row) => ({ required: row['required'] === true, outcome: String(row['outcome']) })));
          break;
        case 'checkedAt':
          value[key] = answered.map((part) => String(part.value['__hub_at'] ?? '')).reduce((a, b) => (a > b ? a : b));
          break;
        default:
          value[key] = answered[0]!.value[key] ?? null;
      }
    }
    return {
      value,
      remap: (node, path) => {
        const [key, index] = path;
        if (typeof key === 'string' && materialKeys.has(key) && typeof index === 'number') return chosen[index]?.node === node ? path : null;
        return path;
      },
      // Counted at the matter's node when every node answered: a partial check says nothing sure.
      ...(unanswered.length > 0
        ? {}
        : {
            followUp: {
              query: RECORD_MATERIAL_CHECK,
              variables: {
                matter: String(answered[0]!.value['__hub_matter']),
                allPaperless: allPaperless(kept.map((row) => ({ required: row['required'] === true, outcome: String(row['outcome']) }))),
                outcomes: kept.map((row) => ({ certificateType: String(row['certificateType']), outcome: String(row['outcome']) })),
              },
            },
          }),
    };
  },
};
