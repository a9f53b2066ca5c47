/**
 * npm run import -- --hub URL --token TOKEN --type CODE [--rejects FILE] [--batch N] [--parallel N] [--retries N] FILE.csv
 * Converts paper certificates (存量证照电子化转换) from a CSV file with the header
 * `number,holderKind,holderCode,holderName,issuedOn,validFrom,validUntil,<item code>...` into
 * CONVERTED certificates of the calling issuer, through the hub's importCertificates, N rows a
 * request (default 200, at most 500), up to P requests at a time (default 2: the hub seals one
 * batch while it stores the other). The file is streamed: no more than P batches are read ahead
 * of the hub's answers, so memory stays flat whatever the file's size. Rows already imported are
 * skipped by the hub, so a rerun — after an interruption too — stores nothing twice, and so a
 * batch that meets a passing failure (hub or node unreachable for a moment) is sent again, up to
 * R times (default 5, pauses of 1, 2, 4, 8, 16 … s). Rejected rows are written to FILE (their columns, then line, field and reason), or listed on
 * stderr without --rejects. Exits 0 when the whole file was read (rejections or not), 1 when it
 * could not be (hub unreachable beyond the retries, token refused, unknown type, unreadable file).
 */
import { createReadStream, closeSync, openSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isRealDate } from '../lib/codes.js';
import { cliArgs, fail } from './args.js';
import { csvLine, csvRecords, type CsvRecord } from './csv.js';

const USAGE =
  'usage: npm run import -- --hub URL --token TOKEN --type CODE [--rejects FILE] [--batch N] [--parallel N] [--retries N] FILE.csv   (TOKEN: an issuer agency\'s bearer token)';
const FIXED_COLUMNS = ['number', 'holderKind', 'holderCode', 'holderName', 'issuedOn', 'validFrom', 'validUntil'] as const;
const HOLDER_KINDS: ReadonlySet<string> = new Set(['PERSON', 'ORGANIZATION']);
const MAX_BATCH = 500;

const { values, positionals } = cliArgs(USAGE, {
  hub: { type: 'string' },
  token: { type: 'string' },
  type: { type: 'string' },
  rejects: { type: 'string' },
  batch: { type: 'string' },
  parallel: { type: 'string' },
  retries: { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const hub = values.hub ?? fail(`--hub is required\n${USAGE}`);
const token = values.token ?? fail(`--token is required\n${USAGE}`);
const typeCode = values.type ?? fail(`--type is required\n${USAGE}`);
if (positionals.length !== 1) fail(`one CSV file, please\n${USAGE}`);
const file = positionals[0]!;
const batchSize = values.batch === undefined ? 200 : Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) fail(`--batch: a whole number from 1 to ${MAX_BATCH}, not ${values.batch}`);

const parallel = values.parallel === undefined ? 2 : Number(values.parallel);
if (!Number.isInteger(parallel) || parallel < 1 || parallel > 8) fail(`--parallel: a whole number from 1 to 8, not ${values.parallel}`);

const retries = values.retries === undefined ? 5 : Number(values.retries);
if (!Number.isInteger(retries) || retries < 0 || retries > 10) fail(`--retries: a whole number from 0 to 10, not ${values.retries}`);

let endpoint: URL;
try {
  endpoint = new URL(hub);
} catch {
  fail(`--hub: not a URL: ${hub}`);
}
if (!endpoint.pathname.endsWith('/graphql')) endpoint.pathname = `${endpoint.pathname.replace(/\/$/, '')}/graphql`;

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Pauses before the retries of a batch that met a passing failure: 1, 2, 4, 8, 16, 30, 30 … s. */
const retryDelay = (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000);

/** Errors that say nothing about the rows: the hub or a node was unreachable for a moment. */
const isPassing = (status: number | null, code: string | undefined) =>
  status === null || status === 502 || status === 503 || status === 504 || code === 'NODE_UNAVAILABLE';

/**
 * Posts one operation. A passing failure (connection refused or reset, a node unavailable, a
 * gateway 502/503/504) is retried after a pause when `retry` is set — safe for a batch of the
 * import, whose rows the hub skips when they were stored by an attempt whose answer was lost.
 * Any other error — or a passing one that outlasts the retries — ends the import with exit 1.
 */
async function post<T>(query: string, variables: Record<string, unknown>, retry = false): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let status: number | null = null;
    let problem: string;
    let code: string | undefined;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      status = response.status;
      const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
      const first = answer.errors?.[0];
      if (!first && response.ok && answer.data) return answer.data;
      code = first?.extensions?.code;
      problem = first ? `${code ?? 'ERROR'}: ${first.message}` : `${endpoint}: HTTP ${response.status}`;
    } catch (error) {
      problem = `${endpoint}: ${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`;
    }
    const delay = retryDelay(attempt);
    if (!retry || attempt >= retries || !isPassing(status, code)) return stop(problem);
    console.error(`${progressShown ? '\r\x1b[K' : ''}${problem}; retrying the batch in ${delay / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

interface ImportRow {
  line: number;
  number: string;
  holderKind: string;
  holderCode: string;
  holderName: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  items: Array<{ code: string; value: string }>;
}
interface ImportAnswer {
  importCertificates: { imported: number; skipped: number; rejected: Array<{ line: number; field: string | null; reason: string }> };
}

const TYPE = /* GraphQL */ `query Type($code: ID!) { certificateType(code: $code) { code items { code } } }`;
const IMPORT = /* GraphQL */ `
  mutation Import($typeCode: ID!, $rows: [ImportRowInput!]!) {
    importCertificates(typeCode: $typeCode, rows: $rows) { imported skipped rejected { line field reason } }
  }
`;

// --- counts, progress and rejects ----------------------------------------------------------

const totals = { rows: 0, imported: 0, skipped: 0, rejected: 0 };
const started = Date.now();
const size = statSync(file, { throwIfNoEntry: false })?.size ?? fail(`${file}: no such file`);
const progressShown = process.stderr.isTTY === true;
let header: string[] = [];
let rejectsFd: number | null = null;

function progress(bytesRead: number): void {
  if (!progressShown) return;
  const share = size === 0 ? 1 : Math.min(1, bytesRead / size);
  const bar = '#'.repeat(Math.round(share * 20)).padEnd(20, '-');
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  const rate = Math.round(totals.rows / seconds);
  process.stderr.write(
    `\r[${bar}] ${String(Math.round(share * 100)).padStart(3)}%  ${totals.rows} rows, ${rate} rows/s  ` +
      `imported ${totals.imported}, skipped ${totals.skipped}, rejected ${totals.rejected}\x1b[K`,
  );
}

function summary(): string {
  return `imported ${totals.imported}, skipped ${totals.skipped}, rejected ${totals.rejected}`;
}

/** Ends the run with exit 1, saying how far it got: a rerun completes it. */
function stop(message: string): never {
  if (progressShown) process.stderr.write('\n');
  if (rejectsFd !== null) closeSync(rejectsFd);
  console.error(message);
  if (totals.rows > 0) console.error(`stopped after ${totals.rows} rows (${summary()}); run the same file again to complete the import`);
  process.exit(1);
}

/** Writes a rejection; `counted` false for the header's, which rejects a column, not a row. */
function reject(fields: readonly string[], line: number, field: string | null, reason: string, counted = true): void {
  if (counted) totals.rejected++;
  if (rejectsFd === null) {
    // On a terminal the progress line is cleared first, then redrawn after the next batch.
    console.error(`${progressShown ? '\r\x1b[K' : ''}line ${line}: ${field ? `${field}: ` : ''}${reason}`);
    return;
  }
  writeSync(rejectsFd, csvLine([...fields, String(line), field ?? '', reason]));
}

// --- the file --------------------------------------------------------------------------------

/** The row a record makes, or why it cannot be sent (what GraphQL would refuse for the whole batch). */
function rowOf(record: CsvRecord, itemCodes: readonly string[]): ImportRow | { field: string | null; reason: string } {
  if (record.problem !== undefined) return { field: null, reason: `malformed CSV: ${record.problem}` };
  const { fields } = record;
  if (fields.length !== header.length) return { field: null, reason: `expected ${header.length} columns, found ${fields.length}` };
  const [number, holderKind, holderCode, holderName, issuedOn, validFrom, validUntil] = fields as [string, string, string, string, string, string, string];
  if (!HOLDER_KINDS.has(holderKind)) return { field: 'holderKind', reason: `${JSON.stringify(holderKind)} is not PERSON or ORGANIZATION` };
  for (const [name, value] of [['issuedOn', issuedOn], ['validFrom', validFrom], ['validUntil', validUntil]] as const) {
    if (value !== '' || name !== 'validUntil') {
      if (!isRealDate(value)) return { field: name, reason: `${JSON.stringify(value)} is not a real date (YYYY-MM-DD)` };
    }
  }
  const items = itemCodes.flatMap((code, i) => {
    const value = fields[FIXED_COLUMNS.length + i]!;
    return value === '' ? [] : [{ code, value }];
  });
  return { line: record.line, number, holderKind, holderCode, holderName, issuedOn, validFrom, validUntil: validUntil === '' ? null : validUntil, items };
}

/** Batches sent and not yet answered, oldest first: their answers are counted in that order. */
const inFlight: Array<{ answer: Promise<ImportAnswer>; fieldsByLine: Map<number, string[]>; local: LocalRejection[]; bytesRead: number }> = [];

/** A row refused before it reached the hub, written with its batch's so the file stays in line order. */
interface LocalRejection {
  fields: string[];
  line: number;
  field: string | null;
  reason: string;
}

/** Counts the oldest batch's answer and writes its rejections. */
async function settleOldest(): Promise<void> {
  const oldest = inFlight.shift();
  if (!oldest) return;
  const { importCertificates: result } = await oldest.answer;
  totals.imported += result.imported;
  totals.skipped += result.skipped;
  const rejections = [
    ...oldest.local,
    ...result.rejected.map((rejection) => ({ ...rejection, fields: oldest.fieldsByLine.get(rejection.line) ?? [] })),
  ].sort((a, b) => a.line - b.line);
  for (const rejection of rejections) reject(rejection.fields, rejection.line, rejection.field, rejection.reason);
  progress(oldest.bytesRead);
}

/**
 * Sends a batch, first waiting for the oldest answer when `parallel` are out: the stream waits
 * for the hub (backpressure). A failed batch ends the run (post exits), so nothing after a gap
 * is counted as done; a rerun skips what the hub stored.
 */
async function sendBatch(rows: ImportRow[], fieldsByLine: Map<number, string[]>, local: LocalRejection[], bytesRead: number): Promise<void> {
  if (rows.length === 0 && local.length === 0) return;
  while (inFlight.length >= parallel) await settleOldest();
  const answer = rows.length === 0 ? Promise.resolve({ importCertificates: { imported: 0, skipped: 0, rejected: [] } }) : post<ImportAnswer>(IMPORT, { typeCode, rows }, true);
  // Settled in order by settleOldest; this only keeps an early failure from going unhandled.
  answer.catch(() => {});
  inFlight.push({ answer, fieldsByLine, local, bytesRead });
}

const type = await post<{ certificateType: { code: string; items: Array<{ code: string }> } | null }>(TYPE, { code: typeCode });
if (!type.certificateType) stop(`--type: no certificate type ${typeCode} in the catalog`);
const knownItems = new Set(type.certificateType.items.map((item) => item.code));

const input = createReadStream(file, { encoding: 'utf8' });
input.on('error', (error) => stop(`${file}: ${error.message}`));
const lines = createInterface({ input, crlfDelay: Infinity });

process.once('SIGINT', () => stop('interrupted'));

let itemCodes: string[] = [];
let batch: ImportRow[] = [];
let fieldsByLine = new Map<number, string[]>();
let local: LocalRejection[] = [];
for await (const record of csvRecords(lines)) {
  if (header.length === 0) {
    header = record.fields;
    const fixed = header.slice(0, FIXED_COLUMNS.length);
    if (record.problem !== undefined || fixed.join(',') !== FIXED_COLUMNS.join(',')) {
      stop(`${file}: line ${record.line}: the header must begin with ${FIXED_COLUMNS.join(',')}`);
    }
    itemCodes = header.slice(FIXED_COLUMNS.length);
    if (values.rejects !== undefined) {
      rejectsFd = openSync(values.rejects, 'w');
      writeSync(rejectsFd, csvLine([...header, 'line', 'field', 'reason']));
    }
    // An unknown column is reported once; its cells still go to the hub, which rejects every
    // row with a value there (an item the type does not have) by the rules of issueCertificate.
    for (const code of itemCodes) {
      if (!knownItems.has(code)) reject(header, record.line, code, `${typeCode} has no item ${code}`, false);
    }
    const seen = new Set<string>();
    for (const code of itemCodes) {
      if (seen.has(code)) stop(`${file}: line ${record.line}: column ${code} appears twice`);
      seen.add(code);
    }
    continue;
  }
  totals.rows++;
  const row = rowOf(record, itemCodes);
  if (!('line' in row)) {
    local.push({ fields: record.fields, line: record.line, ...row });
    continue;
  }
  batch.push(row);
  fieldsByLine.set(record.line, record.fields);
  if (batch.length >= batchSize) {
    await sendBatch(batch, fieldsByLine, local, input.bytesRead);
    batch = [];
    fieldsByLine = new Map();
    local = [];
  }
}
if (header.length === 0) stop(`${file}: empty, not even a header`);
await sendBatch(batch, fieldsByLine, local, size);
while (inFlight.length > 0) await settleOldest();
progress(size);
if (progressShown) process.stderr.write('\n');
if (rejectsFd !== null) closeSync(rejectsFd);
console.log(summary());
process.exit(0);
