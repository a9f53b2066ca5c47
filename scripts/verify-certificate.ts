/**
 * npm run verify -- FILE [--keys KEYS.json]
 * Verifies a certificate exported with `npm run export` offline, without the network:
 *  - the face in the file, put through the same canonical form the node signs
 *    (subgraphs/certificate/sealing.ts signedPayloadOf), is exactly seal.signedPayload;
 *  - seal.publicKey is published under seal.keyId: in KEYS.json (a JSON array like the answer
 *    of `sealKeys(issuer)`) when given, else in the file's publishedKeys;
 *  - the SM2 signature verifies over that payload with that key.
 * Prints each check and the SM3 digest of the payload (the digest of the QR code). Exits 0 when
 * every check passes, 1 when one fails, 2 when the file or the keys cannot be read.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SEAL_ALGORITHM, sm3Hex, verifySeal } from '../lib/seal.js';
import { signedPayloadOf, type SealedFields } from '../subgraphs/certificate/sealing.js';
import { cliArgs } from './args.js';
import { EXPORT_FORMAT, type CertificateExport, type ExportedCertificate, type PublishedKey } from './export-certificate.js';

/** A file that is not a readable certificate export (exit 2). */
export class MalformedError extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function field<T>(object: Json, key: string, where: string, check: (value: unknown) => value is T, expected: string): T {
  const value = object[key];
  if (!check(value)) throw new MalformedError(`${where}.${key} must be ${expected}`);
  return value;
}
const isString = (value: unknown): value is string => typeof value === 'string';
const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';
const string = (object: Json, key: string, where: string) => field(object, key, where, isString, 'a string');
const HOLDER_KINDS: ReadonlyArray<SealedFields['holderKind']> = ['PERSON', 'ORGANIZATION'];
const isHolderKind = (value: unknown): value is SealedFields['holderKind'] => HOLDER_KINDS.some((kind) => kind === value);

/** A published key list (the file's publishedKeys or a --keys file), checked for shape. */
export function parseKeys(value: unknown, where: string): PublishedKey[] {
  if (!Array.isArray(value)) throw new MalformedError(`${where} must be a JSON array of keys { keyId publicKey createdAt retiredAt }`);
  return value.map((entry: unknown, index) => {
    const at = `${where}[${index}]`;
    if (!isObject(entry)) throw new MalformedError(`${at} must be an object`);
    return {
      keyId: string(entry, 'keyId', at),
      publicKey: string(entry, 'publicKey', at),
      createdAt: field(entry, 'createdAt', at, isNullableString, 'a string') ?? '',
      retiredAt: field(entry, 'retiredAt', at, (v): v is string | null | undefined => v === undefined || isNullableString(v), 'a string or null') ?? null,
    };
  });
}

/** An external certificate's scan, checked for shape; nothing for the others. */
function scanOf(value: unknown, where: string): Pick<ExportedCertificate, 'scan'> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new MalformedError(`${where} must be an object { mediaType size digest contentBase64 }`);
  return {
    scan: {
      mediaType: string(value, 'mediaType', where),
      size: field(value, 'size', where, (v): v is number => Number.isInteger(v), 'a whole number'),
      digest: string(value, 'digest', where),
      contentBase64: string(value, 'contentBase64', where),
    },
  };
}

/** Reads an export document, checking every field that verification uses. */
export function parseExport(value: unknown): CertificateExport {
  if (!isObject(value)) throw new MalformedError('the file must hold a JSON object');
  if (value['format'] !== EXPORT_FORMAT) throw new MalformedError(`format must be "${EXPORT_FORMAT}", found ${JSON.stringify(value['format'] ?? null)}`);
  const certificate = value['certificate'];
  const seal = value['seal'];
  if (!isObject(certificate)) throw new MalformedError('certificate must be an object');
  if (!isObject(seal)) throw new MalformedError('seal must be an object');
  const type = certificate['type'];
  if (!isObject(type)) throw new MalformedError('certificate.type must be an object { code name }');
  const items = certificate['items'];
  if (!Array.isArray(items)) throw new MalformedError('certificate.items must be an array');
  const at = 'certificate';
  const parsed: ExportedCertificate = {
    id: string(certificate, 'id', at),
    number: string(certificate, 'number', at),
    type: { code: string(type, 'code', `${at}.type`), name: string(type, 'name', `${at}.type`) },
    holderKind: field(certificate, 'holderKind', at, isHolderKind, `one of ${HOLDER_KINDS.join(', ')}`),
    holderCode: string(certificate, 'holderCode', at),
    holderName: string(certificate, 'holderName', at),
    issuerCode: string(certificate, 'issuerCode', at),
    issuerName: string(certificate, 'issuerName', at),
    issuedOn: string(certificate, 'issuedOn', at),
    validFrom: string(certificate, 'validFrom', at),
    validUntil: field(certificate, 'validUntil', at, isNullableString, 'a string or null'),
    status: field(certificate, 'status', at, isNullableString, 'a string') ?? '',
    ...scanOf(certificate['scan'], `${at}.scan`),
    items: items.map((item: unknown, index) => {
      const where = `${at}.items[${index}]`;
      if (!isObject(item)) throw new MalformedError(`${where} must be an object`);
      return {
        code: string(item, 'code', where),
        name: field(item, 'name', where, isNullableString, 'a string') ?? '',
        value: string(item, 'value', where),
      };
    }),
  };
  return {
    format: EXPORT_FORMAT,
    exportedAt: typeof value['exportedAt'] === 'string' ? value['exportedAt'] : '',
    certificate: parsed,
    seal: {
      algorithm: string(seal, 'algorithm', 'seal'),
      keyId: string(seal, 'keyId', 'seal'),
      publicKey: string(seal, 'publicKey', 'seal'),
      signature: string(seal, 'signature', 'seal'),
      signedPayload: string(seal, 'signedPayload', 'seal'),
    },
    publishedKeys: parseKeys(value['publishedKeys'] ?? [], 'publishedKeys'),
  };
}

/** The adapter from the exported face to the stored fields signedPayloadOf reads. */
export function sealedFieldsOf(certificate: ExportedCertificate): SealedFields {
  if (!isHolderKind(certificate.holderKind)) throw new MalformedError(`certificate.holderKind must be one of ${HOLDER_KINDS.join(', ')}`);
  return {
    id: certificate.id,
    number: certificate.number,
    typeCode: certificate.type.code,
    holderKind: certificate.holderKind,
    holderCode: certificate.holderCode,
    holderName: certificate.holderName,
    issuerCode: certificate.issuerCode,
    issuerName: certificate.issuerName,
    issuedOn: certificate.issuedOn,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    scanDigest: certificate.scan?.digest ?? null,
  };
}

export interface Check {
  name: 'algorithm' | 'payload' | 'key' | 'signature' | 'scan';
  ok: boolean;
  detail: string;
}

export interface Verification {
  checks: Check[];
  /** SM3 hex of the payload recomputed from the face. */
  digest: string;
  valid: boolean;
}

/** Every check of an export, offline, against `keys` (the file's publishedKeys unless given). */
export function verifyExport(document: CertificateExport, keys: PublishedKey[] = document.publishedKeys): Verification {
  const { certificate, seal } = document;
  const items = certificate.items.map((item) => ({ code: item.code, value: item.value ?? '' }));
  const payload = signedPayloadOf(sealedFieldsOf(certificate), items);
  const published = keys.filter((key) => key.keyId === seal.keyId);
  const checks: Check[] = [
    {
      name: 'algorithm',
      ok: seal.algorithm === SEAL_ALGORITHM,
      detail: `algorithm is ${SEAL_ALGORITHM}${seal.algorithm === SEAL_ALGORITHM ? '' : ` (found ${seal.algorithm})`}`,
    },
    {
      name: 'payload',
      ok: payload === seal.signedPayload,
      detail:
        payload === seal.signedPayload
          ? 'payload: the face is exactly the signed payload'
          : `payload: the face does not match the signed payload (${firstDifference(payload, seal.signedPayload)})`,
    },
    {
      name: 'key',
      ok: published.some((key) => key.publicKey.toLowerCase() === seal.publicKey.toLowerCase()),
      detail: published.length
        ? published.some((key) => key.publicKey.toLowerCase() === seal.publicKey.toLowerCase())
          ? `key: ${seal.keyId} is a published key of the issuer`
          : `key: the seal's public key is not the one published under ${seal.keyId}`
        : `key: no key ${seal.keyId} among the ${keys.length} published keys`,
    },
    {
      name: 'signature',
      ok: verifySeal(seal.publicKey, payload, seal.signature),
      detail: 'signature: SM2 over SM3 of the payload, signer ID 1234567812345678',
    },
  ];
  const signatureCheck = checks[3]!;
  if (!signatureCheck.ok) signatureCheck.detail = `signature: does not verify over the payload with the seal's public key`;
  const { scan } = certificate;
  if (scan) {
    // The sealed digest is in the payload; the document in the file must be the one it names.
    const intact = sm3Hex(Buffer.from(scan.contentBase64, 'base64')) === scan.digest;
    checks.push({
      name: 'scan',
      ok: intact,
      detail: intact ? `scan: the ${scan.mediaType} document is the one under the seal (SM3 ${scan.digest})` : 'scan: the document is not the one under the seal',
    });
  }
  return { checks, digest: sm3Hex(payload), valid: checks.every((check) => check.ok) };
}

/** Where two payloads first differ, as a short excerpt of each. */
function firstDifference(computed: string, signed: string): string {
  let at = 0;
  while (at < computed.length && at < signed.length && computed[at] === signed[at]) at++;
  const excerpt = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 20), at + 30));
  return `at character ${at}: face ${excerpt(computed)}, signed ${excerpt(signed)}`;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MalformedError(`${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedError(`${what} ${path}: not JSON (${(error as Error).message})`);
  }
}

const USAGE = 'usage: npm run --silent verify -- FILE [--keys KEYS.json]   (FILE: from npm run export; KEYS.json: a JSON array like sealKeys(issuer))';

function main(): void {
  const { values, positionals } = cliArgs(USAGE, { keys: { type: 'string' } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) {
    console.error(`one FILE is required\n${USAGE}`);
    process.exit(2);
  }
  const file = positionals[0]!;
  let document: CertificateExport;
  let keys: PublishedKey[] | undefined;
  try {
    try {
      document = parseExport(readJson(file, 'FILE'));
    } catch (error) {
      if (error instanceof MalformedError && !error.message.startsWith('FILE ')) throw new MalformedError(`${file}: not a certificate export: ${error.message}`);
      throw error;
    }
    if (values.keys) keys = parseKeys(readJson(values.keys, '--keys'), `--keys ${values.keys}`);
  } catch (error) {
    if (error instanceof MalformedError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const result = verifyExport(document, keys);
  console.log(`certificate ${document.certificate.id} (${document.certificate.type.name}, ${document.certificate.issuerName})`);
  console.log(values.keys ? `keys from ${values.keys}` : "keys from the file's own publishedKeys (for independent trust, pass --keys from sealKeys(issuer))");
  for (const check of result.checks) console.log(`${check.ok ? '✓' : '✗'} ${check.detail}`);
  console.log(`SM3 digest of the payload: ${result.digest}`);
  console.log(result.valid ? 'VALID: every check passed' : `INVALID: failed ${result.checks.filter((check) => !check.ok).map((check) => check.name).join(', ')}`);
  process.exit(result.valid ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
