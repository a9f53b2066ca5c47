import { sm2 } from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, FOOD_LICENCE, ISSUE, licenceFor, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Versions of a certificate (变更 延续 补发), the national status codes and status changes
 * scheduled for a later day, through the gateway (README › Lifecycle).
 */
type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

/**
 * ISO 7064 MOD 37,36 written again from the standard, apart from lib/codes.ts: the check
 * character of a 证照标识 over its type code, issuer, serial and version.
 */
function checkCharacter(payload: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let product = 36;
  for (const character of payload) {
    let sum = (product + alphabet.indexOf(character)) % 36;
    if (sum === 0) sum = 36;
    product = (sum * 2) % 37;
  }
  return alphabet[(37 - product) % 36]!;
}

/** The parts of a 证照标识, its check character recomputed independently. */
function idParts(id: string) {
  const [typeCode, issuer, serial, version, check] = id.replace('1.2.156.3005.2.', '').split('.') as [string, string, string, string, string];
  expect(check).toBe(checkCharacter(typeCode + issuer + serial + version));
  return { typeCode, issuer, serial, version };
}

const SIGNER_ID = '1234567812345678';
const XIAMEN = AGENCY.xiamenIssuer;
const HOLDER = { uscc: uscc('91', '350200', 6101), name: '厦门海沧港务有限公司' };

const AMEND = /* GraphQL */ `
  mutation Amend($id: ID!, $input: AmendCertificateInput!) {
    amendCertificate(id: $id, input: $input) {
      id version status statusCode holderName validFrom validUntil issuedOn number
      items { code value }
      previousVersion { id status statusCode nextVersion { id } }
      versions { id version status }
      statusHistory { from to reason effectiveOn }
    }
  }
`;
const CHANGE = /* GraphQL */ `
  mutation Change($id: ID!, $status: CertificateStatus!, $reason: String!, $effectiveOn: Date) {
    changeCertificateStatus(id: $id, status: $status, reason: $reason, effectiveOn: $effectiveOn) {
      id status statusCode pendingStatus pendingEffectiveOn statusHistory { from to effectiveOn }
    }
  }
`;
const READ = /* GraphQL */ `
  query Read($id: ID!) {
    certificate(id: $id) {
      id version status statusCode pendingStatus pendingEffectiveOn validUntil holderName
      previousVersion { id } nextVersion { id }
      versions { id version status seal { publicKey signature signedPayload } }
      statusHistory { from to reason effectiveOn }
    }
  }
`;
const VERIFY = /* GraphQL */ `
  query Verify($id: ID!) { verifyCertificate(id: $id) { found status signatureValid currentId } }
`;
const LIST = /* GraphQL */ `
  query List($filter: CertificateFilter, $first: Int, $after: String) {
    certificates(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id version status } } }
  }
`;

let hub: TestHub;
let issuer: Client;
let fuzhou: Client;
let consumer: Client;
let publicClient: Client;

const data = (answer: GraphQLAnswer, field: string) => {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data![field] as Record<string, any>;
};
const refusal = (answer: GraphQLAnswer) => {
  expect(answer.errors, 'expected an error').toBeDefined();
  const [error] = answer.errors!;
  return { code: error!.extensions?.['code'], field: error!.extensions?.['field'], message: error!.message };
};

async function issueLicence(number: string, issuedOn = '2024-03-01'): Promise<string> {
  return data(await issuer(ISSUE, { input: licenceFor(HOLDER, number, issuedOn) }), 'issueCertificate')['id'];
}

async function issueFoodLicence(number: string, validFrom = '2023-01-01'): Promise<string> {
  const input = {
    typeCode: FOOD_LICENCE.code,
    number,
    holderKind: 'ORGANIZATION',
    holderCode: HOLDER.uscc,
    holderName: HOLDER.name,
    issuedOn: validFrom,
    validFrom,
    items: [
      { code: 'operator', value: HOLDER.name },
      { code: 'premises', value: '厦门市海沧区港南路1号' },
      { code: 'complaintPhone', value: '0592-12345' },
    ],
  };
  return data(await issuer(ISSUE, { input }), 'issueCertificate')['id'];
}

beforeAll(async () => {
  hub = await startTestHub('versions');
  const steward = await hub.as(AGENCY.steward);
  for (const type of [BUSINESS_LICENCE, FOOD_LICENCE]) data(await steward(DEFINE_TYPE, { input: type }), 'defineCertificateType');
  issuer = await hub.as(XIAMEN);
  fuzhou = await hub.as(AGENCY.fuzhouIssuer);
  consumer = await hub.as(AGENCY.consumer);
  publicClient = (query, variables) => hub.request(null, query, variables);
  data(await issuer(REGISTER_ENTITY, { input: company(HOLDER.uscc, HOLDER.name) }), 'registerLegalEntity');
});

afterAll(async () => {
  await hub?.stop();
});

describe('versions', () => {
  it('AMEND, RENEW and REISSUE make versions 2, 3 and 4 of one serial, each id with its own check character and seal, the older ones SUPERSEDED', async () => {
    const first = await issueFoodLicence('JY-V-0001');
    const amended = data(
      await issuer(AMEND, {
        id: first,
        input: { kind: 'AMEND', reason: '经营场所变更', items: [{ code: 'premises', value: '厦门市海沧区港南路9号' }] },
      }),
      'amendCertificate',
    );
    expect(amended).toMatchObject({ version: 2, status: 'VALID', statusCode: '01', number: 'JY-V-0001', validUntil: '2027-12-31' });
    expect(amended['items']).toContainEqual({ code: 'premises', value: '厦门市海沧区港南路9号' });
    expect(amended['items']).toContainEqual({ code: 'operator', value: HOLDER.name });
    expect(amended['previousVersion']).toEqual({ id: first, status: 'SUPERSEDED', statusCode: '05', nextVersion: { id: amended['id'] } });
    expect(amended['statusHistory']).toEqual([{ from: null, to: 'VALID', reason: '变更：经营场所变更', effectiveOn: expect.any(String) }]);

    const renewed = data(await issuer(AMEND, { id: amended['id'], input: { kind: 'RENEW', reason: '有效期届满延续' } }), 'amendCertificate');
    // Five more years from the day after the previous end.
    expect(renewed).toMatchObject({ version: 3, validUntil: '2032-12-31', validFrom: '2023-01-01' });
    const reissued = data(await issuer(AMEND, { id: renewed['id'], input: { kind: 'REISSUE', reason: '证照遗失补发' } }), 'amendCertificate');
    expect(reissued).toMatchObject({ version: 4, validUntil: '2032-12-31' });

    const ids = [first, amended['id'], renewed['id'], reissued['id']] as string[];
    const parts = ids.map(idParts);
    expect(new Set(parts.map((part) => `${part.typeCode}.${part.issuer}.${part.serial}`)).size).toBe(1);
    expect(parts.map((part) => part.version)).toEqual(['001', '002', '003', '004']);
    expect(new Set(ids).size).toBe(4);
    expect(reissued['versions']).toEqual(ids.map((id, i) => ({ id, version: i + 1, status: i === 3 ? 'VALID' : 'SUPERSEDED' })));

    // Every version's seal verifies over its own face, with sm-crypto and the published key.
    const read = data(await issuer(READ, { id: first }), 'certificate');
    expect(read['nextVersion']).toEqual({ id: amended['id'] });
    expect(read['previousVersion']).toBeNull();
    for (const version of read['versions'] as Array<{ id: string; seal: { publicKey: string; signature: string; signedPayload: string } }>) {
      const { publicKey, signature, signedPayload } = version.seal;
      expect(JSON.parse(signedPayload)['id']).toBe(version.id);
      expect(sm2.doVerifySignature(signedPayload, signature, publicKey, { der: true, hash: true, userId: SIGNER_ID })).toBe(true);
    }
    // The superseded version's history says what replaced it and why.
    expect(read['statusHistory']).toContainEqual({ from: 'VALID', to: 'SUPERSEDED', reason: `变更为第2版 ${amended['id']}：经营场所变更`, effectiveOn: expect.any(String) });

    // The public sees the old one as SUPERSEDED with its seal intact, and where the current one is.
    for (const id of ids.slice(0, 3)) {
      expect(data(await publicClient(VERIFY, { id }), 'verifyCertificate')).toEqual({ found: true, status: 'SUPERSEDED', signatureValid: true, currentId: reissued['id'] });
    }
    expect(data(await publicClient(VERIFY, { id: reissued['id'] }), 'verifyCertificate')).toEqual({ found: true, status: 'VALID', signatureValid: true, currentId: reissued['id'] });
    // A consumer reads the chain under the same rules as the certificate.
    const seen = data(await consumer(`query R($id: ID!) { certificate(id: $id) { versions { id status } } }`, { id: reissued['id'] }), 'certificate');
    expect((seen['versions'] as Array<{ id: string }>).map((version) => version.id)).toEqual(ids);
  });

  it('only the newest version is amended or changes status; the refusal names the newest', async () => {
    const first = await issueLicence('V-NEWEST-1');
    const second = data(await issuer(AMEND, { id: first, input: { kind: 'REISSUE', reason: '换发' } }), 'amendCertificate')['id'];
    for (const answer of [
      await issuer(AMEND, { id: first, input: { kind: 'REISSUE', reason: '再次换发' } }),
      await issuer(CHANGE, { id: first, status: 'REVOKED', reason: '吊销' }),
    ]) {
      const error = refusal(answer);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(error.message).toContain(second);
    }
    // SUPERSEDED is never set by hand, and the superseded version keeps its status.
    expect(refusal(await issuer(CHANGE, { id: second, status: 'SUPERSEDED', reason: '失效' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(data(await issuer(READ, { id: first }), 'certificate')['status']).toBe('SUPERSEDED');
  });

  it('every input problem is BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const id = await issueFoodLicence('JY-V-BAD', '2024-01-01');
    const attempts: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'REISSUE', reason: '补发', holderName: '新名称' }, 'input.holderName'],
      [{ kind: 'REISSUE', reason: '补发', items: [{ code: 'premises', value: 'x' }] }, 'input.items'],
      [{ kind: 'AMEND', reason: '   ' }, 'input.reason'],
      [{ kind: 'AMEND', reason: '无变化' }, 'input'],
      [{ kind: 'AMEND', reason: '同值', items: [{ code: 'operator', value: HOLDER.name }] }, 'input'],
      [{ kind: 'AMEND', reason: '未知项', items: [{ code: 'nope', value: 'x' }] }, 'input.items[0].code'],
      [{ kind: 'AMEND', reason: '重复', items: [{ code: 'premises', value: 'a' }, { code: 'premises', value: 'b' }] }, 'input.items[1].code'],
      [{ kind: 'AMEND', reason: '删除必填项', items: [{ code: 'premises', value: '' }] }, 'input.items'],
      [{ kind: 'AMEND', reason: '日期', validUntil: '2023-12-31' }, 'input.validUntil'],
      [{ kind: 'AMEND', reason: '日期', validFrom: '2024-02-30' }, 'input.validFrom'],
      [{ kind: 'RENEW', reason: '缩短', validUntil: '2028-12-31' }, 'input.validUntil'],
      [{ kind: 'AMEND', reason: '名称', holderName: '名'.repeat(201) }, 'input.holderName'],
    ];
    for (const [input, field] of attempts) {
      const error = refusal(await issuer(AMEND, { id, input }));
      expect(error, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT' });
      // A date that is not one is refused by the Date scalar, which names the field in its message.
      if (error.field === undefined) expect(error.message, JSON.stringify(input)).toContain(`at "${field}"`);
      else expect(String(error.field), JSON.stringify(input)).toBe(field);
    }
    expect(refusal(await issuer(AMEND, { id: `${id.slice(0, -1)}0`, input: { kind: 'REISSUE', reason: 'x' } })).field).toBe('id');
    // A licence without end has no term to renew.
    const forever = await issueLicence('V-FOREVER');
    expect(refusal(await issuer(AMEND, { id: forever, input: { kind: 'RENEW', reason: '延续' } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    // Another authority's certificate is not this one's to amend.
    expect(refusal(await fuzhou(AMEND, { id, input: { kind: 'REISSUE', reason: '换发' } })).code).toBe('FORBIDDEN');
    const after = data(await issuer(READ, { id }), 'certificate');
    expect(after).toMatchObject({ version: 1, status: 'VALID', nextVersion: null });
    expect(after['versions']).toHaveLength(1);
  });

  it('a suspended certificate is reinstated before a new version; a revoked one has none', async () => {
    const id = await issueLicence('V-SUSPENDED');
    data(await issuer(CHANGE, { id, status: 'SUSPENDED', reason: '暂扣' }), 'changeCertificateStatus');
    expect(refusal(await issuer(AMEND, { id, input: { kind: 'REISSUE', reason: '换发' } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    data(await issuer(CHANGE, { id, status: 'REVOKED', reason: '吊销' }), 'changeCertificateStatus');
    expect(refusal(await issuer(AMEND, { id, input: { kind: 'REISSUE', reason: '换发' } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('lists show current versions unless includeSuperseded, with totalCount and paging to match', async () => {
    const holder = { uscc: uscc('91', '350200', 6102), name: '厦门列表测试有限公司' };
    data(await issuer(REGISTER_ENTITY, { input: company(holder.uscc, holder.name) }), 'registerLegalEntity');
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) ids.push(data(await issuer(ISSUE, { input: licenceFor(holder, `V-LIST-${n}`, `2024-0${n}-01`) }), 'issueCertificate')['id']);
    const second = data(await issuer(AMEND, { id: ids[0], input: { kind: 'REISSUE', reason: '换发' } }), 'amendCertificate')['id'] as string;
    const third = data(await issuer(AMEND, { id: second, input: { kind: 'REISSUE', reason: '再换发' } }), 'amendCertificate')['id'] as string;

    const current = data(await consumer(LIST, { filter: { holderCode: holder.uscc }, first: 10 }), 'certificates');
    expect(current['totalCount']).toBe(3);
    // New versions are issued today: they come first in the list order (issuedOn descending).
    expect(current['edges'].map((edge: any) => edge.node.id)).toEqual([third, ids[2], ids[1]]);
    const all = data(await consumer(LIST, { filter: { holderCode: holder.uscc, includeSuperseded: true }, first: 10 }), 'certificates');
    expect(all['totalCount']).toBe(5);
    expect(all['edges'].map((edge: any) => edge.node.id)).toEqual([
      ...[second, third].sort((a, b) => (a < b ? -1 : 1)),
      ids[2],
      ids[1],
      ids[0],
    ]);
    // Paged two at a time, the same five, no gap, no repeat.
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: Record<string, any> = data(await consumer(LIST, { filter: { holderCode: holder.uscc, includeSuperseded: true }, first: 2, after }), 'certificates');
      expect(page['totalCount']).toBe(5);
      paged.push(...page['edges'].map((edge: any) => edge.node.id));
      after = page['pageInfo']['hasNextPage'] ? page['pageInfo']['endCursor'] : null;
    } while (after);
    expect(paged).toEqual(all['edges'].map((edge: any) => edge.node.id));
    // Asking for SUPERSEDED by status lists them too.
    const superseded = data(await consumer(LIST, { filter: { holderCode: holder.uscc, status: ['SUPERSEDED'] } }), 'certificates');
    expect(superseded['totalCount']).toBe(2);
    // The holder's registry record lists current versions only.
    const entity = await consumer(`query E($uscc: ID!) { legalEntity(uscc: $uscc) { certificates { id } } }`, { uscc: holder.uscc });
    expect((data(entity, 'legalEntity')['certificates'] as unknown[]).length).toBe(3);
  });
});

describe('status codes and scheduled changes', () => {
  it('each status has its national code', async () => {
    const codes: Record<string, string> = {};
    for (const [status, code] of [
      ['SUSPENDED', '02'],
      ['WITHDRAWN', '03'],
      ['CANCELLED', '04'],
      ['REVOKED', '07'],
    ] as const) {
      const id = await issueLicence(`V-CODE-${status}`);
      codes[status] = data(await issuer(CHANGE, { id, status, reason: '测试' }), 'changeCertificateStatus')['statusCode'];
      expect(codes[status]).toBe(code);
    }
    const expired = await issueFoodLicence('JY-V-EXPIRED', '2015-01-01');
    expect(data(await issuer(READ, { id: expired }), 'certificate')).toMatchObject({ status: 'EXPIRED', statusCode: '05' });
  });

  it('a change for a later day is pending until that day, then written with its day in the history; one made today replaces it', async () => {
    const id = await issueLicence('V-SCHEDULED');
    const scheduled = data(await issuer(CHANGE, { id, status: 'REVOKED', reason: '责令限期整改未果，届期吊销', effectiveOn: '2099-01-01' }), 'changeCertificateStatus');
    expect(scheduled).toMatchObject({ status: 'VALID', statusCode: '01', pendingStatus: 'REVOKED', pendingEffectiveOn: '2099-01-01' });
    expect(scheduled['statusHistory']).toHaveLength(1);
    // Not before the certificate's issuedOn, and a real date.
    expect(refusal(await issuer(CHANGE, { id, status: 'REVOKED', reason: '吊销', effectiveOn: '2024-02-29' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveOn' });
    const notADay = refusal(await issuer(CHANGE, { id, status: 'REVOKED', reason: '吊销', effectiveOn: '2099-02-30' }));
    expect(notADay).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(notADay.message).toContain('$effectiveOn');
    // A change made now replaces the schedule; a back-dated one carries its own day.
    const now = data(await issuer(CHANGE, { id, status: 'SUSPENDED', reason: '暂扣', effectiveOn: '2024-06-01' }), 'changeCertificateStatus');
    expect(now).toMatchObject({ status: 'SUSPENDED', statusCode: '02', pendingStatus: null, pendingEffectiveOn: null });
    expect(now['statusHistory'].at(-1)).toEqual({ from: 'VALID', to: 'SUSPENDED', effectiveOn: '2024-06-01' });
  });

  it('a schedule whose day has come is the status at once, and the node writes it with its history and event', async () => {
    const id = await issueLicence('V-DUE');
    const node = hub.nodes.find((entry) => entry.code === '350200')!;
    data(await issuer(CHANGE, { id, status: 'CANCELLED', reason: '申请注销', effectiveOn: '2099-01-01' }), 'changeCertificateStatus');
    // The day comes: moved back in the row, as the calendar would move forward.
    const { db } = node.database;
    const { certificates } = await import('../subgraphs/certificate/db/schema.js');
    const { eq } = await import('drizzle-orm');
    await db.update(certificates).set({ pendingEffectiveOn: '2025-01-01' }).where(eq(certificates.id, id));
    expect(data(await issuer(READ, { id }), 'certificate')).toMatchObject({ status: 'CANCELLED', statusCode: '04', pendingStatus: null });
    const pass = await node.node.jobs.runOnce();
    expect(pass.statusChanges).toBe(1);
    const read = data(await issuer(READ, { id }), 'certificate');
    expect(read['statusHistory'].at(-1)).toEqual({ from: 'VALID', to: 'CANCELLED', reason: '申请注销', effectiveOn: '2025-01-01' });
    expect((await node.node.jobs.runOnce()).statusChanges).toBe(0);
    const { eventLog } = await import('../subgraphs/events/db/schema.js');
    const events = await db.select({ type: eventLog.type, status: eventLog.status }).from(eventLog).where(eq(eventLog.certificateId, id));
    expect(events).toEqual([
      { type: 'CERTIFICATE_ISSUED', status: 'VALID' },
      { type: 'CERTIFICATE_STATUS_CHANGED', status: 'CANCELLED' },
    ]);
  });

  it('a new version takes over the schedule of the version it replaces', async () => {
    const id = await issueLicence('V-CARRY');
    data(await issuer(CHANGE, { id, status: 'REVOKED', reason: '届期吊销', effectiveOn: '2099-01-01' }), 'changeCertificateStatus');
    const next = data(await issuer(AMEND, { id, input: { kind: 'REISSUE', reason: '换发' } }), 'amendCertificate');
    const read = data(await issuer(READ, { id: next['id'] }), 'certificate');
    expect(read).toMatchObject({ status: 'VALID', pendingStatus: 'REVOKED', pendingEffectiveOn: '2099-01-01' });
    expect(data(await issuer(READ, { id }), 'certificate')).toMatchObject({ status: 'SUPERSEDED', pendingStatus: null });
  });
});

describe('corrections (纠错) through the gateway', () => {
  const REPORT = /* GraphQL */ `
    mutation Report($input: ReportCertificateErrorInput!) {
      reportCertificateError(input: $input) { id status dueOn overdue reporter items node certificate { id } }
    }
  `;
  const RESOLVE = /* GraphQL */ `
    mutation Resolve($id: ID!, $outcome: CorrectionStatus!, $reason: String!, $correctedVersion: ID) {
      resolveCorrection(id: $id, outcome: $outcome, reason: $reason, correctedVersion: $correctedVersion) {
        id status resolution resolvedBy correctedVersion { id version }
      }
    }
  `;
  const MINE = /* GraphQL */ `
    query Mine($first: Int, $after: String) {
      myCorrectionRequests(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id node status } } }
    }
  `;

  it('the holder reports, the issuer corrects with a new version, the holder hears it; reports at two nodes merge in the holder\'s list', async () => {
    const holder = await hub.as({ sub: HOLDER.uscc, kind: 'holder' });
    const xiamenId = await issueLicence('V-CORRECT-1');
    const fuzhouId = data(await fuzhou(ISSUE, { input: licenceFor(HOLDER, 'V-CORRECT-2', '2024-03-01') }), 'issueCertificate')['id'] as string;
    const report = data(
      await holder(REPORT, { input: { certificateId: xiamenId, items: ['legalRepresentative'], description: '法定代表人姓名有误，应为林建华' } }),
      'reportCertificateError',
    );
    expect(report).toMatchObject({ status: 'OPEN', overdue: false, reporter: HOLDER.uscc, items: ['legalRepresentative'], node: '350200', certificate: { id: xiamenId } });
    data(await holder(REPORT, { input: { certificateId: fuzhouId, items: [], description: '发证日期有误' } }), 'reportCertificateError');
    const bad = refusal(await holder(REPORT, { input: { certificateId: xiamenId, items: ['nope'], description: '错误' } }));
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items[0]' });

    // The issuer lists what concerns its certificates, and nothing of Fuzhou's.
    const listed = data(await issuer(`{ correctionRequests(status: OPEN) { totalCount edges { node { id certificateId } } } }`), 'correctionRequests');
    expect(listed['edges'].map((edge: any) => edge.node.id)).toContain(report['id']);
    expect(listed['edges'].every((edge: any) => edge.node.certificateId !== fuzhouId)).toBe(true);

    // Corrected only by a version made after the report.
    expect(refusal(await issuer(RESOLVE, { id: report['id'], outcome: 'CORRECTED', reason: '已更正', correctedVersion: xiamenId }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'correctedVersion',
    });
    const corrected = data(
      await issuer(AMEND, { id: xiamenId, input: { kind: 'AMEND', reason: '更正法定代表人', items: [{ code: 'legalRepresentative', value: '林建华' }] } }),
      'amendCertificate',
    );
    const resolved = data(await issuer(RESOLVE, { id: report['id'], outcome: 'CORRECTED', reason: '已更正法定代表人', correctedVersion: corrected['id'] }), 'resolveCorrection');
    expect(resolved).toMatchObject({ status: 'CORRECTED', resolvedBy: XIAMEN.sub, correctedVersion: { id: corrected['id'], version: 2 } });
    expect(refusal(await issuer(RESOLVE, { id: report['id'], outcome: 'REJECTED', reason: '再次' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

    // The holder's inbox hears the answer; its own list holds both reports, from two nodes, paged exactly.
    const inbox = data(await holder(`{ inbox(first: 5) { edges { node { type title certificate { id } } } } }`), 'inbox');
    expect(inbox['edges'][0].node).toMatchObject({ type: 'CORRECTION_RESOLVED', title: '您对营业执照的纠错申请已处理：已更正', certificate: { id: xiamenId } });
    const all = data(await holder(MINE, { first: 10 }), 'myCorrectionRequests');
    expect(all['totalCount']).toBe(2);
    expect(new Set(all['edges'].map((edge: any) => edge.node.node))).toEqual(new Set(['350100', '350200']));
    const first = data(await holder(MINE, { first: 1 }), 'myCorrectionRequests');
    const second = data(await holder(MINE, { first: 1, after: first['pageInfo']['endCursor'] }), 'myCorrectionRequests');
    expect([...first['edges'], ...second['edges']].map((edge: any) => edge.node.id)).toEqual(all['edges'].map((edge: any) => edge.node.id));
    expect(second['pageInfo']['hasNextPage']).toBe(false);
  });
});
