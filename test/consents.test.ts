/**
 * Holders' consents (授权用证) through the whole hub (README › Matters › Consent): kept at the
 * province node, naming certificates kept at any node, checked there for whose they are, and read
 * by the nodes (liveConsents) to apply them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCertificateId, parseCertificateId, type CertificateIdParts } from '../lib/codes.js';
import { loadOrCreateSigningKey } from '../lib/keys.js';
import { consents } from '../subgraphs/catalog/db/schema.js';
import { createPeerClient, type PeerClient } from '../subgraphs/kit/peers.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, REGISTER_ENTITY, uscc, withWrongCheck, XIAMEN_PERMIT } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

/** The holder who consents: a company of 厦门 (350200). */
const FIRM = { uscc: uscc('91', '350200', 6201), name: '厦门鹭江广告有限公司' };
/** Another company, of 福州 (350100): its certificate is not FIRM's to consent to. */
const OTHER = { uscc: uscc('91', '350100', 6202), name: '福州闽江贸易有限公司' };

/** A Xiamen matter (kept at 350200) and a province one (kept at 350000). */
const XIAMEN_MATTER = `${AGENCY.xiamenIssuer.sub}0001`;
const XIAMEN_MATTER_2 = `${AGENCY.xiamenIssuer.sub}0002`;
const PROVINCE_MATTER = `${AGENCY.provinceIssuer.sub}0001`;

const CONSENT_FIELDS = 'id holderCode agency agencyName matter matterName certificateIds caseNumber grantedAt expiresAt revokedAt live';
const GRANT = /* GraphQL */ `mutation Grant($input: GrantConsentInput!) { grantConsent(input: $input) { ${CONSENT_FIELDS} } }`;
const REVOKE = /* GraphQL */ `mutation Revoke($id: ID!) { revokeConsent(id: $id) }`;
const MINE = /* GraphQL */ `query Mine { myConsents { ${CONSENT_FIELDS} } }`;
const GIVEN = /* GraphQL */ `
  query Given($matter: ID, $first: Int, $after: String) {
    consentsGiven(matter: $matter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id holderCode matter certificateIds live } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const LIVE = /* GraphQL */ `
  query Live($agency: String!, $matter: ID!, $ids: [ID!]!) {
    liveConsents(agency: $agency, matter: $matter, certificateIds: $ids) { id holderCode caseNumber certificateIds expiresAt }
  }
`;
const AMEND = /* GraphQL */ `
  mutation Amend($id: ID!, $input: AmendCertificateInput!) { amendCertificate(id: $id, input: $input) { id version } }
`;

let hub: TestHub;
let firm: Client;
let other: Client;
let xiamen: Client;
let province: Client;
/** Node 350200 asking the province on its own account, as the nodes do when they apply consents. */
let peers: PeerClient;
/** FIRM's licence (issued by the province authority: kept at 350000) and permit (kept at 350200); OTHER's licence (kept at 350100). */
let licence: string;
let permit: string;
let othersLicence: string;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const data = (answer: GraphQLAnswer, field: string) => {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data![field];
};
const refusal = (answer: GraphQLAnswer) => {
  expect(answer.errors, 'expected an error').toBeDefined();
  return { code: answer.errors![0]!.extensions?.['code'], field: answer.errors![0]!.extensions?.['field'], message: answer.errors![0]!.message };
};
const consentInput = (overrides: Record<string, unknown> = {}) => ({
  agency: AGENCY.xiamenIssuer.sub,
  matter: XIAMEN_MATTER,
  certificateIds: [licence, permit],
  expiresAt: inDays(30),
  ...overrides,
});
const live = async (matter: string, ids: string[], agency = AGENCY.xiamenIssuer.sub) => {
  const answer = await peers.request<{ liveConsents: Array<{ id: string; certificateIds: string[] }> }>('350000', 'catalog', LIVE, { agency, matter, ids });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!.liveConsents.map((consent) => consent.id);
};
const storedConsents = async () => (await hub.nodes.find((node) => node.code === '350000')!.database.db.select({ seq: consents.seq }).from(consents)).length;

beforeAll(async () => {
  hub = await startTestHub('consents');
  const steward = await hub.as(AGENCY.steward);
  xiamen = await hub.as(AGENCY.xiamenIssuer);
  province = await hub.as(AGENCY.provinceIssuer);
  const fuzhou = await hub.as(AGENCY.fuzhouIssuer);
  firm = await hub.as({ sub: FIRM.uscc, kind: 'holder' });
  other = await hub.as({ sub: OTHER.uscc, kind: 'holder' });
  for (const type of [BUSINESS_LICENCE, XIAMEN_PERMIT]) data(await steward(DEFINE_TYPE, { input: type }), 'defineCertificateType');
  data(await xiamen(REGISTER_ENTITY, { input: company(FIRM.uscc, FIRM.name) }), 'registerLegalEntity');
  data(await fuzhou(REGISTER_ENTITY, { input: company(OTHER.uscc, OTHER.name) }), 'registerLegalEntity');
  licence = data(await province(ISSUE, { input: licenceFor(FIRM, 'YZ-C-0001', '2024-05-01') }), 'issueCertificate').id;
  othersLicence = data(await fuzhou(ISSUE, { input: licenceFor(OTHER, 'YZ-C-0002', '2024-05-01') }), 'issueCertificate').id;
  const permitInput = {
    typeCode: XIAMEN_PERMIT.code,
    number: 'XMGG-2025-0100',
    holderKind: 'ORGANIZATION',
    holderCode: FIRM.uscc,
    holderName: FIRM.name,
    issuedOn: '2025-03-01',
    validFrom: '2025-03-01',
    items: [{ code: 'location', value: '鹭江道8号外墙' }],
  };
  permit = data(await xiamen(ISSUE, { input: permitInput }), 'issueCertificate').id;
  for (const [client, code] of [
    [xiamen, XIAMEN_MATTER],
    [xiamen, XIAMEN_MATTER_2],
    [province, PROVINCE_MATTER],
  ] as const) {
    const input = { code, name: `事项 ${code.slice(-4)}`, materials: [{ certificateType: BUSINESS_LICENCE.code, items: ['name'], required: true }] };
    data(await client(`mutation($input: DefineMatterInput!) { defineMatter(input: $input) { code } }`, { input }), 'defineMatter');
  }
  peers = createPeerClient({ self: '350200', key: await loadOrCreateSigningKey(hub.keysDir, 'node-350200'), nodeUrl: (code) => hub.topology.node(code).url });
}, 180_000);

afterAll(async () => {
  peers?.close();
  await hub?.stop();
});

describe('holder consent (授权用证)', () => {
  it('a holder consents to an agency using certificates kept at two nodes for its matter: kept at the province, listed for both, read by the nodes, recorded for the holder', async () => {
    expect(licence.split('.')[6]).toBe(AGENCY.provinceIssuer.sub);
    expect(permit.split('.')[6]).toBe(AGENCY.xiamenIssuer.sub);
    const given = data(await firm(GRANT, { input: consentInput({ caseNumber: ' XM-2026-000123 ' }) }), 'grantConsent');
    expect(given).toMatchObject({
      holderCode: FIRM.uscc,
      agency: AGENCY.xiamenIssuer.sub,
      agencyName: AGENCY.xiamenIssuer.name,
      matter: XIAMEN_MATTER,
      matterName: '事项 0001',
      certificateIds: [licence, permit],
      caseNumber: 'XM-2026-000123',
      revokedAt: null,
      live: true,
    });
    expect(given.id).toMatch(/^350000-\d+$/);

    expect(data(await firm(MINE), 'myConsents')).toEqual([given]);
    const page = data(await xiamen(GIVEN, {}), 'consentsGiven');
    expect(page).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
    expect(page.edges[0].node).toEqual({ id: given.id, holderCode: FIRM.uscc, matter: XIAMEN_MATTER, certificateIds: [licence, permit], live: true });

    expect(await live(XIAMEN_MATTER, [permit])).toEqual([given.id]);
    expect(await live(XIAMEN_MATTER, [othersLicence, licence])).toEqual([given.id]);
    // Another matter, another agency, another certificate: nothing.
    expect(await live(XIAMEN_MATTER_2, [licence])).toEqual([]);
    expect(await live(XIAMEN_MATTER, [licence], AGENCY.consumer.sub)).toEqual([]);
    expect(await live(XIAMEN_MATTER, [othersLicence])).toEqual([]);

    // The change is in the province's access log, about the holder, with the consent's case number.
    const log = data(await firm(`query($h: String) { accessLog(holderCode: $h) { node fields holderCode caseNumber detail } }`, { h: FIRM.uscc }), 'accessLog');
    const record = log.find((entry: { fields: string[] }) => entry.fields.includes('grantConsent'));
    expect(record).toMatchObject({ node: '350000', holderCode: FIRM.uscc, caseNumber: 'XM-2026-000123' });
    expect(JSON.parse(record.detail)).toMatchObject({ id: given.id, matter: XIAMEN_MATTER, certificateIds: [licence, permit] });
    await firm(REVOKE, { id: given.id });
  });

  it('refuses each bad input naming its field, and writes nothing', async () => {
    const before = await storedConsents();
    const many = Array.from({ length: 21 }, () => licence);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ agency: withWrongCheck(AGENCY.xiamenIssuer.sub) }, 'input.agency'],
      [{ matter: `${AGENCY.xiamenIssuer.sub}001` }, 'input.matter'],
      // The matter is the province authority's, not the agency's.
      [{ matter: PROVINCE_MATTER }, 'input.matter'],
      // Well formed, the agency's, but defined nowhere.
      [{ matter: `${AGENCY.xiamenIssuer.sub}0999` }, 'input.matter'],
      [{ certificateIds: [] }, 'input.certificateIds'],
      [{ certificateIds: many }, 'input.certificateIds'],
      [{ certificateIds: [licence, withWrongCheck(permit)] }, 'input.certificateIds[1]'],
      [{ certificateIds: [licence, permit, licence] }, 'input.certificateIds[2]'],
      [{ caseNumber: 'X'.repeat(65) }, 'input.caseNumber'],
      [{ caseNumber: 'XM-1\nXM-2' }, 'input.caseNumber'],
      [{ caseNumber: '   ' }, 'input.caseNumber'],
      [{ expiresAt: new Date(Date.now() - 1_000).toISOString() }, 'input.expiresAt'],
      [{ expiresAt: inDays(91) }, 'input.expiresAt'],
    ];
    for (const [overrides, field] of cases) {
      expect(refusal(await firm(GRANT, { input: consentInput(overrides) })), JSON.stringify(overrides)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await storedConsents()).toBe(before);
  });

  it("refuses someone else's certificate and one that exists nowhere alike, naming it and nobody", async () => {
    const before = await storedConsents();
    const others = refusal(await firm(GRANT, { input: consentInput({ certificateIds: [permit, othersLicence] }) }));
    expect(others).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.certificateIds[1]' });
    // A valid id no node keeps: the same answer, so that it tells nothing about others' certificates.
    const unknownId = buildCertificateId({ ...(parseCertificateId(licence) as CertificateIdParts), serial: '9999999999' });
    const missing = refusal(await firm(GRANT, { input: consentInput({ certificateIds: [unknownId] }) }));
    expect(missing).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.certificateIds[0]' });
    expect(missing.message).toBe(others.message.replace('[1]', '[0]'));
    expect(others.message).not.toContain(OTHER.uscc);
    // The other company may consent to its own.
    data(await other(GRANT, { input: consentInput({ certificateIds: [othersLicence] }) }), 'grantConsent');
    expect(await storedConsents()).toBe(before + 1);
  });

  it("a holder sees only its own consents and cannot revoke another's; an agency sees only those given to it; nobody else gives or reads them", async () => {
    const mine = data(await firm(GRANT, { input: consentInput({ certificateIds: [permit] }) }), 'grantConsent');
    const theirs = data(await other(MINE), 'myConsents');
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((consent: { holderCode: string }) => consent.holderCode === OTHER.uscc)).toBe(true);
    expect(theirs.map((consent: { id: string }) => consent.id)).not.toContain(mine.id);
    // Another holder's consent is as unknown as one that does not exist.
    expect(refusal(await other(REVOKE, { id: mine.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await other(REVOKE, { id: '350000-999999' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await other(REVOKE, { id: 'nonsense' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    // Another agency is given none of them.
    const consumer = await hub.as(AGENCY.consumer);
    expect(data(await consumer(GIVEN, {}), 'consentsGiven')).toMatchObject({ totalCount: 0, edges: [] });
    // An agency gives no consent, a holder reads no consentsGiven, no client reads liveConsents.
    const before = await storedConsents();
    expect(refusal(await xiamen(GRANT, { input: consentInput() })).code).toBe('FORBIDDEN');
    expect(await storedConsents()).toBe(before);
    expect(refusal(await firm(GIVEN, {})).code).toBe('FORBIDDEN');
    const asClient = await xiamen(LIVE, { agency: AGENCY.xiamenIssuer.sub, matter: XIAMEN_MATTER, ids: [permit] });
    expect(refusal(asClient).code).toBe('FORBIDDEN');
    expect(JSON.stringify(asClient)).not.toContain(FIRM.uscc);
    expect(await live(XIAMEN_MATTER, [permit])).toContain(mine.id);
    data(await firm(REVOKE, { id: mine.id }), 'revokeConsent');
  });

  it('revoking ends a consent at once for the nodes; revoking it again answers false', async () => {
    const given = data(await firm(GRANT, { input: consentInput({ matter: XIAMEN_MATTER_2, certificateIds: [licence] }) }), 'grantConsent');
    expect(await live(XIAMEN_MATTER_2, [licence])).toEqual([given.id]);
    expect(data(await firm(REVOKE, { id: given.id }), 'revokeConsent')).toBe(true);
    expect(await live(XIAMEN_MATTER_2, [licence])).toEqual([]);
    expect(data(await firm(REVOKE, { id: given.id }), 'revokeConsent')).toBe(false);
    const listed = data(await firm(MINE), 'myConsents').find((consent: { id: string }) => consent.id === given.id);
    expect(listed).toMatchObject({ live: false });
    expect(listed.revokedAt).not.toBeNull();
    const page = data(await xiamen(GIVEN, { matter: XIAMEN_MATTER_2 }), 'consentsGiven');
    expect(page.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(given.id);
  });

  it('an expired consent is no longer live', async () => {
    const given = data(await firm(GRANT, { input: consentInput({ matter: XIAMEN_MATTER_2, certificateIds: [permit], expiresAt: new Date(Date.now() + 1_500).toISOString() }) }), 'grantConsent');
    expect(await live(XIAMEN_MATTER_2, [permit])).toEqual([given.id]);
    await vi.waitFor(async () => expect(await live(XIAMEN_MATTER_2, [permit])).toEqual([]), { timeout: 5_000, interval: 200 });
    const listed = data(await firm(MINE), 'myConsents').find((consent: { id: string }) => consent.id === given.id);
    expect(listed).toMatchObject({ live: false, revokedAt: null });
  });

  it('a consent covers every version of a certificate: given for version 1, it still covers version 2 after an amendment', async () => {
    const given = data(await firm(GRANT, { input: consentInput({ matter: PROVINCE_MATTER, agency: AGENCY.provinceIssuer.sub, certificateIds: [licence] }) }), 'grantConsent');
    const amended = data(await province(AMEND, { id: licence, input: { kind: 'AMEND', reason: '名称变更', items: [{ code: 'legalRepresentative', value: '陈海峰' }] } }), 'amendCertificate');
    expect(amended.version).toBe(2);
    expect(await live(PROVINCE_MATTER, [amended.id], AGENCY.provinceIssuer.sub)).toEqual([given.id]);
    // Two versions of one certificate are one certificate to a consent.
    expect(refusal(await firm(GRANT, { input: consentInput({ certificateIds: [licence, amended.id] }) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.certificateIds[1]',
    });
    // The holder may name the new version too (an older one is still its own).
    data(await firm(GRANT, { input: consentInput({ matter: PROVINCE_MATTER, agency: AGENCY.provinceIssuer.sub, certificateIds: [amended.id] }) }), 'grantConsent');
  });

  it('consentsGiven pages the live consents newest first, with totalCount, of all matters or one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const matter = i % 2 === 0 ? XIAMEN_MATTER : XIAMEN_MATTER_2;
      ids.push(data(await firm(GRANT, { input: consentInput({ matter, certificateIds: [permit], caseNumber: `XM-PAGE-${i}` }) }), 'grantConsent').id);
    }
    const all = data(await xiamen(GIVEN, { first: 100 }), 'consentsGiven');
    const everyLive = all.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(everyLive.slice(0, 5)).toEqual([...ids].reverse());
    expect(all.totalCount).toBe(everyLive.length);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = data(await xiamen(GIVEN, { first: 2, after }), 'consentsGiven');
      expect(page.totalCount).toBe(everyLive.length);
      expect(page.edges.length).toBeLessThanOrEqual(2);
      seen.push(...page.edges.map((edge: { node: { id: string } }) => edge.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(everyLive);

    const one = data(await xiamen(GIVEN, { matter: XIAMEN_MATTER_2, first: 100 }), 'consentsGiven');
    expect(one.edges.every((edge: { node: { matter: string } }) => edge.node.matter === XIAMEN_MATTER_2)).toBe(true);
    expect(one.edges.map((edge: { node: { id: string } }) => edge.node.id).slice(0, 2)).toEqual([ids[3], ids[1]]);
    expect(refusal(await xiamen(GIVEN, { matter: 'nope' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'matter' });
    expect(refusal(await xiamen(GIVEN, { first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('a node that keeps a certificate named and does not answer: NODE_UNAVAILABLE naming it, and nothing written', async () => {
    const before = await storedConsents();
    const xiamenNode = hub.nodes.find((node) => node.code === '350200')!.server;
    const listeners = xiamenNode.listeners('request');
    xiamenNode.removeAllListeners('request');
    xiamenNode.on('request', (_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
    try {
      const answer = await firm(GRANT, { input: consentInput({ matter: PROVINCE_MATTER, agency: AGENCY.provinceIssuer.sub, certificateIds: [permit] }) });
      expect(refusal(answer)).toMatchObject({ code: 'NODE_UNAVAILABLE' });
      expect(answer.errors![0]!.extensions?.['node']).toBe('350200');
    } finally {
      xiamenNode.removeAllListeners('request');
      for (const listener of listeners) xiamenNode.on('request', listener as never);
    }
    expect(await storedConsents()).toBe(before);
  });
});
