/**
 * npm run import -- --hub URL --token-file FILE --type CODE [--encoding E] [--rejects FILE] [--batch N] [--parallel N] [--retries N] FILE.csv
 * Converts paper certificates (存量证照电子化转换) from a CSV file with the header
 * `number,holderKind,holderCode,holderName,issuedOn,validFrom,validUntil,<item code>...` into
 * CONVERTED certificates of the calling issuer, through the hub's importCertificates, N rows a
 * request (default 200, at most 500), up to P requests at a time (default 2: the hub seals one
 * batch while it stores the other).
 *
 * Before any row is sent, the header is checked against the type's items as the hub lists them,
 * and the file is read through once: its encoding found (a byte order mark; else UTF-8, which must
 * be valid, or --encoding), and every field checked to be text (no U+FFFD, no control characters
 * but tab and line breaks). A seal fixes what it seals and every copy of the certificate shows it,
 * so a file that would seal mojibake is refused whole (exit 2), not imported in part. Then the
 * file is read again and sent: no more than P batches are read ahead of the hub's answers, so
 * memory stays flat whatever the file's size. Rows already imported are skipped by the hub, so a
 * rerun — after an interruption too — stores nothing twice, and so a batch that meets a passing
 * failure (hub or node unreachable for a moment) is sent again, up to R times (default 5, pauses
 * of 1, 2, 4, 8, 16 … s). Rejected rows are written to FILE (their columns, then line, field and
 * reason), or listed on stderr without --rejects. Relative paths are the user's (INIT_CWD under
 * npm run). Exits (README › Scripts › Exit codes) 0 when every row was imported or skipped, 3 when
 * rows were rejected, 2 when the call, the header or the file's text is wrong (nothing sent), 1
 * when the run failed (hub unreachable beyond the retries, token refused, unknown type).
 */
import { createReadStream, closeSync, openSync, statSync, writeSync } from 'node:fs';
import { isRealDate } from '../lib/codes.js';
import { cliArgs, EXIT, failUsage, hubOption, requireToken, TOKEN_OPTIONS, TOKEN_USAGE, userPath } from './args.js';
import { CSV_ENCODINGS, csvLine, csvRecords, textLines, textProblem, UnreadableText, type CsvRecord } from './csv.js';

const USAGE = `usage: npm run import -- --hub URL (${TOKEN_USAGE}) --type CODE [--encoding ${CSV_ENCODINGS.join('|')}] [--rejects FILE] [--batch N] [--parallel N] [--retries N] FILE.csv   (TOKEN: an issuer agency's bearer token)`;
const FIXED_COLUMNS = ['number', 'holderKind', 'holderCode', 'holderName', 'issuedOn', 'validFrom', 'validUntil'] as const;
type FixedColumn = (typeof FIXED_COLUMNS)[number];
const HOLDER_KINDS: ReadonlySet<string> = new Set(['PERSON', 'ORGANIZATION']);
const MAX_BATCH = 500;
/** How many text problems a refused file lists: enough to see the pattern, not a screen per row. */
const PROBLEMS_SHOWN = 10;

const REPLACE_REFUSED = `--replace: replacing certificates that were converted wrongly needs certificate versions (issue 12), which the hub does not have yet; nothing was sent.
Until then:
  - have the issuer withdraw each wrong certificate, so that it no longer verifies as valid:
      mutation { changeCertificateStatus(id: "<id>", status: WITHDRAWN, reason: "converted from a mis-decoded file") { id status } }
  - keep the corrected file. Importing it now replaces nothing: the hub holds each number once per
    type and issuer, withdrawn or not, so the corrected rows are only counted as skipped. Once
    versions land, --replace will store each as a new version of its certificate.`;

const { values, positionals } = cliArgs(USAGE, {
  hub: { type: 'string' },
  ...TOKEN_OPTIONS,
  type: { type: 'string' },
  encoding: { type: 'string' },
  replace: { type: 'boolean' },
  rejects: { type: 'string' },
  batch: { type: 'string' },
  parallel: { type: 'string' },
  retries: { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(EXIT.OK);
}
if (values.replace) failUsage(REPLACE_REFUSED);
const endpoint = hubOption(values.hub, USAGE);
const typeCode = values.type ?? failUsage(`--type is required\n${USAGE}`);
if (positionals.length !== 1) failUsage(`one CSV file, please\n${USAGE}`);
const shownName = positionals[0]!;
const file = userPath(shownName);
const encoding = values.encoding === undefined ? undefined : CSV_ENCODINGS.find((name) => name === values.encoding!.toLowerCase());
if (values.encoding !== undefined && encoding === undefined) failUsage(`--encoding: one of ${CSV_ENCODINGS.join(', ')}, not ${values.encoding}`);
const batchSize = values.batch === undefined ? 200 : Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) failUsage(`--batch: a whole number from 1 to ${MAX_BATCH}, not ${values.batch}`);

const parallel = values.parallel === undefined ? 2 : Number(values.parallel);
if (!Number.isInteger(parallel) || parallel < 1 || parallel > 8) failUsage(`--parallel: a whole number from 1 to 8, not ${values.parallel}`);

const retries = values.retries === undefined ? 5 : Number(values.retries);
if (!Number.isInteger(retries) || retries < 0 || retries > 10) failUsage(`--retries: a whole number from 0 to 10, not ${values.retries}`);
const rejectsPath = values.rejects === undefined ? undefined : userPath(values.rejects);
const token = requireToken(values, USAGE);

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
const size = statSync(file, { throwIfNoEntry: false })?.size ?? failUsage(`${file}: no such file`);
const progressShown = process.stderr.isTTY === true;
let started = Date.now();
let header: string[] = [];
/** Where each fixed column is in the file, and each item column, in the file's order; from the checked header. */
const fixedAt = {} as Record<FixedColumn, number>;
let itemColumns: Array<{ code: string; at: number }> = [];
let rejectsFd: number | null = null;

/** Rows the hub has answered for (imported, skipped or rejected), as against rows merely sent. */
const done = () => totals.imported + totals.skipped + totals.rejected;

/** A duration for the progress line: 45s, 3m 05s, 2h 10m. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * Redraws the progress line after an answer, or at the `end`. `bytesRead` is how far the file had
 * been read when the answered batch was sent, so the share, the rate and the time left all count
 * rows the hub has answered for; rows in flight count only once their answer is in.
 */
function progress(bytesRead: number, end = false): void {
  if (!progressShown) return;
  const share = size === 0 ? 1 : Math.min(1, bytesRead / size);
  const bar = '#'.repeat(Math.round(share * 20)).padEnd(20, '-');
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  const rate = done() / seconds;
  // The file's bytes measure the work left more steadily than rows, whose length varies; once
  // they are all read, what is left is the rows read and not yet answered.
  const left = share < 1 ? (seconds * (1 - share)) / share : rate > 0 ? (totals.rows - done()) / rate : 0;
  const eta = end ? 'done' : `ETA ${duration(left)}`;
  process.stderr.write(
    `\r[${bar}] ${String(Math.round(share * 100)).padStart(3)}%  ${done()} rows done ` +
      `(imported ${totals.imported}, skipped ${totals.skipped}, rejected ${totals.rejected}), ${Math.round(rate)} rows/s, ${eta}\x1b[K`,
  );
}

function summary(): string {
  return `imported ${totals.imported}, skipped ${totals.skipped}, rejected ${totals.rejected}`;
}

/** Ends the run, by default with exit 1, saying how far it got: a rerun completes it. */
function stop(message: string, code: number = EXIT.FAILED): never {
  if (progressShown) process.stderr.write('\r\x1b[K');
  if (rejectsFd !== null) closeSync(rejectsFd);
  console.error(message);
  if (totals.rows > 0) console.error(`stopped after reading ${totals.rows} rows, ${done()} answered by the hub (${summary()}); run the same file again to complete the import`);
  process.exit(code);
}

/** Writes a rejected row. */
function reject(fields: readonly string[], line: number, field: string | null, reason: string): void {
  totals.rejected++;
  if (rejectsFd === null) {
    // On a terminal the progress line is cleared first, then redrawn after the next batch.
    console.error(`${progressShown ? '\r\x1b[K' : ''}line ${line}: ${field ? `${field}: ` : ''}${reason}`);
    return;
  }
  writeSync(rejectsFd, csvLine([...fields, String(line), field ?? '', reason]));
}

// --- the file --------------------------------------------------------------------------------

/** The records of the file, its bytes decoded as {@link textLines} does; `onRead` hears how far the file has been read. */
function fileRecords(onRead: (bytesRead: number) => void): AsyncGenerator<CsvRecord> {
  const input = createReadStream(file);
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      onRead(input.bytesRead);
      yield chunk as Buffer;
    }
  }
  return csvRecords(textLines(chunks(), encoding));
}

/** How many single-character edits turn `a` into `b` (Levenshtein), to guess what a misspelled column meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Why the header does not fit the type, one line each, or none: every fixed column once, and
 * otherwise only item codes of the type, each once, in any order. A column the type does not
 * know would otherwise show only row by row, after rows were sealed without it.
 */
function headerProblems(columns: readonly string[], items: readonly string[]): string[] {
  if (columns.length === 1 && /[\t;]/.test(columns[0]!)) {
    return [`the header has no commas, but ${columns[0]!.includes('\t') ? 'tabs' : 'semicolons'}: save the file as CSV (comma-separated)`];
  }
  const expected: readonly string[] = [...FIXED_COLUMNS, ...items];
  const problems: string[] = [];
  const seen = new Set<string>();
  columns.forEach((column, i) => {
    if (seen.has(column)) problems.push(`column ${JSON.stringify(column)} appears twice (column ${i + 1})`);
    else if (!expected.includes(column)) {
      const meant = expected.find((name) => !columns.includes(name) && (name.toLowerCase() === column.trim().toLowerCase() || editDistance(name, column) <= 2));
      problems.push(`unknown column ${JSON.stringify(column)} (column ${i + 1})${meant ? `: did you mean ${meant}?` : ''}`);
    }
    seen.add(column);
  });
  for (const wanted of FIXED_COLUMNS) if (!seen.has(wanted)) problems.push(`missing column ${wanted}`);
  return problems;
}

/**
 * Reads the whole file once before anything is sent, exiting 2 with every reason it cannot be
 * imported as it stands: bytes that are not text in its encoding, a header that does not fit the
 * type, fields that are not text. Row problems (a bad date, a missing item) are not among them:
 * those reject a row, with the rest imported.
 */
async function checkFile(items: readonly string[]): Promise<void> {
  const problems: string[] = [];
  let count = 0;
  let columns: string[] | undefined;
  let shownAt = 0;
  const onRead = (bytesRead: number) => {
    if (!progressShown || Date.now() - shownAt < 200) return;
    shownAt = Date.now();
    process.stderr.write(`\rchecking ${shownName}: ${size === 0 ? 100 : Math.floor((bytesRead / size) * 100)}%\x1b[K`);
  };
  try {
    for await (const record of fileRecords(onRead)) {
      if (columns === undefined) {
        columns = record.fields;
        const wrong = record.problem === undefined ? headerProblems(columns, items) : [`malformed CSV: ${record.problem}`];
        if (wrong.length > 0) {
          const expected = `${FIXED_COLUMNS.join(',')} (validUntil may be empty), and the items of ${typeCode}: ${items.join(',')}`;
          stop(`${shownName}: line ${record.line}: the header does not fit ${typeCode}; nothing was sent:\n  ${wrong.join('\n  ')}\nexpected columns, in any order: ${expected}`, EXIT.USAGE);
        }
      }
      record.fields.forEach((value, i) => {
        const problem = textProblem(value);
        if (problem === undefined) return;
        if (++count <= PROBLEMS_SHOWN) problems.push(`line ${record.line}, column ${columns![i] ?? i + 1}: ${problem}`);
      });
    }
  } catch (error) {
    if (!(error instanceof UnreadableText)) stop(`${shownName}: ${(error as Error).message}`, EXIT.USAGE);
    const hint =
      error.offset === undefined || encoding === 'gb18030' || encoding === 'gbk'
        ? ''
        : `\nExcel on Chinese Windows saves CSV as GB18030: if this file is one, run again with --encoding gb18030 (or save it from Excel as "CSV UTF-8").`;
    stop(`${shownName}: ${error.message}; nothing was sent.${hint}`, EXIT.USAGE);
  }
  if (progressShown) process.stderr.write('\r\x1b[K');
  if (columns === undefined) stop(`${shownName}: empty, not even a header`, EXIT.USAGE);
  if (count > 0) {
    const more = count > PROBLEMS_SHOWN ? `\n  … and ${count - PROBLEMS_SHOWN} more` : '';
    const hint = encoding === undefined ? '' : ` (read as ${encoding}: is that the file's encoding?)`;
    stop(`${shownName}: ${count === 1 ? '1 field is' : `${count} fields are`} not text that can be sealed${hint}; nothing was sent:\n  ${problems.join('\n  ')}${more}`, EXIT.USAGE);
  }
}

/** The row a record makes, or why it cannot be sent (what GraphQL would refuse for the whole batch). */
function rowOf(record: CsvRecord): ImportRow | { field: string | null; reason: string } {
  if (record.problem !== undefined) return { field: null, reason: `malformed CSV: ${record.problem}` };
  const { fields } = record;
  if (fields.length !== header.length) return { field: null, reason: `expected ${header.length} columns, found ${fields.length}` };
  type Cells = [string, string, string, string, string, string, string];
  const [number, holderKind, holderCode, holderName, issuedOn, validFrom, validUntil] = FIXED_COLUMNS.map((column) => fields[fixedAt[column]]!) as Cells;
  if (!HOLDER_KINDS.has(holderKind)) return { field: 'holderKind', reason: `${JSON.stringify(holderKind)} is not PERSON or ORGANIZATION` };
  for (const [name, value] of [['issuedOn', issuedOn], ['validFrom', validFrom], ['validUntil', validUntil]] as const) {
    if (value !== '' || name !== 'validUntil') {
      if (!isRealDate(value)) return { field: name, reason: `${JSON.stringify(value)} is not a real date (YYYY-MM-DD)` };
    }
  }
  const items = itemColumns.flatMap(({ code, at }) => (fields[at] === '' ? [] : [{ code, value: fields[at]! }]));
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

process.once('SIGINT', () => stop('interrupted'));

const type = await post<{ certificateType: { code: string; items: Array<{ code: string }> } | null }>(TYPE, { code: typeCode });
if (!type.certificateType) stop(`--type: no certificate type ${typeCode} in the catalog`);
await checkFile(type.certificateType.items.map((item) => item.code));

// The rate and the time left count from here: the check before is no part of the sending.
started = Date.now();
let bytesRead = 0;
let batch: ImportRow[] = [];
let fieldsByLine = new Map<number, string[]>();
let local: LocalRejection[] = [];
try {
  for await (const record of fileRecords((read) => (bytesRead = read))) {
    if (header.length === 0) {
      // Checked by checkFile, before anything was sent.
      header = record.fields;
      for (const column of FIXED_COLUMNS) fixedAt[column] = header.indexOf(column);
      itemColumns = header.flatMap((code, at) => ((FIXED_COLUMNS as readonly string[]).includes(code) ? [] : [{ code, at }]));
      if (rejectsPath !== undefined) {
        rejectsFd = openSync(rejectsPath, 'w');
        writeSync(rejectsFd, csvLine([...header, 'line', 'field', 'reason']));
      }
      continue;
    }
    totals.rows++;
    const row = rowOf(record);
    if (!('line' in row)) {
      local.push({ fields: record.fields, line: record.line, ...row });
      continue;
    }
    batch.push(row);
    fieldsByLine.set(record.line, record.fields);
    if (batch.length >= batchSize) {
      await sendBatch(batch, fieldsByLine, local, bytesRead);
      batch = [];
      fieldsByLine = new Map();
      local = [];
    }
  }
} catch (error) {
  // The file changed or went away since it was checked.
  stop(`${shownName}: ${(error as Error).message}`, EXIT.USAGE);
}
await sendBatch(batch, fieldsByLine, local, size);
while (inFlight.length > 0) await settleOldest();
progress(size, true);
if (progressShown) process.stderr.write('\n');
if (rejectsFd !== null) closeSync(rejectsFd);
console.log(summary());
process.exit(totals.rejected > 0 ? EXIT.PARTIAL : EXIT.OK);
