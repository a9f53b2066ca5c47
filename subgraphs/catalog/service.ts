import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { CatalogLookup } from '../../lib/catalog-lookup.js';
import { typeCodeProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../../lib/db.js';
import { badInput, notFound } from '../../lib/errors.js';
import { requireText, requireUscc } from '../../lib/validate.js';
import { certificateTypes, grants, itemDefinitions, type CertificateTypeRow, type GrantRow } from './db/schema.js';
import type { DefineCertificateTypeInput, GrantAccessInput } from './generated/resolvers.js';

const ITEM_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Defines a certificate type with its items, or redefines one kept at this node, in one
 * transaction. A type's holder kind never changes: certificates already issued depend on it.
 */
export async function defineCertificateType(db: HubDatabase, input: DefineCertificateTypeInput): Promise<CertificateTypeRow> {
  const problem = typeCodeProblem(input.code);
  if (problem) throw badInput('input.code', problem);
  const name = requireText('input.name', input.name, 100);
  const definingAuthority = requireText('input.definingAuthority', input.definingAuthority, 100);
  if (input.validityYears != null && (!Number.isInteger(input.validityYears) || input.validityYears < 1 || input.validityYears > 100)) {
    throw badInput('input.validityYears', 'a validity is 1 to 100 years, or null for no fixed term');
  }
  if (input.items.length === 0) throw badInput('input.items', 'a certificate type defines at least one item');
  if (input.items.length > 200) throw badInput('input.items', 'a certificate type defines at most 200 items');
  const seen = new Set<string>();
  const items = input.items.map((item, position) => {
    const field = `input.items[${position}]`;
    if (!ITEM_CODE.test(item.code)) throw badInput(`${field}.code`, 'an item code is a letter followed by up to 63 letters, digits or _');
    if (seen.has(item.code)) throw badInput(`${field}.code`, `item ${item.code} is defined twice`);
    seen.add(item.code);
    return {
      typeCode: input.code,
      position,
      code: item.code,
      name: requireText(`${field}.name`, item.name, 100),
      required: item.required ?? false,
      sensitive: item.sensitive ?? false,
    };
  });

  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(certificateTypes).where(eq(certificateTypes.code, input.code)).for('update');
    if (existing && existing.holderKind !== input.holderKind) {
      throw badInput('input.holderKind', `type ${input.code} is for ${existing.holderKind} holders and cannot change`);
    }
    const values = {
      code: input.code,
      name,
      definingAuthority,
      holderKind: input.holderKind,
      sharing: input.sharing,
      validityYears: input.validityYears ?? null,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(certificateTypes)
      .values(values)
      .onConflictDoUpdate({ target: certificateTypes.code, set: values })
      .returning();
    await tx.delete(itemDefinitions).where(eq(itemDefinitions.typeCode, input.code));
    await tx.insert(itemDefinitions).values(items);
    return row!;
  });
}

/** Every type kept at this node, ordered by code as the gateway merges them. */
export const listCertificateTypes = (db: HubDatabase) => db.select().from(certificateTypes).orderBy(asc(certificateTypes.code));

/** Grant ids are the UUIDs the table gives them (crypto.randomUUID: lowercase). */
const GRANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The gateway signs an agency's grants into every request's context: keep each one small. */
const MAX_PURPOSES = 50;

/**
 * Grants `input.agency` access to certificates of `input.certificateType`, recorded as granted
 * by `steward`, in one statement. The type is read through `catalog` because it is usually
 * kept at another node than the grants; `now` is the clock the expiry must lie beyond.
 */
export async function grantAccess(
  db: HubDatabase,
  catalog: CatalogLookup,
  steward: string,
  input: GrantAccessInput,
  now: Date = new Date(),
): Promise<GrantRow> {
  const agency = requireUscc('input.agency', input.agency);
  const typeProblem = typeCodeProblem(input.certificateType);
  if (typeProblem) throw badInput('input.certificateType', typeProblem);
  if (input.purposes.length === 0) throw badInput('input.purposes', 'a grant applies to at least one purpose');
  // A purpose is matched exactly against a request's X-Purpose, so it is kept trimmed and once.
  const purposes = [...new Set(input.purposes.map((purpose, i) => requireText(`input.purposes[${i}]`, purpose, 200)))];
  if (purposes.length > MAX_PURPOSES) throw badInput('input.purposes', `a grant applies to at most ${MAX_PURPOSES} purposes`);
  const expiresAt = input.expiresAt == null ? null : new Date(input.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw badInput('input.expiresAt', 'must be in the future');

  // Cheap checks first: this one may cost a round trip to the node that keeps the type.
  const type = await catalog.getType(input.certificateType);
  if (!type) throw badInput('input.certificateType', `no certificate type ${input.certificateType} in the catalog`);
  if (type.sharing === 'NOT_SHARED') throw badInput('input.certificateType', 'not shared: only its issuer and holder see it');
  const defined = new Set(type.items.map((item) => item.code));
  const named = new Set<string>();
  input.items.forEach((item, i) => {
    if (!defined.has(item)) throw badInput(`input.items[${i}]`, `not an item of type ${type.code} (${type.name})`);
    if (named.has(item)) throw badInput(`input.items[${i}]`, `item ${item} is named twice`);
    named.add(item);
  });

  const [row] = await db
    .insert(grants)
    .values({ agency, typeCode: type.code, items: [...input.items], purposes, expiresAt, createdBy: steward })
    .returning();
  return row!;
}

/**
 * Revokes a grant in force, recording who did and when, in one statement. An unknown grant
 * and one already revoked are both NOT_FOUND: there is no grant in force to revoke.
 */
export async function revokeGrant(db: HubDatabase, steward: string, id: string): Promise<true> {
  if (!GRANT_ID.test(id)) throw badInput('id', 'a grant id is a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e');
  const revoked = await db
    .update(grants)
    .set({ revokedAt: sql`now()`, revokedBy: steward })
    .where(and(eq(grants.id, id), isNull(grants.revokedAt)))
    .returning({ id: grants.id });
  if (revoked.length === 0) throw notFound(`no grant ${id} in force`);
  return true;
}

/** Grants not revoked, expired ones included, of one agency or of all, newest first. */
export function listGrants(db: HubDatabase, agency: string | null): Promise<GrantRow[]> {
  return db
    .select()
    .from(grants)
    .where(and(isNull(grants.revokedAt), agency === null ? undefined : eq(grants.agency, agency)))
    .orderBy(desc(grants.createdAt), asc(grants.id));
}

/**
 * The grants that apply to an agency now: neither revoked nor expired, newest first. Expiry is
 * compared with the database's clock, the one that stamps the grants.
 */
export function liveGrantsOf(db: HubDatabase, agency: string): Promise<GrantRow[]> {
  return db
    .select()
    .from(grants)
    .where(and(eq(grants.agency, agency), isNull(grants.revokedAt), or(isNull(grants.expiresAt), gt(grants.expiresAt, sql`now()`))))
    .orderBy(desc(grants.createdAt), asc(grants.id));
}
