import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { normalizedScopeSql } from '../../../lib/permit-rules.js';

/** Everything the legal-entity subgraph keeps lives in its own PostgreSQL schema. */
export const legalEntity = pgSchema('legal_entity');

export const entityStatus = legalEntity.enum('entity_status', ['ACTIVE', 'REVOKED', 'CANCELLED']);

/** The registry (法人库) of the node's region, one row per unified social credit code. */
export const legalEntities = legalEntity.table(
  'legal_entities',
  {
    uscc: text('uscc').primaryKey(),
    name: text('name').notNull(),
    status: entityStatus('status').notNull().default('ACTIVE'),
    legalRepresentative: text('legal_representative').notNull(),
    legalRepresentativeIdNumber: text('legal_representative_id_number'),
    address: text('address').notNull(),
    businessScope: text('business_scope'),
    /**
     * The business scope as permit rules compare it (lib/permit-rules.ts: NFKC, no white space,
     * ASCII lower case), kept by PostgreSQL with every change of the scope: NFKC costs tens of
     * microseconds a scope, which supervision would otherwise pay for every entity it scans.
     */
    businessScopeNormalized: text('business_scope_normalized').generatedAlwaysAs(normalizedScopeSql(sql.identifier('business_scope'))),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    /** USCC of the registration authority (登记机关) that recorded the latest registration. */
    registeredBy: text('registered_by').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The operating entities in the list order (USCC by code unit, as the gateway merges pages),
    // with the founding day that decides which annual reports they owe: the abnormal operations
    // list (经营异常名录), the annual report reminders and missedAnnualReport walk this index.
    index('legal_entities_active_idx').on(sql`${t.uscc} COLLATE "C"`, t.establishedOn).where(sql`${t.status} = 'ACTIVE'`),
    // The same within one region (characters 3–8 of the USCC, abnormal.ts inRegion): a district's
    // entities are scattered over the USCC order (the category comes first), so its pages and
    // counts read them here, in USCC order within the district.
    index('legal_entities_active_region_idx')
      .on(sql`substr(${t.uscc}, 3, 6)`, sql`${t.uscc} COLLATE "C"`, t.establishedOn)
      .where(sql`${t.status} = 'ACTIVE'`),
  ],
);

export type LegalEntityRow = typeof legalEntities.$inferSelect;

/** 经营状态 as an annual report states it. */
export const operatingStatus = legalEntity.enum('operating_status', ['OPERATING', 'SUSPENDED_BUSINESS', 'LIQUIDATING']);

/**
 * Annual reports (年报): every version a company filed, kept at the node of its registry. Version
 * 1 is the first filing of the year (when it was filed decides whether it was late), each later
 * version replaces the one before it until 30 June. Each version is sealed with the node's key
 * (annual-reports.ts signedPayloadOf): the signed payload holds the published fields and the SM3
 * of the unpublished ones (phone, revenue) with `salt`.
 */
export const annualReports = legalEntity.table(
  'annual_reports',
  {
    uscc: text('uscc').notNull(),
    /** The year the report is about (报告年度). */
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    /** The entity's registered name when the version was filed. */
    name: text('name').notNull(),
    address: text('address').notNull(),
    /** Not published. */
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    employees: integer('employees').notNull(),
    operatingStatus: operatingStatus('operating_status').notNull(),
    website: text('website'),
    /** 营业总收入 in yuan. Not published. */
    revenue: numeric('revenue', { precision: 17, scale: 2 }).notNull(),
    /** When this version was filed. */
    filedAt: timestamp('filed_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The first filing came after 30 June of the following year (补报). */
    filedLate: boolean('filed_late').notNull(),
    /** 128 random bits (hex) hashed with the unpublished fields, so that their digest cannot be guessed. */
    salt: text('salt').notNull(),
    /** The node key that sealed the version (Query.nodeKeys) and its SM2-SM3 signature (DER, hex). */
    sealKeyId: text('seal_key_id').notNull(),
    sealSignature: text('seal_signature').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.uscc, t.year, t.version] }),
    // "Has the entity filed the report of year Y by day D?" (missedAnnualReport): one probe per
    // entity into the first filings of the year, answered from the index alone.
    index('annual_reports_first_filing_idx').on(t.year, t.uscc, t.filedAt).where(sql`${t.version} = 1`),
  ],
);

export type AnnualReportRow = typeof annualReports.$inferSelect;

/**
 * The annual report reminders a node has put in its entities' inboxes: one per entity and
 * report year, whatever the number of passes or processes that try (the primary key).
 */
export const annualReportReminders = legalEntity.table(
  'annual_report_reminders',
  {
    uscc: text('uscc').notNull(),
    year: integer('year').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.uscc, t.year] })],
);
