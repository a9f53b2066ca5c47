import DataLoader from 'dataloader';
import { asc, sql } from 'drizzle-orm';
import type { CatalogLookup, CatalogType } from '../../lib/catalog-lookup.js';
import type { HubDatabase } from '../../lib/db.js';
import { groupInKeyOrder, rowsInKeyOrder } from '../../lib/loaders.js';
import { certificateTypes, itemDefinitions, type CertificateTypeRow, type ItemDefinitionRow } from './db/schema.js';
import { isRemoteType, remoteType, type DescribedCertificateType } from './model.js';

/**
 * Per-request loaders: each batch is one SQL statement, answers in key order. `remote` reads
 * the types this node does not keep from the catalogs of the nodes that do.
 */
export function createCatalogLoaders(db: HubDatabase, remote: CatalogLookup) {
  const typeByCode = new DataLoader<string, CertificateTypeRow | null>(async (codes) => {
    const rows = await db
      .select()
      .from(certificateTypes)
      .where(sql`${certificateTypes.code} = ANY(${sql.param([...codes])})`);
    return rowsInKeyOrder(codes, rows, (row) => row.code);
  });
  const itemsByType = new DataLoader<string, ItemDefinitionRow[]>(async (codes) => {
    const rows = await db
      .select()
      .from(itemDefinitions)
      .where(sql`${itemDefinitions.typeCode} = ANY(${sql.param([...codes])})`)
      .orderBy(asc(itemDefinitions.typeCode), asc(itemDefinitions.position));
    return groupInKeyOrder(codes, rows, (row) => row.typeCode);
  });
  /**
   * Any type, wherever it is kept: this node's own rows in one statement (the row, not another
   * node's possibly cached answer, is the truth for a type kept here), then the rest from
   * their nodes in parallel. A node that does not answer fails only its own types.
   */
  const describedType = new DataLoader<string, DescribedCertificateType | null>(async (codes) => {
    const rows = await typeByCode.loadMany(codes);
    return Promise.all(
      codes.map(async (code, i): Promise<DescribedCertificateType | Error | null> => {
        const row = rows[i];
        if (row instanceof Error) return row;
        if (row) return row;
        try {
          const type = await remote.getType(code);
          return type && remoteType(type);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
  });
  return { typeByCode, itemsByType, describedType };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;

/**
 * The catalog as a CatalogLookup seen from this node, items included: a type kept here from
 * its own tables (no HTTP round trip to itself), any other from the node that keeps it.
 */
export function localFirstLookup(loaders: CatalogLoaders, node: string): CatalogLookup {
  return {
    async getType(code): Promise<CatalogType | null> {
      const type = await loaders.describedType.load(code);
      if (!type || isRemoteType(type)) return type;
      const items = await loaders.itemsByType.load(code);
      return {
        code: type.code,
        name: type.name,
        definingAuthority: type.definingAuthority,
        holderKind: type.holderKind,
        sharing: type.sharing,
        validityYears: type.validityYears,
        items: items.map(({ code: item, name, required, sensitive }) => ({ code: item, name, required, sensitive })),
        node,
      };
    },
  };
}
