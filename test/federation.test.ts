import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificateId } from '../lib/codes.js';
import { compareCertificates } from '../lib/order.js';
import { listen, close } from '../hub/listen.js';
import {
  AGENCY,
  BUSINESS_LICENCE,
  company,
  DEFINE_TYPE,
  DOCTOR_LICENCE,
  ISSUE,
  licenceFor,
  REGISTER_ENTITY,
  uscc,
  withWrongCheck,
  XIAMEN_PERMIT,
} from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

let hub: TestHub;
let steward: Client;
let consumer: Client;
const issuers: Record<string, Client> = {};
const XIAMEN_COMPANY = { uscc: uscc('91', '350206', 1001), name: '厦门湖里海韵贸易有限公司' };
const FUZHOU_COMPANY = { uscc: uscc('91', '350102', 1002), name: '福州鼓楼闽江软件有限公司' };
const QUANZHOU_COMPANY = { uscc: uscc('91', '350503', 1003), name: '泉州丰泽刺桐鞋业有限公司' };
/** Every certificate issued to the Xiamen company, as the gateway answered each issuance. */
const issued: Array<{ id: string; node: string; issuedOn: string }> = [];

const statementsAt = (code: string) => hub.nodes.find((node) => node.code === code)!.database.statements;
const resetStatements = () => hub.nodes.forEach((node) => node.database.statements.reset());

beforeAll(async () => {
  // Grants cached for the whole file: a refresh reads the province catalog, which the routing
  // tests count as a statement at 350000 when a loaded machine stretches a test past 5 s.
  hub = await startTestHub('federation', { nodeTimeoutMs: 1500, grantTtlMs: 10 * 60_000 });
  steward = await hub.as(AGENCY.steward);
  consumer = await hub.as(AGENCY.consumer);
  issuers['350000'] = await hub.as(AGENCY.provinceIssuer);
  issuers['350100'] = await hub.as(AGENCY.fuzhouIssuer);
  issuers['350200'] = await hub.as(AGENCY.xiamenIssuer);
  for (const type of [BUSINESS_LICENCE, XIAMEN_PERMIT, DOCTOR_LICENCE]) {
    const answer = await steward(DEFINE_TYPE, { input: type });
    expect(answer.errors).toBeUndefined();
  }
  // Each by a registrar whose region covers it: Quanzhou has no node of its own, the province's covers it.
  for (const [registrar, entity] of [['350200', XIAMEN_COMPANY], ['350100', FUZHOU_COMPANY], ['350000', QUANZHOU_COMPANY]] as const) {
    const answer = await issuers[registrar]!(REGISTER_ENTITY, { input: company(entity.uscc, entity.name) });
    expect(answer.errors).toBeUndefined();
  }
  // Eight licences from each node's issuer, on dates that repeat across nodes so ties must be
  // broken by id exactly as one database would.
  const dates = ['2024-01-05', '2023-07-20', '2024-01-05', '2022-03-01', '2023-07-20', '2021-11-11', '2024-01-05', '2020-02-29'];
  for (const node of ['350000', '350100', '350200']) {
    for (const [i, date] of dates.entries()) {
      const answer = await issuers[node]!(ISSUE, { input: licenceFor(XIAMEN_COMPANY, `N${node}-${i}`, date) });
      expect(answer.errors).toBeUndefined();
      issued.push(answer.data!['issueCertificate']);
    }
  }
}, 180_000);

afterAll(() => hub?.stop());

const LIST = /* GraphQL */ `
  query List($filter: CertificateFilter, $first: Int, $after: String) {
    certificates(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id issuedOn node } }
    }
  }
`;

describe('routing to nodes', () => {
  it("a new certificate lives at its issuer's node and carries a valid 证照标识", () => {
    for (const certificate of issued) {
      const parts = parseCertificateId(certificate.id);
      expect('problem' in parts).toBe(false);
      if ('problem' in parts) continue;
      expect(certificate.node).toBe(parts.issuer.slice(2, 6) + '00');
      expect(parts.typeCode).toBe(BUSINESS_LICENCE.code);
    }
    expect(new Set(issued.map((c) => c.id)).size).toBe(issued.length);
  });

  it('a certificate looked up by id is fetched from its own node only', async () => {
    const target = issued.find((c) => c.node === '350100')!;
    // The agency's grants come from the province catalog once, then from the gateway's cache.
    await consumer(`query($id: ID!) { certificate(id: $id) { id } }`, { id: target.id });
    resetStatements();
    const answer = await consumer(`query($id: ID!) { certificate(id: $id) { id number status node } }`, { id: target.id });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!['certificate']).toMatchObject({ id: target.id, status: 'VALID', node: '350100' });
    expect(statementsAt('350100').count).toBeGreaterThan(0);
    expect(statementsAt('350000').count).toBe(0);
    expect(statementsAt('350200').count).toBe(0);
  });

  it('a type is kept at the node of its defining authority and an entity at the node of its region', async () => {
    const types = await consumer(`{ certificateTypes { code node } }`);
    expect(types.errors).toBeUndefined();
    const codes = types.data!['certificateTypes'] as Array<{ code: string; node: string }>;
    expect(codes.map((t) => t.code)).toEqual([...codes.map((t) => t.code)].sort());
    expect(codes.find((t) => t.code === BUSINESS_LICENCE.code)?.node).toBe('350000');
    expect(codes.find((t) => t.code === XIAMEN_PERMIT.code)?.node).toBe('350200');
    const nodes = await consumer(
      `query($a: ID!, $b: ID!, $c: ID!) { a: legalEntity(uscc: $a) { node } b: legalEntity(uscc: $b) { node } c: legalEntity(uscc: $c) { node } }`,
      { a: XIAMEN_COMPANY.uscc, b: FUZHOU_COMPANY.uscc, c: QUANZHOU_COMPANY.uscc },
    );
    expect(nodes.errors).toBeUndefined();
    // Quanzhou has no node of its own in this hub: its data lives at the province node.
    expect(nodes.data).toEqual({ a: { node: '350200' }, b: { node: '350100' }, c: { node: '350000' } });
  });

  it('the three-node list pages exactly as one database would: no gap, no repeat, right totals', async () => {
    const expected = [...issued].sort(compareCertificates).map((c) => c.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer = await consumer(LIST, { filter: { holderCode: XIAMEN_COMPANY.uscc }, first: 5, after });
      expect(answer.errors).toBeUndefined();
      const connection = answer.data!['certificates'];
      expect(connection.totalCount).toBe(24);
      seen.push(...connection.edges.map((edge: { node: { id: string } }) => edge.node.id));
      expect(connection.pageInfo.hasNextPage).toBe(seen.length < 24);
      if (!connection.pageInfo.hasNextPage) break;
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1).cursor);
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('the nodes filter asks only the nodes it names', async () => {
    resetStatements();
    const answer = await consumer(LIST, { filter: { holderCode: XIAMEN_COMPANY.uscc, nodes: ['350100'] }, first: 50 });
    expect(answer.errors).toBeUndefined();
    const nodes = new Set(answer.data!['certificates'].edges.map((edge: { node: { node: string } }) => edge.node.node));
    expect([...nodes]).toEqual(['350100']);
    expect(answer.data!['certificates'].totalCount).toBe(8);
    expect(statementsAt('350000').count).toBe(0);
    expect(statementsAt('350200').count).toBe(0);
  });

  it('an unknown node in the filter is BAD_USER_INPUT naming filter.nodes', async () => {
    const answer = await consumer(LIST, { filter: { nodes: ['350999'] } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.nodes' });
    expect(answer.errors?.[0]?.message).toContain('350999');
  });

  it("an entity's certificates are gathered from every node, newest first", async () => {
    const answer = await consumer(
      `query($uscc: ID!) { legalEntity(uscc: $uscc) { name node certificates { id issuedOn } } }`,
      { uscc: XIAMEN_COMPANY.uscc },
    );
    expect(answer.errors).toBeUndefined();
    const entity = answer.data!['legalEntity'];
    expect(entity.name).toBe(XIAMEN_COMPANY.name);
    expect(entity.certificates.map((c: { id: string }) => c.id)).toEqual([...issued].sort(compareCertificates).map((c) => c.id));
  });

  it('types and holders resolve from their own nodes inside one list', async () => {
    const holder = await hub.as({ sub: XIAMEN_COMPANY.uscc, kind: 'holder' });
    const answer = await holder(
      /* GraphQL */ `query($filter: CertificateFilter) {
        certificates(filter: $filter, first: 4) { edges { node { id type { name node } holder { name node } } } }
      }`,
      { filter: { holderCode: XIAMEN_COMPANY.uscc } },
    );
    expect(answer.errors).toBeUndefined();
    for (const edge of answer.data!['certificates'].edges) {
      expect(edge.node.type).toEqual({ name: '营业执照', node: '350000' });
      expect(edge.node.holder).toEqual({ name: XIAMEN_COMPANY.name, node: '350200' });
    }
  });

  it('a malformed certificate id is BAD_USER_INPUT naming id, and no node is asked', async () => {
    resetStatements();
    const answer = await consumer(`query($id: ID!) { certificate(id: $id) { id } }`, { id: withWrongCheck(issued[0]!.id) });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(answer.errors?.[0]?.message).toMatch(/check character/);
    expect(answer.data?.['certificate']).toBeNull();
    expect(hub.nodes.every((node) => node.database.statements.count === 0)).toBe(true);
  });

  it('a bad holder code in a filter is one BAD_USER_INPUT, not one per node', async () => {
    const answer = await consumer(LIST, { filter: { holderCode: withWrongCheck(XIAMEN_COMPANY.uscc) } });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.holderCode' });
  });

  it('GET /healthz reports every node to an operator', async () => {
    const response = await fetch(`${hub.url}/healthz`, { headers: { authorization: `Bearer ${await hub.token(AGENCY.operator)}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; nodes: Array<{ code: string; status: string }> };
    expect(body.status).toBe('ok');
    expect(body.nodes.map((node) => [node.code, node.status])).toEqual([
      ['350000', 'ok'],
      ['350100', 'ok'],
      ['350200', 'ok'],
    ]);
  });
});

describe('partial failure', () => {
  const xiamen = () => hub.nodes.find((node) => node.code === '350200')!;

  it('a node that is down costs only its own part, with NODE_UNAVAILABLE naming it', async () => {
    const node = xiamen();
    const port = Number(new URL(node.url).port);
    await close(node.server);
    try {
      const answer = await consumer(LIST, { filter: { holderCode: XIAMEN_COMPANY.uscc }, first: 50 });
      expect(answer.data!['certificates'].totalCount).toBe(16);
      expect(answer.data!['certificates'].edges).toHaveLength(16);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: '350200' });
      const response = await fetch(`${hub.url}/healthz`, { headers: { authorization: `Bearer ${await hub.token(AGENCY.operator)}` } });
      expect(response.status).toBe(503);
      const health = (await response.json()) as { status: string; nodes: Array<{ code: string; status: string }> };
      expect(health.status).toBe('degraded');
      expect(health.nodes.find((n) => n.code === '350200')?.status).toBe('unavailable');
    } finally {
      await listen(node.server, port, '127.0.0.1');
    }
    const again = await consumer(LIST, { filter: { holderCode: XIAMEN_COMPANY.uscc }, first: 50 });
    expect(again.errors).toBeUndefined();
    expect(again.data!['certificates'].totalCount).toBe(24);
  });

  it('a node that hangs is given up after the per-node timeout while the others answer', async () => {
    const { server } = xiamen();
    const listeners = server.listeners('request');
    server.removeAllListeners('request');
    server.on('request', () => {
      // never answers
    });
    try {
      const answer = await consumer(
        `query($uscc: ID!) { legalEntity(uscc: $uscc) { name certificates { id } } }`,
        { uscc: FUZHOU_COMPANY.uscc },
      );
      expect(answer.data!['legalEntity'].name).toBe(FUZHOU_COMPANY.name);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: '350200' });
      expect(answer.errors?.[0]?.message).toMatch(/1500 ms/);
    } finally {
      server.removeAllListeners('request');
      for (const listener of listeners) server.on('request', listener as (...args: unknown[]) => void);
    }
  });
});
