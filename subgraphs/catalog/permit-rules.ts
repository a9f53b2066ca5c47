/**
 * Permit rules (后置审批, README › Permit rules): which certificate type an activity of a business
 * scope needs, matched by keywords (lib/permit-rules.ts). Kept at the province node, like grants,
 * and maintained by data stewards; the nodes read them (Query.permitRules) to find entities that
 * carry on an activity without its licence.
 */
import { eq, sql } from 'drizzle-orm';
import { typeCodeProblem } from '../../lib/codes.js';
import { badInput, notFound } from '../../lib/errors.js';
import { normalizeScopeText } from '../../lib/permit-rules.js';
import type { CatalogLookup } from '../kit/catalog-lookup.js';
import type { HubDatabase } from '../kit/db.js';
import { optionalLine, requireLine } from '../kit/validate.js';
import { permitRules, type PermitRuleRow } from './db/schema.js';
import type { DefinePermitRuleInput } from './generated/resolvers.js';

const RULE_CODE = /^[A-Z0-9-]{2,32}$/;
const MAX_ACTIVITY = 50;
const MAX_NOTE = 200;
/** A rule names at most this many keywords: each is one more pattern in every node's scan of its registry. */
export const MAX_KEYWORDS = 20;
const MIN_KEYWORD = 2;
const MAX_KEYWORD = 20;

/** A rule as the access log records its definition before and after a change. */
export interface PermitRuleDefinition {
  code: string;
  activity: string;
  keywords: string[];
  certificateType: string;
  note: string | null;
}

/** Writes a change's access record inside its transaction, so that the change and its record commit together. */
export type PermitRuleRecorder = (tx: HubDatabase, detail: { before: PermitRuleDefinition | null; after: PermitRuleDefinition | null }) => Promise<void>;

export interface DefinePermitRuleOptions {
  /** USCC of the steward defining it; null (the default) for the demo seed. */
  definedBy?: string | null;
  record?: PermitRuleRecorder;
}

/** Class of the advisory lock that serialises the changes of one rule code (the code's hash is the object id). */
const CHANGE_LOCK_CLASS = 0x7072756c; // 'prul'

/** Why `code` is not a permit rule's code, or null when it is. */
export function permitRuleCodeProblem(code: string): string | null {
  return RULE_CODE.test(code) ? null : "a permit rule's code is 2 to 32 characters of A–Z, 0–9 and '-', e.g. FOOD-SALE";
}

/** The keywords of a rule, checked one by one (one line, 2 to 20 characters once normalised, none twice) and trimmed. */
function keywordsOf(given: readonly string[]): string[] {
  if (given.length === 0) throw badInput('input.keywords', 'a permit rule looks for at least one keyword');
  if (given.length > MAX_KEYWORDS) throw badInput('input.keywords', `a permit rule looks for at most ${MAX_KEYWORDS} keywords`);
  const seen = new Map<string, number>();
  return given.map((keyword, i) => {
    const field = `input.keywords[${i}]`;
    const text = requireLine(field, keyword, MAX_KEYWORD);
    // What is matched is the normalised form: its length is what counts (食 品 is 食品, two characters).
    const normalized = normalizeScopeText(text);
    const length = [...normalized].length;
    if (length < MIN_KEYWORD || length > MAX_KEYWORD) {
      throw badInput(field, `a keyword is ${MIN_KEYWORD} to ${MAX_KEYWORD} characters once white space is left out and full-width forms are read as half-width (${length} here)`);
    }
    const earlier = seen.get(normalized);
    if (earlier !== undefined) throw badInput(field, `the same keyword as input.keywords[${earlier}] once full-width forms, white space and case are set aside`);
    seen.set(normalized, i);
    return text;
  });
}

/**
 * Defines a permit rule, or redefines one (the same code replaces its activity, keywords, type
 * and note), after checking all of the input — the code, the texts, the keywords, and the type
 * against the catalog (`catalog`: this node's own types and the other nodes') — so that nothing
 * is written when any of it is wrong. Every problem is a BAD_USER_INPUT naming its field
 * (`input.keywords[2]`).
 */
export async function definePermitRule(
  db: HubDatabase,
  catalog: CatalogLookup,
  input: DefinePermitRuleInput,
  options: DefinePermitRuleOptions = {},
): Promise<PermitRuleRow> {
  const codeProblem = permitRuleCodeProblem(input.code);
  if (codeProblem) throw badInput('input.code', codeProblem);
  const { code } = input;
  const activity = requireLine('input.activity', input.activity, MAX_ACTIVITY);
  const keywords = keywordsOf(input.keywords);
  const note = optionalLine('input.note', input.note, MAX_NOTE);
  const typeProblem = typeCodeProblem(input.certificateType);
  if (typeProblem) throw badInput('input.certificateType', typeProblem);
  // Last: it may cost a round trip to the node that keeps the type.
  const type = await catalog.getType(input.certificateType);
  if (!type) throw badInput('input.certificateType', `no certificate type ${input.certificateType} in the catalog`);
  if (type.holderKind !== 'ORGANIZATION') {
    throw badInput('input.certificateType', `${type.name} (${type.code}) is held by persons: a permit rule names a licence that legal entities hold`);
  }

  const after: PermitRuleDefinition = { code, activity, keywords, certificateType: type.code, note };
  return db.transaction(async (tx) => {
    // Two definitions of one code at once would each record the other's as never having been.
    await tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_LOCK_CLASS}::int, hashtext(${code}))`);
    const [current] = await tx.select().from(permitRules).where(eq(permitRules.code, code));
    const values = { activity, keywords, typeCode: type.code, note, definedAt: new Date(), definedBy: options.definedBy ?? null };
    const [row] = await tx
      .insert(permitRules)
      .values({ code, ...values })
      .onConflictDoUpdate({ target: permitRules.code, set: values })
      .returning();
    await options.record?.(tx, { before: current ? definitionOf(current) : null, after });
    return row!;
  });
}

/** A rule as the access log records it. */
const definitionOf = (row: PermitRuleRow): PermitRuleDefinition => ({
  code: row.code,
  activity: row.activity,
  keywords: row.keywords,
  certificateType: row.typeCode,
  note: row.note,
});

/** Deletes the rule `code`, recording it as it was; NOT_FOUND when there is no such rule. */
export async function deletePermitRule(db: HubDatabase, code: string, options: { record?: PermitRuleRecorder } = {}): Promise<true> {
  const problem = permitRuleCodeProblem(code);
  if (problem) throw badInput('code', problem);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_LOCK_CLASS}::int, hashtext(${code}))`);
    const [deleted] = await tx.delete(permitRules).where(eq(permitRules.code, code)).returning();
    if (!deleted) throw notFound(`no permit rule ${code}`);
    await options.record?.(tx, { before: definitionOf(deleted), after: null });
    return true as const;
  });
}

/** Every rule, in code unit order (COLLATE "C", as the hub orders codes). */
export const listPermitRules = (db: HubDatabase): Promise<PermitRuleRow[]> =>
  db
    .select()
    .from(permitRules)
    .orderBy(sql`${permitRules.code} COLLATE "C"`);
