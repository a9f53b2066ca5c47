/**
 * Agencies' webhooks through the whole hub (issue 11, README › Webhooks): a receiver in the test
 * gets the events it subscribed to, signed by the node that keeps them (checked with the
 * independent sm-crypto), retried with backoff, FAILED after the configured attempts, sent again
 * on redeliver, in order per certificate, never what its agency may not read, and never twice at
 * once by two workers on one database.
 */
import { spawn } from 'node:child_process';
import { sm2 } from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNER_ID } from '../lib/seal/seal.js';
import {
  AGENCY,
  BUSINESS_LICENCE,
  company,
  DEFINE_TYPE,
  DOCTOR_LICENCE,
  ISSUE,
  licenceFor,
  REGISTER_ENTITY,
  residentId,
  uscc,
  XIAMEN_PERMIT,
} from './support/fixtures.js';
import { freshDatabaseOptions } from './support/databases.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';
import { freePort, graphql, HubProcess, ProcessHub, waitFor } from './support/processes.js';
import { WebhookReceiver, type ReceivedDelivery } from './support/webhook-receiver.js';

type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const MAX_ATTEMPTS = 3;
const XIAMEN_COMPANY = { uscc: uscc('91', '350206', 4101), name: '厦门湖里订阅测试有限公司' };
const PURPOSE = '广告设置监管';
/** An agency that reads no other authority's certificates: no consumer role. */
const ANALYST = { sub: uscc('11', '350100', 8301), kind: 'agency' as const, roles: ['analyst' as const], name: '福州市统计局' };
const AUDITOR = { sub: uscc('11', '350000', 8302), kind: 'agency' as const, roles: ['auditor' as const], name: '福建省审计厅' };

let hub: TestHub;
let receiver: WebhookReceiver;
let steward: Client;
let consumer: Client;
let issuer: Client;
let analyst: Client;
let auditor: Client;

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateWebhookInput!) {
    createWebhook(input: $input) { id url events typeCodes certificateIds purpose createdAt }
  }
`;
const DELIVERIES = /* GraphQL */ `
  query Deliveries($webhook: ID!, $status: DeliveryStatus, $first: Int) {
    webhookDeliveries(webhook: $webhook, status: $status, first: $first) {
      id webhook eventId eventType certificateId status attempts createdAt lastAttemptAt nextAttemptAt deliveredAt responseStatus lastError node
    }
  }
`;
const CHANGE_STATUS = /* GraphQL */ `
  mutation Change($id: ID!, $status: CertificateStatus!, $reason: String!) { changeCertificateStatus(id: $id, status: $status, reason: $reason) { id status } }
`;
const GRANT = /* GraphQL */ `mutation Grant($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;
const REVOKE = /* GraphQL */ `mutation Revoke($id: ID!) { revokeGrant(id: $id) }`;

interface DeliveryView {
  id: string;
  webhook: string;
  eventId: string;
  eventType: string;
  certificateId: string | null;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  responseStatus: number | null;
  lastError: string | null;
  node: string;
}

/** Creates a webhook of `client` to `path` on the receiver; fails the test on any error. */
async function subscribe(client: Client, path: string, input: Record<string, unknown>): Promise<string> {
  const answer = await client(CREATE, { input: { url: `${receiver.url}${path}`, ...input } });
  expect(answer.errors).toBeUndefined();
  return answer.data!['createWebhook'].id as string;
}

/** Issues a licence to the Xiamen company at node 350200 and answers its id. */
async function issueLicence(number: string): Promise<string> {
  const answer = await issuer(ISSUE, { input: licenceFor(XIAMEN_COMPANY, number, '2024-05-06') });
  expect(answer.errors).toBeUndefined();
  return answer.data!['issueCertificate'].id as string;
}

async function deliveriesOf(client: Client, webhook: string, status?: string): Promise<DeliveryView[]> {
  const answer = await client(DELIVERIES, { webhook, ...(status ? { status } : {}) });
  expect(answer.errors).toBeUndefined();
  return answer.data!['webhookDeliveries'] as DeliveryView[];
}

/** Waits until the receiver has `count` deliveries at `path` matching `which`, and answers them. */
const receivedAt = (path: string, count: number, which: (delivery: ReceivedDelivery) => boolean = () => true, timeoutMs = 20_000) =>
  waitFor(`${count} deliveries at ${path}`, () => {
    const found = receiver.at(path).filter(which);
    return found.length >= count ? found : undefined;
  }, timeoutMs, 20);

const nodeOf = (code: string) => hub.nodes.find((entry) => entry.code === code)!.node;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  hub = await startTestHub('webhooks', {
    grantTtlMs: 0,
    webhooks: {
      firstRetryMs: 100,
      maxBackoffMs: 300,
      maxAttempts: MAX_ATTEMPTS,
      timeoutMs: 2_000,
      pollMs: 50,
      retryWindowMs: 60_000,
      subscriptionRefreshMs: 500,
      grantTtlMs: 0,
    },
  });
  [steward, consumer, issuer, analyst, auditor] = await Promise.all([
    hub.as(AGENCY.steward),
    hub.as(AGENCY.consumer),
    hub.as(AGENCY.xiamenIssuer),
    hub.as(ANALYST),
    hub.as(AUDITOR),
  ]);
  for (const type of [BUSINESS_LICENCE, XIAMEN_PERMIT, DOCTOR_LICENCE]) {
    const answer = await steward(DEFINE_TYPE, { input: type });
    expect(answer.errors).toBeUndefined();
  }
  const registered = await issuer(REGISTER_ENTITY, { input: company(XIAMEN_COMPANY.uscc, XIAMEN_COMPANY.name) });
  expect(registered.errors).toBeUndefined();
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await receiver?.close();
});

describe('subscribing', () => {
  it('an agency creates a webhook with an unguessable id and lists only its own; another agency cannot delete it', async () => {
    const id = await subscribe(consumer, '/own', { events: ['CERTIFICATE_ISSUED', 'CERTIFICATE_ISSUED'], typeCodes: [BUSINESS_LICENCE.code], purpose: ` ${PURPOSE} ` });
    expect(id).toMatch(/^wh_[A-Za-z0-9_-]{24}$/);
    const mine = await consumer(/* GraphQL */ `{ webhooks { id url events typeCodes certificateIds purpose } }`);
    expect(mine.data!['webhooks']).toContainEqual({
      id,
      url: `${receiver.url}/own`,
      events: ['CERTIFICATE_ISSUED'],
      typeCodes: [BUSINESS_LICENCE.code],
      certificateIds: null,
      purpose: PURPOSE,
    });
    const theirs = await analyst(/* GraphQL */ `{ webhooks { id } }`);
    expect(theirs.data!['webhooks']).toEqual([]);
    const stolen = await analyst(/* GraphQL */ `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id });
    expect(stolen.data).toEqual({ deleteWebhook: false });
    const deliveries = await analyst(DELIVERIES, { webhook: id });
    expect(deliveries.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const deleted = await consumer(/* GraphQL */ `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id });
    expect(deleted.data).toEqual({ deleteWebhook: true });
  });

  it.each([
    ['a host outside the allow list', 'http://10.20.30.40/hook', 'input.url', /allow list/],
    ['a name that resolves nowhere allowed', 'https://hooks.example.invalid/hook', 'input.url', /allow list/],
    ['a scheme other than http(s)', 'ftp://127.0.0.1/hook', 'input.url', /https or http/],
    ['a user name and password', 'http://user:secret@127.0.0.1/hook', 'input.url', /user name or password/],
    ['a URL longer than 2,000 characters', `http://127.0.0.1/${'a'.repeat(2_000)}`, 'input.url', /2000/],
  ])('a URL with %s is refused as BAD_USER_INPUT on input.url', async (_what, url, field, reason) => {
    const answer = await consumer(CREATE, { input: { url, events: ['CERTIFICATE_ISSUED'] } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(answer.errors?.[0]?.message).toMatch(reason);
  });

  it('each bad filter or purpose names its field; no events at all is refused', async () => {
    const url = `${receiver.url}/bad`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ events: [] }, 'input.events'],
      [{ events: ['CERTIFICATE_ISSUED'], typeCodes: [BUSINESS_LICENCE.code, 'X123'] }, 'input.typeCodes[1]'],
      [{ events: ['CERTIFICATE_ISSUED'], typeCodes: [] }, 'input.typeCodes'],
      [{ events: ['CERTIFICATE_ISSUED'], certificateIds: ['1.2.156.3005.2.nope'] }, 'input.certificateIds[0]'],
      [{ events: ['CERTIFICATE_ISSUED'], typeCodes: Array.from({ length: 101 }, () => BUSINESS_LICENCE.code) }, 'input.typeCodes'],
      [{ events: ['CERTIFICATE_ISSUED'], purpose: '两行\n事由' }, 'input.purpose'],
    ];
    for (const [input, field] of cases) {
      const answer = await consumer(CREATE, { input: { url, ...input } });
      expect(answer.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('delivering', () => {
  it('a consumer receives a new licence signed by its node, verifiable with sm-crypto and the published node key, and the delivery is in its access log', async () => {
    const webhook = await subscribe(consumer, '/signed', { events: ['CERTIFICATE_ISSUED'], typeCodes: [BUSINESS_LICENCE.code] });
    const id = await issueLicence('WH-SIGNED-1');
    const [delivery] = await receivedAt('/signed', 1);
    const { headers, body, json } = delivery!;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-ecert-node']).toBe('350200');
    expect(json).toEqual({
      id: headers['x-ecert-event-id'],
      type: 'CERTIFICATE_ISSUED',
      at: expect.any(String),
      node: '350200',
      webhook,
      certificateId: id,
      typeCode: BUSINESS_LICENCE.code,
      issuerCode: AGENCY.xiamenIssuer.sub,
      // UNCONDITIONAL: any consumer reads the holder.
      holderCode: XIAMEN_COMPANY.uscc,
      status: 'VALID',
    });
    expect(String(headers['x-ecert-event-id'])).toMatch(/^350200-\d+$/);
    // Never an item's value.
    expect(body).not.toContain('林建国');

    const keys = await consumer(/* GraphQL */ `{ nodeKeys(node: "350200") { keyId publicKey algorithm } }`);
    const key = (keys.data!['nodeKeys'] as Array<{ keyId: string; publicKey: string }>).find((entry) => entry.keyId === headers['x-ecert-key-id']);
    expect(key).toBeDefined();
    const options = { der: true, hash: true, userId: SIGNER_ID };
    expect(sm2.doVerifySignature(body, String(headers['x-ecert-signature']), key!.publicKey, options)).toBe(true);
    expect(sm2.doVerifySignature(body.replace('VALID', 'REVOKED'), String(headers['x-ecert-signature']), key!.publicKey, options)).toBe(false);

    const [listed] = await waitFor('the delivery DELIVERED', async () => {
      const found = await deliveriesOf(consumer, webhook, 'DELIVERED');
      return found.length === 1 ? found : undefined;
    }, 10_000, 50);
    expect(listed).toMatchObject({ webhook, eventId: headers['x-ecert-event-id'], eventType: 'CERTIFICATE_ISSUED', certificateId: id, attempts: 1, responseStatus: 204, lastError: null, nextAttemptAt: null, node: '350200' });
    expect(listed!.id).toMatch(/^350200-\d+$/);

    const log = await auditor(/* GraphQL */ `query($id: ID!) { accessLog(certificateId: $id) { agency purpose holderCode fields node } }`, { id });
    expect(log.data!['accessLog']).toContainEqual({ agency: AGENCY.consumer.sub, purpose: null, holderCode: XIAMEN_COMPANY.uscc, fields: ['webhook.holderCode'], node: '350200' });
  });

  it('per certificate, events arrive in order, the next only after the one before was answered', async () => {
    const path = '/ordered';
    // The first delivery is answered only once every later event of its certificate is waiting.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    receiver.answer(path, () => {
      const gated = first;
      first = false;
      return gated ? { status: 200, after: released } : 200;
    });
    const webhook = await subscribe(consumer, path, { events: ['CERTIFICATE_ISSUED', 'CERTIFICATE_STATUS_CHANGED'], typeCodes: [BUSINESS_LICENCE.code] });
    // The issuer's own webhook tells when the node has sent what was due after the status changes.
    await subscribe(issuer, '/ordered-sentinel', { events: ['CERTIFICATE_ISSUED'] });
    const id = await issueLicence('WH-ORDER-1');
    await receivedAt(path, 1);
    for (const status of ['SUSPENDED', 'VALID', 'REVOKED']) {
      const answer = await issuer(CHANGE_STATUS, { id, status, reason: '监管核查' });
      expect(answer.errors).toBeUndefined();
    }
    await waitFor('three deliveries created', async () => {
      const found = (await deliveriesOf(consumer, webhook)).filter((delivery) => delivery.eventType === 'CERTIFICATE_STATUS_CHANGED');
      return found.length === 3 ? found : undefined;
    }, 10_000, 20);
    // A later event, delivered: the three were due before it, and were held back only by their order.
    const sentinel = await issueLicence('WH-ORDER-SENTINEL');
    await receivedAt('/ordered-sentinel', 1, (delivery) => delivery.json['certificateId'] === sentinel);
    const waiting = (await deliveriesOf(consumer, webhook)).filter((delivery) => delivery.eventType === 'CERTIFICATE_STATUS_CHANGED');
    expect(waiting.map((delivery) => [delivery.status, delivery.attempts])).toEqual([['PENDING', 0], ['PENDING', 0], ['PENDING', 0]]);
    expect(receiver.at(path).filter((delivery) => delivery.json['certificateId'] === id)).toHaveLength(1);
    release();

    const received = await receivedAt(path, 4, (delivery) => delivery.json['certificateId'] === id);
    expect(received.map((delivery) => [delivery.json['type'], delivery.json['status']])).toEqual([
      ['CERTIFICATE_ISSUED', 'VALID'],
      ['CERTIFICATE_STATUS_CHANGED', 'SUSPENDED'],
      ['CERTIFICATE_STATUS_CHANGED', 'VALID'],
      ['CERTIFICATE_STATUS_CHANGED', 'REVOKED'],
    ]);
    // Each arrived after the one before it was answered.
    for (let i = 1; i < received.length; i++) expect(received[i]!.arrivedAt).toBeGreaterThan(received[i - 1]!.answeredAt!);
  });

  it('a receiver that answers 500 gets the event again, with the same event id, until it answers 2xx', async () => {
    const path = '/flaky';
    let calls = 0;
    receiver.answer(path, () => (++calls <= 2 ? 500 : 202));
    const webhook = await subscribe(consumer, path, { events: ['CERTIFICATE_ISSUED'], typeCodes: [BUSINESS_LICENCE.code] });
    await issueLicence('WH-FLAKY-1');
    const attempts = await receivedAt(path, 3);
    expect(new Set(attempts.map((delivery) => delivery.eventId)).size).toBe(1);
    expect(attempts.map((delivery) => delivery.status)).toEqual([500, 500, 202]);
    const [delivery] = await waitFor('DELIVERED', async () => {
      const found = await deliveriesOf(consumer, webhook);
      return found[0]?.status === 'DELIVERED' ? found : undefined;
    }, 10_000, 50);
    expect(delivery).toMatchObject({ attempts: 3, responseStatus: 202, lastError: null });
  });

  it('a receiver that never answers holds only its own deliveries: another webhook gets every event meanwhile', async () => {
    receiver.answer('/stuck', () => 'hold');
    const stuck = await subscribe(consumer, '/stuck', { events: ['CERTIFICATE_ISSUED'], typeCodes: [BUSINESS_LICENCE.code] });
    await subscribe(consumer, '/prompt', { events: ['CERTIFICATE_ISSUED'], typeCodes: [BUSINESS_LICENCE.code] });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await issueLicence(`WH-STUCK-${i}`));
    const mine = (delivery: ReceivedDelivery) => ids.includes(String(delivery.json['certificateId']));
    // Every event reaches the stuck receiver too, each certificate's at once: nothing waits for another's answer.
    await receivedAt('/stuck', ids.length, mine);
    const prompt = await receivedAt('/prompt', ids.length, mine);
    expect(new Set(prompt.map((delivery) => delivery.json['certificateId']))).toEqual(new Set(ids));
    expect(prompt.every((delivery) => delivery.status === 204)).toBe(true);
    // …while none of the stuck receiver's has been answered.
    expect(receiver.at('/stuck').filter(mine).every((delivery) => delivery.answeredAt === null)).toBe(true);
    await consumer(/* GraphQL */ `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: stuck });
    receiver.releaseHeld();
  });

  it(`a delivery is FAILED after ${MAX_ATTEMPTS} attempts; redeliver sends it again, same event id, and it is DELIVERED`, async () => {
    const path = '/down';
    let up = false;
    receiver.answer(path, () => (up ? 200 : 503));
    const webhook = await subscribe(consumer, path, { events: ['CERTIFICATE_ISSUED'], typeCodes: [BUSINESS_LICENCE.code] });
    await issueLicence('WH-DOWN-1');
    const [failed] = await waitFor('FAILED', async () => {
      const found = await deliveriesOf(consumer, webhook);
      return found[0]?.status === 'FAILED' ? found : undefined;
    }, 15_000, 50);
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, responseStatus: 503, nextAttemptAt: null, deliveredAt: null });
    expect(failed!.lastError).toMatch(/HTTP 503.*3 attempts/);
    expect(receiver.at(path)).toHaveLength(MAX_ATTEMPTS);

    // Another agency cannot redeliver it; the owner can.
    const stolen = await analyst(/* GraphQL */ `mutation($id: ID!) { redeliver(delivery: $id) { id } }`, { id: failed!.id });
    expect(stolen.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    up = true;
    const again = await consumer(/* GraphQL */ `mutation($id: ID!) { redeliver(delivery: $id) { id status attempts eventId nextAttemptAt } }`, { id: failed!.id });
    expect(again.errors).toBeUndefined();
    expect(again.data!['redeliver']).toMatchObject({ id: failed!.id, status: 'PENDING', attempts: 0, eventId: failed!.eventId, nextAttemptAt: expect.any(String) });
    const all = await receivedAt(path, MAX_ATTEMPTS + 1);
    expect(all.at(-1)).toMatchObject({ eventId: failed!.eventId, status: 200 });
    await waitFor('DELIVERED', async () => ((await deliveriesOf(consumer, webhook))[0]?.status === 'DELIVERED' ? true : undefined), 10_000, 50);
  });
});

describe('authorization', () => {
  it('an agency that may not read another authority’s certificates gets no delivery of them; the issuer gets its own', async () => {
    const analystHook = await subscribe(analyst, '/analyst', { events: ['CERTIFICATE_ISSUED'] });
    // The issuer, without the consumer role, reads what it issued.
    await subscribe(issuer, '/issuer', { events: ['CERTIFICATE_ISSUED'] });
    const id = await issueLicence('WH-AUTH-1');
    // Both deliveries of one event are created together: once the issuer has its own, the analyst's would exist.
    await receivedAt('/issuer', 1, (delivery) => delivery.json['certificateId'] === id);
    expect(await deliveriesOf(analyst, analystHook)).toEqual([]);
    expect(receiver.at('/analyst')).toEqual([]);
  });

  it('a CONDITIONAL type’s holder is in the body only with a live grant for the webhook’s purpose; revoking it stops that', async () => {
    const path = '/permits';
    await subscribe(consumer, path, { events: ['CERTIFICATE_ISSUED'], typeCodes: [XIAMEN_PERMIT.code], purpose: PURPOSE });
    const issuePermit = async (number: string) => {
      const answer = await issuer(ISSUE, {
        input: {
          typeCode: XIAMEN_PERMIT.code,
          number,
          holderKind: 'ORGANIZATION',
          holderCode: XIAMEN_COMPANY.uscc,
          holderName: XIAMEN_COMPANY.name,
          issuedOn: '2024-05-06',
          validFrom: '2024-05-06',
          items: [{ code: 'location', value: '厦门市湖里区仙岳路1号' }],
        },
      });
      expect(answer.errors).toBeUndefined();
      return answer.data!['issueCertificate'].id as string;
    };
    const closed = await issuePermit('WH-PERMIT-1');
    const [withoutGrant] = await receivedAt(path, 1, (delivery) => delivery.json['certificateId'] === closed);
    expect(withoutGrant!.json).not.toHaveProperty('holderCode');
    expect(withoutGrant!.body).not.toContain(XIAMEN_COMPANY.uscc.slice(0, 17) + '"');

    const grant = await steward(GRANT, { input: { agency: AGENCY.consumer.sub, certificateType: XIAMEN_PERMIT.code, items: [], purposes: [PURPOSE] } });
    expect(grant.errors).toBeUndefined();
    const open = await issuePermit('WH-PERMIT-2');
    const [withGrant] = await receivedAt(path, 1, (delivery) => delivery.json['certificateId'] === open);
    expect(withGrant!.json['holderCode']).toBe(XIAMEN_COMPANY.uscc);

    const revoked = await steward(REVOKE, { id: grant.data!['grantAccess'].id });
    expect(revoked.errors).toBeUndefined();
    const closedAgain = await issuePermit('WH-PERMIT-3');
    const [afterRevoke] = await receivedAt(path, 1, (delivery) => delivery.json['certificateId'] === closedAgain);
    expect(afterRevoke!.json).not.toHaveProperty('holderCode');
  });

  it('a NOT_SHARED type reaches a consumer without its holder', async () => {
    const path = '/doctors';
    await subscribe(consumer, path, { events: ['CERTIFICATE_ISSUED'], typeCodes: [DOCTOR_LICENCE.code] });
    const doctor = residentId('350203', '19800101', 77);
    const answer = await issuer(ISSUE, {
      input: {
        typeCode: DOCTOR_LICENCE.code,
        number: 'WH-DOC-1',
        holderKind: 'PERSON',
        holderCode: doctor,
        holderName: '陈医生',
        issuedOn: '2024-05-06',
        validFrom: '2024-05-06',
        items: [
          { code: 'name', value: '陈医生' },
          { code: 'idNumber', value: doctor },
          { code: 'category', value: '临床' },
        ],
      },
    });
    expect(answer.errors).toBeUndefined();
    const [delivery] = await receivedAt(path, 1);
    expect(delivery!.json).not.toHaveProperty('holderCode');
    expect(delivery!.body).not.toContain(doctor);
  });

  it('a registry change reaches consumers and registrars, a notice only the agency that sent it', async () => {
    await subscribe(consumer, '/registry-consumer', { events: ['LEGAL_ENTITY_CHANGED', 'NOTICE'] });
    await subscribe(analyst, '/registry-analyst', { events: ['LEGAL_ENTITY_CHANGED', 'NOTICE'] });
    const sender = await subscribe(issuer, '/notices', { events: ['NOTICE', 'LEGAL_ENTITY_CHANGED'] });
    const changed = await issuer(REGISTER_ENTITY, { input: { ...company(XIAMEN_COMPANY.uscc, XIAMEN_COMPANY.name), address: '厦门市湖里区新地址1号' } });
    expect(changed.errors).toBeUndefined();
    const notice = await issuer(/* GraphQL */ `mutation($input: SendNoticeInput!) { sendNotice(input: $input) { id } }`, {
      input: { holderCode: XIAMEN_COMPANY.uscc, title: '请于月底前完成年报', body: '逾期将列入经营异常名录。' },
    });
    expect(notice.errors).toBeUndefined();
    const [registry] = await receivedAt('/registry-consumer', 1);
    expect(registry!.json).toMatchObject({ type: 'LEGAL_ENTITY_CHANGED', holderCode: XIAMEN_COMPANY.uscc, certificateId: null, status: 'ACTIVE' });
    const toSender = await receivedAt('/notices', 2);
    expect(toSender.map((delivery) => delivery.json['type']).sort()).toEqual(['LEGAL_ENTITY_CHANGED', 'NOTICE']);
    expect(toSender.find((delivery) => delivery.json['type'] === 'NOTICE')!.json['holderCode']).toBe(XIAMEN_COMPANY.uscc);
    // The notice went to the sender's webhook only; the analyst, neither consumer nor registrar, got nothing.
    await waitFor('the consumer’s deliveries settled', async () => {
      const found = await deliveriesOf(issuer, sender);
      return found.length === 2 && found.every((delivery) => delivery.status === 'DELIVERED') ? true : undefined;
    }, 10_000, 50);
    expect(receiver.at('/registry-consumer').map((delivery) => delivery.json['type'])).toEqual(['LEGAL_ENTITY_CHANGED']);
    expect(receiver.at('/registry-analyst')).toEqual([]);
  });
});

describe('several workers on one database', () => {
  it('never deliver one event twice at once, and deliver every one', async () => {
    const path = '/crowd';
    receiver.answer(path, () => ({ status: 200, delayMs: 60 }));
    await subscribe(consumer, path, { events: ['CERTIFICATE_ISSUED'], typeCodes: [BUSINESS_LICENCE.code] });
    const node = nodeOf('350200');
    const extra = [node.webhooks.createWorker(), node.webhooks.createWorker()];
    extra.forEach((worker) => worker.start());
    try {
      const ids: string[] = [];
      for (let i = 0; i < 24; i++) ids.push(await issueLicence(`WH-CROWD-${i}`));
      const received = await receivedAt(path, ids.length, () => true, 30_000);
      expect(new Set(received.map((delivery) => delivery.json['certificateId']))).toEqual(new Set(ids));
      // Each event once: no worker took over another's claim, and none sent what another held.
      expect(received).toHaveLength(ids.length);
      expect(receiver.maxOverlap.get(path)).toBe(1);
    } finally {
      await Promise.all(extra.map((worker) => worker.stop()));
    }
  });
});

describe('a node process killed with deliveries pending', () => {
  const ROOT = new URL('..', import.meta.url).pathname;

  it('delivers every one after it restarts: none lost, a repeat only with the same event id', async () => {
    const processes = await ProcessHub.create();
    const [nodePort, gatewayPort, database] = await Promise.all([freePort(), freePort(), freshDatabaseOptions('webhooks_crash')]);
    processes.writeRegistry([{ code: '350000', name: '福建省', url: `http://127.0.0.1:${nodePort}` }]);
    // PostgreSQL when the suite runs on it, else the node's PGlite in the data directory.
    const databaseArgs = 'databaseUrl' in database ? ['--database-url', database.databaseUrl] : [];
    let node: HubProcess | undefined;
    const startNode = async () => {
      node = new HubProcess(
        'node 350000',
        spawn(process.execPath, ['--import', 'tsx', 'scripts/node.ts', '--node', '350000', '--port', String(nodePort), ...databaseArgs, '--migrate'], {
          cwd: ROOT,
          // A 1 s timeout makes a lease of 7 s: what the restarted node waits before it takes over.
          env: { ...process.env, HUB_DATA_DIR: processes.dir, HUB_NODES: processes.registryFile, DATABASE_URL: '', HUB_WEBHOOK_TIMEOUT_MS: '1000' },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      await node.ready(/node 350000 ready at/, 90_000);
    };
    try {
      await Promise.all([startNode(), processes.startGateway({ port: gatewayPort })]);
      const url = `http://127.0.0.1:${gatewayPort}`;
      const [stewardToken, issuerToken, consumerToken] = await Promise.all([
        processes.token(AGENCY.steward),
        processes.token(AGENCY.provinceIssuer),
        processes.token(AGENCY.consumer),
      ]);
      expect((await graphql(url, stewardToken, DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
      const path = '/crash';
      receiver.answer(path, () => 'hold');
      const created = await graphql(url, consumerToken, CREATE, { input: { url: `${receiver.url}${path}`, events: ['CERTIFICATE_ISSUED'] } });
      expect(created.errors).toBeUndefined();
      const webhook = created.data!['createWebhook'].id as string;
      const entity = { uscc: uscc('91', '350102', 4102), name: '福州鼓楼重启测试有限公司' };
      const issue = async (number: string) => {
        const answer = await graphql(url, issuerToken, ISSUE, { input: licenceFor(entity, number, '2024-05-06') });
        expect(answer.errors).toBeUndefined();
        return answer.data!['issueCertificate'].id as string;
      };

      // Three in flight, held by the receiver; two more just issued, perhaps not even dispatched.
      const ids = [await issue('WH-CRASH-1'), await issue('WH-CRASH-2'), await issue('WH-CRASH-3')];
      await receivedAt(path, 3, () => true, 20_000);
      ids.push(await issue('WH-CRASH-4'), await issue('WH-CRASH-5'));
      await node!.kill();
      receiver.answer(path, () => 200);
      receiver.releaseHeld();

      await startNode();
      const delivered = await waitFor('every certificate delivered after the restart', () => {
        const answered = receiver.at(path).filter((delivery) => delivery.status === 200);
        const certificates = new Set(answered.map((delivery) => delivery.json['certificateId']));
        return ids.every((id) => certificates.has(id)) ? answered : undefined;
      }, 30_000, 50);
      // One event per certificate: every delivery of it, held or answered, carried its one id.
      const eventOf = new Map<unknown, Set<string>>();
      for (const delivery of receiver.at(path)) eventOf.set(delivery.json['certificateId'], (eventOf.get(delivery.json['certificateId']) ?? new Set()).add(delivery.eventId));
      expect([...eventOf.values()].map((events) => events.size)).toEqual(ids.map(() => 1));
      expect(delivered.length).toBeGreaterThanOrEqual(ids.length);
      const listed = await waitFor('every delivery DELIVERED', async () => {
        const answer = await graphql(url, consumerToken, DELIVERIES, { webhook });
        const rows = answer.data?.['webhookDeliveries'] as DeliveryView[] | undefined;
        return rows?.length === ids.length && rows.every((row) => row.status === 'DELIVERED') ? rows : undefined;
      }, 10_000, 100);
      expect(new Set(listed.map((row) => row.certificateId))).toEqual(new Set(ids));
    } finally {
      await node?.kill();
      await processes.killAll();
    }
  }, 150_000);
});
