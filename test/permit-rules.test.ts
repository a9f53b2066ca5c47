/**
 * Permit rules (后置审批) through the whole hub (README › Permit rules): defined by stewards at the
 * province node, naming types kept at any node, read by every agency and by the nodes on their
 * own account.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../lib/keys.js';
import { accessRecords } from '../subgraphs/audit/db/schema.js';
import { permitRules } from '../subgraphs/catalog/db/schema.js';
import { createPeerClient, type PeerClient } from '../subgraphs/kit/peers.js';
import { readProvincePermitRules } from '../subgraphs/kit/province-permit-rules.js';
import { AGENCY, BUSINESS_LICENCE, DEFINE_TYPE, DOCTOR_LICENCE, FOOD_LICENCE, MINISTRY, uscc, XIAMEN_PERMIT } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

const SUPERVISOR = { sub: uscc('11', '350200', 8401), kind: 'agency' as const, roles: ['supervisor' as const], name: '厦门市市场监督管理局执法支队' };
const NO_ROLE = { sub: uscc('11', '350100', 8402), kind: 'agency' as const, roles: [], name: '福州市某局' };
const COMPANY = { sub: uscc('91', '350200', 8403), kind: 'holder' as const };

const RULE_FIELDS = 'code activity keywords note definedAt definedBy certificateType { code name node }';
const DEFINE = /* GraphQL */ `mutation Define($input: DefinePermitRuleInput!) { definePermitRule(input: $input) { ${RULE_FIELDS} } }`;
const DELETE = /* GraphQL */ `mutation Delete($code: ID!) { deletePermitRule(code: $code) }`;
const LIST = /* GraphQL */ `query Rules { permitRules { ${RULE_FIELDS} } }`;

const FOOD_SALE = { code: 'FOOD-SALE', activity: '食品销售', keywords: ['食品销售', '食品经营'], certificateType: FOOD_LICENCE.code };
const OUTDOOR_AD = { code: 'OUTDOOR-AD', activity: '户外广告设置', keywords: ['户外广告'], certificateType: XIAMEN_PERMIT.code, note: '仅厦门市' };

let hub: TestHub;
let steward: Client;
let supervisor: Client;
let consumer: Client;
let noRole: Client;
let company: Client;
/** Node 350200 asking the province on its own account, as the nodes do when they look for unlicensed activities. */
let peers: PeerClient;

const data = (answer: GraphQLAnswer, field: string) => {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data![field];
};
const province = () => hub.nodes.find((node) => node.code === '350000')!.database.db;
const storedCodes = async () => (await province().select({ code: permitRules.code }).from(permitRules)).map((row) => row.code).sort();
const changeRecords = async (change: string) =>
  (
    await province()
      .select({ actor: accessRecords.actor, detail: accessRecords.detail })
      .from(accessRecords)
      .where(sql`${accessRecords.fields} = ARRAY[${change}]::text[]`)
      .orderBy(accessRecords.seq)
  ).map((record) => ({ actor: record.actor, detail: JSON.parse(record.detail ?? 'null') as unknown }));

beforeAll(async () => {
  hub = await startTestHub('permit_rules');
  steward = await hub.as(AGENCY.steward);
  supervisor = await hub.as(SUPERVISOR);
  consumer = await hub.as(AGENCY.consumer);
  noRole = await hub.as(NO_ROLE);
  company = await hub.as(COMPANY);
  // The food licence and the doctor's licence are kept at the province, the Xiamen permit at 350200.
  for (const type of [FOOD_LICENCE, XIAMEN_PERMIT, DOCTOR_LICENCE, BUSINESS_LICENCE]) data(await steward(DEFINE_TYPE, { input: type }), 'defineCertificateType');
  peers = createPeerClient({ self: '350200', key: await loadOrCreateSigningKey(hub.keysDir, 'node-350200'), nodeUrl: (code) => hub.topology.node(code).url });
}, 180_000);

afterAll(async () => {
  peers?.close();
  await hub?.stop();
});

describe('permit rules (后置审批) through the whole hub', () => {
  it('a steward defines rules at the province, each naming a type kept at any node, recorded with who did it', async () => {
    const food = data(await steward(DEFINE, { input: FOOD_SALE }), 'definePermitRule');
    expect(food).toMatchObject({
      ...FOOD_SALE,
      note: null,
      definedBy: AGENCY.steward.sub,
      certificateType: { code: FOOD_LICENCE.code, name: '食品经营许可证', node: '350000' },
    });
    expect(Date.now() - Date.parse(food.definedAt)).toBeLessThan(60_000);
    const outdoor = data(await steward(DEFINE, { input: OUTDOOR_AD }), 'definePermitRule');
    // The type is kept at 350200: the province's catalog reads it from there, as for a grant.
    expect(outdoor).toMatchObject({ ...OUTDOOR_AD, certificateType: { code: XIAMEN_PERMIT.code, name: '厦门市户外广告设置许可证', node: '350200' } });
    expect(await storedCodes()).toEqual(['FOOD-SALE', 'OUTDOOR-AD']);
    expect(await changeRecords('definePermitRule')).toEqual([
      { actor: AGENCY.steward.sub, detail: { before: null, after: { ...FOOD_SALE, note: null } } },
      { actor: AGENCY.steward.sub, detail: { before: null, after: OUTDOOR_AD } },
    ]);
  });

  it('defining a code again replaces the rule, and the access log keeps it before and after', async () => {
    const redefined = { ...FOOD_SALE, activity: '食品经营', keywords: ['食品经营', ' 食品 销售 '], note: '不含仅销售预包装食品的备案' };
    const answer = data(await steward(DEFINE, { input: redefined }), 'definePermitRule');
    // Keywords are kept trimmed, as given otherwise: the space inside is ignored when matching.
    expect(answer).toMatchObject({ activity: '食品经营', keywords: ['食品经营', '食品 销售'], note: '不含仅销售预包装食品的备案' });
    const [, , last] = await changeRecords('definePermitRule');
    expect(last).toEqual({
      actor: AGENCY.steward.sub,
      detail: { before: { ...FOOD_SALE, note: null }, after: { ...redefined, keywords: ['食品经营', '食品 销售'] } },
    });
    data(await steward(DEFINE, { input: FOOD_SALE }), 'definePermitRule');
  });

  it.each([
    ['input.code', { code: 'food-sale' }],
    ['input.code', { code: 'F' }],
    ['input.code', { code: 'A'.repeat(33) }],
    ['input.activity', { activity: '  ' }],
    ['input.activity', { activity: '食'.repeat(51) }],
    ['input.activity', { activity: '食品销售\n餐饮服务' }],
    ['input.keywords', { keywords: [] }],
    ['input.keywords', { keywords: Array.from({ length: 21 }, (_, i) => `关键词${i}`) }],
    ['input.keywords[0]', { keywords: ['食'] }],
    ['input.keywords[0]', { keywords: ['Ａ '] }],
    ['input.keywords[1]', { keywords: ['食品销售', '食'.repeat(21)] }],
    ['input.keywords[1]', { keywords: ['食品销售', '食品\u202e销售'] }],
    ['input.keywords[2]', { keywords: ['食品销售', '餐饮服务', '食品 销售'] }],
    ['input.keywords[1]', { keywords: ['ICP经营', 'ｉｃｐ经营'] }],
    ['input.certificateType', { certificateType: 'not-a-type' }],
    ['input.certificateType', { certificateType: `${MINISTRY}999` }],
    ['input.certificateType', { certificateType: DOCTOR_LICENCE.code }],
    ['input.note', { note: '注'.repeat(201) }],
  ])('%s is refused as BAD_USER_INPUT naming it, and nothing is written: %j', async (field, change) => {
    const before = await storedCodes();
    const answer = await steward(DEFINE, { input: { ...FOOD_SALE, code: 'NEW-RULE', ...change } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await storedCodes()).toEqual(before);
  });

  it('only stewards define and delete rules: other agencies are not shown the mutations, and a node refuses them to anyone else', async () => {
    for (const client of [supervisor, consumer, noRole, company]) {
      const answer = await client(DEFINE, { input: { ...FOOD_SALE, code: 'STOLEN' } });
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect((await client(DELETE, { code: 'FOOD-SALE' })).data ?? null).toBeNull();
    }
    // The province node itself refuses a caller that is not a steward: here another node.
    const direct = await peers.request('350000', 'catalog', DEFINE, { input: { ...FOOD_SALE, code: 'STOLEN' } });
    expect(direct.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED', role: 'steward' });
    expect(await storedCodes()).toEqual(['FOOD-SALE', 'OUTDOOR-AD']);
  });

  it('every agency lists the rules in code order, a supervisor among them; a holder may not', async () => {
    data(await steward(DEFINE, { input: { code: 'CATERING', activity: '餐饮服务', keywords: ['餐饮服务'], certificateType: FOOD_LICENCE.code } }), 'definePermitRule');
    for (const client of [supervisor, consumer, noRole, steward]) {
      const rules = data(await client(LIST), 'permitRules');
      expect(rules.map((rule: { code: string }) => rule.code)).toEqual(['CATERING', 'FOOD-SALE', 'OUTDOOR-AD']);
      expect(rules[2]).toMatchObject({ certificateType: { name: '厦门市户外广告设置许可证', node: '350200' } });
    }
    const refused = await company(LIST);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.length).toBeGreaterThan(0);
  });

  it('a node reads the rules from the province on its own account', async () => {
    expect(await readProvincePermitRules(peers, '350000')).toEqual([
      { code: 'CATERING', activity: '餐饮服务', keywords: ['餐饮服务'], certificateType: FOOD_LICENCE.code, certificateTypeName: FOOD_LICENCE.name, note: null },
      { ...FOOD_SALE, certificateTypeName: FOOD_LICENCE.name, note: null },
      { ...OUTDOOR_AD, certificateTypeName: XIAMEN_PERMIT.name },
    ]);
  });

  it('a steward deletes a rule that no longer applies, recorded as it was; an unknown code is NOT_FOUND', async () => {
    expect(data(await steward(DELETE, { code: 'OUTDOOR-AD' }), 'deletePermitRule')).toBe(true);
    expect(await storedCodes()).toEqual(['CATERING', 'FOOD-SALE']);
    expect(await changeRecords('deletePermitRule')).toEqual([{ actor: AGENCY.steward.sub, detail: { before: OUTDOOR_AD, after: null } }]);
    expect((await steward(DELETE, { code: 'OUTDOOR-AD' })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await steward(DELETE, { code: 'outdoor ad' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });
});
