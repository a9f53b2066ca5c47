/**
 * npm run verify -- FILE [--keys KEYS.json]
 * Verifies a certificate exported with `npm run export` offline, without the network:
 *  - the face in the file, put through the same canonical form the node signs
 *    (subgraphs/certificate/sealing.ts signedPayloadOf), is exactly seal.signedPayload;
 *  - seal.keyId is a key of the certificate's issuer (key ids are {issuer USCC}-{yyyymmdd}-{n}),
 *    and seal.publicKey is published under it for that issuer: in KEYS.json (the answer of
 *    `sealKeys(issuer)`, an array or the whole GraphQL answer) when given, else in the file's
 *    publishedKeys;
 *  - the SM2 signature verifies over that payload with that key.
 * The file's own publishedKeys prove nothing: whoever made the file chose them, and a forger
 * signs with a key pair of their own and lists its public half there. Only keys the verifier
 * obtained from the hub independently of the file (KEYS.json) tie the seal to the issuer.
 * Prints each check and the SM3 digest of the payload (the digest of the QR code). Exits (README ›
 * Scripts › Exit codes) 0 when every check passes with the key found in KEYS.json; 1 when a check
 * fails; 2 when the file or the keys cannot be read (or the arguments are wrong); 3 when every
 * check passes but, without --keys, the key could not be checked against the issuer's publication
 * ("UNVERIFIED KEY"). Relative paths are the user's (INIT_CWD under npm run).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SEAL_ALGORITHM, sm3Hex, verifySeal } from '../lib/seal/seal.js';
import { signedPayloadOf, type SealedFields } from '../subgraphs/certificate/sealing.js';
import { cliArgs, EXIT, userPath } from './args.js';
import { EXPORT_FORMAT, type CertificateExport, type ExportedCertificate, type ExportedSeal, type PublishedKey } from './export-certificate.js';

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

/** A published key, with the issuer it is published for when the list says (sealKeys does). */
export interface ListedKey extends PublishedKey {
  issuer?: string;
}

/**
 * A published key list (the file's publishedKeys or a --keys file), checked for shape: a JSON
 * array of keys, or the GraphQL answer `{ "data": { "sealKeys": [...] } }` saved as it came.
 */
export function parseKeys(value: unknown, where: string): ListedKey[] {
  const data = isObject(value) ? value['data'] : undefined;
  const list = isObject(data) && Array.isArray(data['sealKeys']) ? data['sealKeys'] : value;
  if (!Array.isArray(list)) throw new MalformedError(`${where} must be a JSON array of keys { keyId publicKey createdAt retiredAt issuer }`);
  return list.map((entry: unknown, index) => {
    const at = `${where}[${index}]`;
    if (!isObject(entry)) throw new MalformedError(`${at} must be an object`);
    const issuer = field(entry, 'issuer', at, (v): v is string | null | undefined => v === undefined || isNullableString(v), 'a string');
    return {
      keyId: string(entry, 'keyId', at),
      publicKey: string(entry, 'publicKey', at),
      createdAt: field(entry, 'createdAt', at, isNullableString, 'a string') ?? '',
      retiredAt: field(entry, 'retiredAt', at, (v): v is string | null | undefined => v === undefined || isNullableString(v), 'a string or null') ?? null,
      ...(issuer == null ? {} : { issuer }),
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
    registrarName: field(certificate, 'registrarName', at, (v): v is string | null | undefined => v === undefined || isNullableString(v), 'a string or null') ?? null,
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
      salt: field(seal, 'salt', 'seal', (v): v is string | null | undefined => v === undefined || isNullableString(v), 'a string or null') ?? null,
      signedPayload: string(seal, 'signedPayload', 'seal'),
    },
    publishedKeys: parseKeys(value['publishedKeys'] ?? [], 'publishedKeys'),
  };
}

/**
 * The adapter from the exported face (and the seal's salt) to the stored fields
 * signedPayloadOf reads.
 */
export function sealedFieldsOf(certificate: ExportedCertificate, seal: Partial<Pick<ExportedSeal, 'salt'>> = {}): SealedFields {
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
    sealSalt: seal.salt ?? null,
    registrarName: certificate.registrarName ?? null,
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
  /**
   * Where the key list came from: `given` by the caller (obtained from the hub), or the `file`'s
   * own publishedKeys, which whoever made the file controls.
   */
  keySource: 'given' | 'file';
  /** Every check passed and the key was found in keys the caller gave: the seal is the issuer's. */
  valid: boolean;
  /**
   * Every check passed, but against the file's own key list: the seal is intact, yet nothing
   * ties its key to the issuer (the CLI's exit 3).
   */
  unverifiedKey: boolean;
}

/**
 * Every check of an export, offline. The key is checked against `keys` when given (they should
 * come from the hub's sealKeys(issuer), not from the file); without them, against the file's own
 * publishedKeys, and then the result is at best `unverifiedKey`, never `valid`.
 */
export function verifyExport(document: CertificateExport, keys?: readonly ListedKey[]): Verification {
  const { certificate, seal } = document;
  const items = certificate.items.map((item) => ({ code: item.code, value: item.value ?? '' }));
  const payload = signedPayloadOf(sealedFieldsOf(certificate, seal), items);
  const keySource = keys ? 'given' : 'file';
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
    keyCheck(certificate.issuerCode, seal, keys ?? document.publishedKeys, keySource),
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
  const passed = checks.every((check) => check.ok);
  return { checks, digest: sm3Hex(payload), keySource, valid: passed && keySource === 'given', unverifiedKey: passed && keySource === 'file' };
}

/**
 * Whether the seal's key is the issuer's: its id names the issuer, and `keys` publish the seal's
 * public key under that id for that issuer. A key of another agency is refused even when it is
 * listed: it may be genuine, but a seal made with it does not speak for this issuer.
 */
function keyCheck(issuerCode: string, seal: CertificateExport['seal'], keys: readonly ListedKey[], source: Verification['keySource']): Check {
  const prefix = `${issuerCode}-`;
  if (!seal.keyId.startsWith(prefix)) {
    return { name: 'key', ok: false, detail: `key: ${seal.keyId} is not a key of the issuer ${issuerCode} (its key ids start with ${prefix})` };
  }
  const listed = keys.filter((key) => key.keyId === seal.keyId);
  if (!listed.length) return { name: 'key', ok: false, detail: `key: no key ${seal.keyId} among the ${keys.length} published keys` };
  const forIssuer = listed.filter((key) => key.issuer === undefined || key.issuer === issuerCode);
  if (!forIssuer.length) {
    const others = [...new Set(listed.map((key) => key.issuer))].join(', ');
    return { name: 'key', ok: false, detail: `key: ${seal.keyId} is published for ${others}, not for the issuer ${issuerCode}` };
  }
  if (!forIssuer.some((key) => key.publicKey.toLowerCase() === seal.publicKey.toLowerCase())) {
    return { name: 'key', ok: false, detail: `key: the seal's public key is not the one published under ${seal.keyId}` };
  }
  return {
    name: 'key',
    ok: true,
    detail:
      source === 'given'
        ? `key: ${seal.keyId} is a published key of the issuer ${issuerCode}`
        : `key: ${seal.keyId} is in the file's own publishedKeys, which whoever made the file chose: not checked against the issuer's publication`,
  };
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

const USAGE = [
  'usage: npm run --silent verify -- FILE [--keys KEYS.json]',
  '  FILE       a certificate exported with npm run export',
  "  KEYS.json  the issuer's keys, sealKeys(issuer) obtained from the hub independently of FILE",
  '             (a JSON array, or the GraphQL answer as it came)',
  'exit: 0 valid with the key found in KEYS.json; 1 a check failed; 2 usage or unreadable input;',
  "      3 the seal verifies but its key was not checked (no --keys: FILE's own key list proves nothing)",
].join('\n');

function main(): void {
  const { values, positionals } = cliArgs(USAGE, { keys: { type: 'string' } });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.OK);
  }
  if (positionals.length !== 1) {
    console.error(`one FILE is required\n${USAGE}`);
    process.exit(EXIT.USAGE);
  }
  const file = positionals[0]!;
  let document: CertificateExport;
  let keys: ListedKey[] | undefined;
  try {
    try {
      document = parseExport(readJson(userPath(file), 'FILE'));
    } catch (error) {
      if (error instanceof MalformedError && !error.message.startsWith('FILE ')) throw new MalformedError(`${file}: not a certificate export: ${error.message}`);
      throw error;
    }
    if (values.keys) keys = parseKeys(readJson(userPath(values.keys), '--keys'), `--keys ${values.keys}`);
  } catch (error) {
    if (error instanceof MalformedError) {
      console.error(error.message);
      process.exit(EXIT.USAGE);
    }
    throw error;
  }
  const result = verifyExport(document, keys);
  console.log(`certificate ${document.certificate.id} (${document.certificate.type.name}, ${document.certificate.issuerName})`);
  console.log(values.keys ? `keys from ${values.keys}` : "keys from the file's own publishedKeys, which prove nothing (pass --keys with sealKeys(issuer) from the hub)");
  // '?' marks the key check that passed only against the file's own list.
  const mark = (check: Check) => (!check.ok ? '✗' : check.name === 'key' && result.keySource === 'file' ? '?' : '✓');
  for (const check of result.checks) console.log(`${mark(check)} ${check.detail}`);
  console.log(`SM3 digest of the payload: ${result.digest}`);
  if (result.valid) {
    console.log(`VALID: every check passed, with key ${document.seal.keyId} from ${values.keys}`);
    process.exit(EXIT.OK);
  }
  if (result.unverifiedKey) {
    console.log(
      `UNVERIFIED KEY: the seal verifies, but key ${document.seal.keyId} was not checked against the issuer's publication; pass --keys with sealKeys(${document.certificate.issuerCode}) obtained from the hub`,
    );
    process.exit(EXIT.PARTIAL);
  }
  console.log(`INVALID: failed ${result.checks.filter((check) => !check.ok).map((check) => check.name).join(', ')}`);
  process.exit(EXIT.FAILED);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
