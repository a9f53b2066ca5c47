import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY, BUSINESS_LICENCE, DEFINE_TYPE, XIAMEN_PERMIT } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

let hub: TestHub;
let steward: Client;
let consumer: Client;

const statementsAt = (code: string) => hub.nodes.find((node) => node.code === code)!.database.statements;
const resetStatements = () => hub.nodes.forEach((node) => node.database.statements.reset());

beforeAll(async () => {
  hub = await startTestHub('grants');
  steward = await hub.as(AGENCY.steward);
  consumer = await hub.as(AGENCY.consumer);
  // The permit is kept at 350200 (its authority is Xiamen's), the licence at the province.
  for (const type of [XIAMEN_PERMIT, BUSINESS_LICENCE]) {
    const answer = await steward(DEFINE_TYPE, { input: type });
    expect(answer.errors).toBeUndefined();
  }
}, 180_000);

afterAll(() => hub?.stop());

const GRANT = /* GraphQL */ `
  mutation Grant($input: GrantAccessInput!) { grantAccess(input: $input) { id agency items purposes certificateType { code node } } }
`;
const GRANTS = /* GraphQL */ `
  query Grants($agency: String) {
    grants(agency: $agency) { id items purposes expiresAt createdBy certificateType { code name items { code } node } }
  }
`;
const REVOKE = /* GraphQL */ `mutation Revoke($id: ID!) { revokeGrant(id: $id) }`;

describe('grants through the whole hub', () => {
  const ids: Record<string, string> = {};

  it('a steward grants a consumer access to a type kept at 350200 and to one kept at the province; the grants live at the province', async () => {
    resetStatements();
    const permit = await steward(GRANT, {
      input: { agency: AGENCY.consumer.sub, certificateType: XIAMEN_PERMIT.code, items: ['location'], purposes: ['广告设置监管'] },
    });
    expect(permit.errors).toBeUndefined();
    expect(permit.data!['grantAccess']).toMatchObject({
      agency: AGENCY.consumer.sub,
      items: ['location'],
      certificateType: { code: XIAMEN_PERMIT.code, node: '350200' },
    });
    ids['permit'] = permit.data!['grantAccess'].id;
    const licence = await steward(GRANT, {
      input: {
        agency: AGENCY.consumer.sub,
        certificateType: BUSINESS_LICENCE.code,
        items: ['name', 'legalRepresentative'],
        purposes: ['税务稽查', '税务登记'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(licence.errors).toBeUndefined();
    ids['licence'] = licence.data!['grantAccess'].id;
    // Nothing about grants is written at the Fuzhou node; Xiamen only described its permit.
    expect(statementsAt('350100').count).toBe(0);
  });

  it('the gateway answers a grant’s type in full, even a type kept at another node than the grants', async () => {
    const answer = await steward(GRANTS, { agency: AGENCY.consumer.sub });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!['grants']).toEqual([
      {
        id: ids['licence'],
        items: ['name', 'legalRepresentative'],
        purposes: ['税务稽查', '税务登记'],
        expiresAt: expect.any(String),
        createdBy: AGENCY.steward.sub,
        certificateType: {
          code: BUSINESS_LICENCE.code,
          name: BUSINESS_LICENCE.name,
          items: BUSINESS_LICENCE.items.map(({ code }) => ({ code })),
          node: '350000',
        },
      },
      {
        id: ids['permit'],
        items: ['location'],
        purposes: ['广告设置监管'],
        expiresAt: null,
        createdBy: AGENCY.steward.sub,
        certificateType: {
          code: XIAMEN_PERMIT.code,
          name: XIAMEN_PERMIT.name,
          items: XIAMEN_PERMIT.items.map(({ code }) => ({ code })),
          node: '350200',
        },
      },
    ]);
  });

  it('the consumer reads its own grants but may neither list everyone’s nor grant', async () => {
    const mine = await consumer(/* GraphQL */ `{ myGrants { id certificateType { code } } }`);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!['myGrants'].map((g: { id: string }) => g.id)).toEqual([ids['licence'], ids['permit']]);
    const listed = await consumer(GRANTS);
    expect(listed.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const granted = await consumer(GRANT, {
      input: { agency: AGENCY.consumer.sub, certificateType: BUSINESS_LICENCE.code, items: [], purposes: ['自用'] },
    });
    expect(granted.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('a steward revokes a grant once: it leaves every list, and a second revocation is NOT_FOUND', async () => {
    const revoked = await steward(REVOKE, { id: ids['permit'] });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data).toEqual({ revokeGrant: true });
    const again = await steward(REVOKE, { id: ids['permit'] });
    expect(again.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const listed = await steward(GRANTS, { agency: AGENCY.consumer.sub });
    expect(listed.data!['grants'].map((g: { id: string }) => g.id)).toEqual([ids['licence']]);
    const mine = await consumer(/* GraphQL */ `{ myGrants { id } }`);
    expect(mine.data!['myGrants']).toEqual([{ id: ids['licence'] }]);
  });

  it('bad input comes back through the gateway as BAD_USER_INPUT naming the field', async () => {
    const answer = await steward(GRANT, {
      input: { agency: AGENCY.consumer.sub, certificateType: XIAMEN_PERMIT.code, items: ['location', 'colour'], purposes: ['广告设置监管'] },
    });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items[1]' });
  });

  it('a dry run of redefining a type kept at 350200 lists the grants the province keeps on it; without confirm nothing changes', async () => {
    const granted = await steward(GRANT, {
      input: { agency: AGENCY.consumer.sub, certificateType: XIAMEN_PERMIT.code, items: ['size'], purposes: ['广告设置监管'] },
    });
    expect(granted.errors).toBeUndefined();
    const REDEFINE = /* GraphQL */ `
      mutation Redefine($input: DefineCertificateTypeInput!, $dryRun: Boolean) {
        defineCertificateType(input: $input, dryRun: $dryRun) {
          version node change { dryRun fromVersion toVersion requiresConfirmation confirmationReasons effects affectedGrants { id } }
        }
      }
    `;
    const withoutSize = { ...XIAMEN_PERMIT, items: XIAMEN_PERMIT.items.filter((item) => item.code !== 'size') };
    // The Xiamen node asks the province node for the grants, on its own account.
    const dryRun = await steward(REDEFINE, { input: withoutSize, dryRun: true });
    expect(dryRun.errors).toBeUndefined();
    expect(dryRun.data!['defineCertificateType']).toEqual({
      version: 2,
      node: '350200',
      change: {
        dryRun: true,
        fromVersion: 1,
        toVersion: 2,
        requiresConfirmation: true,
        confirmationReasons: ['item size is dropped'],
        effects: ['item size is dropped: its value on existing certificates is withheld from everyone but issuer and holder'],
        affectedGrants: [{ id: granted.data!['grantAccess'].id }],
      },
    });
    const refused = await steward(REDEFINE, { input: withoutSize });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'confirm' });
    const read = await consumer(/* GraphQL */ `query($c: ID!) { certificateType(code: $c) { version items { code } versions { version } } }`, { c: XIAMEN_PERMIT.code });
    expect(read.errors).toBeUndefined();
    expect(read.data!['certificateType']).toEqual({ version: 1, items: [{ code: 'location' }, { code: 'size' }], versions: [{ version: 1 }] });
  });
});
