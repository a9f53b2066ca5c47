/**
 * What a context captured between the gateway and a node is good for (finding 6 of issue 9):
 * the one operation it was signed for, once, at the one subgraph of the one node it was sent
 * to — and nodes served over https with a private CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeClient, NodeUnavailableError } from '../gateway/node-client.js';
import { contextSigner, GATEWAY_ISSUER, HUB_CONTEXT_HEADER, nodeIssuer, type ContextTarget } from '../lib/hub-context.js';
import { loadOrCreateSigningKey } from '../lib/keys.js';
import type { HubContextClaims } from '../lib/principal.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type TestHub } from './support/hub.js';

let hub: TestHub;
const ENTITY = { uscc: uscc('91', '350102', 6101), name: '福州三坊七巷文化传播有限公司' };
let licenceId: string;

const issuerClaims: HubContextClaims = {
  principal: { kind: 'agency', code: AGENCY.fuzhouIssuer.sub, name: AGENCY.fuzhouIssuer.name, roles: ['issuer'] },
  purpose: null,
  requestId: 'captured',
  grants: [],
};

beforeAll(async () => {
  hub = await startTestHub('context_binding');
  const steward = await hub.as(AGENCY.steward);
  const issuer = await hub.as(AGENCY.fuzhouIssuer);
  expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
  expect((await issuer(REGISTER_ENTITY, { input: company(ENTITY.uscc, ENTITY.name) })).errors).toBeUndefined();
  const issued = await issuer(ISSUE, { input: licenceFor(ENTITY, 'CTX-1', '2025-02-03') });
  expect(issued.errors).toBeUndefined();
  licenceId = issued.data!['issueCertificate'].id;
}, 120_000);
afterAll(() => hub?.stop());

const nodeUrl = (code: string) => hub.nodes.find((node) => node.code === code)!.url;
const CATALOG_READ = JSON.stringify({ query: '{ certificateTypes { code } }' });
const REVOKE = () =>
  JSON.stringify({
    query: 'mutation($id: ID!) { changeCertificateStatus(id: $id, status: REVOKED, reason: "replayed") { id status } }',
    variables: { id: licenceId },
  });

/** Signs as the gateway would for one fetch. */
const gatewaySigned = (claims: HubContextClaims, target: ContextTarget, body: string) =>
  contextSigner(hub.gatewayKey, GATEWAY_ISSUER).prepare(claims)(target, body);

async function send(node: string, subgraph: string, context: string, body: string) {
  const response = await fetch(`${nodeUrl(node)}/${subgraph}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HUB_CONTEXT_HEADER]: context },
    body,
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> } };
}

async function statusOf(id: string): Promise<string> {
  const issuer = await hub.as(AGENCY.fuzhouIssuer);
  return (await issuer(`query($id: ID!) { certificate(id: $id) { status } }`, { id })).data!['certificate'].status;
}

describe('a captured gateway context', () => {
  it('taken from a read-only catalog query, runs no mutation at the certificate subgraph', async () => {
    const captured = gatewaySigned(issuerClaims, { node: '350100', subgraph: 'catalog' }, CATALOG_READ);
    const replayed = await send('350100', 'certificate', captured, REVOKE());
    expect(replayed.status).toBe(401);
    expect(JSON.stringify(replayed.body)).toMatch(/another subgraph/);
    // Not at its own subgraph either, with another body than the one it was signed for.
    const otherBody = await send('350100', 'catalog', captured, JSON.stringify({ query: '{ myGrants { id } }' }));
    expect(otherBody.status).toBe(401);
    expect(JSON.stringify(otherBody.body)).toMatch(/another operation/);
    expect(await statusOf(licenceId)).toBe('VALID');
  });

  it('opens its own operation once: a replay within its lifetime is refused', async () => {
    const context = gatewaySigned(issuerClaims, { node: '350100', subgraph: 'catalog' }, CATALOG_READ);
    expect((await send('350100', 'catalog', context, CATALOG_READ)).status).toBe(200);
    const again = await send('350100', 'catalog', context, CATALOG_READ);
    expect(again.status).toBe(401);
    expect(JSON.stringify(again.body)).toMatch(/already used/);
  });

  it('for a mutation, changes nothing a second time', async () => {
    const body = JSON.stringify({
      query: 'mutation($id: ID!) { changeCertificateStatus(id: $id, status: SUSPENDED, reason: "检查") { status } }',
      variables: { id: licenceId },
    });
    const context = gatewaySigned(issuerClaims, { node: '350100', subgraph: 'certificate' }, body);
    const first = await send('350100', 'certificate', context, body);
    expect(first.body.data).toEqual({ changeCertificateStatus: { status: 'SUSPENDED' } });
    expect((await send('350100', 'certificate', context, body)).status).toBe(401);
    const restore = JSON.stringify({
      query: 'mutation($id: ID!) { changeCertificateStatus(id: $id, status: VALID, reason: "恢复") { status } }',
      variables: { id: licenceId },
    });
    expect((await send('350100', 'certificate', gatewaySigned(issuerClaims, { node: '350100', subgraph: 'certificate' }, restore), restore)).status).toBe(200);
  });

  it('is refused by every other node', async () => {
    const context = gatewaySigned(issuerClaims, { node: '350100', subgraph: 'catalog' }, CATALOG_READ);
    const elsewhere = await send('350200', 'catalog', context, CATALOG_READ);
    expect(elsewhere.status).toBe(401);
    expect(JSON.stringify(elsewhere.body)).toMatch(/not 350200\/catalog/);
  });
});

describe("a node's own calls", () => {
  it("are signed with the node's key, which speaks for the node and for nobody else", async () => {
    const nodeKey = await loadOrCreateSigningKey(hub.keysDir, 'node-350100');
    const asNode = contextSigner(nodeKey, nodeIssuer('350100'));
    const forAgency = asNode.prepare(issuerClaims)({ node: '350200', subgraph: 'catalog' }, CATALOG_READ);
    const refused = await send('350200', 'catalog', forAgency, CATALOG_READ);
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).toMatch(/may not speak for/);
    const asAnotherNode = asNode.prepare({ principal: { kind: 'service', code: '350000' }, purpose: null, requestId: 'x', grants: [] });
    expect((await send('350200', 'catalog', asAnotherNode({ node: '350200', subgraph: 'catalog' }, CATALOG_READ), CATALOG_READ)).status).toBe(401);
    const itself = asNode.prepare({ principal: { kind: 'service', code: '350100' }, purpose: null, requestId: 'x', grants: [] });
    expect((await send('350200', 'catalog', itself({ node: '350200', subgraph: 'catalog' }, CATALOG_READ), CATALOG_READ)).status).toBe(200);
  });

  it('read catalog entries, but no one’s certificate data', async () => {
    const nodeKey = await loadOrCreateSigningKey(hub.keysDir, 'node-350200');
    const body = JSON.stringify({ query: 'query($id: ID!) { certificate(id: $id) { number holderName } }', variables: { id: licenceId } });
    const context = contextSigner(nodeKey, nodeIssuer('350200'))
      .prepare({ principal: { kind: 'service', code: '350200' }, purpose: null, requestId: 'x', grants: [] })({ node: '350100', subgraph: 'certificate' }, body);
    const answer = await send('350100', 'certificate', context, body);
    expect(answer.body.data).toEqual({ certificate: { number: null, holderName: null } });
    expect(JSON.stringify(answer.body)).not.toContain(ENTITY.name);
  });
});

describe('nodes served over https', () => {
  let dir: string;
  let tlsHub: TestHub | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecert-tls-'));
    const at = (name: string) => join(dir, name);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
    // A private CA, and a certificate for 127.0.0.1 it signed: what an operator's PKI gives the nodes.
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=ecert-hub test CA');
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('node.key'), '-out', at('node.csr'), '-subj', '/CN=127.0.0.1');
    writeFileSync(at('node.ext'), 'subjectAltName=IP:127.0.0.1\n');
    openssl('x509', '-req', '-in', at('node.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('node.pem'), '-days', '2', '-extfile', at('node.ext'));
  });
  afterAll(async () => {
    await tlsHub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the gateway and the nodes reach each other with the CA file, and every answer crosses TLS', async () => {
    const read = (name: string) => readFileSync(join(dir, name));
    tlsHub = await startTestHub('context_tls', { nodeTls: { cert: read('node.pem'), key: read('node.key'), ca: read('ca.pem') } });
    expect(tlsHub.nodes.every((node) => node.url.startsWith('https://'))).toBe(true);
    const steward = await tlsHub.as(AGENCY.steward);
    // Defining a type at the province, then issuing at 350100: the issuing node reads the type from the province's catalog over TLS.
    expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
    const issuer = await tlsHub.as(AGENCY.fuzhouIssuer);
    const issued = await issuer(ISSUE, { input: licenceFor(ENTITY, 'TLS-1', '2025-03-04') });
    expect(issued.errors).toBeUndefined();
    const listed = await (await tlsHub.as(AGENCY.consumer))(`{ certificates(first: 5) { totalCount } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!['certificates'].totalCount).toBe(1);
    // A gateway that does not trust the CA gets no answer from the nodes.
    const distrustful = new NodeClient(tlsHub.topology, 5_000);
    try {
      const sign = contextSigner(tlsHub.gatewayKey, GATEWAY_ISSUER).prepare(issuerClaims);
      await expect(distrustful.send('350100', 'catalog', { query: '{ certificateTypes { code } }' }, sign, 'x')).rejects.toBeInstanceOf(NodeUnavailableError);
    } finally {
      distrustful.close();
    }
  });
});
