import DataLoader from 'dataloader';
import { deliveriesOf } from '../events/inbox.js';
import type { DeliveryModel } from './model.js';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import { groupInKeyOrder, rowsInKeyOrder } from '../kit/loaders.js';
import {
  certificateItems,
  certificates,
  scans,
  sealKeys,
  statusChanges,
  type ScanRow,
  type PublishedSealKey,
  type CertificateItemRow,
  type CertificateRow,
  type StatusChangeRow,
} from './db/schema.js';
import type { CertificateStatus } from './generated/resolvers.js';
import { PUBLISHED_KEY_COLUMNS } from './sealing.js';
import { LIST_ORDER } from './service.js';
import { effectiveStatus } from './status.js';
import { chainKey } from './version-chain.js';

/**
 * Per-request loaders: each batch is one SQL statement with `= ANY($1)`, answering in key order.
 * `today` is the request's calendar day, for status filters.
 */
export function createCertificateLoaders(db: HubDatabase, today: string) {
  const certificateById = new DataLoader<string, CertificateRow | null>(async (ids) => {
    const rows = await db
      .select()
      .from(certificates)
      .where(sql`${certificates.id} = ANY(${sql.param([...ids])})`);
    return rowsInKeyOrder(ids, rows, (row) => row.id);
  });

  const itemsByCertificate = new DataLoader<string, CertificateItemRow[]>(async (ids) => {
    const rows = await db
      .select()
      .from(certificateItems)
      .where(sql`${certificateItems.certificateId} = ANY(${sql.param([...ids])})`)
      .orderBy(asc(certificateItems.certificateId), asc(certificateItems.position));
    return groupInKeyOrder(ids, rows, (row) => row.certificateId);
  });

  const historyByCertificate = new DataLoader<string, StatusChangeRow[]>(async (ids) => {
    const rows = await db
      .select()
      .from(statusChanges)
      .where(sql`${statusChanges.certificateId} = ANY(${sql.param([...ids])})`)
      .orderBy(asc(statusChanges.certificateId), asc(statusChanges.at), asc(statusChanges.id));
    return groupInKeyOrder(ids, rows, (row) => row.certificateId);
  });

  // The published part of seal keys (never the private key), for seals and verification.
  const sealKeyById = new DataLoader<string, PublishedSealKey | null>(async (keyIds) => {
    const rows = await db
      .select(PUBLISHED_KEY_COLUMNS)
      .from(sealKeys)
      .where(sql`${sealKeys.keyId} = ANY(${sql.param([...keyIds])})`);
    return rowsInKeyOrder(keyIds, rows, (row) => row.keyId);
  });

  // Scans of external certificates: megabytes each, so loaded only when Certificate.scan is asked.
  const scanByCertificate = new DataLoader<string, ScanRow | null>(async (ids) => {
    const rows = await db
      .select()
      .from(scans)
      .where(sql`${scans.certificateId} = ANY(${sql.param([...ids])})`);
    return rowsInKeyOrder(ids, rows, (row) => row.certificateId);
  });

  // Every version of a certificate (Certificate.versions), oldest first, by chain (version-chain.ts).
  const versionsByChain = new DataLoader<string, CertificateRow[]>(async (keys) => {
    const chains = keys.map((key) => key.split(' ') as [string, string, string]);
    const rows = await db
      .select()
      .from(certificates)
      .where(
        sql`(${certificates.issuerCode}, ${certificates.serial}, ${certificates.typeCode}) IN (select * from unnest(${sql.param(chains.map((c) => c[0]))}::text[], ${sql.param(chains.map((c) => c[1]))}::text[], ${sql.param(chains.map((c) => c[2]))}::text[]))`,
      )
      .orderBy(asc(certificates.issuerCode), asc(certificates.serial), asc(certificates.typeCode), asc(certificates.version));
    for (const row of rows) certificateById.prime(row.id, row);
    return groupInKeyOrder(keys, rows, chainKey);
  });

  // Whether holders received the certificates (Certificate.delivery), from their announcements.
  const deliveryByCertificate = new DataLoader<string, DeliveryModel | null>((ids) => deliveriesOf(db, ids));

  // Certificates of organisation holders, one loader per distinct `status` argument: a batch
  // can only share one statement when every key asks for the same statuses.
  const entityLoaders = new Map<string, DataLoader<string, CertificateRow[]>>();
  function certificatesOfEntity(statuses: readonly CertificateStatus[] | null | undefined): DataLoader<string, CertificateRow[]> {
    const wanted = statuses == null ? null : [...new Set(statuses)].sort();
    const key = wanted === null ? '*' : wanted.join(',');
    let loader = entityLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, CertificateRow[]>(async (usccs) => {
        const rows = await db
          .select()
          .from(certificates)
          .where(
            and(
              eq(certificates.holderKind, 'ORGANIZATION'),
              sql`${certificates.holderCode} = ANY(${sql.param([...usccs])})`,
              wanted === null ? undefined : effectiveStatus.in(wanted, today),
              // Replaced versions only when the statuses asked name them.
              wanted?.includes('SUPERSEDED') ? undefined : ne(certificates.status, 'SUPERSEDED'),
            ),
          )
          .orderBy(asc(certificates.holderCode), ...LIST_ORDER);
        for (const row of rows) certificateById.prime(row.id, row);
        return groupInKeyOrder(usccs, rows, (row) => row.holderCode);
      });
      entityLoaders.set(key, loader);
    }
    return loader;
  }

  return {
    certificateById,
    itemsByCertificate,
    historyByCertificate,
    sealKeyById,
    scanByCertificate,
    deliveryByCertificate,
    versionsByChain,
    certificatesOfEntity,
  };
}

export type CertificateLoaders = ReturnType<typeof createCertificateLoaders>;
