import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate, usccCheckChar } from '../../lib/codes.js';
import type { NodeDatabase } from '../kit/db.js';
import type { Principal } from '../../lib/principal.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import { legalEntities } from './db/schema.js';
import { createLegalEntitySubgraph, migrationsFolder } from './server.js';
import { testNode } from '../../test/support/secrets.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17);

const REGISTRAR_CODE = uscc('11350100000000001');
const REGISTRAR = agency(REGISTRAR_CODE, 'registrar');
const CONSUMER = agency(uscc('11350100000000002'), 'consumer');
const COMPANY = uscc('91350100MA0000001');
const OTHER_COMPANY = uscc('91350100MA0000002');
const REPRESENTATIVE_ID = '11010519491231002X';
const asHolder = (code: string): Principal => ({ kind: 'holder', code, holderKind: 'ORGANIZATION', name: null });

let database: NodeDatabase;
let registry: ReturnType<typeof createLegalEntitySubgraph>;

beforeAll(async () => {
  database = await migratedDatabase('legal_entity_unit', [['legal-entity', migrationsFolder]]);
  registry = createLegalEntitySubgraph({ node: testNode('350100', '福州市'), db: database.db });
});
afterAll(() => database?.close());

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterLegalEntityInput!) {
    registerLegalEntity(input: $input) {
      uscc name status legalRepresentative address businessScope establishedOn node
    }
  }
`;

const READ = /* GraphQL */ `
  query Read($uscc: ID!) {
    legalEntity(uscc: $uscc) {
      uscc name status legalRepresentative legalRepresentativeIdNumber address businessScope establishedOn node
    }
  }
`;

const ENTITIES = /* GraphQL */ `
  query Entities($r: [_Any!]!) {
    _entities(representations: $r) { ... on LegalEntity { uscc name legalRepresentativeIdNumber } }
  }
`;

const company = (overrides: Record<string, unknown> = {}) => ({
  uscc: COMPANY,
  name: '福州闽江软件有限公司',
  legalRepresentative: '张三',
  legalRepresentativeIdNumber: REPRESENTATIVE_ID,
  address: '福建省福州市鼓楼区五四路1号',
  businessScope: '软件开发；信息技术咨询服务',
  establishedOn: '2015-06-01',
  ...overrides,
});

const registered = (overrides: Record<string, unknown> = {}) => ({
  uscc: COMPANY,
  name: '福州闽江软件有限公司',
  status: 'ACTIVE',
  legalRepresentative: '张三',
  address: '福建省福州市鼓楼区五四路1号',
  businessScope: '软件开发；信息技术咨询服务',
  establishedOn: '2015-06-01',
  node: '350100',
  ...overrides,
});

describe('legal-entity subgraph', () => {
  it('a registrar registers an entity and any agency reads it back', async () => {
    const result = await executeAs(registry, REGISTRAR, REGISTER, { input: company() });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['registerLegalEntity']).toEqual(registered());

    const read = await executeAs(registry, CONSUMER, /* GraphQL */ `query($uscc: ID!) { legalEntity(uscc: $uscc) { uscc name status node } }`, {
      uscc: COMPANY,
    });
    expect(read.errors).toBeUndefined();
    expect(read.data?.['legalEntity']).toEqual({ uscc: COMPANY, name: '福州闽江软件有限公司', status: 'ACTIVE', node: '350100' });
  });

  it('registering a registered USCC again records the change and keeps the first registration time', async () => {
    const secondRegistrar = uscc('11350100000000009');
    await executeAs(registry, REGISTRAR, REGISTER, { input: company({ uscc: OTHER_COMPANY }) });
    const [before] = await database.db.select().from(legalEntities).where(eq(legalEntities.uscc, OTHER_COMPANY));

    const changed = await executeAs(registry, agency(secondRegistrar, 'registrar'), REGISTER, {
      input: { uscc: OTHER_COMPANY, name: '福州闽江科技有限公司', legalRepresentative: '李四', clear: ['BUSINESS_SCOPE'] },
    });
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.['registerLegalEntity']).toEqual(
      registered({ uscc: OTHER_COMPANY, name: '福州闽江科技有限公司', legalRepresentative: '李四', businessScope: null }),
    );
    const [after] = await database.db.select().from(legalEntities).where(eq(legalEntities.uscc, OTHER_COMPANY));
    expect(after?.registeredAt).toEqual(before?.registeredAt);
    expect(after?.registeredBy).toBe(secondRegistrar);
  });

  it('a consumer may not register entities', async () => {
    const result = await executeAs(registry, CONSUMER, REGISTER, { input: company({ uscc: uscc('91350100MA0000003') }) });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  });

  it('a USCC with a wrong check character is BAD_USER_INPUT naming input.uscc', async () => {
    const wrong = `${COMPANY.slice(0, 17)}${COMPANY.endsWith('0') ? '1' : '0'}`;
    const result = await executeAs(registry, REGISTRAR, REGISTER, { input: company({ uscc: wrong }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.uscc' });
    expect(result.errors?.[0]?.message).toMatch(/check character/);
  });

  it("a legal representative's ID number with a wrong check digit is BAD_USER_INPUT naming the field", async () => {
    const result = await executeAs(registry, REGISTRAR, REGISTER, { input: company({ legalRepresentativeIdNumber: '110105194912310021' }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.legalRepresentativeIdNumber' });
    expect(result.errors?.[0]?.message).toMatch(/check character/);
  });

  it('an establishment date in the future is BAD_USER_INPUT naming input.establishedOn', async () => {
    const dayAfterTomorrow = isoDate(new Date(Date.now() + 2 * 86_400_000));
    const result = await executeAs(registry, REGISTRAR, REGISTER, { input: company({ establishedOn: dayAfterTomorrow }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.establishedOn' });
  });

  it('a blank address and an overlong name are refused naming their fields', async () => {
    const noAddress = await executeAs(registry, REGISTRAR, REGISTER, { input: company({ address: '   ' }) });
    expect(noAddress.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.address' });
    const longName = await executeAs(registry, REGISTRAR, REGISTER, { input: company({ name: '名'.repeat(201) }) });
    expect(longName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('looking up a malformed USCC is BAD_USER_INPUT naming uscc', async () => {
    const result = await executeAs(registry, CONSUMER, READ, { uscc: '91350100MA000000' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'uscc' });
  });

  it("an agency reads the public registry fields but not the representative's ID number", async () => {
    const result = await executeAs(registry, CONSUMER, READ, { uscc: COMPANY });
    expect(result.data?.['legalEntity']).toEqual({ ...registered(), legalRepresentativeIdNumber: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.path).toEqual(['legalEntity', 'legalRepresentativeIdNumber']);
  });

  it("the entity itself reads its representative's ID number", async () => {
    const result = await executeAs(registry, asHolder(COMPANY), READ, { uscc: COMPANY });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['legalEntity']).toEqual({ ...registered(), legalRepresentativeIdNumber: REPRESENTATIVE_ID });
  });

  it("an entity reading two entities at once sees only its own representative's ID number", async () => {
    const result = await executeAs(registry, asHolder(COMPANY), ENTITIES, {
      // Its own first: a rule cached per request rather than per entity would reuse that "yes".
      r: [
        { __typename: 'LegalEntity', uscc: COMPANY },
        { __typename: 'LegalEntity', uscc: OTHER_COMPANY },
      ],
    });
    expect(result.data?.['_entities']).toEqual([
      { uscc: COMPANY, name: '福州闽江软件有限公司', legalRepresentativeIdNumber: REPRESENTATIVE_ID },
      { uscc: OTHER_COMPANY, name: '福州闽江科技有限公司', legalRepresentativeIdNumber: null },
    ]);
    expect(result.errors?.map((error) => [error.extensions?.['code'], error.path])).toEqual([
      ['FORBIDDEN', ['_entities', 1, 'legalRepresentativeIdNumber']],
    ]);
  });

  it('the public sees nothing of the registry', async () => {
    const result = await executeAs(registry, { kind: 'public' }, READ, { uscc: COMPANY });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(result.data?.['legalEntity']).toBeNull();
  });

  it('entity references resolve in order, with null for an unknown USCC', async () => {
    const unknown = uscc('91350100MA0000999');
    const result = await executeAs(registry, CONSUMER, /* GraphQL */ `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { uscc name } } }`, {
      r: [COMPANY, unknown, OTHER_COMPANY].map((code) => ({ __typename: 'LegalEntity', uscc: code })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['_entities']).toEqual([
      { uscc: COMPANY, name: '福州闽江软件有限公司' },
      null,
      { uscc: OTHER_COMPANY, name: '福州闽江科技有限公司' },
    ]);
  });

  it('fifty entity references resolve in one SQL statement', async () => {
    const codes = Array.from({ length: 50 }, (_, i) => uscc(`91350100MB${String(i).padStart(7, '0')}`));
    await database.db.insert(legalEntities).values(
      codes.map((code, i) => ({
        uscc: code,
        name: `企业${i}`,
        legalRepresentative: '王五',
        address: '福建省福州市',
        establishedOn: '2020-01-01',
        registeredBy: REGISTRAR_CODE,
      })),
    );
    database.statements.reset();
    const result = await executeAs(registry, CONSUMER, /* GraphQL */ `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { uscc name } } }`, {
      r: codes.map((code) => ({ __typename: 'LegalEntity', uscc: code })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['_entities']).toEqual(codes.map((code, i) => ({ uscc: code, name: `企业${i}` })));
    expect(database.statements.count).toBe(1);
  });
});

describe('who changes what in the registry', () => {
  const XIAMEN_REGISTRAR = agency(uscc('11350200000000001'), 'registrar');
  const NINGDE_REGISTRAR = agency(uscc('11350900000000001'), 'registrar');
  const XIAMEN_COMPANY = uscc('91350206MA0000001');
  const xiamenCompany = (overrides: Record<string, unknown> = {}) =>
    company({ uscc: XIAMEN_COMPANY, name: '厦门湖里鹭江贸易有限公司', address: '福建省厦门市湖里区湖里大道1号', ...overrides });
  const rowOf = async (code: string) => (await database.db.select().from(legalEntities).where(eq(legalEntities.uscc, code)))[0];
  /** The Xiamen node's registry: the same tables, as the node of the company's region serves them. */
  let xiamen: ReturnType<typeof createLegalEntitySubgraph>;

  beforeAll(async () => {
    xiamen = createLegalEntitySubgraph({ node: testNode('350200', '厦门市'), db: database.db });
    const registered = await executeAs(xiamen, XIAMEN_REGISTRAR, REGISTER, { input: xiamenCompany() });
    expect(registered.errors).toBeUndefined();
  });

  it('a registrar of 宁德 (350900) changing a 厦门 company gets FORBIDDEN naming both regions, and nothing changes', async () => {
    const before = await rowOf(XIAMEN_COMPANY);
    const answer = await executeAs(xiamen, NINGDE_REGISTRAR, REGISTER, {
      input: { uscc: XIAMEN_COMPANY, legalRepresentative: '冒名顶替', clear: ['LEGAL_REPRESENTATIVE_ID_NUMBER'] },
    });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(answer.errors?.[0]?.message).toMatch(/350900/);
    expect(answer.errors?.[0]?.message).toMatch(/350206/);
    expect(answer.data).toBeNull();
    expect(await rowOf(XIAMEN_COMPANY)).toEqual(before);
  });

  it('a registrar of 宁德 may not register a new 厦门 company either', async () => {
    const code = uscc('91350206MA0000002');
    const answer = await executeAs(xiamen, NINGDE_REGISTRAR, REGISTER, { input: xiamenCompany({ uscc: code }) });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await rowOf(code)).toBeUndefined();
  });

  it('a province registrar covers every region of the province; a district registrar only its own district', async () => {
    const province = agency(uscc('11350000000000001'), 'registrar');
    const siming = agency(uscc('11350203000000001'), 'registrar');
    const byProvince = await executeAs(xiamen, province, REGISTER, { input: { uscc: XIAMEN_COMPANY, businessScope: '进出口贸易' } });
    expect(byProvince.errors).toBeUndefined();
    const bySiming = await executeAs(xiamen, siming, REGISTER, { input: { uscc: XIAMEN_COMPANY, businessScope: '批发零售' } });
    expect(bySiming.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(bySiming.errors?.[0]?.message).toMatch(/350203.*350206/);
    expect((await rowOf(XIAMEN_COMPANY))?.businessScope).toBe('进出口贸易');
  });

  it('a change naming only the address keeps every other field, the representative’s ID number included', async () => {
    const before = await rowOf(XIAMEN_COMPANY);
    const answer = await executeAs(xiamen, XIAMEN_REGISTRAR, REGISTER, { input: { uscc: XIAMEN_COMPANY, address: '福建省厦门市湖里区五缘湾道8号' } });
    expect(answer.errors).toBeUndefined();
    const after = await rowOf(XIAMEN_COMPANY);
    expect(after).toMatchObject({
      name: before?.name,
      legalRepresentative: before?.legalRepresentative,
      legalRepresentativeIdNumber: REPRESENTATIVE_ID,
      businessScope: before?.businessScope,
      establishedOn: before?.establishedOn,
      status: before?.status,
      address: '福建省厦门市湖里区五缘湾道8号',
    });
  });

  it('null and blank optional fields keep what the registry has; clear: [LEGAL_REPRESENTATIVE_ID_NUMBER] removes it', async () => {
    const kept = await executeAs(xiamen, XIAMEN_REGISTRAR, REGISTER, {
      input: { uscc: XIAMEN_COMPANY, legalRepresentativeIdNumber: null, businessScope: '  ', name: null },
    });
    expect(kept.errors).toBeUndefined();
    expect(await rowOf(XIAMEN_COMPANY)).toMatchObject({ legalRepresentativeIdNumber: REPRESENTATIVE_ID, businessScope: '进出口贸易', name: '厦门湖里鹭江贸易有限公司' });
    const cleared = await executeAs(xiamen, XIAMEN_REGISTRAR, REGISTER, { input: { uscc: XIAMEN_COMPANY, clear: ['LEGAL_REPRESENTATIVE_ID_NUMBER'] } });
    expect(cleared.errors).toBeUndefined();
    expect(await rowOf(XIAMEN_COMPANY)).toMatchObject({ legalRepresentativeIdNumber: null, businessScope: '进出口贸易' });
  });

  it('a field both given and cleared is BAD_USER_INPUT naming input.clear[i], and nothing changes', async () => {
    const before = await rowOf(XIAMEN_COMPANY);
    const answer = await executeAs(xiamen, XIAMEN_REGISTRAR, REGISTER, {
      input: { uscc: XIAMEN_COMPANY, address: '福建省厦门市思明区', businessScope: '零售', clear: ['LEGAL_REPRESENTATIVE_ID_NUMBER', 'BUSINESS_SCOPE'] },
    });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clear[1]' });
    expect(await rowOf(XIAMEN_COMPANY)).toEqual(before);
  });

  it('clearing a required field is BAD_USER_INPUT: only the optional fields can be named in clear', async () => {
    const before = await rowOf(XIAMEN_COMPANY);
    const answer = await executeAs(xiamen, XIAMEN_REGISTRAR, REGISTER, { input: { uscc: XIAMEN_COMPANY, clear: ['LEGAL_REPRESENTATIVE'] } });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(/LEGAL_REPRESENTATIVE/);
    expect(await rowOf(XIAMEN_COMPANY)).toEqual(before);
  });

  it.each(['name', 'legalRepresentative', 'address', 'establishedOn'])('a new registration without %s is BAD_USER_INPUT naming it, and nothing is written', async (field) => {
    const code = uscc('91350206MA0000003');
    const answer = await executeAs(xiamen, XIAMEN_REGISTRAR, REGISTER, { input: xiamenCompany({ uscc: code, [field]: null }) });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    expect(await rowOf(code)).toBeUndefined();
  });
});
