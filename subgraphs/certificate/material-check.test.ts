import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubContextClaims } from '../../lib/principal.js';
import { executeRows, type NodeDatabase } from '../kit/db.js';
import type { PeerAnswer, PeerClient } from '../kit/peers.js';
import type { CatalogMatter } from '../kit/remote-catalog.js';
import { agency, migratedDatabase, type ExecutionResult } from '../../test/support/subgraph.js';
import { uscc } from '../../test/support/fixtures.js';
import { TEST_KEK, testNode } from '../../test/support/secrets.js';
import { catalogFromList, type CatalogType } from './catalog.js';
import type { LiveConsent } from './consents.js';
import { createCertificateSubgraph, migrationsFolder } from './server.js';
import { issueCertificate } from './service.js';

/**
 * The 免提交 check at one node, in-process: which certificates it asks the holder's consents for
 * (only the VALID, sealed ones whose needed items the agency cannot read by itself, in one
 * request), what a consent opens, and the statements a check costs. The whole hub's behaviour:
 * test/material-check.test.ts.
 */
const AUTHORITY = uscc('11', '350100', 9101);
const ISSUER = { code: uscc('11', '350100', 9102), name: '福州市市场监督管理局（测试）' };
/** The agency of the matter, at its counter. */
const CENTRE_CODE = uscc('11', '350100', 9103);
const CENTRE = agency(CENTRE_CODE, 'consumer');
const MATTER = `${CENTRE_CODE}0001`;
const APPLICANT = uscc('91', '350100', 9104);

const item = (code: string, sensitive = false) => ({ code, name: code, required: false, sensitive });
const type = (n: number, sharing: CatalogType['sharing'], items = [item('name'), item('scope'), item('phone', true)]): CatalogType => ({
  code: `${AUTHORITY}${100 + n}`,
  name: `类型${n}`,
  holderKind: 'ORGANIZATION',
  sharing,
  validityYears: null,
  issuers: ['region:350000'],
  items,
});
/** Open by its sharing level for what the matter needs; its sensitive item is not. */
const OPEN = type(1, 'UNCONDITIONAL');
/** Needs a grant or a consent. */
const CONDITIONAL = type(2, 'CONDITIONAL');
const NOT_SHARED = type(3, 'NOT_SHARED');
/** Of which the applicant holds only an expired certificate. */
const LAPSED = type(4, 'CONDITIONAL');
const TYPES = [OPEN, CONDITIONAL, NOT_SHARED, LAPSED];
const catalog = catalogFromList(TYPES);

const matter = (types: CatalogType[]): CatalogMatter => ({
  code: MATTER,
  name: '测试事项',
  agencyCode: MATTER.slice(0, 18),
  agencyName: '行政服务中心',
  materials: types.map((needed) => ({ certificateType: needed.code, items: ['name', 'scope'], required: true, note: null })),
  node: '350100',
});
let definition = matter(TYPES);

/** The province's consents as liveConsents answers them, and every request for them. */
const consents: LiveConsent[] = [];
const consentRequests: string[][] = [];
const peers: PeerClient = {
  self: '350100',
  async request<T>(_node: string, _subgraph: string, _query: string, variables: Record<string, unknown> = {}): Promise<PeerAnswer<T>> {
    const ids = variables['ids'] as string[];
    consentRequests.push([...ids].sort());
    return { data: { liveConsents: consents.filter((consent) => consent.certificateIds.some((id) => ids.includes(id))) } as T };
  },
  close() {},
};

let database: NodeDatabase;
let subgraph: ReturnType<typeof createCertificateSubgraph>;
const ids = {} as Record<'open' | 'conditional' | 'notShared' | 'lapsed', string>;

async function execute(query: string, variables: Record<string, unknown>, caseNumber: string | null = null): Promise<ExecutionResult> {
  const claims: HubContextClaims = { principal: CENTRE, purpose: MATTER, requestId: 'material-check-test', grants: [], caseNumber };
  const response = await subgraph.server.executeOperation({ query, variables }, { contextValue: subgraph.context(claims) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as ExecutionResult;
}

const CHECK = /* GraphQL */ `
  query Check($matter: ID!, $applicant: String!, $caseNumber: String!) {
    checkMaterials(matter: $matter, applicant: $applicant, caseNumber: $caseNumber) {
      materials { certificateType outcome certificate { id items { code value } } }
    }
  }
`;
const check = async (caseNumber: string) => {
  const answer = await execute(CHECK, { matter: MATTER, applicant: APPLICANT, caseNumber });
  expect(answer.errors).toBeUndefined();
  const materials = (answer.data!['checkMaterials'] as { materials: Array<{ certificateType: string; outcome: string; certificate: { id: string; items: unknown[] } | null }> }).materials;
  return new Map(materials.map((material) => [material.certificateType, material]));
};

beforeAll(async () => {
  database = await migratedDatabase('certificate_material_check', [['certificate', migrationsFolder]]);
  subgraph = createCertificateSubgraph({
    node: testNode('350100', '福州市'),
    db: database.db,
    catalog,
    services: { kek: TEST_KEK, province: '350000', peers, matters: { getMatter: async (code) => (code === MATTER ? definition : null) } },
  });
  const issue = async (certificateType: CatalogType, number: string, validUntil: string | null = null) =>
    (
      await issueCertificate({ db: database.db, catalog, kek: TEST_KEK }, ISSUER, {
        typeCode: certificateType.code,
        number,
        holderKind: 'ORGANIZATION',
        holderCode: APPLICANT,
        holderName: '福州测试有限公司',
        issuedOn: '2020-01-02',
        validFrom: '2020-01-02',
        ...(validUntil ? { validUntil } : {}),
        items: certificateType.items.map(({ code }) => ({ code, value: `${number} ${code}` })),
      })
    ).id;
  ids.open = await issue(OPEN, 'T-OPEN');
  ids.conditional = await issue(CONDITIONAL, 'T-COND');
  ids.notShared = await issue(NOT_SHARED, 'T-NS');
  ids.lapsed = await issue(LAPSED, 'T-LAPSED', '2021-01-01');
}, 120_000);

afterAll(() => database?.close());

describe('the 免提交 check at a node', () => {
  it('asks no consent when the agency reads every needed item itself, though the certificate has items it may not read', async () => {
    definition = matter([OPEN]);
    consentRequests.length = 0;
    const answer = await check('T-CHECK-1');
    expect(answer.get(OPEN.code)).toMatchObject({ outcome: 'ELECTRONIC', certificate: { id: ids.open, items: [{ code: 'name' }, { code: 'scope' }] } });
    expect(consentRequests).toEqual([]);
  });

  it('asks, in one request, only for the VALID sealed certificates whose needed items are closed; a consent opens its certificate, recorded with its id', async () => {
    definition = matter(TYPES);
    consents.splice(0, consents.length, {
      id: 'CONSENT-1',
      holderCode: APPLICANT,
      caseNumber: null,
      certificateIds: [ids.conditional, ids.lapsed],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    consentRequests.length = 0;
    const answer = await check('T-CHECK-2');
    expect(consentRequests).toEqual([[ids.conditional, ids.notShared].sort()]);
    expect(answer.get(OPEN.code)).toMatchObject({ outcome: 'ELECTRONIC' });
    expect(answer.get(CONDITIONAL.code)).toMatchObject({
      outcome: 'ELECTRONIC',
      certificate: { id: ids.conditional, items: [{ code: 'name', value: 'T-COND name' }, { code: 'scope', value: 'T-COND scope' }] },
    });
    expect(answer.get(NOT_SHARED.code)).toMatchObject({ outcome: 'NEEDS_CONSENT', certificate: null });
    // Expired: no consent makes it better, so none is asked; whose it is stays closed.
    expect(answer.get(LAPSED.code)).toMatchObject({ outcome: 'EXPIRED', certificate: null });
    const rows = await executeRows<{ certificate_id: string; consent_id: string }>(
      database.db,
      sql`SELECT certificate_id, consent_id FROM audit.access_records WHERE case_number = 'T-CHECK-2' AND consent_id IS NOT NULL`,
    );
    expect(rows.map((row) => [row.certificate_id, row.consent_id])).toEqual([[ids.conditional, 'CONSENT-1']]);
    consents.length = 0;
  });

  it('costs one statement for the items and one for the seal keys of all the certificates', async () => {
    definition = matter(TYPES);
    database.statements.keepLog = true;
    database.statements.log.length = 0;
    try {
      await check('T-CHECK-3');
      const statements = [...database.statements.log];
      expect(statements.filter((statement) => statement.includes('"certificate_items"'))).toHaveLength(1);
      expect(statements.filter((statement) => statement.includes('"seal_keys"'))).toHaveLength(1);
    } finally {
      database.statements.keepLog = false;
      database.statements.log.length = 0;
    }
  });

  it('a plain read for the matter still asks the consent of a certificate the rules do not open fully', async () => {
    consentRequests.length = 0;
    const answer = await execute(/* GraphQL */ `query($id: ID!) { certificate(id: $id) { id items { code } } }`, { id: ids.open });
    expect(answer.errors).toBeUndefined();
    expect(consentRequests).toEqual([[ids.open]]);
  });
});
