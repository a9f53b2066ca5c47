import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import type { NodeDatabase } from '../../subgraphs/kit/db.js';

/** Tools for sending hostile input to the hub and judging its answers. */

/** The `extensions.code` values a client may get for its own mistakes. */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
  // HTTP 429: too many public verifications or digest checks from one client (gateway/rate-limit.ts).
  'RATE_LIMITED',
]);

/** What must never reach a client: stack frames, source paths, internals of the databases. */
const LEAKS: Array<[string, RegExp]> = [
  // V8's frames: `at fn (/path/file.ts:12:5)` or `at /path/file.ts:12:5`, line and column.
  ['a stack frame', /\bat (?:async )?(?:[\w$.<>[\] ]+ \()?(?:file:\/\/)?[\w./-]*:\d+:\d+\)?/],
  ['a stacktrace', /"stacktrace"/i],
  ['a source path', /\/work\/|node_modules|\.ts:\d+|\.js:\d+/],
  ['an SQL statement', /\b(select\s+[\w"*,\s.]+\s+from|insert\s+into|update\s+"?\w+"?\s+set|delete\s+from)\b/i],
  ['a database error', /\b(syntax error at or near|violates (unique|foreign key|check|not-null) constraint|duplicate key value|relation "[\w.]+" does not exist|Failed query|PGlite|postgres\.js|drizzle)/i],
  ['an internal error', /INTERNAL_SERVER_ERROR|internal error/i],
];

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * Why an answer is not acceptable for hostile input, or null when it is: a client error (4xx,
 * or GraphQL errors whose codes are all client codes) or a result, never a 5xx, never an
 * internal error, never anything internal in the body. `graphql: false` for plain JSON routes
 * such as /healthz.
 */
export function answerProblem(answer: Answer, input = '', options: { graphql?: boolean } = {}): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (answer.status < 200) return `HTTP ${answer.status}`;
  for (const [what, pattern] of LEAKS) {
    const found = pattern.exec(answer.text);
    // A pattern the request itself carried and the answer merely echoes (an invalid value) is no leak.
    if (found && !input.includes(found[0])) return `the body carries ${what}: ${JSON.stringify(found[0])}`;
  }
  if (answer.text === '' && answer.status >= 300) return null;
  if (!/json/.test(answer.contentType)) return answer.status >= 400 ? null : `HTTP ${answer.status} ${answer.contentType || 'without a content type'}`;
  let body: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `HTTP ${answer.status} with a body that is not JSON`;
  }
  if (typeof body !== 'object' || body === null) return 'an answer that is not a JSON object';
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !CLIENT_ERROR_CODES.has(code)) return `an error with code ${String(code)}`;
  }
  if (options.graphql !== false && answer.status === 200 && !body.errors && body.data === undefined) return 'HTTP 200 with neither data nor errors';
  return null;
}

/**
 * Sends raw bytes to host:port and reads the answer until the server closes: for requests no
 * HTTP client would send (odd methods, invalid header bytes, broken framing). `halfClose` ends
 * the sending side too, for a body that will never be complete.
 */
export function rawRequest(url: string, bytes: Buffer, options: { halfClose?: boolean; timeoutMs?: number } = {}): Promise<Answer> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      // The server may close as soon as it has answered a request it refused.
      if (chunks.length > 0) finish();
      else reject(error);
    });
    socket.on('end', () => finish());
    // Without `halfClose` the socket stays open for the answer (`connection: close` ends it):
    // Node's server drops a request still in progress when its client half-closes.
    socket.on('connect', () => (options.halfClose ? socket.end(bytes) : socket.write(bytes)));
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      // Closed without a word: for a request that never finished, the one answer there is.
      if (raw === '') return resolve({ status: 0, contentType: '', text: '' });
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
      if (!match) return reject(new Error(`not an HTTP answer: ${JSON.stringify(raw.slice(0, 200))}`));
      const headEnd = raw.indexOf('\r\n\r\n');
      const head = raw.slice(0, headEnd === -1 ? raw.length : headEnd);
      const contentType = /\r\ncontent-type: *([^\r\n]*)/i.exec(head)?.[1] ?? '';
      let body = headEnd === -1 ? '' : raw.slice(headEnd + 4);
      if (/\r\ntransfer-encoding: *chunked/i.test(head)) body = dechunk(body);
      resolve({ status: Number(match[1]), contentType, text: Buffer.from(body, 'latin1').toString('utf8') });
    }
  });
}

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd === -1) return out;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

/** Row counts of every table of a node (catalog, certificates, registry, access log…), by name. */
export async function rowCounts(database: NodeDatabase): Promise<Record<string, number>> {
  const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
  const tables = rowsOf(
    await database.db.execute(
      sql`select table_schema as "schema", table_name as "table" from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema in ('catalog', 'certificate', 'legal_entity', 'audit') order by 1, 2`,
    ),
  );
  const counts: Record<string, number> = {};
  for (const { schema, table } of tables) {
    const [row] = rowsOf(await database.db.execute(sql`select count(*)::int as n from ${sql.identifier(String(schema))}.${sql.identifier(String(table))}`));
    counts[`${String(schema)}.${String(table)}`] = Number(row!['n']);
  }
  return counts;
}

/** Strings an attacker puts where an identifier, a code, a date or a name belongs. */
export function hostileString(known: readonly string[] = []): fc.Arbitrary<string> {
  const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...USCC), minLength: 16, maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 17, maxLength: 19 }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.string({ unit: fc.constantFrom(...USCC), minLength: 18, maxLength: 21 }), fc.string({ unit: fc.constantFrom(...USCC), minLength: 18, maxLength: 18 }), fc.string({ maxLength: 12 }), fc.nat(999), fc.string({ maxLength: 2 }))
        .map(([type, issuer, serial, version, check]) => `1.2.156.3005.2.${type}.${issuer}.${serial}.${String(version).padStart(3, '0')}.${check}`),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.date({ noInvalidDate: true, min: new Date(-62_000_000_000_000), max: new Date(253_000_000_000_000) }).map((d) => d.toISOString().slice(0, 10)),
        fc.tuple(fc.integer({ min: -1, max: 10_000 }), fc.integer({ min: -1, max: 13 }), fc.integer({ min: -1, max: 32 })).map(([y, m, d]) => `${y}-${m}-${d}`),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
    },
    ...(known.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...known) }] : []),
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '\u0000',
        'a\u0000b',
        '\ud800',
        'x\udfffy',
        '\udc00\ud800',
        '\uffff\ufffe',
        '\u202e\u200b\u200d',
        '证照标识',
        '🧾'.repeat(50),
        "' OR '1'='1",
        "'; DROP TABLE certificate.certificates; --",
        '%',
        '_',
        '\\',
        '"}',
        '$1',
        '${jndi:ldap://x}',
        '../../etc/passwd',
        '<script>alert(1)</script>',
        'null',
        'undefined',
        '__proto__',
        'constructor',
        '9'.repeat(400),
        'A'.repeat(70_000),
        'é'.repeat(20_000),
      ),
    },
  );
}

/** Integers where a count, a page size or a number belongs: small, edge, out of range, not integers. */
export const hostileInt: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -5, max: 30 }),
  fc.constantFrom(0, 999, 1000, 1001, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 1e10, 1e21, -1e21, 0.5, -0.0, Number.MAX_SAFE_INTEGER),
  fc.integer(),
);

export interface OperationOptions {
  /** Mutations as well as queries (only for principals that may not write). */
  mutations: boolean;
  /** Values for ID and String arguments. */
  strings: fc.Arbitrary<string>;
}

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
  /** The whole body as sent, when JSON.stringify could not write it (variables nested too deep). */
  body?: string;
}

type Gen = fc.GeneratorValue;

/**
 * Random operations over the schema: real root fields with arguments given inline or as
 * variables (sometimes of the wrong declared type, or with values of the wrong JSON type),
 * random sub-selections up to 13 deep, aliases, inline and named fragments, directives, and now
 * and then a field, argument or fragment that does not exist.
 */
export function operation(schema: GraphQLSchema, options: OperationOptions): fc.Arbitrary<GeneratedOperation> {
  return fc.gen().map((g) => new OperationBuilder(schema, options, g).build());
}

class OperationBuilder {
  private readonly variables: Record<string, unknown> = {};
  private readonly declarations: string[] = [];
  private readonly fragments: string[] = [];
  private readonly maxDepth: number;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: OperationOptions,
    private readonly g: Gen,
  ) {
    this.maxDepth = g(fc.integer, { min: 1, max: 13 });
  }

  private chance(p: number): boolean {
    return this.g(fc.double, { min: 0, max: 1, noNaN: true }) < p;
  }

  private pick<T>(values: readonly T[]): T {
    return values[this.g(fc.nat, values.length - 1)]!;
  }

  build(): GeneratedOperation {
    const mutation = this.options.mutations && this.chance(0.35);
    const root = mutation ? this.schema.getMutationType()! : this.schema.getQueryType()!;
    const count = this.g(fc.integer, { min: 1, max: 3 });
    const selections: string[] = [];
    for (let i = 0; i < count; i++) {
      const extra = mutation ? [] : ['__typename', '__schema { queryType { name } types { name kind } }', '__type(name: "Certificate") { name fields { name type { name kind ofType { name } } } }'];
      if (!mutation && this.chance(0.05)) selections.push(this.pick(extra));
      else selections.push(this.field(root, 1));
    }
    const keyword = mutation ? 'mutation' : this.pick(['query', 'query', '']);
    const name = this.chance(0.3) ? ` Op${this.g(fc.nat, 99)}` : '';
    const declarations = this.declarations.length > 0 ? `(${this.declarations.join(', ')})` : '';
    const head = keyword === '' && declarations === '' && name === '' ? '' : `${keyword || 'query'}${name}${declarations} `;
    return { query: `${head}{ ${selections.join(' ')} }\n${this.fragments.join('\n')}`, variables: this.variables };
  }

  private field(parent: GraphQLNamedType, depth: number): string {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return '__typename';
    const fields = Object.values(parent.getFields());
    if (this.chance(0.03)) return `no_such_field_${this.g(fc.nat, 9)}`;
    const field = this.pick(fields);
    const alias = this.chance(0.15) ? `${this.pick(['a', 'b', 'x_1', 'certificate', 'id', '__hub_code', 'édition'.normalize('NFD').replace(/[^\w]/g, '') || 'e'])}${this.g(fc.nat, 9)}: ` : '';
    const args = this.arguments(field);
    const directive = this.chance(0.05) ? this.pick([' @include(if: true)', ' @skip(if: false)', ' @skip(if: $noSuchVariable)', ' @deprecated', ' @include(if: "yes")']) : '';
    return `${alias}${field.name}${args}${directive}${this.selection(field, depth)}`;
  }

  private selection(field: GraphQLField<unknown, unknown>, depth: number): string {
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) return this.chance(0.03) ? ' { id }' : '';
    if (this.chance(0.03)) return '';
    if (depth >= this.maxDepth) return ' { __typename }';
    const count = this.g(fc.integer, { min: 1, max: 3 });
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const inner = this.field(type, depth + 1);
      const form = this.g(fc.nat, 19);
      if (form === 0) parts.push(`... on ${type.name} { ${inner} }`);
      else if (form === 1) {
        const name = `F${this.fragments.length}`;
        this.fragments.push(`fragment ${name} on ${type.name} { ${inner} }`);
        parts.push(`...${name}`);
      } else if (form === 2) parts.push(`...Missing${this.g(fc.nat, 3)}`);
      else parts.push(inner);
    }
    return ` { ${parts.join(' ')} }`;
  }

  private arguments(field: GraphQLField<unknown, unknown>): string {
    const given: string[] = [];
    for (const arg of field.args) {
      if (!this.chance(isNonNullType(arg.type) ? 0.95 : 0.6)) continue;
      given.push(`${arg.name}: ${this.argument(arg)}`);
    }
    if (this.chance(0.03)) given.push(`unknownArgument: ${this.pick(['1', '"x"', 'null', '[]', '{}'])}`);
    return given.length > 0 ? `(${given.join(', ')})` : '';
  }

  private argument(arg: GraphQLArgument): string {
    if (this.chance(0.5)) return this.literal(arg.type, 0);
    const name = `v${this.declarations.length}`;
    const declared = this.chance(0.1) ? this.pick(['String', 'Int!', '[ID]', 'Boolean', 'CertificateFilter', 'NoSuchType']) : String(arg.type);
    this.declarations.push(`$${name}: ${declared}`);
    if (this.chance(0.15)) {
      // Of the wrong JSON type, or absent.
      const wrong = this.pick<unknown>([42, -1, 1.5, true, 'x', [], [[[]]], {}, { nested: { deeper: [1, 'two', null] } }, null, undefined]);
      if (wrong !== undefined) this.variables[name] = wrong;
    } else {
      this.variables[name] = this.value(arg.type, 0);
    }
    return `$${name}`;
  }

  private value(type: GraphQLInputType, depth: number): unknown {
    if (isNonNullType(type)) return this.chance(0.03) ? null : this.value(type.ofType, depth);
    if (this.chance(0.05)) return null;
    if (isListType(type)) {
      const length = this.g(fc.integer, { min: 0, max: depth > 2 ? 1 : 4 });
      return Array.from({ length }, () => this.value(type.ofType, depth + 1));
    }
    if (isEnumType(type)) return this.chance(0.9) ? this.pick(type.getValues()).name : this.g(fc.string, { maxLength: 12 });
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (depth > 3 || !this.chance(isNonNullType(field.type) ? 0.9 : 0.5)) continue;
        object[field.name] = this.value(field.type, depth + 1);
      }
      if (this.chance(0.03)) object['unknownField'] = 'x';
      return object;
    }
    if (isScalarType(type)) {
      if (type.name === 'Int' || type.name === 'Float') return this.g(() => hostileInt);
      if (type.name === 'Boolean') return this.chance(0.9) ? this.g(fc.boolean) : this.pick(['true', 1, 0]);
      return this.g(() => this.options.strings);
    }
    return null;
  }

  private literal(type: GraphQLInputType, depth: number): string {
    const value = this.value(type, depth);
    return toLiteral(value, getNullableType(type));
  }
}

/** A JSON value as a GraphQL literal; enum values of an enum type are written bare. */
function toLiteral(value: unknown, type: GraphQLInputType | undefined): string {
  const named = type ? getNamedType(type) : undefined;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => toLiteral(item, type && isListType(getNullableType(type)) ? (getNullableType(type) as { ofType: GraphQLInputType }).ofType : undefined)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${toLiteral(item, fields[key]?.type)}`).join(', ')} }`;
  }
  if (typeof value === 'string' && named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}

/** An operation text with random damage: cut short, a character changed, inserted or removed, a slice repeated. */
export function damaged(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const junk = fc.oneof(
    fc.constantFrom('{', '}', '(', ')', ':', '$', '...', '@', '#', '"', '"""', '\\', '!', '=', '[', ']', '|', '&', ',', '\u0000', '\ufeff', '\ud800', '\n', 'query', 'fragment', 'on', 'mutation', 'subscription'),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );
  return fc.tuple(text, fc.nat(), fc.nat(), fc.nat(4), junk).map(([source, a, b, how, piece]) => {
    const at = source.length === 0 ? 0 : a % source.length;
    const to = Math.min(source.length, at + (b % 20));
    switch (how) {
      case 0:
        return source.slice(0, at);
      case 1:
        return source.slice(0, at) + piece + source.slice(at);
      case 2:
        return source.slice(0, at) + source.slice(to);
      case 3:
        return source.slice(0, to) + source.slice(at, to) + source.slice(to);
      default:
        return source.slice(0, at) + piece + source.slice(to);
    }
  });
}

/** Operations built to exhaust a server: alias, field, fragment and nesting bombs, each sized at random. */
export function bomb(strings: fc.Arbitrary<string>): fc.Arbitrary<GeneratedOperation> {
  const op = (query: string, variables: Record<string, unknown> = {}): GeneratedOperation => ({ query, variables });
  return fc.oneof(
    // Many aliases of a list that fans out to every node.
    fc.tuple(fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 1000 })).map(([n, first]) =>
      op(`{ ${Array.from({ length: n }, (_, i) => `a${i}: certificates(first: ${first}) { totalCount edges { node { id } } }`).join(' ')} }`),
    ),
    fc.integer({ min: 50, max: 5000 }).map((n) => op(`{ certificateTypes { ${'code '.repeat(n)} } }`)),
    fc.integer({ min: 50, max: 1000 }).map((n) => op(`{ certificateTypes { ${Array.from({ length: n }, (_, i) => `c${i}: code`).join(' ')} } }`)),
    fc.integer({ min: 2, max: 30 }).map((n) => op(`{ ${Array.from({ length: n }, (_, i) => `c${i}: certificate(id: "1.2.156.3005.2.${i}") { id }`).join(' ')} }`)),
    fc.integer({ min: 50, max: 400 }).map((n) => op(`{ ${Array.from({ length: n }, (_, i) => `t${i}: certificateTypes { items { code name } }`).join(' ')} }`)),
    // Exponential fragments: F_k spreads F_(k-1) twice.
    fc.tuple(fc.integer({ min: 2, max: 60 }), fc.constantFrom('__typename', 'certificateTypes { code }', 'a: __typename b: __typename')).map(([k, leaf]) => {
      let fragments = `fragment F0 on Query { ${leaf} }`;
      for (let i = 1; i <= k; i++) fragments += `\nfragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`;
      return op(`{ ...F${k} }\n${fragments}`);
    }),
    // Cyclic spreads, directly or through a ring.
    fc.integer({ min: 1, max: 50 }).map((n) => {
      const ring = Array.from({ length: n }, (_, i) => `fragment R${i} on Query { __typename ...R${(i + 1) % n} }`).join('\n');
      return op(`{ ...R0 }\n${ring}`);
    }),
    fc.integer({ min: 1, max: 30 }).map((n) => op(`query($u: ID!) { legalEntity(uscc: $u) { ...E } }\nfragment E on LegalEntity { name certificates { holder { ...E } } ${'uscc '.repeat(n)} }`, { u: '91350100MA00000000' })),
    // Deep nesting through the entity graph, and through inline fragments.
    fc.tuple(fc.integer({ min: 4, max: 60 }), strings).map(([depth, u]) => {
      let inner = 'uscc';
      for (let i = 0; i < depth; i++) inner = i % 2 === 0 ? `certificates { holder { ${inner} } }` : `certificates { id holder { ${inner} } }`;
      return op(`query($u: ID!) { legalEntity(uscc: $u) { ${inner} } }`, { u });
    }),
    fc.integer({ min: 10, max: 3000 }).map((n) => op(`{ ${'... on Query { '.repeat(n)}__typename${' }'.repeat(n)} }`)),
    fc.integer({ min: 10, max: 3000 }).map((n) => op(`{ __type(name: "Certificate") { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } }`)),
    fc.integer({ min: 3, max: 12 }).map((n) => op(`{ __schema { types { ${'fields { type { '.repeat(n)}name${' } }'.repeat(n)} } } }`)),
    fc.integer({ min: 10, max: 5000 }).map((n) => op(`{ __typename${' @skip(if: false)'.repeat(n)} }`)),
    fc.integer({ min: 10, max: 30_000 }).map((n) => op(`{ certificateTypes { ${'code,'.repeat(n)} } }`)),
    fc.integer({ min: 10, max: 3000 }).map((n) => op(`query(${Array.from({ length: n }, (_, i) => `$v${i}: String`).join(' ')}) { __typename }`)),
    fc.integer({ min: 10, max: 2000 }).map((n) => op(`${Array.from({ length: n }, (_, i) => `fragment U${i} on Query { __typename }`).join('\n')}\n{ __typename }`)),
    // Pages too large, negative, or not integers at all, inline and as variables.
    fc.tuple(hostileInt, fc.boolean()).map(([first, inline]) =>
      inline
        ? op(`{ certificates(first: ${Number.isFinite(first) ? first : 0}) { totalCount edges { node { id } } } }`)
        : op(`query($n: Int) { certificates(first: $n) { totalCount edges { node { id } } } accessLog(first: $n) { at } }`, { n: first }),
    ),
    fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.constantFrom('VALID', 'NOPE', 1, null)).map(([n, status]) =>
      op(`query($f: CertificateFilter) { certificates(filter: $f, first: 5) { totalCount } }`, { f: { status: Array.from({ length: n }, () => status), nodes: ['350100', '999999', ''] } }),
    ),
    // Variables nested far deeper than any input type (JSON.stringify itself would overflow).
    fc.integer({ min: 100, max: 100_000 }).map((depth) => {
      const query = `query($f: CertificateFilter) { certificates(filter: $f) { totalCount } }`;
      const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      return { query, variables: {}, body: `{"query":${JSON.stringify(query)},"variables":{"f":{"status":${deep}},"unused":${deep}}}` };
    }),
  );
}
