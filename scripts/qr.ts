/**
 * npm run qr -- [--hub URL --token-file FILE] [--out FILE.png] ID [DIGEST]
 * npm run qr -- --presentation --hub URL --token-file FILE [--items CODE,CODE] [--ttl SECONDS] [--out FILE.png] ID
 *
 * The QR code printed on a paper or PDF copy for 亮证核验: the payload `ECERT1|<id>|<digest>`,
 * the digest being the SM3 hex of the certificate's signed payload, which a verifier passes to
 * `verifyCertificate(id, digest)`. The digest is DIGEST when given, else read from the hub (the
 * certificate's seal: signedPayload → SM3) with --hub and a token.
 *
 * With --presentation, the QR code a holder shows at a counter (亮证): the command asks the hub
 * for a presentation of the holder's certificate ID (presentCertificate, with the holder's token)
 * disclosing the items --items names, valid --ttl seconds, and the QR code is its link; prints
 * the link, then its expiry.
 *
 * Either way it writes a PNG (default: the ID, made safe as a file name, with `.png`) in the
 * directory the user ran the command from (INIT_CWD under npm run), not in the repository. Exits
 * (README › Scripts › Exit codes) 2 when called wrongly, 1 when the hub fails or the PNG cannot
 * be written.
 */
import { createRequire } from 'node:module';
import { PRESENTATION_TTL } from '../lib/presentation.js';
import { sm3Hex } from '../lib/seal/seal.js';
import { bearerToken, cliArgs, EXIT, fail, failUsage, hubOption, requireToken, TOKEN_OPTIONS, TOKEN_USAGE, userPath } from './args.js';
import { CliError, fetchSealedCertificate } from './export-certificate.js';

/** The part of the `qrcode` package used here (it ships no types of its own). */
interface QrCodeLibrary {
  toFile(path: string, text: string, options: { type: 'png'; errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H'; margin: number; width: number }): Promise<void>;
}
const qrcode = createRequire(import.meta.url)('qrcode') as QrCodeLibrary;

export const QR_PREFIX = 'ECERT1';
const DIGEST = /^[0-9a-fA-F]{64}$/;

/** The QR payload: `ECERT1|<id>|<sm3 hex, lowercase>`. */
export const qrPayload = (id: string, digest: string) => `${QR_PREFIX}|${id}|${digest.toLowerCase()}`;

const USAGE = [
  `usage: npm run --silent qr -- [--hub URL (${TOKEN_USAGE})] [--out FILE.png] ID [DIGEST]   (DIGEST: SM3 hex of the signed payload; else read from the hub)`,
  `       npm run --silent qr -- --presentation --hub URL (${TOKEN_USAGE}: the holder's) [--items CODE,CODE] [--ttl SECONDS] [--out FILE.png] ID`,
  `       (--items: the item codes to disclose, none by default; --ttl: ${PRESENTATION_TTL.min} to ${PRESENTATION_TTL.max}, default ${PRESENTATION_TTL.default})`,
].join('\n');

const { values, positionals } = cliArgs(USAGE, {
  hub: { type: 'string' },
  ...TOKEN_OPTIONS,
  out: { type: 'string' },
  presentation: { type: 'boolean' },
  items: { type: 'string' },
  ttl: { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(EXIT.OK);
}

/** The item codes of `--items a,b`: none for an empty value; an empty code between commas is a mistake. */
function itemsOption(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  const codes = value.split(',').map((code) => code.trim());
  if (codes.some((code) => code === '')) failUsage(`--items: an empty item code in "${value}"\n${USAGE}`);
  return codes;
}

/** `--ttl` as whole seconds within what the hub accepts; the default when absent. */
function ttlOption(value: string | undefined): number {
  if (value === undefined) return PRESENTATION_TTL.default;
  const ttl = Number(value);
  if (!/^\d+$/.test(value) || ttl < PRESENTATION_TTL.min || ttl > PRESENTATION_TTL.max) {
    failUsage(`--ttl: ${PRESENTATION_TTL.min} to ${PRESENTATION_TTL.max} seconds, found: ${value}`);
  }
  return ttl;
}

const PRESENT = /* GraphQL */ `
  mutation Present($id: ID!, $items: [String!], $ttlSeconds: Int) {
    presentCertificate(id: $id, items: $items, ttlSeconds: $ttlSeconds) { url expiresAt }
  }
`;

interface PresentAnswer {
  data?: { presentCertificate?: { url: string; expiresAt: string } | null } | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>;
}

/** `CODE (REASON): message` of each error, e.g. `FORBIDDEN (NOT_THE_HOLDER): …`. */
const describeErrors = (errors: NonNullable<PresentAnswer['errors']>) =>
  errors
    .map(({ message, extensions }) => `${extensions?.code ?? 'ERROR'}${extensions?.reason ? ` (${extensions.reason})` : ''}: ${message}`)
    .join('; ');

/** Asks the hub for a presentation of certificate `id`: its link and expiry, or a CliError saying why not. */
async function present(endpoint: URL, token: string, id: string, items: string[], ttlSeconds: number): Promise<{ url: string; expiresAt: string }> {
  let answer: PresentAnswer;
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: PRESENT, variables: { id, items, ttlSeconds } }),
    });
    answer = (await response.json()) as PresentAnswer;
  } catch (error) {
    throw new CliError(`${endpoint}: ${(error as Error).message}`);
  }
  const errors = answer.errors ?? [];
  if (errors.length > 0) throw new CliError(describeErrors(errors));
  const presentation = answer.data?.presentCertificate;
  if (!presentation) throw new CliError(`${endpoint}: no presentation in the answer`);
  return presentation;
}

/** What the QR code shows, and the lines printed once its PNG is written. */
interface QrContent {
  text: string;
  printed: string[];
}

/** A presentation's QR code: its link; printed with its expiry. */
async function presentationQr(id: string): Promise<QrContent> {
  if (positionals.length !== 1) failUsage(`--presentation takes one ID, no DIGEST\n${USAGE}`);
  const endpoint = hubOption(values.hub, USAGE);
  const token = requireToken(values, USAGE);
  const items = itemsOption(values.items);
  const ttlSeconds = ttlOption(values.ttl);
  try {
    const { url, expiresAt } = await present(endpoint, token, id, items, ttlSeconds);
    return { text: url, printed: [url, `expires ${expiresAt}`] };
  } catch (error) {
    if (error instanceof CliError) fail(error.message);
    throw error;
  }
}

/** A copy's QR code, `ECERT1|id|digest`, printed as it is; the digest read from the hub when not given. */
async function copyQr(id: string): Promise<QrContent> {
  if (values.items !== undefined || values.ttl !== undefined) failUsage(`--items and --ttl go with --presentation\n${USAGE}`);
  if (positionals.length > 2) failUsage(`ID and optionally DIGEST are required\n${USAGE}`);
  let digest = positionals[1];
  if (digest === undefined) {
    const token = bearerToken(values);
    if (!values.hub || !token) failUsage(`without DIGEST, --hub and a token (${TOKEN_USAGE}) are needed to read the seal\n${USAGE}`);
    try {
      const { seal } = await fetchSealedCertificate(hubOption(values.hub, USAGE).href, token, id);
      digest = sm3Hex(seal.signedPayload);
    } catch (error) {
      if (error instanceof CliError) fail(error.message);
      throw error;
    }
  }
  if (!DIGEST.test(digest)) failUsage(`DIGEST must be 64 hex digits (SM3), found: ${digest}`);
  const payload = qrPayload(id, digest);
  return { text: payload, printed: [payload] };
}

if (positionals.length < 1) failUsage(`ID is required\n${USAGE}`);
const id = positionals[0]!;
if (!id || id.includes('|')) failUsage(`not a certificate ID: ${id}`);

const { text, printed } = values.presentation ? await presentationQr(id) : await copyQr(id);
const out = userPath(values.out ?? `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.png`);
try {
  await qrcode.toFile(out, text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 360 });
} catch (error) {
  fail(`${out}: ${(error as Error).message}`);
}
for (const line of printed) console.log(line);
console.error(`wrote ${out}`);
