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

/**
 * A place in the hub's order of what nodes append one after the other — access records, inbox
 * messages: `at` descending, then the node's code ascending (by code unit), then the node's
 * `seq` descending. Every row has its own place (a node's seq is unique), so the order is total
 * across nodes: each node answers the rows after a place, and the gateway's merge of their
 * answers gives what one list of every node's rows would.
 */
export interface NodeSeqPosition {
  /** ISO 8601 in UTC with milliseconds: such rows are written from a JavaScript Date. */
  at: string;
  node: string;
  seq: number;
}

export function compareNodeSeq(a: NodeSeqPosition, b: NodeSeqPosition): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return b.seq - a.seq;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NODE_CODE = /^[0-9A-Za-z]{1,32}$/;

/** The cursor of a row at `position`: opaque to clients, the same place at every node. */
export function encodeNodeSeqCursor(position: { at: Date; node: string; seq: number }): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.node, position.seq])).toString('base64url');
}

/** Decodes a cursor made by encodeNodeSeqCursor, or BAD_USER_INPUT naming `field` with `hint`. */
export function decodeNodeSeqCursor(cursor: string, field: string, hint: string): NodeSeqPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [at, node, seq] = value as unknown[];
      if (
        typeof at === 'string' &&
        ISO_INSTANT.test(at) &&
        !Number.isNaN(Date.parse(at)) &&
        new Date(at).toISOString() === at &&
        typeof node === 'string' &&
        NODE_CODE.test(node) &&
        typeof seq === 'number' &&
        Number.isSafeInteger(seq) &&
        seq > 0
      ) {
        return { at, node, seq };
      }
    }
  } catch {
    // fall through to the client error below
  }
  throw badInput(field, hint);
}

/** Decodes the cursor of an inbox message (Query.inbox), or BAD_USER_INPUT naming `field`. */
export const decodeInboxCursor = (cursor: string, field = 'after'): NodeSeqPosition =>
  decodeNodeSeqCursor(cursor, field, 'not a cursor of inbox (pass the endCursor of the page before)');

/**
 * The cursor of a row in a list ordered by its code (code unit order, PostgreSQL `COLLATE "C"`),
 * such as the matters (事项) of every node: the same place at every node, since codes are unique
 * across the hub.
 */
export function encodeCodeCursor(code: string): string {
  return Buffer.from(JSON.stringify([code])).toString('base64url');
}

const CURSOR_CODE = /^[0-9A-Z]{1,64}$/;

/** The id of a supervision finding as a cursor holds it: `{USCC}/{kind}/{rule code, report year, or nothing}`. */
export const FINDING_KEY = /^[0-9A-Z]{18}\/[A-Z_]{1,40}\/[0-9A-Za-z-]{0,40}$/;

/**
 * Decodes a cursor made by encodeCodeCursor whose key has the form `pattern` (a code by default),
 * or BAD_USER_INPUT naming `field` with `hint`.
 */
export function decodeCodeCursor(cursor: string, field: string, hint: string, pattern: RegExp = CURSOR_CODE): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' && pattern.test(value[0])) return value[0];
  } catch {
    // fall through to the client error below
  }
  throw badInput(field, hint);
}

/** Codes in code unit order, as PostgreSQL's COLLATE "C" orders them. */
export const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
