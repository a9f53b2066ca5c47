import { and, eq, sql, type SQL } from 'drizzle-orm';
import { matterCodeAgency, matterCodeProblem, typeCodeProblem } from '../../lib/codes.js';
import { badInput } from '../../lib/errors.js';
import { decodeCodeCursor, encodeCodeCursor } from '../../lib/order.js';
import type { CatalogLookup, CatalogType } from '../kit/catalog-lookup.js';
import type { HubDatabase } from '../kit/db.js';
import { optionalLine, requireLine, requireUscc } from '../kit/validate.js';
import { matters, type MatterRow, type StoredMaterial } from './db/schema.js';
import type { DefineMatterInput } from './generated/resolvers.js';

/** At most this many materials per matter: a counter's check reads each of them at every node. */
export const MAX_MATERIALS = 50;
const MAX_NOTE = 200;
const MAX_NAME = 100;
/** The largest page of matters a node answers. */
export const MAX_MATTERS_PAGE = 100;

/** A matter as the access log records its definition before and after a change. */
export interface MatterDefinition {
  code: string;
  name: string;
  agencyName: string;
  materials: StoredMaterial[];
}

export interface DefineMatterOptions {
  /** USCC of who defines it (a steward, or the agency itself); null (the default) for the demo seed. */
  definedBy?: string | null;
  /** The agency's name when the input gives none: the caller's own name when it is the agency; null when it must be given. */
  defaultAgencyName?: string | null;
  /** Writes the definition's access record inside its transaction, so that the change and its record commit together. */
  record?: (tx: HubDatabase, detail: { before: MatterDefinition | null; after: MatterDefinition }) => Promise<void>;
}

/** Class of the advisory lock that serialises definitions of one matter code (the code's hash is the object id). */
const DEFINE_LOCK_CLASS = 0x6d617474; // 'matt'

/**
 * Defines a matter (事项), or redefines one kept at this node (the same code: its name, agency
 * name and materials are replaced), after checking all of the input — the code, the texts, each
 * material's type against the catalog (`catalog`: this node's own types and the other nodes')
 * and its items against the type — so that nothing is written when any of it is wrong. Every
 * problem is a BAD_USER_INPUT naming its field (`input.materials[2].items[0]`).
 */
export async function defineMatter(
  db: HubDatabase,
  catalog: CatalogLookup,
  input: DefineMatterInput,
  options: DefineMatterOptions = {},
): Promise<MatterRow> {
  const problem = matterCodeProblem(input.code);
  if (problem) throw badInput('input.code', problem);
  const { code } = input;
  const name = requireLine('input.name', input.name, MAX_NAME);
  const given = input.agencyName?.trim() ? input.agencyName : options.defaultAgencyName?.trim() ? options.defaultAgencyName : null;
  if (given === null) {
    throw badInput('input.agencyName', "the name of the agency that handles the matter (实施机构名称) is needed when a data steward defines another agency's matter");
  }
  const agencyName = requireLine('input.agencyName', given, MAX_NAME);
  if (input.materials.length === 0) throw badInput('input.materials', 'a matter needs at least one material');
  if (input.materials.length > MAX_MATERIALS) throw badInput('input.materials', `a matter needs at most ${MAX_MATERIALS} materials`);

  // Cheap checks first: the type lookups below may each cost a round trip to another node.
  const seenTypes = new Map<string, number>();
  const checked = input.materials.map((material, i) => {
    const field = `input.materials[${i}]`;
    const typeProblem = typeCodeProblem(material.certificateType);
    if (typeProblem) throw badInput(`${field}.certificateType`, typeProblem);
    const earlier = seenTypes.get(material.certificateType);
    if (earlier !== undefined) throw badInput(`${field}.certificateType`, `type ${material.certificateType} is already material ${earlier}: name each type once, with every item it needs`);
    seenTypes.set(material.certificateType, i);
    const items = material.items ?? [];
    const named = new Set<string>();
    items.forEach((item, j) => {
      if (named.has(item)) throw badInput(`${field}.items[${j}]`, `item ${item} is named twice`);
      named.add(item);
    });
    const note = optionalLine(`${field}.note`, material.note, MAX_NOTE);
    return { certificateType: material.certificateType, items: [...items], required: material.required, note };
  });

  const types = await Promise.all(checked.map((material) => catalog.getType(material.certificateType)));
  const materials: StoredMaterial[] = checked.map((material, i) => {
    const field = `input.materials[${i}]`;
    const type: CatalogType | null | undefined = types[i];
    if (!type) throw badInput(`${field}.certificateType`, `no certificate type ${material.certificateType} in the catalog`);
    const defined = new Set(type.items.map((item) => item.code));
    material.items.forEach((item, j) => {
      if (!defined.has(item)) throw badInput(`${field}.items[${j}]`, `not an item of type ${type.code} (${type.name})`);
    });
    return material;
  });

  const after: MatterDefinition = { code, name, agencyName, materials };
  return db.transaction(async (tx) => {
    // Two definitions of one code at once would each record the other's as never having been.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEFINE_LOCK_CLASS}::int, hashtext(${code}))`);
    const [current] = await tx.select().from(matters).where(eq(matters.code, code));
    const now = new Date();
    const values = { name, agencyName, materials, definedBy: options.definedBy ?? null, updatedAt: now };
    const [row] = await tx
      .insert(matters)
      .values({ code, agencyCode: matterCodeAgency(code), definedAt: now, ...values })
      .onConflictDoUpdate({ target: matters.code, set: values })
      .returning();
    const before: MatterDefinition | null = current ? { code, name: current.name, agencyName: current.agencyName, materials: current.materials } : null;
    await options.record?.(tx, { before, after });
    return row!;
  });
}

/** Where a page of matters comes from. */
interface MatterPageSource {
  /** At most `limit` matters after the cursor, in code order. */
  rows(limit: number): Promise<MatterRow[]>;
  count(): Promise<number>;
}

/**
 * One node's page of matters in code order, read when a field asks for it: edges and pageInfo
 * share one statement, totalCount is another. Every node answers the same page request (the
 * `first` matters after the same code); the gateway keeps the best `first` of their answers.
 */
export class MatterPage {
  #window: Promise<{ rows: MatterRow[]; hasNextPage: boolean }> | undefined;
  #count: Promise<number> | undefined;

  constructor(
    private readonly first: number,
    private readonly source: MatterPageSource,
  ) {}

  window(): Promise<{ rows: MatterRow[]; hasNextPage: boolean }> {
    return (this.#window ??= (async () => {
      const rows = await this.source.rows(this.first + 1);
      const hasNextPage = rows.length > this.first;
      if (hasNextPage) rows.length = this.first;
      return { rows, hasNextPage };
    })());
  }

  totalCount(): Promise<number> {
    return (this.#count ??= this.source.count());
  }

  async edges(): Promise<Array<{ cursor: string; node: MatterRow }>> {
    const { rows } = await this.window();
    return rows.map((row) => ({ cursor: encodeCodeCursor(row.code), node: row }));
  }

  async pageInfo(): Promise<{ hasNextPage: boolean; endCursor: string | null }> {
    const { rows, hasNextPage } = await this.window();
    const last = rows.at(-1);
    return { hasNextPage, endCursor: last ? encodeCodeCursor(last.code) : null };
  }
}

/** The code order of lists (COLLATE "C": by code unit, as the gateway merges them, lib/order.ts compareCodes). */
const CODE_ORDER = sql`${matters.code} COLLATE "C"`;

/**
 * The page `args` asks of this node's matters, of one agency or of all: `first` 0 to
 * MAX_MATTERS_PAGE after the cursor `after`. A bad argument is a BAD_USER_INPUT naming it.
 */
export function listMatters(db: HubDatabase, args: { agency?: string | null; first?: number | null; after?: string | null }): MatterPage {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_MATTERS_PAGE) throw badInput('first', `must be between 0 and ${MAX_MATTERS_PAGE}`);
  const agency = args.agency == null ? null : requireUscc('agency', args.agency);
  const after = args.after == null ? null : decodeCodeCursor(args.after, 'after', 'not a cursor of matters (pass the endCursor of the page before)');
  const ofAgency: SQL | undefined = agency === null ? undefined : eq(matters.agencyCode, agency);
  return new MatterPage(first, {
    rows: (limit) =>
      db
        .select()
        .from(matters)
        .where(and(ofAgency, after === null ? undefined : sql`${CODE_ORDER} > ${after}`))
        .orderBy(CODE_ORDER)
        .limit(limit),
    count: async () => {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matters).where(ofAgency);
      return row?.n ?? 0;
    },
  });
}
