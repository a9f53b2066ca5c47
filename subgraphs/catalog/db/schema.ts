import { boolean, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

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
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

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

export type CertificateTypeRow = typeof certificateTypes.$inferSelect;
export type ItemDefinitionRow = typeof itemDefinitions.$inferSelect;
