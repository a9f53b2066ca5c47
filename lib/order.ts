import { isRealDate } from './codes.js';
import { badInput } from './errors.js';

/**
 * The one order of certificate lists everywhere in the hub: issuedOn descending, then id
 * ascending by code unit (PostgreSQL: `id COLLATE "C"`). Nodes and gateway must agree on it
 * exactly, or merged pages would gap or repeat.
 */
export interface CertificateSortKey {
  issuedOn: string;
  id: string;
}

export function compareCertificates(a: CertificateSortKey, b: CertificateSortKey): number {
  if (a.issuedOn !== b.issuedOn) return a.issuedOn > b.issuedOn ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** An opaque cursor that means the same position on every node. */
export function encodeCursor(key: CertificateSortKey): string {
  return Buffer.from(JSON.stringify([key.issuedOn, key.id])).toString('base64url');
}

/** Decodes a cursor, or BAD_USER_INPUT naming `field`. */
export function decodeCursor(cursor: string, field = 'after'): CertificateSortKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      isRealDate(value[0]) &&
      typeof value[1] === 'string' &&
      value[1].length <= 120
    ) {
      return { issuedOn: value[0], id: value[1] };
    }
  } catch {
    // fall through to the client error below
  }
  throw badInput(field, 'not a cursor this hub returned');
}

/** Page sizes are bounded so that a huge `first` is a client error, not a slow crash. */
export const MAX_PAGE_SIZE = 1000;

export function checkPageSize(first: number, field = 'first'): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw badInput(field, `must be between 0 and ${MAX_PAGE_SIZE}`);
  return first;
}
