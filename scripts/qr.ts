/**
 * npm run qr -- [--hub URL --token-file FILE] [--out FILE.png] ID [DIGEST]
 * The QR code printed on a paper or PDF copy for 亮证核验: the payload `ECERT1|<id>|<digest>`,
 * the digest being the SM3 hex of the certificate's signed payload, which a verifier passes to
 * `verifyCertificate(id, digest)`. The digest is DIGEST when given, else read from the hub (the
 * certificate's seal: signedPayload → SM3) with --hub and a token. Prints the payload and
 * writes a PNG (default: the ID, made safe as a file name, with `.png`) in the directory the
 * user ran the command from (INIT_CWD under npm run), not in the repository. Exits (README ›
 * Scripts › Exit codes) 2 when called wrongly, 1 when the hub fails or the PNG cannot be written.
 */
import { createRequire } from 'node:module';
import { sm3Hex } from '../lib/seal/seal.js';
import { bearerToken, cliArgs, EXIT, fail, failUsage, hubOption, TOKEN_OPTIONS, TOKEN_USAGE, userPath } from './args.js';
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

const USAGE = `usage: npm run --silent qr -- [--hub URL (${TOKEN_USAGE})] [--out FILE.png] ID [DIGEST]   (DIGEST: SM3 hex of the signed payload; else read from the hub)`;

const { values, positionals } = cliArgs(USAGE, { hub: { type: 'string' }, ...TOKEN_OPTIONS, out: { type: 'string' } });
if (values.help) {
  console.log(USAGE);
  process.exit(EXIT.OK);
}
if (positionals.length < 1 || positionals.length > 2) failUsage(`ID and optionally DIGEST are required\n${USAGE}`);
const id = positionals[0]!;
if (!id || id.includes('|')) failUsage(`not a certificate ID: ${id}`);

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
const out = userPath(values.out ?? `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.png`);
try {
  await qrcode.toFile(out, payload, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 360 });
} catch (error) {
  fail(`${out}: ${(error as Error).message}`);
}
console.log(payload);
console.error(`wrote ${out}`);
