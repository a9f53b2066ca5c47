import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_APPEND_STATEMENTS } from '../subgraphs/audit/log.js';
import { defineCertificateType } from '../subgraphs/catalog/service.js';
import { catalogFromList, type CatalogType } from '../subgraphs/certificate/catalog.js';
import { issueCertificate } from '../subgraphs/certificate/service.js';
import type { IssueCertificateInput } from '../subgraphs/certificate/generated/resolvers.js';
import type { DefineCertificateTypeInput } from '../subgraphs/catalog/generated/resolvers.js';
import { registerLegalEntity } from '../subgraphs/legal-entity/service.js';
import { AGENCY, BUSINESS_LICENCE, company, uscc, XIAMEN_PERMIT } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Statement counts per request, per node: what DataLoader batching buys. The data is written
 * straight through the subgraphs' services (the same validation as the API) to keep set-up fast.
 */
let hub: TestHub;
const HOLDER = { uscc: uscc('91', '350211', 3001), name: '厦门集美嘉庚科技有限公司' };
const ISSUERS = [AGENCY.provinceIssuer, AGENCY.fuzhouIssuer, AGENCY.xiamenIssuer];
const TYPES = [BUSINESS_LICENCE, XIAMEN_PERMIT] as unknown as DefineCertificateTypeInput[];

const dbOf = (code: string) => hub.nodes.find((node) => node.code === code)!.database;
const kekOf = (code: string) => hub.nodes.find((node) => node.code === code)!.node.kek;

beforeAll(async () => {
  // Every request asks the catalog, as without the gateway's cache of types: what a request
  // costs the nodes when nothing is cached.
  hub = await startTestHub('batching', { catalogCacheTtlMs: 0 });
  const owner = (code: string) => hub.topology.ownerOfRegion(code);
  for (const type of TYPES) await defineCertificateType(dbOf(owner(type.code.slice(2, 8))).db, type);
  const catalog = catalogFromList(
    TYPES.map((type) => ({ ...type, validityYears: type.validityYears ?? null, items: type.items.map((i) => ({ ...i, required: i.required ?? false, sensitive: i.sensitive ?? false })) }) as CatalogType),
  );
  await registerLegalEntity(dbOf('350200').db, AGENCY.xiamenIssuer.sub, company(HOLDER.uscc, HOLDER.name));
  // 120 certificates of one holder, 40 from each node's issuer, of two types kept at two nodes.
  await Promise.all(
    ISSUERS.map(async (issuer) => {
      const db = dbOf(owner(issuer.sub.slice(2, 8))).db;
      for (let i = 0; i < 40; i++) {
        const licence = i % 2 === 0;
        const input: IssueCertificateInput = {
          typeCode: licence ? BUSINESS_LICENCE.code : XIAMEN_PERMIT.code,
          number: `B-${issuer.sub.slice(2, 8)}-${i}`,
          holderKind: 'ORGANIZATION',
          holderCode: HOLDER.uscc,
          holderName: HOLDER.name,
          issuedOn: `20${10 + (i % 14)}-0${1 + (i % 9)}-1${i % 10}`,
          validFrom: `20${10 + (i % 14)}-0${1 + (i % 9)}-1${i % 10}`,
          validUntil: '2099-12-31',
          items: licence
            ? [
                { code: 'name', value: HOLDER.name },
                { code: 'legalRepresentative', value: '陈嘉庚' },
              ]
            : [{ code: 'location', value: `集美大道${i}号` }],
        };
        await issueCertificate({ db, catalog, kek: kekOf(owner(issuer.sub.slice(2, 8))) }, { code: issuer.sub, name: issuer.name }, input);
      }
    }),
  );
}, 180_000);

afterAll(() => hub?.stop());

const LIST = /* GraphQL */ `
  query($first: Int, $holder: String) {
    certificates(first: $first, filter: { holderCode: $holder }) {
      totalCount
      edges { node { id number status items { code value } statusHistory { to } type { name sharing items { code name } } holder { name status } } }
    }
  }
`;

async function statementsFor(first: number): Promise<Record<string, number>> {
  const holder = await hub.as({ sub: HOLDER.uscc, kind: 'holder' });
  hub.nodes.forEach((node) => node.database.statements.reset());
  const answer: GraphQLAnswer = await holder(LIST, { first, holder: HOLDER.uscc });
  expect(answer.errors).toBeUndefined();
  expect(answer.data!['certificates'].edges).toHaveLength(first);
  for (const edge of answer.data!['certificates'].edges) {
    expect(edge.node.type.name).toBeTruthy();
    expect(edge.node.holder).toEqual({ name: HOLDER.name, status: 'ACTIVE' });
    expect(edge.node.items.length).toBeGreaterThan(0);
  }
  return Object.fromEntries(hub.nodes.map((node) => [node.code, node.database.statements.count]));
}

describe('batching', () => {
  it('100 certificates with items, history, types and holders across three nodes cost as many statements per node as 10', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toEqual(ten);
    // Per node: one page, one count, one batch each for items and history; the catalog and
    // registry nodes add one batch per entity fetch; the certificate subgraph appends the
    // request's access records (the items are personal data) in one go.
    for (const count of Object.values(hundred)) expect(count).toBeLessThanOrEqual(8 + AUDIT_APPEND_STATEMENTS);
    console.log('SQL statements per node for 10 and 100 certificates:', ten, hundred);
  });
});
