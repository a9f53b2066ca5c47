import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFromList, type CatalogLookup, type CatalogType } from '../kit/catalog-lookup.js';
import type { NodeDatabase } from '../kit/db.js';
import type { Principal } from '../../lib/principal.js';
import { BUSINESS_LICENCE, DEFINE_TYPE, DOCTOR_LICENCE, uscc, withWrongCheck, XIAMEN_AUTHORITY, XIAMEN_PERMIT } from '../../test/support/fixtures.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import { grants } from './db/schema.js';
import { createCatalogSubgraph, migrationsFolder } from './server.js';
import { testNode } from '../../test/support/secrets.js';

const STEWARD = agency(uscc('11', '350000', 9001), 'steward');
const CONSUMER = agency(uscc('11', '350100', 9002), 'consumer');
const agencyCode = (principal: Principal) => (principal.kind === 'agency' ? principal.code : '');

/** Kept at node 350200: this province node knows it only through the lookup. */
const XIAMEN_TYPE: CatalogType = {
  code: XIAMEN_PERMIT.code,
  name: XIAMEN_PERMIT.name,
  definingAuthority: XIAMEN_PERMIT.definingAuthority,
  holderKind: 'ORGANIZATION',
  sharing: 'CONDITIONAL',
  validityYears: XIAMEN_PERMIT.validityYears,
  items: XIAMEN_PERMIT.items.map(({ code, name, required }) => ({ code, name, required, sensitive: false })),
  node: '350200',
};
/** A Xiamen type whose node does not answer. */
const UNREACHABLE_TYPE = `${XIAMEN_AUTHORITY}009`;

/** How many times the subgraph asked another node's catalog, per type code. */
const remoteLookups = new Map<string, number>();
const otherNodes: CatalogLookup = {
  async getType(code) {
    remoteLookups.set(code, (remoteLookups.get(code) ?? 0) + 1);
    if (code === UNREACHABLE_TYPE) {
      throw new GraphQLError('the catalog of node 350200 is unavailable', { extensions: { code: 'NODE_UNAVAILABLE', node: '350200' } });
    }
    return catalogFromList([XIAMEN_TYPE]).getType(code);
  },
};

let database: NodeDatabase;
let catalog: ReturnType<typeof createCatalogSubgraph>;

beforeAll(async () => {
  database = await migratedDatabase('catalog_grants', [['catalog', migrationsFolder]]);
  catalog = createCatalogSubgraph({ node: testNode('350000', '福建省'), db: database.db, catalog: otherNodes });
  for (const type of [BUSINESS_LICENCE, DOCTOR_LICENCE]) {
    const defined = await executeAs(catalog, STEWARD, DEFINE_TYPE, { input: type });
    expect(defined.errors).toBeUndefined();
  }
});
afterAll(() => database?.close());

const GRANT = /* GraphQL */ `
  mutation Grant($input: GrantAccessInput!) {
    grantAccess(input: $input) {
      id agency items purposes expiresAt createdAt createdBy
      certificateType { code name sharing node items { code } }
    }
  }
`;
const REVOKE = /* GraphQL */ `mutation Revoke($id: ID!) { revokeGrant(id: $id) }`;
const GRANTS = /* GraphQL */ `query Grants($agency: String) { grants(agency: $agency) { id agency expiresAt certificateType { code } } }`;
const MY_GRANTS = /* GraphQL */ `query { myGrants { id items purposes certificateType { code } } }`;

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const anHourAgo = () => new Date(Date.now() - 3600_000).toISOString();

/** A grant that passes every check: the licence's name to a consumer, for tax inspections. */
const valid = (overrides: Record<string, unknown> = {}) => ({
  agency: agencyCode(CONSUMER),
  certificateType: BUSINESS_LICENCE.code,
  items: ['name', 'legalRepresentative'],
  purposes: ['税务稽查'],
  expiresAt: inAnHour(),
  ...overrides,
});

async function grant(input: Record<string, unknown>, as: Principal = STEWARD) {
  const answer = await executeAs(catalog, as, GRANT, { input });
  return { answer, grant: answer.data?.['grantAccess'] as Record<string, unknown> | undefined };
}

describe('granting access', () => {
  it('a steward grants a consumer items of a type kept at this node, and the grant reads back in full', async () => {
    const expiresAt = inAnHour();
    const { answer, grant: granted } = await grant(valid({ expiresAt }));
    expect(answer.errors).toBeUndefined();
    expect(granted).toMatchObject({
      agency: agencyCode(CONSUMER),
      items: ['name', 'legalRepresentative'],
      purposes: ['税务稽查'],
      expiresAt,
      createdBy: agencyCode(STEWARD),
      certificateType: {
        code: BUSINESS_LICENCE.code,
        name: BUSINESS_LICENCE.name,
        sharing: 'UNCONDITIONAL',
        node: '350000',
        items: [{ code: 'name' }, { code: 'legalRepresentative' }, { code: 'businessScope' }],
      },
    });
    expect(granted?.['id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(String(granted?.['createdAt']))).toBeLessThanOrEqual(Date.now());
  });

  it('a type kept at another node is granted and described from that node’s catalog', async () => {
    const { answer, grant: granted } = await grant(valid({ certificateType: XIAMEN_TYPE.code, items: ['location'], expiresAt: null }));
    expect(answer.errors).toBeUndefined();
    expect(granted).toMatchObject({
      expiresAt: null,
      certificateType: { code: XIAMEN_TYPE.code, name: XIAMEN_TYPE.name, sharing: 'CONDITIONAL', node: '350200', items: [{ code: 'location' }, { code: 'size' }] },
    });
  });

  it('an empty item list is a grant of the holder’s identity alone; repeated purposes are kept once, trimmed', async () => {
    const { answer, grant: granted } = await grant(valid({ items: [], purposes: [' 税务稽查 ', '税务稽查', '行政许可'] }));
    expect(answer.errors).toBeUndefined();
    expect(granted).toMatchObject({ items: [], purposes: ['税务稽查', '行政许可'] });
  });

  /** Each refusal beside the same grant with only the offending field corrected. */
  const refusals: Array<[what: string, refused: Record<string, unknown>, corrected: Record<string, unknown>, field: string, reason: RegExp]> = [
    ['an agency code with a wrong check character', { agency: withWrongCheck(agencyCode(CONSUMER)) }, { agency: agencyCode(CONSUMER) }, 'input.agency', /check character/],
    ['an agency code that is no USCC at all', { agency: 'tax bureau' }, { agency: agencyCode(CONSUMER) }, 'input.agency', /18 characters/],
    ['a malformed type code', { certificateType: '123' }, { certificateType: BUSINESS_LICENCE.code }, 'input.certificateType', /type code/],
    [
      'a type code whose authority has a wrong check character',
      { certificateType: `${withWrongCheck(XIAMEN_AUTHORITY)}001` },
      { certificateType: BUSINESS_LICENCE.code },
      'input.certificateType',
      /check character/,
    ],
    ['a type no catalog defines', { certificateType: `${XIAMEN_AUTHORITY}777` }, { certificateType: BUSINESS_LICENCE.code }, 'input.certificateType', /no certificate type/],
    [
      'a NOT_SHARED type',
      { certificateType: DOCTOR_LICENCE.code, items: ['category'] },
      { certificateType: BUSINESS_LICENCE.code, items: [] },
      'input.certificateType',
      /not shared: only its issuer and holder see it/,
    ],
    ['an item the type does not define', { items: ['name', 'location'] }, { items: ['name', 'businessScope'] }, 'input.items[1]', /not an item of type/],
    [
      'an item a type kept at another node does not define',
      { certificateType: XIAMEN_TYPE.code, items: ['size', 'name'] },
      { certificateType: XIAMEN_TYPE.code, items: ['size'] },
      'input.items[1]',
      /not an item of type/,
    ],
    ['an item named twice', { items: ['name', 'name'] }, { items: ['name'] }, 'input.items[1]', /twice/],
    ['no purpose', { purposes: [] }, { purposes: ['税务稽查'] }, 'input.purposes', /at least one purpose/],
    ['a blank purpose', { purposes: ['税务稽查', '   '] }, { purposes: ['税务稽查', '行政许可'] }, 'input.purposes[1]', /empty/],
    ['a purpose over 200 characters', { purposes: ['查'.repeat(201)] }, { purposes: ['查'.repeat(200)] }, 'input.purposes[0]', /200 characters/],
    [
      'a purpose with a newline that would forge a second line in a log',
      { purposes: ['行政许可', '税务稽查\nagency=11350000MB1E4Y5F44'] },
      { purposes: ['行政许可', '税务稽查'] },
      'input.purposes[1]',
      /control character \(U\+000A/,
    ],
    [
      'a purpose with a right-to-left override that turns it around on screen',
      { purposes: ['税务\u202e查稽'] },
      { purposes: ['税务稽查'] },
      'input.purposes[0]',
      /bidirectional formatting character \(U\+202E/,
    ],
    ['an expiry in the past', { expiresAt: anHourAgo() }, { expiresAt: inAnHour() }, 'input.expiresAt', /future/],
  ];

  it.each(refusals)('%s is BAD_USER_INPUT naming the field, and nothing is written', async (_what, refused, corrected, field, reason) => {
    const before = await database.db.$count(grants);
    const bad = await grant(valid(refused));
    expect(bad.answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(bad.answer.errors?.[0]?.message).toMatch(reason);
    expect(bad.answer.data).toBeNull();
    expect(await database.db.$count(grants)).toBe(before);
    const good = await grant(valid({ ...refused, ...corrected }));
    expect(good.answer.errors).toBeUndefined();
    expect(await database.db.$count(grants)).toBe(before + 1);
  });

  it('a node that does not answer refuses the grant with NODE_UNAVAILABLE and nothing is written', async () => {
    const before = await database.db.$count(grants);
    const { answer } = await grant(valid({ certificateType: UNREACHABLE_TYPE, items: [] }));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'NODE_UNAVAILABLE', node: '350200' });
    expect(await database.db.$count(grants)).toBe(before);
  });
});

describe('who maintains grants', () => {
  it('a consumer may neither grant, nor list grants, nor revoke', async () => {
    const granted = await grant(valid(), CONSUMER);
    expect(granted.answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(granted.answer.data).toBeNull();
    const listed = await executeAs(catalog, CONSUMER, GRANTS);
    expect(listed.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const revoked = await executeAs(catalog, CONSUMER, REVOKE, { id: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(revoked.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('a holder and the public have no grants to read', async () => {
    for (const principal of [{ kind: 'holder', code: uscc('91', '350200', 9100), holderKind: 'ORGANIZATION', name: null }, { kind: 'public' }] as Principal[]) {
      const answer = await executeAs(catalog, principal, MY_GRANTS);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
  });
});

describe('revoking and reading grants', () => {
  it('a grant is revoked once; revoking it again, or an unknown grant, is NOT_FOUND', async () => {
    const { grant: granted } = await grant(valid());
    const id = String(granted?.['id']);
    const first = await executeAs(catalog, STEWARD, REVOKE, { id });
    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual({ revokeGrant: true });
    const again = await executeAs(catalog, STEWARD, REVOKE, { id });
    expect(again.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const unknown = await executeAs(catalog, STEWARD, REVOKE, { id: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const listed = await executeAs(catalog, STEWARD, GRANTS, { agency: agencyCode(CONSUMER) });
    expect((listed.data?.['grants'] as Array<{ id: string }>).map((g) => g.id)).not.toContain(id);
  });

  it('a malformed grant id is BAD_USER_INPUT naming id', async () => {
    const answer = await executeAs(catalog, STEWARD, REVOKE, { id: 'grant-1' });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('an agency reads its own grants in force: not revoked, not expired, not another agency’s', async () => {
    const me = agency(uscc('11', '350200', 9003), 'consumer');
    const other = agency(uscc('11', '350200', 9004), 'consumer');
    const live = await grant(valid({ agency: agencyCode(me), items: ['name'] }));
    const remote = await grant(valid({ agency: agencyCode(me), certificateType: XIAMEN_TYPE.code, items: ['location'], expiresAt: null }));
    const revoked = await grant(valid({ agency: agencyCode(me) }));
    await executeAs(catalog, STEWARD, REVOKE, { id: revoked.grant?.['id'] });
    await grant(valid({ agency: agencyCode(other) }));
    // An expiry is accepted only in the future: a grant that has run out is written directly.
    const [expired] = await database.db
      .insert(grants)
      .values({ agency: agencyCode(me), typeCode: BUSINESS_LICENCE.code, items: ['name'], purposes: ['税务稽查'], expiresAt: new Date(Date.now() - 1000), createdBy: agencyCode(STEWARD) })
      .returning();

    const mine = await executeAs(catalog, me, MY_GRANTS);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.['myGrants']).toEqual([
      { id: remote.grant?.['id'], items: ['location'], purposes: ['税务稽查'], certificateType: { code: XIAMEN_TYPE.code } },
      { id: live.grant?.['id'], items: ['name'], purposes: ['税务稽查'], certificateType: { code: BUSINESS_LICENCE.code } },
    ]);

    // The steward's list keeps the expired grant (it says when it ran out), not the revoked one.
    const listed = await executeAs(catalog, STEWARD, GRANTS, { agency: agencyCode(me) });
    expect(listed.errors).toBeUndefined();
    expect((listed.data?.['grants'] as Array<{ id: string }>).map((g) => g.id)).toEqual([expired!.id, remote.grant?.['id'], live.grant?.['id']]);
  });

  it('reading the codes of granted types asks no other node; reading more asks once per type', async () => {
    const me = agency(uscc('11', '350200', 9005), 'consumer');
    await grant(valid({ agency: agencyCode(me), certificateType: XIAMEN_TYPE.code, items: ['location'] }));
    await grant(valid({ agency: agencyCode(me), certificateType: XIAMEN_TYPE.code, items: ['size'] }));
    remoteLookups.clear();
    const codes = await executeAs(catalog, me, MY_GRANTS);
    expect(codes.errors).toBeUndefined();
    expect(remoteLookups.size).toBe(0);
    const described = await executeAs(catalog, me, /* GraphQL */ `query { myGrants { certificateType { name node } } }`);
    expect(described.errors).toBeUndefined();
    expect(described.data?.['myGrants']).toEqual([
      { certificateType: { name: XIAMEN_TYPE.name, node: '350200' } },
      { certificateType: { name: XIAMEN_TYPE.name, node: '350200' } },
    ]);
    expect(remoteLookups.get(XIAMEN_TYPE.code)).toBe(1);
  });

  it('grants of one agency are chosen by a valid USCC only', async () => {
    const answer = await executeAs(catalog, STEWARD, GRANTS, { agency: withWrongCheck(agencyCode(CONSUMER)) });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agency' });
    expect(answer.errors?.[0]?.message).toMatch(/check character/);
  });
});
