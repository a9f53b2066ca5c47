import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { CatalogLookup } from '../kit/catalog-lookup.js';
import { typeCodeProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { badInput, notFound } from '../../lib/errors.js';
import { purposeProblem } from '../../lib/purpose.js';
import { requireText, requireUscc } from '../kit/validate.js';
import { certificateTypes, certificateTypeVersions, grants, itemDefinitions, type GrantRow } from './db/schema.js';
import { compareDefinitions, FIRST_DEFINITION, type TypeDefinition } from './definition.js';
import type { DefineCertificateTypeInput, GrantAccessInput } from './generated/resolvers.js';
import type { DefinedCertificateType } from './model.js';

const ITEM_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** What a redefinition's access record says: the type before (null for a new one) and after, each with its code and version. */
export interface DefinitionRecord {
  /** Present (true) only for a dry run, which changed nothing. */
  dryRun?: true;
  before: VersionedDefinition | null;
  after: VersionedDefinition;
}

/** A version of a type as the access log records it: the definition with its code and version number. */
export type VersionedDefinition = TypeDefinition & { code: string; version: number };

export interface DefineOptions {
  /** USCC of the steward defining it; null (the default) for definitions written outside the API, such as the demo seed's. */
  definedBy?: string | null;
  /** Only work out what the definition would change: nothing is stored, nothing needs confirming. */
  dryRun?: boolean;
  /** The steward has seen what the redefinition opens (sharing widened, items dropped or made non-sensitive) and wants it. */
  confirm?: boolean;
  /**
   * Writes the definition's access record inside its transaction (ctx.audit.writeChange), so that
   * the change and its record commit together; called for dry runs too, which record what was asked.
   */
  record?: (tx: HubDatabase, detail: DefinitionRecord) => Promise<void>;
}

/** Class of the advisory lock that serialises definitions of one type code (the code's hash is the object id). */
const DEFINE_LOCK_CLASS = 0x63617467; // 'catg'

/**
 * Defines a certificate type with its items, or redefines one kept at this node, in one
 * transaction, and says what that changes (CertificateTypeChange): the differences, the effect
 * on certificates already issued, and whether the steward must confirm it. A redefinition that
 * opens data — sharing widened, an item dropped or made non-sensitive — is refused without
 * `confirm` (BAD_USER_INPUT naming `confirm` with the reasons) and nothing is stored; a dry run
 * stores nothing and needs no confirmation. The catalog keeps every version: a new type is
 * version 1, each redefinition that changes something the next one (repeating the current
 * definition changes nothing, so a retried call does not make a version). A type's holder kind
 * never changes: certificates already issued depend on it.
 */
export async function defineCertificateType(
  db: HubDatabase,
  input: DefineCertificateTypeInput,
  options: DefineOptions = {},
): Promise<DefinedCertificateType> {
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
      code: item.code,
      name: requireText(`${field}.name`, item.name, 100),
      required: item.required ?? false,
      sensitive: item.sensitive ?? false,
    };
  });
  const after: TypeDefinition = {
    name,
    definingAuthority,
    holderKind: input.holderKind,
    sharing: input.sharing,
    validityYears: input.validityYears ?? null,
    issuers: issuersOf(input.issuers ?? []),
    items,
  };
  const { code } = input;
  const dryRun = options.dryRun ?? false;

  return db.transaction(async (tx) => {
    // Two definitions of one code at once, even of a type not yet kept, would both take the same next version.
    if (!dryRun) await tx.execute(sql`select pg_advisory_xact_lock(${DEFINE_LOCK_CLASS}::int, hashtext(${code}))`);
    const current = await currentDefinition(tx, code);
    if (current && current.definition.holderKind !== after.holderKind) {
      throw badInput('input.holderKind', `type ${code} is for ${current.definition.holderKind} holders and cannot change`);
    }
    const comparison = current ? compareDefinitions(current.definition, after) : FIRST_DEFINITION;
    const changes = !current || comparison.differences.length > 0;
    const version = !current ? 1 : changes ? current.version + 1 : current.version;
    const { affectedGrants, ...described } = comparison;
    const defined: DefinedCertificateType = {
      source: 'defined',
      code,
      ...after,
      version,
      change: {
        ...described,
        dryRun,
        fromVersion: current?.version ?? null,
        toVersion: version,
        requiresConfirmation: comparison.confirmationReasons.length > 0,
        typeCode: code,
        affects: affectedGrants,
      },
    };
    const detail: DefinitionRecord = {
      ...(dryRun ? { dryRun: true as const } : {}),
      before: current && { code, version: current.version, ...current.definition },
      after: { code, version, ...after },
    };
    if (dryRun) {
      await options.record?.(tx, detail);
      return defined;
    }
    if (defined.change.requiresConfirmation && !options.confirm) {
      throw badInput('confirm', `redefining ${code} needs confirm: true, because ${comparison.confirmationReasons.join('; ')}`);
    }
    if (changes) {
      const { items: printed, ...columns } = after;
      const values = { ...columns, version, updatedAt: new Date() };
      await tx
        .insert(certificateTypes)
        .values({ code, ...values })
        .onConflictDoUpdate({ target: certificateTypes.code, set: values });
      await tx.delete(itemDefinitions).where(eq(itemDefinitions.typeCode, code));
      await tx.insert(itemDefinitions).values(printed.map((item, position) => ({ typeCode: code, position, ...item })));
      await tx.insert(certificateTypeVersions).values({ typeCode: code, version, definition: after, definedBy: options.definedBy ?? null });
    }
    await options.record?.(tx, detail);
    return defined;
  });
}

/** The type as this node keeps it now, with its items in printed order; null when it keeps no such type. */
async function currentDefinition(db: HubDatabase, code: string): Promise<{ version: number; definition: TypeDefinition } | null> {
  const [row] = await db.select().from(certificateTypes).where(eq(certificateTypes.code, code));
  if (!row) return null;
  const items = await db.select().from(itemDefinitions).where(eq(itemDefinitions.typeCode, code)).orderBy(asc(itemDefinitions.position));
  return {
    version: row.version,
    definition: {
      name: row.name,
      definingAuthority: row.definingAuthority,
      holderKind: row.holderKind,
      sharing: row.sharing,
      validityYears: row.validityYears,
      issuers: row.issuers,
      items: items.map(({ code: item, name, required, sensitive }) => ({ code: item, name, required, sensitive })),
    },
  };
}

const REGION_PATTERN = /^region:\d{6}$/;
const MAX_ISSUERS = 500;

/** The issuers a steward names, checked (a USCC with its check character, or `region:` and a 6-digit code) and kept once each. */
function issuersOf(given: readonly string[]): string[] {
  if (given.length > MAX_ISSUERS) throw badInput('input.issuers', `at most ${MAX_ISSUERS} issuers`);
  const issuers = given.map((issuer, i) => {
    const field = `input.issuers[${i}]`;
    const text = issuer.trim();
    if (text.startsWith('region:')) {
      if (!REGION_PATTERN.test(text)) throw badInput(field, 'a region pattern is region: followed by a 6-digit region code, e.g. region:350200');
      return text;
    }
    return requireUscc(field, text);
  });
  return [...new Set(issuers)];
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
  // A purpose is matched exactly against a request's X-Purpose, so it is kept trimmed and once;
  // it is shown to holders and auditors, so it is one clean line (lib/purpose.ts).
  const purposes = [
    ...new Set(
      input.purposes.map((purpose, i) => {
        const problem = purposeProblem(purpose);
        if (problem) throw badInput(`input.purposes[${i}]`, problem);
        return purpose.trim();
      }),
    ),
  ];
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
 * The grants on one type that apply now, whichever agency holds them: neither revoked nor
 * expired, newest first. A redefinition of the type may change what they open.
 */
export function liveGrantsOfType(db: HubDatabase, typeCode: string): Promise<GrantRow[]> {
  return db
    .select()
    .from(grants)
    .where(and(eq(grants.typeCode, typeCode), isNull(grants.revokedAt), or(isNull(grants.expiresAt), gt(grants.expiresAt, sql`now()`))))
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
