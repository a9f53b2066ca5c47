/**
 * What events cost a conversion of the paper stock (part of `npm run bench:events`): the same
 * rows imported into two fresh node databases side by side, one with the events every stored
 * certificate appends (as a node does) and one without (the benchmark's instrument,
 * WriteInstrument.withoutEvents), a batch to one then the same-sized batch to the other, so that
 * a noisy machine slows both alike. Rows go through `importCertificates` itself — checked,
 * sealed on the signing pool, stored with items, history and access records — not through HTTP,
 * so that the difference is the events and nothing else.
 */
import { sharedSealPool } from '../../lib/seal/seal-pool.js';
import { freshDatabaseOptions } from '../../hub/fresh-database.js';
import { catalogFromList } from '../../subgraphs/certificate/catalog.js';
import { importCertificates } from '../../subgraphs/certificate/conversion.js';
import type { ImportRowInput } from '../../subgraphs/certificate/generated/resolvers.js';
import { openNodeDatabase, type NodeDatabase } from '../../subgraphs/kit/db.js';
import { loadOrCreateKeyRing } from '../../subgraphs/kit/secret-keys.js';
import { migrateNode } from '../../subgraphs/node.js';
import { CERTIFICATE_TYPES } from '../demo/data.js';
import { STOCK_ISSUER, STOCK_ITEMS, STOCK_TYPE, stockRow } from '../demo/stock.js';

export interface ImportOverhead {
  rows: number;
  batch: number;
  engine: string;
  /** Rows stored per second, with the events and without. */
  withEvents: number;
  withoutEvents: number;
  /** Time with events ÷ time without: 1.15 is 15 % slower. */
  ratio: number;
}

function rowsOf(from: number, to: number): ImportRowInput[] {
  const rows: ImportRowInput[] = [];
  for (let n = from; n < to; n++) {
    const row = stockRow(n);
    rows.push({
      line: n + 2,
      number: row.number,
      holderKind: 'PERSON',
      holderCode: row.holderCode,
      holderName: row.holderName,
      issuedOn: row.issuedOn,
      validFrom: row.issuedOn,
      validUntil: null,
      items: STOCK_ITEMS.map((code, i) => ({ code, value: row.items[i]! })),
    });
  }
  return rows;
}

/**
 * Imports `rows` stock rows in batches of `batch` into two fresh databases (PGlite in memory, or
 * PostgreSQL databases beside `databaseUrl`), alternating, and times each side's batches.
 */
export async function measureImportOverhead(options: { rows: number; batch: number; databaseUrl?: string; keysDir: string }): Promise<ImportOverhead> {
  const type = CERTIFICATE_TYPES.find((candidate) => candidate.code === STOCK_TYPE)!;
  const catalog = catalogFromList([{ ...type, items: type.items }]);
  const kek = await loadOrCreateKeyRing(options.keysDir, 'bench-kek');
  const { sign } = sharedSealPool();
  const open = async (name: string): Promise<NodeDatabase> => {
    const database = await openNodeDatabase(await freshDatabaseOptions(options.databaseUrl, name));
    await migrateNode(database);
    return database;
  };
  const [withEvents, withoutEvents] = [await open('bench_events_on'), await open('bench_events_off')];
  const issuer = { code: STOCK_ISSUER.code, name: STOCK_ISSUER.name };
  const spent = { on: 0, off: 0 };
  try {
    // One batch each to warm up (seal keys made, statements planned), not counted.
    const warm = rowsOf(options.rows, options.rows + options.batch);
    await importCertificates({ db: withEvents.db, catalog, kek, sign }, issuer, STOCK_TYPE, warm);
    await importCertificates({ db: withoutEvents.db, catalog, kek, sign, instrument: { withoutEvents: true } }, issuer, STOCK_TYPE, warm);
    for (let from = 0, turn = 0; from < options.rows; from += options.batch, turn++) {
      const rows = rowsOf(from, Math.min(options.rows, from + options.batch));
      // Which side goes first alternates too: the second of a pair finds the caches warm.
      const sides = turn % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      for (const side of sides) {
        const started = performance.now();
        const outcome = await importCertificates(
          side === 'on' ? { db: withEvents.db, catalog, kek, sign } : { db: withoutEvents.db, catalog, kek, sign, instrument: { withoutEvents: true } },
          issuer,
          STOCK_TYPE,
          rows,
        );
        spent[side] += performance.now() - started;
        if (outcome.imported !== rows.length) throw new Error(`batch at row ${from}: ${outcome.imported} of ${rows.length} stored`);
      }
    }
  } finally {
    await withEvents.close();
    await withoutEvents.close();
  }
  return {
    rows: options.rows,
    batch: options.batch,
    engine: options.databaseUrl ? 'postgres' : 'pglite',
    withEvents: Math.round((options.rows / spent.on) * 1000),
    withoutEvents: Math.round((options.rows / spent.off) * 1000),
    ratio: Number((spent.on / spent.off).toFixed(3)),
  };
}
