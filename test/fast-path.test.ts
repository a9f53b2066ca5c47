import { readFileSync } from 'node:fs';
import { buildSchema, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastPathStats, selectsTheSame, supergraphAllowsFastPath } from '../gateway/fast-path.js';
import { supergraphPath } from '../schema/compose.js';
import { close } from '../hub/listen.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, REGISTER_ENTITY, uscc, withWrongCheck, XIAMEN_PERMIT } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * The gateway's fast path for single-fetch operations answers exactly what the normal path
 * (Apollo Gateway's plan executor) answers: every case below sends one operation through the
 * normal path first (a new operation text always takes it once), then the same again, which
 * may take the fast path, and compares the two answers whole — data, errors, paths, codes.
 */
type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

let hub: TestHub;
let consumer: Client;
let publicClient: Client;
const COMPANY = { uscc: uscc('91', '350206', 2001), name: '厦门湖里快道贸易有限公司' };
const ids: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub('fastpath', { nodeTimeoutMs: 1500 });
  const steward = await hub.as(AGENCY.steward);
  consumer = await hub.as(AGENCY.consumer);
  publicClient = (query, variables, headers) => hub.request(null, query, variables, headers);
  for (const type of [BUSINESS_LICENCE, XIAMEN_PERMIT]) expect((await steward(DEFINE_TYPE, { input: type })).errors).toBeUndefined();
  const xiamen = await hub.as(AGENCY.xiamenIssuer);
  expect((await xiamen(REGISTER_ENTITY, { input: company(COMPANY.uscc, COMPANY.name) })).errors).toBeUndefined();
  for (const [node, issuer] of [
    ['350000', AGENCY.provinceIssuer],
    ['350100', AGENCY.fuzhouIssuer],
    ['350200', AGENCY.xiamenIssuer],
  ] as const) {
    const client = await hub.as(issuer);
    const answer = await client(ISSUE, { input: licenceFor(COMPANY, `FP-${node}`, '2024-03-01') });
    expect(answer.errors).toBeUndefined();
    ids[node] = answer.data!['issueCertificate'].id;
  }
  const permit = await xiamen(ISSUE, {
    input: { typeCode: XIAMEN_PERMIT.code, number: 'FP-PERMIT', holderKind: 'ORGANIZATION', holderCode: COMPANY.uscc, holderName: COMPANY.name, issuedOn: '2024-03-02', validFrom: '2024-03-02', items: [{ code: 'location', value: '湖里大道1号' }] },
  });
  expect(permit.errors).toBeUndefined();
  ids['permit'] = permit.data!['issueCertificate'].id;
}, 180_000);

afterAll(() => hub?.stop());

let variant = 0;

/** The normal path's answer and the repeat's, and whether the repeat took the fast path. */
async function normalThenRepeat(client: Client, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  // A comment makes the text new to the gateway, so the first request takes the normal path.
  const text = `${query}\n# case ${++variant}`;
  // Each answer carries its own request id (x-request-id); everything else must be the same.
  const { requestId: _first, ...normal } = await client(text, variables, headers);
  const before = fastPathStats.taken;
  const { requestId: _second, ...repeat } = await client(text, variables, headers);
  return { normal, repeat, fast: fastPathStats.taken - before === 1 };
}

const ONE = /* GraphQL */ `query One($id: ID!) { certificate(id: $id) { id number status issuedOn validUntil issuerName type { code } node } }`;

describe('the single-fetch fast path', () => {
  it("routes by a variable's default value when the request leaves the variable out", async () => {
    const query = `query One($id: ID! = "${ids['350100']}") { certificate(id: $id) { id node } }`;
    const { normal, repeat, fast } = await normalThenRepeat(consumer, query);
    expect(normal.errors).toBeUndefined();
    expect(normal.data!['certificate']).toEqual({ id: ids['350100'], node: '350100' });
    expect(fast).toBe(true);
    expect(repeat).toEqual(normal);
  });

  it('answers a certificate by id exactly as the normal path does', async () => {
    const { normal, repeat, fast } = await normalThenRepeat(consumer, ONE, { id: ids['350100'] });
    expect(normal.errors).toBeUndefined();
    expect(normal.data!['certificate'].node).toBe('350100');
    expect(fast).toBe(true);
    expect(repeat).toEqual(normal);
  });

  it('keeps aliases, __typename, fragments on the same type and @include as the client wrote them', async () => {
    const query = /* GraphQL */ `
      query Shaped($id: ID!, $withNumber: Boolean!) {
        renamed: certificate(id: $id) { __typename key: id ...Parts number @include(if: $withNumber) ... on Certificate { status } }
      }
      fragment Parts on Certificate { issuerName type { __typename code } }
    `;
    for (const withNumber of [true, false]) {
      const { normal, repeat } = await normalThenRepeat(consumer, query, { id: ids['350000'], withNumber });
      expect(normal.errors).toBeUndefined();
      expect('number' in normal.data!['renamed']).toBe(withNumber);
      expect(repeat).toEqual(normal);
    }
  });

  it('answers a routing error (a wrong check character) with the same BAD_USER_INPUT', async () => {
    const { normal, repeat, fast } = await normalThenRepeat(consumer, ONE, { id: withWrongCheck(ids['350200']!) });
    expect(normal.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(fast).toBe(true);
    expect(repeat).toEqual(normal);
  });

  it('answers fields the subgraph refuses with the same FORBIDDEN errors, paths and nulls', async () => {
    const query = /* GraphQL */ `query Refused($id: ID!) { certificate(id: $id) { id holderName items { code value } } }`;
    const { normal, repeat, fast } = await normalThenRepeat(consumer, query, { id: ids['permit'] });
    expect(normal.errors?.some((error) => error.extensions?.['code'] === 'FORBIDDEN')).toBe(true);
    expect(fast).toBe(true);
    expect(repeat).toEqual(normal);
  });

  it('answers variables of the wrong type with the same error, before any node is asked', async () => {
    const { normal, repeat } = await normalThenRepeat(consumer, ONE, { id: { not: 'an id' } });
    expect(normal.errors?.[0]?.message).toMatch(/\$id/);
    expect(repeat).toEqual(normal);
  });

  it('merges a list fanned out to every node, or scoped to one, exactly as the normal path does', async () => {
    const query = /* GraphQL */ `query Page($nodes: [String!]) { certificates(first: 3, filter: { nodes: $nodes }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id node } } } }`;
    for (const nodes of [null, ['350200'], ['350000', '350100']]) {
      const { normal, repeat, fast } = await normalThenRepeat(consumer, query, { nodes });
      expect(normal.errors).toBeUndefined();
      expect(fast).toBe(true);
      expect(repeat).toEqual(normal);
    }
  });

  it('leaves operations of more than one fetch, and mutations, to the normal path', async () => {
    const withTypeName = /* GraphQL */ `query Names($id: ID!) { certificate(id: $id) { id type { code name } } }`;
    const twoFetches = await normalThenRepeat(consumer, withTypeName, { id: ids['350000'] });
    expect(twoFetches.normal.data!['certificate'].type.name).toBe(BUSINESS_LICENCE.name);
    expect(twoFetches.fast).toBe(false);
    expect(twoFetches.repeat).toEqual(twoFetches.normal);

    const issuer = await hub.as(AGENCY.provinceIssuer);
    const before = fastPathStats.taken;
    const issued = await issuer(ISSUE, { input: licenceFor(COMPANY, 'FP-MUTATION', '2024-03-03') });
    expect(issued.errors).toBeUndefined();
    expect(fastPathStats.taken).toBe(before);
  });

  it('takes the operation the request names from a document of several', async () => {
    const document = /* GraphQL */ `
      query First($id: ID!) { certificate(id: $id) { id } }
      query Second($id: ID!) { certificate(id: $id) { number } }
    `;
    const client: Client = (query, variables, headers) =>
      fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables, operationName: 'Second' }),
      }).then(async (response) => ({ status: response.status, ...((await response.json()) as object) }));
    const token = await hub.token(AGENCY.consumer);
    const { normal, repeat, fast } = await normalThenRepeat(client, document, { id: ids['350100'] }, { authorization: `Bearer ${token}` });
    expect(normal.data).toEqual({ certificate: { number: 'FP-350100' } });
    expect(fast).toBe(true);
    expect(repeat).toEqual(normal);
  });

  it('still refuses the public anything but verification, with HTTP 401', async () => {
    const { normal, repeat } = await normalThenRepeat(publicClient, ONE, { id: ids['350000'] });
    expect(normal.status).toBe(401);
    expect(repeat).toEqual(normal);
  });

  it('answers a node that is down with the same NODE_UNAVAILABLE as the normal path', async () => {
    const xiamen = hub.nodes.find((node) => node.code === '350200')!;
    await close(xiamen.server);
    // The first request after the close may find a kept-alive socket reset instead of refused.
    await consumer(`${ONE}\n# warm-up`, { id: ids['350200'] });
    const { normal, repeat, fast } = await normalThenRepeat(consumer, ONE, { id: ids['350200'] });
    expect(normal.errors?.[0]?.extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: '350200' });
    expect(normal.data).toEqual({ certificate: null });
    expect(fast).toBe(true);
    expect(repeat).toEqual(normal);
  });
});

describe('which operations may take the fast path', () => {
  const sdl = readFileSync(supergraphPath, 'utf8');
  const schema = buildSchema(/* GraphQL */ `
    type Query { certificate(id: ID!): Certificate }
    interface Named { name: String }
    type Certificate { id: ID! number: String type: CertificateType }
    type CertificateType implements Named { code: ID! name: String }
  `);
  const split = (text: string) => {
    const document = parse(text);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition');
    return { operation, fragments, document };
  };

  it("not with a supergraph whose types differ from a subgraph's, or that hides anything", () => {
    expect(supergraphAllowsFastPath(sdl)).toBe(true);
    expect(supergraphAllowsFastPath(sdl.replace('@join__field(graph: CERTIFICATE)', '@join__field(graph: CERTIFICATE, type: "String")'))).toBe(false);
    expect(supergraphAllowsFastPath(`${sdl}\ntype X { a: Int @inaccessible }`)).toBe(false);
  });

  it('only when the fetch selects exactly what the client selected', () => {
    const fetch = split(`query One__certificate__0($id:ID!){certificate(id:$id){id number type{code}}}`).document;
    const same = split(`query One($id: ID!) { certificate(id: $id) { id ...F } } fragment F on Certificate { number type { code } }`);
    expect(selectsTheSame(same.operation, same.fragments, fetch, schema)).toBe(true);
    const reordered = split(`query One($id: ID!) { certificate(id: $id) { number id type { code } } }`);
    expect(selectsTheSame(reordered.operation, reordered.fragments, fetch, schema)).toBe(false);
    const aliased = split(`query One($id: ID!) { certificate(id: $id) { id n: number type { code } } }`);
    expect(selectsTheSame(aliased.operation, aliased.fragments, fetch, schema)).toBe(false);
    const abstract = split(`query One($id: ID!) { certificate(id: $id) { id number type { ... on Named { code: name } } } }`);
    expect(selectsTheSame(abstract.operation, abstract.fragments, fetch, schema)).toBe(false);
    const conditional = split(`query One($id: ID!, $x: Boolean!) { certificate(id: $id) { id ... @include(if: $x) { number } type { code } } }`);
    expect(selectsTheSame(conditional.operation, conditional.fragments, fetch, schema)).toBe(false);
  });
});
