/**
 * npm run draw -- --hub URL --token-file FILE --kind KIND [--region R] --size N --seed S --out FILE.csv [--inspectors FILE] [--population-out FILE] [--partial]
 * npm run draw -- --population FILE --size N --seed S --out FILE.csv [--inspectors FILE]
 *
 * A random inspection draw (双随机：随机抽取检查对象、随机选派执法检查人员), README › Random inspection
 * draws. Reads every supervision finding of the kind (and region) through the hub, 200 a page, as
 * a supervisor; draws `size` of them by the published algorithm of lib/draw.ts from `seed`, and
 * two inspectors for each from `--inspectors`; records the draw in the audit log
 * (recordInspectionDraw: the seed, the counts and the digests); then writes the drawn findings
 * with their inspectors as CSV, and prints the digests anybody needs to check the draw. With
 * `--population FILE` (the ids `--population-out` wrote) it draws again offline, from the ids
 * alone: nothing is sent, nothing recorded — the way to check a published draw.
 *
 * Every run against the hub is recorded, so there is no dry run: an auditor sees every draw made,
 * not only the one published. A draw over an incomplete population (a node did not answer) is
 * not made unless `--partial` says so: its result would change once the node answers. Exits
 * (README › Scripts › Exit codes) 0 when drawn, recorded and written (also when the population
 * holds fewer than asked: all of it is drawn); 3 when drawn with --partial from the nodes that
 * answered; 1 when the hub refused or failed, a node did not answer (without --partial), or the
 * draw could not be recorded — nothing written then; 2 when called wrongly or an input file
 * cannot be read (nothing sent).
 */
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DRAW_ALGORITHM, drawInspection, INSPECTORS_PER_OBJECT, MAX_DRAW_SIZE, seedProblem, type InspectionDraw } from '../lib/draw.js';
import type { FindingKind } from '../subgraphs/certificate/generated/resolvers.js';
import { cliArgs, EXIT, fail, failUsage, hubOption, requireToken, TOKEN_OPTIONS, TOKEN_USAGE, userPath } from './args.js';
import { csvLine, csvRecords, textLines, textProblem, UnreadableText } from './csv.js';

/** The kinds of findings a draw is made from (FindingKind), and ALL for every kind. */
export const DRAW_KINDS = ['UNLICENSED', 'LICENCE_EXPIRED', 'LICENCE_REVOKED', 'CLOSED_WITH_VALID_LICENCES', 'ANNUAL_REPORT_MISSING'] as const satisfies readonly FindingKind[];
// A FindingKind added to the schema and missing above fails the typecheck here.
const EVERY_KIND_LISTED: [Exclude<FindingKind, (typeof DRAW_KINDS)[number]>] extends [never] ? true : never = true;
void EVERY_KIND_LISTED;

const USAGE = `usage: npm run draw -- --hub URL (${TOKEN_USAGE}) --kind ${DRAW_KINDS.join('|')}|ALL [--region R] --size N --seed S --out FILE.csv [--inspectors FILE] [--population-out FILE] [--partial]
       npm run draw -- --population FILE --size N --seed S --out FILE.csv [--inspectors FILE]   (checks a draw offline: nothing sent or recorded)
  TOKEN       a supervisor agency's bearer token
  --kind      the findings drawn from; ALL for findings of every kind
  --region    only findings about entities of this 6-digit region (a city covers its districts)
  --size      how many to draw, 1 to ${MAX_DRAW_SIZE}; all of them (in a random order) when fewer
  --seed      the published seed, used exactly as given (1 to 200 characters)
  --out       the CSV written: order,findingId,kind,uscc,entityName,node,detail, and each inspector's id and name
  --inspectors  a CSV of id,name lines (a header id,name may come first), at least ${INSPECTORS_PER_OBJECT}: ${INSPECTORS_PER_OBJECT} of them are drawn for each finding
  --population-out  also writes the population's ids, one a line, as its digest covers them (publish it to let others check the draw)
  --partial   draw even when a node did not answer (exit 3), from the findings of the nodes that did
  --population  draws from the ids of FILE (as --population-out wrote them) instead of the hub`;

/** One inspector: 执法证号 (or another id that names one person) and name. */
export interface Inspector {
  id: string;
  name: string;
}

/** Longest inspector id and name, in characters. */
const MAX_INSPECTOR_ID = 64;
const MAX_INSPECTOR_NAME = 100;
/** How many problems of a refused file are listed. */
const PROBLEMS_SHOWN = 10;

/**
 * The inspectors of an `--inspectors` file's bytes: UTF-8 (a byte order mark allowed; UTF-16
 * with one), CSV lines of `id,name`, blank lines skipped, an optional first line `id,name`.
 * An id is 1 to 64 characters without white space, commas or quotes; a name 1 to 100 characters
 * of text; both trimmed. Every problem is listed, with its line: an id twice, a malformed line.
 */
export async function parseInspectors(bytes: Buffer): Promise<{ inspectors: Inspector[]; problems: string[] }> {
  const inspectors: Inspector[] = [];
  const problems: string[] = [];
  const lineOf = new Map<string, number>();
  try {
    for await (const record of csvRecords(textLines([bytes]))) {
      const fields = record.fields.map((field) => field.trim());
      if (inspectors.length === 0 && problems.length === 0 && fields.length === 2 && fields[0]!.toLowerCase() === 'id' && fields[1]!.toLowerCase() === 'name') continue;
      const at = `line ${record.line}`;
      if (record.problem !== undefined) problems.push(`${at}: malformed CSV: ${record.problem}`);
      else if (fields.length !== 2) problems.push(`${at}: expected 2 columns, id,name; found ${fields.length}`);
      else {
        const [id, name] = fields as [string, string];
        const idProblem =
          id === '' || [...id].length > MAX_INSPECTOR_ID || /[\s,"]/u.test(id)
            ? `the id must be 1 to ${MAX_INSPECTOR_ID} characters without white space, commas or quotes, not ${JSON.stringify(id)}`
            : textProblem(id);
        const nameProblem = name === '' || [...name].length > MAX_INSPECTOR_NAME ? `the name must be 1 to ${MAX_INSPECTOR_NAME} characters` : textProblem(name);
        if (idProblem) problems.push(`${at}: ${idProblem}`);
        else if (nameProblem) problems.push(`${at}: ${nameProblem}`);
        else if (lineOf.has(id)) problems.push(`${at}: the id ${id} is listed twice (line ${lineOf.get(id)} too)`);
        else {
          lineOf.set(id, record.line);
          inspectors.push({ id, name });
        }
      }
    }
  } catch (error) {
    if (!(error instanceof UnreadableText)) throw error;
    problems.push(`${error.message} (save it as UTF-8, e.g. "CSV UTF-8" in Excel)`);
  }
  return { inspectors, problems };
}

/** One finding as the draw keeps it: what the CSV shows of it. */
interface PopulationFinding {
  id: string;
  kind: string;
  uscc: string;
  name: string;
  node: string;
  detail: string;
}

const HEADER = ['order', 'findingId', 'kind', 'uscc', 'entityName', 'node', 'detail', 'inspector1Id', 'inspector1Name', 'inspector2Id', 'inspector2Name'];

/**
 * The CSV of a draw: UTF-8 with a byte order mark (so that Excel opens the names as UTF-8), CRLF
 * lines (RFC 4180), a header, then one line per drawn finding in draw order. Offline, only the
 * ids are known: the finding's other columns are empty.
 */
export function drawCsv(draw: InspectionDraw, findings: ReadonlyMap<string, PopulationFinding> | null, inspectors: ReadonlyMap<string, string> | null): string {
  const lines = [csvLine(HEADER)];
  draw.drawn.forEach((id, i) => {
    const finding = findings?.get(id);
    const pair = draw.assignments?.[i] ?? [];
    lines.push(
      csvLine([
        String(i + 1),
        id,
        finding?.kind ?? '',
        finding?.uscc ?? '',
        finding?.name ?? '',
        finding?.node ?? '',
        finding?.detail ?? '',
        ...pair.flatMap((inspector) => [inspector, inspectors?.get(inspector) ?? '']),
        ...Array<string>(2 * (INSPECTORS_PER_OBJECT - pair.length)).fill(''),
      ]),
    );
  });
  return `\uFEFF${lines.join('')}`;
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; node?: string } }>;
}

const POPULATION_PAGE = 200;
const FINDINGS = /* GraphQL */ `
  query DrawPopulation($filter: SupervisionFindingsFilter, $first: Int, $after: String) {
    supervisionFindings(filter: $filter, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id kind detail entity { uscc name node } } }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation RecordDraw($input: RecordInspectionDrawInput!) { recordInspectionDraw(input: $input) }
`;
type FindingsPage = {
  supervisionFindings: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; kind: string; detail: string; entity: { uscc: string; name: string; node: string } } }>;
  } | null;
};

/** Exits 2 unless a file can be written at `path` (its directory exists and is writable; it is no directory). */
function writable(option: string, path: string): void {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) failUsage(`${option} ${path}: a directory, not a file`);
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    failUsage(`${option} ${path}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function readInput(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    return failUsage(`${option} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = cliArgs(USAGE, {
    hub: { type: 'string' },
    ...TOKEN_OPTIONS,
    kind: { type: 'string' },
    region: { type: 'string' },
    size: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    inspectors: { type: 'string' },
    'population-out': { type: 'string' },
    partial: { type: 'boolean' },
    population: { type: 'string' },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.OK);
  }
  if (positionals.length > 0) failUsage(`unexpected argument ${positionals[0]}\n${USAGE}`);
  const offline = values.population !== undefined;
  if (offline) {
    const online = (['hub', 'token', 'token-file', 'kind', 'region', 'population-out', 'partial'] as const).filter((name) => values[name] !== undefined);
    if (online.length > 0) failUsage(`--population draws offline from the ids of a file: --${online[0]} has no part in it\n${USAGE}`);
  }

  // Everything the draw needs is checked before anything is sent.
  const seed = values.seed ?? failUsage(`--seed is required: a draw without a published seed cannot be checked\n${USAGE}`);
  const seedWrong = seedProblem(seed);
  if (seedWrong) failUsage(`--seed: ${seedWrong}`);
  if (values.size === undefined) failUsage(`--size is required\n${USAGE}`);
  const size = Number(values.size);
  if (!/^\d+$/.test(values.size) || size < 1 || size > MAX_DRAW_SIZE) failUsage(`--size: a whole number from 1 to ${MAX_DRAW_SIZE}, not ${values.size}`);
  const out = userPath(values.out ?? failUsage(`--out is required\n${USAGE}`));
  writable('--out', out);
  const populationOut = values['population-out'] === undefined ? undefined : userPath(values['population-out']);
  if (populationOut !== undefined) writable('--population-out', populationOut);

  let inspectors: Inspector[] | null = null;
  if (values.inspectors !== undefined) {
    const path = userPath(values.inspectors);
    const { inspectors: read, problems } = await parseInspectors(readInput('--inspectors', path));
    if (problems.length > 0) {
      const more = problems.length > PROBLEMS_SHOWN ? `\n  … and ${problems.length - PROBLEMS_SHOWN} more` : '';
      failUsage(`--inspectors ${path}: cannot be read as id,name lines; nothing was sent:\n  ${problems.slice(0, PROBLEMS_SHOWN).join('\n  ')}${more}`);
    }
    if (read.length < INSPECTORS_PER_OBJECT) failUsage(`--inspectors ${path}: ${read.length} inspector(s); at least ${INSPECTORS_PER_OBJECT} are needed, since they work in pairs`);
    inspectors = read;
  }

  let findings: Map<string, PopulationFinding> | null = null;
  let ids: string[];
  let kind: (typeof DRAW_KINDS)[number] | 'ALL' | null = null;
  let region: string | null = null;
  const unavailable = new Set<string>();
  let send: (<T>(query: string, variables: Record<string, unknown>) => Promise<GraphQLAnswer<T>>) | null = null;

  if (offline) {
    const path = userPath(values.population!);
    ids = [];
    try {
      for await (const line of textLines([readInput('--population', path)])) if (line !== '') ids.push(line);
    } catch (error) {
      failUsage(`--population ${path}: ${(error as Error).message}`);
    }
  } else {
    const endpoint = hubOption(values.hub, USAGE);
    if (values.kind === undefined) failUsage(`--kind is required: one of ${DRAW_KINDS.join(', ')}, or ALL\n${USAGE}`);
    kind = [...DRAW_KINDS, 'ALL' as const].find((name) => name === values.kind) ?? failUsage(`--kind: one of ${DRAW_KINDS.join(', ')}, or ALL; not ${values.kind}`);
    region = values.region ?? null;
    if (region !== null && !/^\d{6}$/.test(region)) failUsage(`--region: a 6-digit region code such as 350200, not ${region}`);
    const token = requireToken(values, USAGE);
    send = async <T>(query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer<T>> => {
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          // Supervision reads for SUPERVISION (the hub binds it); the draw's record says so too.
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'SUPERVISION' },
          body: JSON.stringify({ query, variables }),
        });
        const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
        if (!response.ok && !answer.errors?.length) fail(`${endpoint}: HTTP ${response.status}`);
        return answer;
      } catch (error) {
        const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
        return fail(`${endpoint}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
      }
    };
    findings = new Map();
    const filter = { ...(kind === 'ALL' ? {} : { kinds: [kind] }), ...(region === null ? {} : { region }) };
    const progress = process.stderr.isTTY === true;
    let after: string | null = null;
    for (;;) {
      const answer: GraphQLAnswer<FindingsPage> = await send<FindingsPage>(FINDINGS, { filter, first: POPULATION_PAGE, after });
      for (const error of answer.errors ?? []) {
        if (error.extensions?.code === 'NODE_UNAVAILABLE') unavailable.add(error.extensions.node ?? 'a node');
        else fail(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
      }
      const page = answer.data?.supervisionFindings ?? fail(`the hub answered no findings${unavailable.size > 0 ? `: ${[...unavailable].join(', ')} did not answer` : ''}`);
      for (const { node } of page.edges) {
        if (findings.has(node.id)) fail(`the hub listed the finding ${node.id} twice while paging: run the draw again`);
        findings.set(node.id, { id: node.id, kind: node.kind, uscc: node.entity.uscc, name: node.entity.name, node: node.entity.node, detail: node.detail });
      }
      if (progress) process.stderr.write(`\rreading the population: ${findings.size} findings\x1b[K`);
      if (!page.pageInfo.hasNextPage) break;
      if (page.pageInfo.endCursor === null || page.pageInfo.endCursor === after) fail('the hub said more findings follow, but gave no cursor past this page');
      after = page.pageInfo.endCursor;
    }
    if (progress) process.stderr.write('\r\x1b[K');
    if (unavailable.size > 0 && !values.partial) {
      fail(
        `${[...unavailable].sort().join(', ')} did not answer (NODE_UNAVAILABLE): the population is incomplete — its findings are missing, and ` +
          `findings its certificates would clear may be in it. Nothing was drawn, written or recorded.\n` +
          `Run the draw again when every node answers, or pass --partial to draw from the nodes that answered (recorded as such; exit 3).`,
      );
    }
    ids = [...findings.keys()];
  }

  let draw: InspectionDraw;
  try {
    draw = drawInspection({ seed, population: ids, size, inspectors: inspectors?.map((inspector) => inspector.id) ?? null });
  } catch (error) {
    // Only a population listing an id twice or an unusable id gets here: the checks above caught the rest.
    return offline ? failUsage(`--population: ${(error as Error).message}`) : fail((error as Error).message);
  }

  if (send !== null) {
    const input = {
      algorithm: DRAW_ALGORITHM,
      seed,
      kind: kind === 'ALL' ? null : kind,
      region,
      size,
      population: draw.population.length,
      populationDigest: draw.populationDigest,
      drawn: draw.drawn.length,
      drawnDigest: draw.drawnDigest,
      inspectors: draw.inspectors?.length ?? null,
      inspectorsDigest: draw.inspectorsDigest,
      unavailableNodes: [...unavailable].sort(),
    };
    const recorded = await send<{ recordInspectionDraw: boolean | null }>(RECORD, { input });
    const error = recorded.errors?.[0];
    if (error || recorded.data?.recordInspectionDraw !== true) {
      fail(`the draw could not be recorded in the audit log, so nothing was written: ${error ? `${error.extensions?.code ?? 'ERROR'}: ${error.message}` : 'no answer'}`);
    }
  }

  const names = inspectors && new Map(inspectors.map((inspector) => [inspector.id, inspector.name]));
  const files: Array<[string, string]> = [[out, drawCsv(draw, findings, names)]];
  if (populationOut !== undefined) files.push([populationOut, draw.population.map((id) => `${id}\n`).join('')]);
  for (const [path, content] of files) {
    try {
      writeFileSync(path, content);
    } catch (error) {
      fail(`${path}: ${(error as Error).message}${send ? '. The draw was recorded: the same command draws it again (and records it again).' : ''}`);
    }
  }

  const scope = offline ? `from ${userPath(values.population!)}` : `${kind === 'ALL' ? 'findings of every kind' : `${kind} findings`}${region ? ` in ${region}` : ''}`;
  const summary = [
    `algorithm: ${DRAW_ALGORITHM}`,
    `seed: ${seed}`,
    `population: ${draw.population.length} (${scope})`,
    `population SHA-256: ${draw.populationDigest}`,
    ...(draw.inspectors ? [`inspectors: ${draw.inspectors.length}`, `inspectors SHA-256: ${draw.inspectorsDigest}`] : []),
    `drawn: ${draw.drawn.length}`,
    `drawn SHA-256: ${draw.drawnDigest}`,
    `written: ${out}${populationOut ? `, ${populationOut}` : ''}`,
    `recorded: ${send ? 'in the audit log (recordInspectionDraw)' : 'no (offline)'}`,
  ];
  console.log(summary.join('\n'));
  if (draw.drawn.length < size) console.error(`asked for ${size}, the population holds ${draw.population.length}: all of it was drawn, in a random order`);
  if (unavailable.size > 0) {
    console.error(`partial: ${[...unavailable].sort().join(', ')} did not answer; drawn from the findings of the nodes that did, and recorded so`);
    process.exit(EXIT.PARTIAL);
  }
  process.exit(EXIT.OK);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
