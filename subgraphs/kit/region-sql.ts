import { sql, type SQL } from 'drizzle-orm';

/**
 * The SQL condition "the 6-digit region code `code` lies within `region`" (the province covers
 * every region, a city its districts, a district itself — as registrars' and issuers' regions
 * do): one district is an equality, a city or the province a range of region codes, so that an
 * index on the code serves it. `code` is an expression such as `substr(uscc, 3, 6)` (the region
 * characters of a USCC).
 */
export function regionWithin(code: SQL, region: string): SQL {
  const prefix = region.replace(/(00)+$/, '');
  if (prefix.length === 6) return sql`${code} = ${region}`;
  if (prefix === '') return sql`true`;
  // The region codes that start with the prefix: from prefix + 0… up to the next prefix.
  const from = sql`${code} >= ${prefix.padEnd(6, '0')}`;
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0');
  // A prefix of nines has no next one: everything from it on.
  return next.length > prefix.length ? from : sql`(${from} and ${code} < ${next.padEnd(6, '0')})`;
}
