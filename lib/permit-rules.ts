/**
 * How a permit rule (后置审批, README › Permit rules) matches a legal entity: one of its keywords
 * occurs in the entity's business scope (经营范围). The one place that says how, in JavaScript
 * and in SQL, so that a node's statement and anything checked in memory agree (a test runs both
 * over the same table, lib/permit-rules.test.ts).
 *
 * Scope and keywords are normalised alike before they are compared:
 * 1. Unicode NFKC, so that full-width and half-width forms match: ＡＢＣ１２３ → ABC123, （ → (,
 *    and the ideographic and no-break spaces become plain ones;
 * 2. every white-space character removed (the set JavaScript's `\s` names: SCOPE_WHITE_SPACE);
 * 3. ASCII letters lower-cased, and only those (PostgreSQL's `lower()` under COLLATE "C").
 *
 * The SQL expression of the normalised scope, for PostgreSQL 13 or later (15 and PGlite 0.5,
 * which is PostgreSQL 18, are tested) in a UTF8 database — every function in it is immutable,
 * so it may be indexed:
 *
 *     lower(regexp_replace(normalize(business_scope, NFKC),
 *           '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+', '', 'g') COLLATE "C")
 *       LIKE ANY($1::text[])          -- $1 = likePatterns(keywords)
 *
 * (`scopeMatchesSql` builds exactly that with Drizzle.) The regular expression's class is spelled
 * out rather than `\s`, whose meaning beyond ASCII depends on the database's locale; COLLATE "C"
 * keeps `lower()` from folding other letters, as a database with a UTF-8 locale would. JavaScript
 * and PostgreSQL each carry their own Unicode tables: they could disagree only on characters
 * assigned in a Unicode version one of them does not know.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * The white space removed from scopes and keywords, as a regular expression class (source text
 * shared by JavaScript and PostgreSQL's regular expressions): exactly the characters JavaScript's
 * `\s` matches.
 */
export const SCOPE_WHITE_SPACE = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+';

const WHITE_SPACE = new RegExp(SCOPE_WHITE_SPACE, 'g');
const ASCII_UPPER = /[A-Z]+/g;

/**
 * A business scope or a keyword as the rules compare them: NFKC, without white space, ASCII
 * letters in lower case. `食品 销售（仅销售预包装食品）` → `食品销售(仅销售预包装食品)`.
 */
export function normalizeScopeText(text: string): string {
  return text.normalize('NFKC').replace(WHITE_SPACE, '').replace(ASCII_UPPER, (letters) => letters.toLowerCase());
}

/**
 * The first of `keywords` (as given) whose normalised form occurs in the normalised `scope`, or
 * null when none does (or there is no scope). A keyword that normalises to nothing never matches.
 */
export function scopeMatches(scope: string | null | undefined, keywords: readonly string[]): string | null {
  if (!scope) return null;
  const text = normalizeScopeText(scope);
  for (const keyword of keywords) {
    const wanted = normalizeScopeText(keyword);
    if (wanted !== '' && text.includes(wanted)) return keyword;
  }
  return null;
}

/** `text` as a literal part of a LIKE pattern: `\`, `%` and `_` escaped with `\`, LIKE's default escape character. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * The LIKE patterns of `keywords`, one per keyword in order, for the normalised scope in SQL
 * (`… LIKE ANY($1::text[])`, see above): `%<normalised keyword>%` with `%`, `_` and `\` escaped.
 * A keyword that normalises to nothing gives no pattern (it would match every scope).
 */
export function likePatterns(keywords: readonly string[]): string[] {
  return keywords.map(normalizeScopeText).filter((keyword) => keyword !== '').map((keyword) => `%${likeLiteral(keyword)}%`);
}

/** The normalised form of a business scope column or expression, in SQL: the same text normalizeScopeText gives. */
export function normalizedScopeSql(scope: SQLWrapper): SQL {
  // The class is a constant of this module, never input: written into the statement so that
  // the expression is the same in every statement (and in an index on it).
  return sql`lower(regexp_replace(normalize(${scope}, NFKC), ${sql.raw(`'${SCOPE_WHITE_SPACE}'`)}, '', 'g') COLLATE "C")`;
}

/**
 * Whether the business scope `scope` matches any of `keywords`, in SQL: the normalised scope
 * `LIKE ANY` of likePatterns. No keyword (or none that normalises to anything) matches nothing;
 * a null scope gives null (false in a WHERE).
 */
export function scopeMatchesSql(scope: SQLWrapper, keywords: readonly string[]): SQL {
  return sql`(${normalizedScopeSql(scope)} LIKE ANY(${sql.param(likePatterns(keywords))}::text[]))`;
}
