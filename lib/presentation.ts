/**
 * The token of a presentation (亮证, README › Presenting a certificate): what a holder's QR code
 * carries. `{payload}.{signature}`, both base64url: the payload is the JSON below, the signature
 * the SM2-SM3 signature (DER) by the key `keyId` of node `node` over the payload's exact bytes.
 * The gateway reads the node from it to route verifyPresentation; only that node checks it.
 */
import { certificateIdProblem } from './codes.js';

export interface PresentationPayload {
  /** Format version: 1. */
  v: 1;
  /** The node that keeps the certificate and signed the token. */
  node: string;
  /** The node key that signed (Query.nodeKeys). */
  keyId: string;
  certificateId: string;
  /** Codes of the items the holder discloses. */
  items: string[];
  /** Random, hex: two presentations of one certificate never share a token. */
  nonce: string;
  /** ISO 8601 with milliseconds, UTC. */
  expiresAt: string;
}

export interface ParsedPresentation {
  payload: PresentationPayload;
  /** The payload's bytes as signed. */
  signed: Buffer;
  /** The DER signature, hex. */
  signature: string;
}

/** The longest token accepted: a payload with every item of a large type, and its signature. */
export const MAX_PRESENTATION_TOKEN = 4096;

/**
 * How long a presentation may be checked, in seconds: long enough to show it at a counter,
 * short enough that a photographed QR code is soon worth nothing.
 */
export const PRESENTATION_TTL = { min: 10, max: 600, default: 120 } as const;

/** Where the gateway answers the link of a presentation (GET, `?token=`). */
export const PRESENTATION_PATH = '/presentation';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const NODE_CODE = /^\d{6}$/;

/**
 * The link that checks `token` on the hub reached at `publicUrl` (its gateway, with any path
 * prefix it is served under): what a presentation's QR code shows.
 */
export function presentationUrl(publicUrl: string, token: string): string {
  const base = new URL(publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  const url = new URL(PRESENTATION_PATH.slice(1), base);
  url.searchParams.set('token', token);
  return url.href;
}

/** The token of `payload` signed with `signature` (DER, hex). */
export function encodePresentationToken(payloadJson: string, signature: string): string {
  return `${Buffer.from(payloadJson, 'utf8').toString('base64url')}.${Buffer.from(signature, 'hex').toString('base64url')}`;
}

/** The token's parts, or why it is not a presentation token at all. */
export function parsePresentationToken(token: string): ParsedPresentation | { problem: string } {
  if (token.length > MAX_PRESENTATION_TOKEN) return { problem: `longer than ${MAX_PRESENTATION_TOKEN} characters` };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts.every((part) => BASE64URL.test(part))) return { problem: 'not a presentation token ({payload}.{signature}, base64url)' };
  const signed = Buffer.from(parts[0]!, 'base64url');
  let value: unknown;
  try {
    value = JSON.parse(signed.toString('utf8'));
  } catch {
    return { problem: 'not a presentation token: its payload is not JSON' };
  }
  const payload = value as Partial<PresentationPayload> | null;
  if (
    typeof payload !== 'object' ||
    payload === null ||
    payload.v !== 1 ||
    typeof payload.node !== 'string' ||
    !NODE_CODE.test(payload.node) ||
    typeof payload.keyId !== 'string' ||
    typeof payload.certificateId !== 'string' ||
    certificateIdProblem(payload.certificateId) !== null ||
    !Array.isArray(payload.items) ||
    !payload.items.every((item) => typeof item === 'string') ||
    typeof payload.nonce !== 'string' ||
    typeof payload.expiresAt !== 'string' ||
    Number.isNaN(Date.parse(payload.expiresAt))
  ) {
    return { problem: 'not a presentation token: its payload lacks a version-1 node, key, certificate, items, nonce or expiry' };
  }
  return { payload: payload as PresentationPayload, signed, signature: Buffer.from(parts[1]!, 'base64url').toString('hex') };
}

/** Why `token` cannot be routed, or null. */
export function presentationTokenProblem(token: string): string | null {
  const parsed = parsePresentationToken(token);
  return 'problem' in parsed ? parsed.problem : null;
}

/** The node that signed a token presentationTokenProblem accepts. */
export function presentationNode(token: string): string {
  const parsed = parsePresentationToken(token);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.payload.node;
}
