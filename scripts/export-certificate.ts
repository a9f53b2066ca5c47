/**
 * npm run export -- --hub URL --token-file FILE [--out FILE] ID
 * Asks the hub for one certificate — its face, its seal and its issuer's published seal keys —
 * and writes it as one JSON document (format `ecert-hub/certificate@1`) that
 * `npm run verify -- FILE` checks offline. Exits (README › Scripts › Exit codes) 1 when the caller
 * may not read the seal (FORBIDDEN), the certificate is not found, or the request fails; 2 when
 * the command is called wrongly.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseCertificateId } from '../lib/codes.js';
import { cliArgs, EXIT, fail, failUsage, graphqlUrl, hubOption, requireToken, TOKEN_OPTIONS, TOKEN_USAGE, userPath } from './args.js';

export const EXPORT_FORMAT = 'ecert-hub/certificate@1';

export interface ExportedItem {
  code: string;
  name: string;
  value: string | null;
}

export interface ExportedCertificate {
  id: string;
  number: string;
  type: { code: string; name: string };
  holderKind: string;
  holderCode: string;
  holderName: string;
  issuerCode: string;
  issuerName: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  status: string;
  items: ExportedItem[];
  /** An external certificate's scanned document; its digest is under the seal. */
  scan?: ExportedScan | null;
  /** For an external certificate: the name of the agency that registered it, under its seal. */
  registrarName?: string | null;
}

export interface ExportedScan {
  mediaType: string;
  size: number;
  /** SM3 hex, as sealed. */
  digest: string;
  contentBase64: string;
}

export interface ExportedSeal {
  algorithm: string;
  keyId: string;
  publicKey: string;
  signature: string;
  /** The seal's random salt (hex), part of the signed payload; absent or null for a seal made before salts. */
  salt?: string | null;
  signedPayload: string;
}

export interface PublishedKey {
  keyId: string;
  /** USCC of the authority the key belongs to, as sealKeys answers it. */
  issuer?: string;
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface CertificateExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  certificate: ExportedCertificate;
  seal: ExportedSeal;
  publishedKeys: PublishedKey[];
}

interface GraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string };
}
interface Answer<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** An error the command reports as one line, exiting 1. */
export class CliError extends Error {}

const CERTIFICATE = /* GraphQL */ `
  query Export($id: ID!) {
    certificate(id: $id) {
      id number type { code name } typeName holderKind holderCode holderName issuerCode issuerName registrarName
      issuedOn validFrom validUntil status items { code name value }
      scan { mediaType size digest contentBase64 }
      seal { algorithm keyId publicKey signature salt signedPayload }
    }
  }
`;
const KEYS = /* GraphQL */ `
  query Keys($issuer: String!) { sealKeys(issuer: $issuer) { keyId issuer publicKey createdAt retiredAt } }
`;

/** The hub's GraphQL endpoint: URL with `/graphql` appended unless it already ends so. */
export function graphqlEndpoint(hub: string): URL {
  const endpoint = graphqlUrl(hub);
  if (!endpoint) throw new CliError(`--hub: not a URL: ${hub}`);
  return endpoint;
}

async function post<T>(endpoint: URL, token: string, query: string, variables: Record<string, unknown>): Promise<Answer<T>> {
  let response: Response;
  let answer: Answer<T>;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    answer = (await response.json()) as Answer<T>;
  } catch (error) {
    throw new CliError(`${endpoint}: ${(error as Error).message}`);
  }
  if (!response.ok && !answer.errors?.length) throw new CliError(`${endpoint}: HTTP ${response.status}`);
  return answer;
}

const describeErrors = (errors: GraphQLError[]) =>
  errors.map((error) => `${error.extensions?.code ?? 'ERROR'}${error.path ? ` at ${error.path.join('.')}` : ''}: ${error.message}`).join('; ');

/** The certificate `id` with its seal, as the caller `token` may read it. */
export async function fetchSealedCertificate(hub: string, token: string, id: string): Promise<{ certificate: ExportedCertificate; seal: ExportedSeal }> {
  const endpoint = graphqlEndpoint(hub);
  type Found = Omit<ExportedCertificate, 'type'> & { type: ExportedCertificate['type'] | null; typeName: string | null; seal: ExportedSeal | null };
  const answer = await post<{ certificate: Found | null }>(endpoint, token, CERTIFICATE, { id });
  const errors = answer.errors ?? [];
  if (errors.some((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.at(-1) === 'seal')) {
    throw new CliError(`FORBIDDEN: this caller may not read the seal of ${id} (only whoever may read every item of it)`);
  }
  if (errors.length) throw new CliError(describeErrors(errors));
  const found = answer.data?.certificate;
  if (!found) throw new CliError(`certificate not found: ${id}`);
  const { seal, typeName, type, scan, registrarName, ...rest } = found;
  if (!seal) throw new CliError(`certificate ${id} has no seal`);
  // An external certificate's type is in no catalog: its code is the one in its 证照标识.
  const parsed = parseCertificateId(id);
  const typeCode = type?.code ?? ('typeCode' in parsed ? parsed.typeCode : null);
  if (typeCode === null) throw new CliError(`certificate ${id}: its type could not be read`);
  const certificate: ExportedCertificate = {
    ...rest,
    type: { code: typeCode, name: type?.name ?? typeName ?? '' },
    ...(scan ? { scan } : {}),
    ...(registrarName ? { registrarName } : {}),
  };
  return { certificate, seal };
}

/** Every seal key `issuer` ever published. */
export async function fetchPublishedKeys(hub: string, token: string, issuer: string): Promise<PublishedKey[]> {
  const answer = await post<{ sealKeys: PublishedKey[] | null }>(graphqlEndpoint(hub), token, KEYS, { issuer });
  if (answer.errors?.length) throw new CliError(describeErrors(answer.errors));
  return answer.data?.sealKeys ?? [];
}

/** The export document of certificate `id`. */
export async function exportCertificate(hub: string, token: string, id: string): Promise<CertificateExport> {
  const { certificate, seal } = await fetchSealedCertificate(hub, token, id);
  const publishedKeys = await fetchPublishedKeys(hub, token, certificate.issuerCode);
  return { format: EXPORT_FORMAT, exportedAt: new Date().toISOString(), certificate, seal, publishedKeys };
}

const USAGE = `usage: npm run --silent export -- --hub URL (${TOKEN_USAGE}) [--out FILE] ID   (TOKEN: a caller that may read every item of the certificate)`;

async function main(): Promise<void> {
  const { values, positionals } = cliArgs(USAGE, { hub: { type: 'string' }, ...TOKEN_OPTIONS, out: { type: 'string' } });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.OK);
  }
  const hub = hubOption(values.hub, USAGE).href;
  const token = requireToken(values, USAGE);
  if (positionals.length !== 1) failUsage(`one certificate ID is required\n${USAGE}`);
  const id = positionals[0]!;
  const out = values.out === undefined ? undefined : userPath(values.out);
  let document: CertificateExport;
  try {
    document = await exportCertificate(hub, token, id);
  } catch (error) {
    if (error instanceof CliError) fail(error.message);
    throw error;
  }
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (out) {
    try {
      writeFileSync(out, text);
    } catch (error) {
      fail(`${out}: ${(error as Error).message}`);
    }
    console.error(`wrote ${out}`);
  } else {
    process.stdout.write(text);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
