import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import { rowsInKeyOrder } from '../kit/loaders.js';
import { legalEntities, type LegalEntityRow } from './db/schema.js';

/** Per-request loaders: each batch is one SQL statement, answers in key order. */
export function createLegalEntityLoaders(db: HubDatabase) {
  return {
    entityByUscc: new DataLoader<string, LegalEntityRow | null>(async (usccs) => {
      const rows = await db
        .select()
        .from(legalEntities)
        .where(sql`${legalEntities.uscc} = ANY(${sql.param([...usccs])})`);
      return rowsInKeyOrder(usccs, rows, (row) => row.uscc);
    }),
  };
}

export type LegalEntityLoaders = ReturnType<typeof createLegalEntityLoaders>;
