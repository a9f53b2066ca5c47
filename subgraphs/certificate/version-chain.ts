/**
 * The versions of one certificate (变更 延续 补发): rows of one issuer, type and serial, told apart
 * by the version segment of their 证照标识 ('001', '002' …). The newest is current; every other
 * one is SUPERSEDED.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { GraphQLError } from 'graphql';
import { buildCertificateId } from '../../lib/codes.js';
import { badInput } from '../../lib/errors.js';
import type { HubDatabase } from '../kit/db.js';
import { certificates, type CertificateRow } from './db/schema.js';

/** The highest version a 证照标识 can carry: its version segment has three digits. */
export const LAST_VERSION = 999;

/** The version segment of version number `n`. */
export const versionSegment = (n: number): string => String(n).padStart(3, '0');

/** A certificate's version as a number (1 as first issued). */
export const versionNumber = (row: Pick<CertificateRow, 'version'>): number => Number.parseInt(row.version, 10);

/** The chain a certificate belongs to: what its versions share. */
export const chainKey = (row: Pick<CertificateRow, 'issuerCode' | 'serial' | 'typeCode'>): string => `${row.issuerCode} ${row.serial} ${row.typeCode}`;

/** The 证照标识 of version `n` of `row`'s chain, whether or not it exists. */
export const versionId = (row: Pick<CertificateRow, 'issuerCode' | 'serial' | 'typeCode'>, n: number): string =>
  buildCertificateId({ typeCode: row.typeCode, issuer: row.issuerCode, serial: row.serial, version: versionSegment(n) });

/** The id of the newest version of `row`'s chain. */
export async function newestVersionId(db: HubDatabase, row: Pick<CertificateRow, 'id' | 'issuerCode' | 'serial' | 'typeCode'>): Promise<string> {
  const [newest] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.issuerCode, row.issuerCode), eq(certificates.serial, row.serial), eq(certificates.typeCode, row.typeCode)))
    .orderBy(desc(certificates.version))
    .limit(1);
  return newest?.id ?? row.id;
}

/** The BAD_USER_INPUT for a change asked of a superseded version, naming the newest. */
export async function supersededProblem(db: HubDatabase, row: CertificateRow, field: string): Promise<GraphQLError> {
  return badInput(field, `version ${versionNumber(row)} was replaced by a newer version: only the newest, ${await newestVersionId(db, row)}, changes`);
}
