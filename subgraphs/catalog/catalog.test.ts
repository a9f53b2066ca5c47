import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFromList } from '../kit/catalog-lookup.js';
import { usccCheckChar } from '../../lib/codes.js';
import type { NodeDatabase } from '../kit/db.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import { createCatalogSubgraph, migrationsFolder } from './server.js';
import { testNode } from '../../test/support/secrets.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const AUTHORITY = uscc('11100000000000001');
const STEWARD = agency(uscc('12350000000000002'), 'steward');
const CONSUMER = agency(uscc('11350100000000003'), 'consumer');

let database: NodeDatabase;
let catalog: ReturnType<typeof createCatalogSubgraph>;

beforeAll(async () => {
  database = await migratedDatabase('catalog_unit', [['catalog', migrationsFolder]]);
  // Every type these tests read is kept at this node: no other node's catalog to ask.
  catalog = createCatalogSubgraph({ node: testNode('350000', '福建省'), db: database.db, catalog: catalogFromList([]) });
});
afterAll(() => database?.close());

const DEFINE = /* GraphQL */ `
  mutation Define($input: DefineCertificateTypeInput!) {
    defineCertificateType(input: $input) { code name holderKind sharing items { code name required sensitive } node }
  }
`;

const licence = (overrides: Record<string, unknown> = {}) => ({
  code: `${AUTHORITY}001`,
  name: '营业执照',
  definingAuthority: '国家市场监督管理总局',
  holderKind: 'ORGANIZATION',
  sharing: 'UNCONDITIONAL',
  validityYears: null,
  items: [
    { code: 'name', name: '名称', required: true },
    { code: 'legalRepresentative', name: '法定代表人', required: true },
  ],
  ...overrides,
});

describe('catalog subgraph', () => {
  it('a steward defines a type with its items, readable by any agency', async () => {
    const defined = await executeAs(catalog, STEWARD, DEFINE, { input: licence() });
    expect(defined.errors).toBeUndefined();
    const read = await executeAs(catalog, CONSUMER, /* GraphQL */ `query { certificateTypes { code name items { code required sensitive } node } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data?.['certificateTypes']).toEqual([
      {
        code: `${AUTHORITY}001`,
        name: '营业执照',
        node: '350000',
        items: [
          { code: 'name', required: true, sensitive: false },
          { code: 'legalRepresentative', required: true, sensitive: false },
        ],
      },
    ]);
  });

  it('a consumer may not define types', async () => {
    const result = await executeAs(catalog, CONSUMER, DEFINE, { input: licence({ code: `${AUTHORITY}002` }) });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  });

  it('a type code with a wrong check character is BAD_USER_INPUT naming input.code', async () => {
    const bad = `${AUTHORITY.slice(0, 17)}${AUTHORITY.endsWith('0') ? '1' : '0'}001`;
    const result = await executeAs(catalog, STEWARD, DEFINE, { input: licence({ code: bad }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect(result.errors?.[0]?.message).toMatch(/check character/);
  });

  it('an item defined twice is refused and nothing is written', async () => {
    const items = [{ code: 'a', name: 'A' }, { code: 'a', name: 'A again' }];
    const result = await executeAs(catalog, STEWARD, DEFINE, { input: licence({ code: `${AUTHORITY}003`, items }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items[1].code' });
    const read = await executeAs(catalog, CONSUMER, `query($c: ID!) { certificateType(code: $c) { code } }`, { c: `${AUTHORITY}003` });
    expect(read.data?.['certificateType']).toBeNull();
  });

  it('federation fields stay reachable under default deny and entity references resolve', async () => {
    const service = await executeAs(catalog, CONSUMER, `{ _service { sdl } }`);
    expect(service.errors).toBeUndefined();
    const entities = await executeAs(
      catalog,
      CONSUMER,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on CertificateType { code name } } }`,
      { r: [{ __typename: 'CertificateType', code: `${AUTHORITY}001` }, { __typename: 'CertificateType', code: `${AUTHORITY}999` }] },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data?.['_entities']).toEqual([{ code: `${AUTHORITY}001`, name: '营业执照' }, null]);
  });

  it('the public sees nothing of the catalog', async () => {
    const result = await executeAs(catalog, { kind: 'public' }, `query { certificateTypes { code } }`);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
