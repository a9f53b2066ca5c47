import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Follow-ups (README › Follow-ups): a registry change at one node — an entity renamed, revoked
 * (吊销) — reaches the authorities of the entity's certificates at every other node through the
 * entity node's outbox, also when a node was down at the time.
 */
type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

const ENTITY = { uscc: uscc('91', '350200', 6201), name: '厦门远洋渔业有限公司' };
const QUIET = { uscc: uscc('91', '350200', 6202), name: '厦门无关贸易有限公司' };

const FOLLOW_UPS = /* GraphQL */ `
  query FollowUps($status: FollowUpStatus, $first: Int, $after: String) {
    followUps(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id certificateId cause holderCode since status doneAt note node } }
    }
  }
`;
const DISMISS = /* GraphQL */ `mutation Dismiss($id: ID!, $note: String!) { dismissFollowUp(id: $id, note: $note) { id status note doneAt } }`;
const AMEND = /* GraphQL */ `mutation Amend($id: ID!, $input: AmendCertificateInput!) { amendCertificate(id: $id, input: $input) { id } }`;
const CHANGE = /* GraphQL */ `mutation Change($id: ID!, $status: CertificateStatus!) { changeCertificateStatus(id: $id, status: $status, reason: "依法处理") { id status } }`;

interface FollowUp {
  id: string;
  certificateId: string;
  cause: string;
  holderCode: string;
  status: string;
  note: string | null;
  node: string;
}

let hub: TestHub;
const issuers: Record<string, Client> = {};
const held: Record<string, string> = {};

const data = (answer: GraphQLAnswer, field: string) => {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data![field] as any;
};

const nodeOf = (code: string) => hub.nodes.find((entry) => entry.code === code)!;
const runJobs = (code: string) => nodeOf(code).node.jobs.runOnce();

async function followUpsOf(code: string, status?: string): Promise<FollowUp[]> {
  return (data(await issuers[code]!(FOLLOW_UPS, { status, first: 100 }), 'followUps').edges as Array<{ node: FollowUp }>).map((edge) => edge.node);
}

/** Takes a node off the network (its server closed, every connection cut); returns how to bring it back on its port. */
async function takeDown(code: string): Promise<() => Promise<void>> {
  const server = nodeOf(code).server as Server;
  const { port, address } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return () => new Promise<void>((resolve) => server.listen(port, address, () => resolve()));
}

beforeAll(async () => {
  hub = await startTestHub('follow_ups');
  data(await (await hub.as(AGENCY.steward))(DEFINE_TYPE, { input: BUSINESS_LICENCE }), 'defineCertificateType');
  issuers['350000'] = await hub.as(AGENCY.provinceIssuer);
  issuers['350100'] = await hub.as(AGENCY.fuzhouIssuer);
  issuers['350200'] = await hub.as(AGENCY.xiamenIssuer);
  for (const entity of [ENTITY, QUIET]) data(await issuers['350200']!(REGISTER_ENTITY, { input: company(entity.uscc, entity.name) }), 'registerLegalEntity');
  // The entity holds a certificate at each of the other two nodes, and one at its own.
  for (const code of ['350000', '350100', '350200']) {
    held[code] = data(await issuers[code]!(ISSUE, { input: licenceFor(ENTITY, `FU-${code}`, '2024-05-01') }), 'issueCertificate').id;
  }
  data(await issuers['350100']!(ISSUE, { input: licenceFor(QUIET, 'FU-QUIET', '2024-05-01') }), 'issueCertificate');
  // Every node has read the registry as it is now: nothing to follow yet.
  for (const code of ['350000', '350100', '350200']) {
    await runJobs(code);
    expect(await followUpsOf(code)).toEqual([]);
  }
});

afterAll(async () => {
  await hub?.stop();
});

describe('follow-ups', () => {
  it('a rename and a 吊销 reach the authorities at every node, the node that was down among them once it is back', async () => {
    const bringBack = await takeDown('350100');
    try {
      data(await issuers['350200']!(REGISTER_ENTITY, { input: { uscc: ENTITY.uscc, name: '厦门远洋渔业集团有限公司' } }), 'registerLegalEntity');
      data(await issuers['350200']!(REGISTER_ENTITY, { input: { uscc: ENTITY.uscc, status: 'REVOKED' } }), 'registerLegalEntity');
      // A change that certificates need not follow (the address) makes none.
      data(await issuers['350200']!(REGISTER_ENTITY, { input: { uscc: QUIET.uscc, address: '厦门市思明区湖滨南路1号' } }), 'registerLegalEntity');

      for (const code of ['350000', '350200']) {
        const pass = await runJobs(code);
        expect(pass.unreachable).toEqual(['350100']);
        const made = await followUpsOf(code);
        expect(made.map((followUp) => followUp.cause).sort()).toEqual(['HOLDER_RENAMED', 'HOLDER_REVOKED']);
        for (const followUp of made) {
          expect(followUp).toMatchObject({ certificateId: held[code], holderCode: ENTITY.uscc, status: 'OPEN', node: code, id: expect.stringMatching(new RegExp(`^${code}-\\d+$`)) });
        }
        // A second pass reads nothing new and makes nothing twice.
        expect((await runJobs(code)).registryChanges).toBe(0);
        expect(await followUpsOf(code)).toHaveLength(2);
      }
    } finally {
      await bringBack();
    }
    // Back: the node reads what it missed from the entity's node.
    const pass = await runJobs('350100');
    expect(pass.unreachable).toEqual([]);
    const fuzhou = await followUpsOf('350100');
    expect(fuzhou.map((followUp) => [followUp.certificateId, followUp.cause]).sort()).toEqual([
      [held['350100'], 'HOLDER_RENAMED'],
      [held['350100'], 'HOLDER_REVOKED'],
    ]);
    // The issuer sees the holder as the registry has it now, through the federated holder.
    const withHolder = await issuers['350100']!(`{ followUps(first: 1) { edges { node { certificate { id holder { name status } } } } } }`);
    expect(data(withHolder, 'followUps').edges[0].node.certificate).toEqual({ id: held['350100'], holder: { name: '厦门远洋渔业集团有限公司', status: 'REVOKED' } });
  });

  it('the entity node down: the others read its changes when it answers again', async () => {
    const bringBack = await takeDown('350200');
    let cancelledAt: string;
    try {
      // Recorded in its database while it is off the network (as if written just before it went down).
      const { registerLegalEntity } = await import('../subgraphs/legal-entity/service.js');
      const row = await registerLegalEntity(nodeOf('350200').database.db, AGENCY.xiamenIssuer.sub, { uscc: QUIET.uscc, status: 'CANCELLED' } as never);
      cancelledAt = row.updatedAt.toISOString();
      const pass = await runJobs('350100');
      expect(pass.unreachable).toEqual(['350200']);
      expect((await followUpsOf('350100')).filter((followUp) => followUp.holderCode === QUIET.uscc)).toEqual([]);
    } finally {
      await bringBack();
    }
    await runJobs('350100');
    const quiet = (await followUpsOf('350100')).filter((followUp) => followUp.holderCode === QUIET.uscc);
    expect(quiet).toMatchObject([{ cause: 'HOLDER_CANCELLED', status: 'OPEN' }]);
    expect(data(await issuers['350100']!(FOLLOW_UPS, { status: 'OPEN', first: 1 }), 'followUps').edges[0].node.since).toBe(cancelledAt!);
  });

  it('a new version or a final status closes them; the authority dismisses one with a note; each lists only its own', async () => {
    // 350000: a new version closes both.
    data(await issuers['350000']!(AMEND, { id: held['350000'], input: { kind: 'AMEND', reason: '名称变更', holderName: '厦门远洋渔业集团有限公司' } }), 'amendCertificate');
    const province = await followUpsOf('350000');
    expect(province.map((followUp) => followUp.status)).toEqual(['DONE', 'DONE']);
    expect(province[0]!.note).toMatch(/^变更为第2版 /);
    // 350200: a 吊销 of the certificate closes both.
    data(await issuers['350200']!(CHANGE, { id: held['350200'], status: 'REVOKED' }), 'changeCertificateStatus');
    expect((await followUpsOf('350200', 'OPEN'))).toEqual([]);
    expect((await followUpsOf('350200', 'DONE')).map((followUp) => followUp.note)).toEqual(['状态 REVOKED', '状态 REVOKED']);
    // 350100: dismissed one by one, with the authority's reason; twice is refused.
    const [renamed] = (await followUpsOf('350100', 'OPEN')).filter((followUp) => followUp.cause === 'HOLDER_RENAMED');
    const dismissed = data(await issuers['350100']!(DISMISS, { id: renamed!.id, note: '名称变更不影响许可效力' }), 'dismissFollowUp');
    expect(dismissed).toMatchObject({ status: 'DONE', note: '已核查：名称变更不影响许可效力' });
    const again = await issuers['350100']!(DISMISS, { id: renamed!.id, note: '再次' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    // Another authority cannot close it, nor see it.
    const [open] = await followUpsOf('350100', 'OPEN');
    const foreign = await issuers['350200']!(DISMISS, { id: open!.id, note: '越权' });
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await issuers['350200']!(DISMISS, { id: 'x', note: 'n' }).then((answer) => answer.errors?.[0]?.extensions)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await followUpsOf('350200')).every((followUp) => followUp.node === '350200')).toBe(true);
    // Paging: one at a time, the same follow-ups as one page.
    const all = await followUpsOf('350100');
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = data(await issuers['350100']!(FOLLOW_UPS, { first: 1, after }), 'followUps');
      expect(page.totalCount).toBe(all.length);
      paged.push(...page.edges.map((edge: { node: FollowUp }) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(all.map((followUp) => followUp.id));
  });

  it('no client reads a node\'s registry changes', async () => {
    const answer = await issuers['350200']!(`{ registryChanges(node: "350200", after: 0) { seq uscc causes } }`);
    expect(answer.errors).toBeDefined();
    expect(answer.data?.['registryChanges'] ?? null).toBeNull();
  });
});
