import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * The holder's inbox through the gateway (README › The holder's inbox): messages kept at every
 * node that holds data of the holder, merged newest first with exact paging, marked read across
 * nodes, and notices from agencies.
 */
type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const HOLDER = { uscc: uscc('91', '350200', 5101), name: '厦门鹭江物流有限公司' };
const OTHER = { uscc: uscc('91', '350200', 5102), name: '厦门同安茶业有限公司' };

const INBOX = /* GraphQL */ `
  query Inbox($first: Int, $after: String, $unreadOnly: Boolean) {
    inbox(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id at type title node readAt certificate { id number node } } }
    }
  }
`;

interface Message {
  id: string;
  at: string;
  type: string;
  title: string;
  node: string;
  readAt: string | null;
  certificate: { id: string; number: string; node: string } | null;
}
interface InboxPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Message }>;
}

let hub: TestHub;
let holder: Client;
let other: Client;
const issuers: Record<string, Client> = {};

async function page(client: Client, variables: Record<string, unknown>): Promise<InboxPage> {
  const answer = await client(INBOX, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data!['inbox'] as InboxPage;
}

beforeAll(async () => {
  hub = await startTestHub('inbox');
  const steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
  issuers['350000'] = await hub.as(AGENCY.provinceIssuer);
  issuers['350100'] = await hub.as(AGENCY.fuzhouIssuer);
  issuers['350200'] = await hub.as(AGENCY.xiamenIssuer);
  for (const entity of [HOLDER, OTHER]) {
    expect((await issuers['350200'](REGISTER_ENTITY, { input: company(entity.uscc, entity.name) })).errors).toBeUndefined();
  }
  // Licences of the holder kept at all three nodes, issued one after the other in turns.
  for (let round = 0; round < 3; round++) {
    for (const node of ['350000', '350100', '350200']) {
      const answer = await issuers[node]!(ISSUE, { input: licenceFor(HOLDER, `IN-${node}-${round}`, '2024-05-01') });
      expect(answer.errors).toBeUndefined();
    }
  }
  expect((await issuers['350100']!(ISSUE, { input: licenceFor(OTHER, 'IN-OTHER-1', '2024-05-01') })).errors).toBeUndefined();
  const notice = await issuers['350100']!(`mutation($input: SendNoticeInput!) { sendNotice(input: $input) { id } }`, {
    input: { holderCode: HOLDER.uscc, title: '年报提醒', body: '请于6月30日前报送2024年度报告。' },
  });
  expect(notice.errors).toBeUndefined();
  holder = await hub.as({ sub: HOLDER.uscc, kind: 'holder' });
  other = await hub.as({ sub: OTHER.uscc, kind: 'holder' });
}, 120_000);

afterAll(() => hub?.stop());

describe("the holder's inbox across nodes", () => {
  it('holds every message about the holder, from every node, newest first in the hub order', async () => {
    const all = await page(holder, { first: 100 });
    // Nine licences, the notice, and the registration of the entity itself.
    expect(all.totalCount).toBe(11);
    expect(all.edges).toHaveLength(11);
    expect(new Set(all.edges.map((edge) => edge.node.node))).toEqual(new Set(['350000', '350100', '350200']));
    expect(all.edges.filter((edge) => edge.node.type === 'CERTIFICATE_ISSUED').map((edge) => edge.node.certificate!.number).sort()).toEqual(
      ['350000', '350100', '350200'].flatMap((node) => [0, 1, 2].map((round) => `IN-${node}-${round}`)).sort(),
    );
    expect(all.edges.find((edge) => edge.node.type === 'NOTICE')!.node).toMatchObject({ title: '年报提醒', node: '350100', certificate: null });
    expect(all.edges.find((edge) => edge.node.type === 'LEGAL_ENTITY_CHANGED')!.node.title).toBe(`${HOLDER.name}已完成设立登记`);
    // at descending, then node code ascending, then the node's sequence descending.
    const key = (message: Message) => [message.at, message.node, Number(message.id.split('-')[1])] as const;
    for (let i = 1; i < all.edges.length; i++) {
      const [a, b] = [key(all.edges[i - 1]!.node), key(all.edges[i]!.node)];
      expect(a[0] > b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] > b[2])))).toBe(true);
    }
  });

  it('pages exactly across nodes: every message once, in the same order, whatever the page size', async () => {
    const all = (await page(holder, { first: 100 })).edges.map((edge) => edge.node.id);
    for (const size of [1, 2, 4]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const next: InboxPage = await page(holder, { first: size, after });
        expect(next.totalCount).toBe(all.length);
        seen.push(...next.edges.map((edge) => edge.node.id));
        if (!next.pageInfo.hasNextPage) break;
        after = next.pageInfo.endCursor;
      }
      expect(seen).toEqual(all);
    }
  });

  it('marks messages of several nodes read in one call, and unreadOnly leaves them out', async () => {
    const all = (await page(holder, { first: 100 })).edges.map((edge) => edge.node);
    const chosen = ['350000', '350100', '350200'].map((node) => all.find((message) => message.node === node && message.readAt === null)!.id);
    const marked = await holder(`mutation($ids: [ID!]!) { markRead(ids: $ids) }`, { ids: chosen });
    expect(marked.errors).toBeUndefined();
    expect(marked.data).toEqual({ markRead: 3 });
    const unread = await page(holder, { first: 100, unreadOnly: true });
    expect(unread.totalCount).toBe(all.filter((message) => message.readAt === null).length - 3);
    expect(unread.edges.map((edge) => edge.node.id)).not.toEqual(expect.arrayContaining([chosen[0]]));
    // Another holder cannot mark them, nor see them.
    expect((await other(`mutation($ids: [ID!]!) { markRead(ids: $ids) }`, { ids: all.map((message) => message.id) })).data).toEqual({ markRead: 0 });
    const theirs = await page(other, { first: 100 });
    expect(theirs.edges.map((edge) => edge.node.id)).not.toEqual(expect.arrayContaining([all[0]!.id]));
  });

  it('tells the issuer whether the holder received and read its certificate', async () => {
    const issued = await issuers['350200']!(ISSUE, { input: licenceFor(HOLDER, 'IN-DELIVERY', '2024-06-01') });
    const id = (issued.data!['issueCertificate'] as { id: string }).id;
    const delivery = `query($id: ID!) { certificate(id: $id) { delivery { deliveredAt readAt } } }`;
    expect((await issuers['350200']!(delivery, { id })).data).toEqual({ certificate: { delivery: { deliveredAt: null, readAt: null } } });
    const message = (await page(holder, { first: 100 })).edges.find((edge) => edge.node.certificate?.id === id)!.node;
    const received = (await issuers['350200']!(delivery, { id })).data!['certificate'] as { delivery: { deliveredAt: string | null; readAt: string | null } };
    expect(received.delivery.deliveredAt).not.toBeNull();
    expect(received.delivery.readAt).toBeNull();
    await holder(`mutation($ids: [ID!]!) { markRead(ids: $ids) }`, { ids: [message.id] });
    const read = (await issuers['350200']!(delivery, { id })).data!['certificate'] as { delivery: { readAt: string | null } };
    expect(read.delivery.readAt).not.toBeNull();
    // Another issuer is told it may not know.
    const outsider = await issuers['350100']!(delivery, { id });
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is a holder\'s: an agency is refused, and the public is not shown it', async () => {
    const asAgency = await issuers['350000']!(INBOX, { first: 1 });
    expect(asAgency.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const asPublic = await hub.request(null, INBOX, { first: 1 });
    expect(asPublic.errors?.[0]?.extensions?.['code']).toBeDefined();
    expect(asPublic.data ?? null).toBeNull();
  });
});
