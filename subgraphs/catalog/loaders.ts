import DataLoader from 'dataloader';
import { asc, sql } from 'drizzle-orm';
import type { HubDatabase } from '../../lib/db.js';
import { groupInKeyOrder, rowsInKeyOrder } from '../../lib/loaders.js';
import { certificateTypes, itemDefinitions, type CertificateTypeRow, type ItemDefinitionRow } from './db/schema.js';

/** Per-request loaders: each batch is one SQL statement, answers in key order. */
export function createCatalogLoaders(db: HubDatabase) {
  return {
    typeByCode: new DataLoader<string, CertificateTypeRow | null>(async (codes) => {
      const rows = await db
        .select()
        .from(certificateTypes)
        .where(sql`${certificateTypes.code} = ANY(${sql.param([...codes])})`);
      return rowsInKeyOrder(codes, rows, (row) => row.code);
    }),
    itemsByType: new DataLoader<string, ItemDefinitionRow[]>(async (codes) => {
      const rows = await db
        .select()
        .from(itemDefinitions)
        .where(sql`${itemDefinitions.typeCode} = ANY(${sql.param([...codes])})`)
        .orderBy(asc(itemDefinitions.typeCode), asc(itemDefinitions.position));
      return groupInKeyOrder(codes, rows, (row) => row.typeCode);
    }),
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;
