import { GraphQLError } from 'graphql';
import { badInput } from '../../lib/errors.js';
import { sm3Hex } from '../../lib/seal/seal.js';

/** The largest scanned document an external certificate may carry: 10 MB (MiB). */
export const SCAN_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The document formats a scan may have, each recognised by its leading bytes: a scan's
 * declared media type must match its content, so a download is what it says it is.
 */
const SIGNATURES: Readonly<Record<string, (bytes: Uint8Array) => boolean>> = {
  'application/pdf': (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), // %PDF-
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/tiff': (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
  'image/webp': (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]), // RIFF….WEBP
};
export const SCAN_MEDIA_TYPES: readonly string[] = Object.keys(SIGNATURES);

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Strict base64 (RFC 4648 §4, padded; the length a multiple of 4): Buffer.from would silently
 * skip anything else. A plain character class, not a repeated group: on a 14 MB string a
 * repeated group overflows the regular expression engine's stack.
 */
const BASE64 = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]={2}|[A-Za-z0-9+/]{2}=)?$/;
const isBase64 = (text: string): boolean => text.length % 4 === 0 && BASE64.test(text);

export interface CheckedScan {
  mediaType: string;
  content: Buffer;
  /** SM3 of the content, hex. */
  digest: string;
}

/**
 * A scan as given to registerExternalCertificate, checked: a known media type, strict base64,
 * not empty, at most SCAN_MAX_BYTES decoded (measured before decoding), and content that is
 * of the declared type. Each problem is a BAD_USER_INPUT naming the field under `field`.
 */
export function checkScan(field: string, scan: { mediaType: string; contentBase64: string }): CheckedScan {
  const mediaType = scan.mediaType.trim().toLowerCase();
  const matches = SIGNATURES[mediaType];
  if (!matches) throw badInput(`${field}.mediaType`, `must be one of ${SCAN_MEDIA_TYPES.join(', ')}`);
  const encoded = scan.contentBase64;
  const padding = encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0;
  const size = (encoded.length / 4) * 3 - padding;
  if (size > SCAN_MAX_BYTES) throw badInput(`${field}.contentBase64`, `the document is ${size} bytes; at most ${SCAN_MAX_BYTES} (10 MB)`);
  if (!isBase64(encoded)) throw badInput(`${field}.contentBase64`, 'must be base64 (RFC 4648, padded, no line breaks)');
  if (encoded.length === 0) throw badInput(`${field}.contentBase64`, 'the document is empty');
  const content = Buffer.from(encoded, 'base64');
  if (!matches(content)) throw badInput(`${field}.contentBase64`, `the content is not a ${mediaType} document`);
  return { mediaType, content, digest: sm3Hex(content) };
}

/** Whether a stored scan is still the document whose digest was sealed. */
export const scanIntact = (content: Uint8Array, sealedDigest: string): boolean => sm3Hex(content) === sealedDigest;

/** A stored scan that no longer matches its sealed digest: it is not handed out. */
export const scanTampered = (certificateId: string): GraphQLError =>
  new GraphQLError(`the stored scan of ${certificateId} no longer matches the digest under its seal`, {
    extensions: { code: 'SCAN_TAMPERED', certificateId },
  });
