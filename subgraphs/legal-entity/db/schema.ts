import { date, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** Everything the legal-entity subgraph keeps lives in its own PostgreSQL schema. */
export const legalEntity = pgSchema('legal_entity');

export const entityStatus = legalEntity.enum('entity_status', ['ACTIVE', 'REVOKED', 'CANCELLED']);

/** The registry (法人库) of the node's region, one row per unified social credit code. */
export const legalEntities = legalEntity.table('legal_entities', {
  uscc: text('uscc').primaryKey(),
  name: text('name').notNull(),
  status: entityStatus('status').notNull().default('ACTIVE'),
  legalRepresentative: text('legal_representative').notNull(),
  legalRepresentativeIdNumber: text('legal_representative_id_number'),
  address: text('address').notNull(),
  businessScope: text('business_scope'),
  establishedOn: date('established_on', { mode: 'string' }).notNull(),
  /** USCC of the registration authority (登记机关) that recorded the latest registration. */
  registeredBy: text('registered_by').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type LegalEntityRow = typeof legalEntities.$inferSelect;
