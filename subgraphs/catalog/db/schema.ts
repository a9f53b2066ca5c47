import { randomUUID } from 'node:crypto';
import { isNull, sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, doublePrecision, index, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { TypeDefinition } from '../definition.js';

/** Everything the catalog subgraph keeps lives in its own PostgreSQL schema. */
export const catalog = pgSchema('catalog');

export const holderKind = catalog.enum('holder_kind', ['PERSON', 'ORGANIZATION']);
export const sharingLevel = catalog.enum('sharing_level', ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED']);

export const certificateTypes = catalog.table('certificate_types', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  definingAuthority: text('defining_authority').notNull(),
  holderKind: holderKind('holder_kind').notNull(),
  sharing: sharingLevel('sharing').notNull(),
  validityYears: integer('validity_years'),
  /** Who may issue certificates of the type besides the defining authority: USCCs or `region:<code>` (see lib/catalog-lookup.ts issuerProblem). */
  issuers: text('issuers').array().notNull().default(sql`'{}'::text[]`),
  /** The current version: 1 when first defined, one more for each redefinition that changed it. */
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every version of every type kept here, the current one included: the whole definition as it
 * was (items too), so that what a certificate was issued under, and what a steward changed,
 * can always be read back. Never updated or deleted.
 */
export const certificateTypeVersions = catalog.table(
  'certificate_type_versions',
  {
    typeCode: text('type_code')
      .notNull()
      .references(() => certificateTypes.code, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<TypeDefinition>().notNull(),
    definedAt: timestamp('defined_at', { withTimezone: true }).notNull().defaultNow(),
    /** USCC of the steward who defined it; null when written outside the API (the demo seed, types older than versions). */
    definedBy: text('defined_by'),
  },
  (t) => [primaryKey({ columns: [t.typeCode, t.version] })],
);

export const itemDefinitions = catalog.table(
  'item_definitions',
  {
    typeCode: text('type_code')
      .notNull()
      .references(() => certificateTypes.code, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    required: boolean('required').notNull(),
    sensitive: boolean('sensitive').notNull(),
  },
  (t) => [primaryKey({ columns: [t.typeCode, t.code] })],
);

/**
 * Grants, kept at the province node only. Revoked grants stay (with who revoked them and when)
 * so that an audit can tell what an agency was allowed at any time. The type is referenced by
 * code without a foreign key: it is usually kept at another node's catalog.
 */
export const grants = catalog.table(
  'grants',
  {
    id: text('id').primaryKey().$defaultFn(() => randomUUID()),
    agency: text('agency').notNull(),
    typeCode: text('type_code').notNull(),
    items: text('items').array().notNull(),
    purposes: text('purposes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
  },
  // The gateway reads one agency's live grants on every request (behind a short cache).
  (t) => [index('grants_live_by_agency').on(t.agency).where(isNull(t.revokedAt))],
);

/**
 * Holders' consents (授权用证), kept at the province node only, like grants: a holder allows one
 * agency to use some of its certificates for one matter (事项), until the consent expires or the
 * holder revokes it. Revoked and expired consents stay (with who revoked them and when), so that
 * an audit can tell what an agency was allowed when it read. Ids are `{province node}-{seq}`.
 */
export const consents = catalog.table(
  'consents',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    /** The holder who gave it: a resident ID number or a USCC, as the holder's token names it. */
    holderCode: text('holder_code').notNull(),
    holderKind: holderKind('holder_kind').notNull(),
    /** USCC of the agency allowed. */
    agency: text('agency').notNull(),
    /** Code of the matter (事项) the certificates may be used for; its first 18 characters are `agency`. */
    matter: text('matter').notNull(),
    /** 办件号 of the one application the consent is for; null for any application of the matter. */
    caseNumber: text('case_number'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Code of who revoked it (the holder); null while it is not revoked. */
    revokedBy: text('revoked_by'),
  },
  (t) => [
    // The nodes ask for an agency's live consents for a matter on every read under consent.
    index('consents_live_by_agency_matter').on(t.agency, t.matter).where(isNull(t.revokedAt)),
    // A holder's own list, newest first.
    index('consents_by_holder').on(t.holderCode, t.grantedAt, t.seq),
  ],
);

/**
 * The certificates a consent names, in the order the holder named them, each with its version
 * chain (lib/codes.ts certificateChain): a consent covers every version of a certificate, so a
 * consent given for version 1 still covers version 2 after an amendment. Matched by chain.
 */
export const consentCertificates = catalog.table(
  'consent_certificates',
  {
    consentSeq: bigint('consent_seq', { mode: 'number' })
      .notNull()
      .references(() => consents.seq, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** The 证照标识 as the holder named it. */
    certificateId: text('certificate_id').notNull(),
    /** The id without its version and check character: the same for every version of the certificate. */
    chain: text('chain').notNull(),
  },
  (t) => [primaryKey({ columns: [t.consentSeq, t.position] }), index('consent_certificates_by_chain').on(t.chain, t.consentSeq)],
);

/** One material (材料) of a matter as the catalog keeps it, in the order the matter lists them. */
export interface StoredMaterial {
  /** Code of the certificate type that serves as the material. */
  certificateType: string;
  /** Codes of that type's items the matter needs; empty when it needs the certificate as such. */
  items: string[];
  /** Whether the matter cannot be handled without it. */
  required: boolean;
  /** What the material is for or when it is needed, for the counter clerk; null when nothing is said. */
  note: string | null;
}

/**
 * Matters (事项): the government services of the agencies of this node's region, each with the
 * certificates it needs. Kept at the node of the agency's region, as certificate types are at
 * their defining authority's. A redefinition replaces the name, agency name and materials.
 */
export const matters = catalog.table(
  'matters',
  {
    /** The agency's USCC followed by 4 digits (lib/codes.ts matterCodeProblem). */
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** USCC of the agency that handles the matter: the first 18 characters of the code. */
    agencyCode: text('agency_code').notNull(),
    agencyName: text('agency_name').notNull(),
    materials: jsonb('materials').$type<StoredMaterial[]>().notNull(),
    /** When the matter was first defined. */
    definedAt: timestamp('defined_at', { withTimezone: true }).notNull().defaultNow(),
    /** USCC of who made the current definition (a data steward or the agency itself); null when written outside the API (the demo seed). */
    definedBy: text('defined_by'),
    /** When the current definition was made. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Lists are in code unit order (COLLATE "C", as the gateway merges them), of one agency's matters or of all.
  (t) => [index('matters_by_agency').on(t.agencyCode, sql`${t.code} COLLATE "C"`), index('matters_by_code').on(sql`${t.code} COLLATE "C"`)],
);

/**
 * Permit rules (后置审批), kept at the province node only, like grants: an activity of a business
 * scope (经营范围) and the certificate type it needs, matched by keywords (lib/permit-rules.ts).
 * A redefinition replaces a rule; the access log keeps each definition before and after. The type
 * is referenced by code without a foreign key: it is usually kept at another node's catalog.
 */
export const permitRules = catalog.table('permit_rules', {
  /** 2 to 32 characters of A–Z, 0–9 and '-' (e.g. FOOD-SALE). */
  code: text('code').primaryKey(),
  /** The activity (经营项目) the rule is about, e.g. 食品销售. */
  activity: text('activity').notNull(),
  /** As the steward gave them (trimmed), in order; matched once normalised. */
  keywords: text('keywords').array().notNull(),
  /** Code of the certificate type the activity needs. */
  typeCode: text('type_code').notNull(),
  note: text('note'),
  /** When the current definition was made. */
  definedAt: timestamp('defined_at', { withTimezone: true }).notNull().defaultNow(),
  /** USCC of the steward who made it; null when written outside the API (the demo seed). */
  definedBy: text('defined_by'),
});

export const TARGET_METRICS = ['STOCK_CONVERTED', 'ISSUED_ELECTRONIC_SHARE', 'PAPERLESS_MATTERS_SHARE', 'ONLINE_CHECK_SHARE'] as const;

/**
 * Targets (工作目标) kept at the province node: what a department must reach for a metric over a
 * period — a year (YYYY) or a month (YYYY-MM) — for the monthly progress report (每月通报). A
 * count for STOCK_CONVERTED, a share from 0 to 1 for the share metrics.
 */
export const targets = catalog.table(
  'targets',
  {
    /** USCC of the department. */
    agency: text('agency').notNull(),
    metric: text('metric', { enum: TARGET_METRICS }).notNull(),
    /** YYYY or YYYY-MM. */
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    /** The department's name as the steward gave it. */
    agencyName: text('agency_name'),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    /** USCC of the steward who set it. */
    setBy: text('set_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agency, t.metric, t.period] })],
);

export type TargetRow = typeof targets.$inferSelect;
export type CertificateTypeRow = typeof certificateTypes.$inferSelect;
export type ItemDefinitionRow = typeof itemDefinitions.$inferSelect;
export type CertificateTypeVersionRow = typeof certificateTypeVersions.$inferSelect;
export type GrantRow = typeof grants.$inferSelect;
export type MatterRow = typeof matters.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type PermitRuleRow = typeof permitRules.$inferSelect;
