import { asc, eq, sql } from 'drizzle-orm';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRecords } from '../audit/db/schema.js';
import { typeCodeRegion } from '../../lib/codes.js';
import type { NodeDatabase } from '../kit/db.js';
import type { Principal } from '../../lib/principal.js';
import { createRemoteCatalog } from '../kit/remote-catalog.js';
import { MINISTRY, uscc, XIAMEN_AUTHORITY } from '../../test/support/fixtures.js';
import { testNode } from '../../test/support/secrets.js';
import { freshDatabase } from '../../test/support/databases.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import type { PeerAnswer, PeerClient } from '../kit/peers.js';
import { certificateTypes, certificateTypeVersions } from './db/schema.js';
import { defineCertificateType } from './service.js';
import { createCatalogSubgraph, migrationsFolder } from './server.js';

const STEWARD = agency(uscc('11', '350000', 9101), 'steward');
const CONSUMER = agency(uscc('11', '350100', 9102), 'consumer');
const AGENCIES = [uscc('11', '350100', 9103), uscc('11', '350200', 9104), uscc('11', '350200', 9105), uscc('11', '350200', 9106)];
const code = (principal: Principal) => (principal.kind === 'agency' ? principal.code : '');

/** Kept at node 350200, defined by a Xiamen authority; its grants are kept at the province. */
const PERMIT = {
  code: `${XIAMEN_AUTHORITY}101`,
  name: '厦门市临时占用道路许可证',
  definingAuthority: '厦门市市政园林局',
  holderKind: 'ORGANIZATION',
  sharing: 'CONDITIONAL',
  validityYears: 1,
  issuers: ['region:350200'],
  items: [
    { code: 'location', name: '占道地点', required: true, sensitive: false },
    { code: 'area', name: '占道面积', required: false, sensitive: false },
    { code: 'contactPhone', name: '联系电话', required: false, sensitive: true },
  ],
};
/** Kept at the province node, beside the grants. */
const LICENCE = {
  code: `${MINISTRY}101`,
  name: '特种设备使用登记证',
  definingAuthority: '国家市场监督管理总局',
  holderKind: 'ORGANIZATION',
  sharing: 'UNCONDITIONAL',
  validityYears: null,
  issuers: ['region:350000'],
  items: [
    { code: 'equipment', name: '设备名称', required: true, sensitive: false },
    { code: 'user', name: '使用单位', required: true, sensitive: false },
  ],
};

const DEFINE = /* GraphQL */ `
  mutation Define($input: DefineCertificateTypeInput!, $dryRun: Boolean, $confirm: Boolean) {
    defineCertificateType(input: $input, dryRun: $dryRun, confirm: $confirm) {
      code version sharing validityYears items { code name sensitive }
      change {
        dryRun fromVersion toVersion requiresConfirmation confirmationReasons
        differences { field before after }
        effects
        affectedGrants { id agency items }
      }
    }
  }
`;
const READ = /* GraphQL */ `
  query Read($code: ID!) {
    certificateType(code: $code) {
      version sharing items { code name sensitive } change { dryRun }
      versions { version name sharing validityYears issuers items { code name required sensitive } definedAt definedBy }
    }
  }
`;
const GRANT = /* GraphQL */ `mutation Grant($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;
const GRANTS_OF_TYPE = /* GraphQL */ `query Of($code: ID!) { grantsOfType(code: $code) { id agency items } }`;

interface Change {
  dryRun: boolean;
  fromVersion: number | null;
  toVersion: number;
  requiresConfirmation: boolean;
  confirmationReasons: string[];
  differences: Array<{ field: string; before: string | null; after: string | null }>;
  effects: string[];
  affectedGrants: Array<{ id: string; agency: string; items: string[] }>;
}

let provinceDb: NodeDatabase;
let xiamenDb: NodeDatabase;
let province: ReturnType<typeof createCatalogSubgraph>;
let xiamen: ReturnType<typeof createCatalogSubgraph>;
/** Every call one node made to another: [from, to, operation]. */
const peerCalls: Array<[string, string, string]> = [];
/** Grant ids by name: on location, on area, on the identity alone, and one revoked (on area). */
const grantIds: Record<string, string> = {};

/** A node's calls to other nodes, answered in-process by their catalog subgraphs as the calling node. */
function peersOf(self: string): PeerClient {
  return {
    self,
    async request<T>(node: string, subgraph: string, query: string, variables: Record<string, unknown> = {}): Promise<PeerAnswer<T>> {
      peerCalls.push([self, node, query]);
      const target = { '350000': province, '350200': xiamen }[node];
      if (!target || subgraph !== 'catalog') throw new Error(`no ${subgraph} at node ${node} in this test`);
      return (await executeAs(target, { kind: 'service', code: self }, query, variables)) as PeerAnswer<T>;
    },
    close() {},
  };
}

/** A node's view of the types other nodes keep, through its peers, as on a node (uncached). */
const remoteCatalog = (peers: PeerClient) =>
  createRemoteCatalog({
    locate: (typeCode) => (typeCodeRegion(typeCode).startsWith('3502') ? '350200' : '350000'),
    request: (owner, query, variables) => peers.request(owner, 'catalog', query, variables),
    ttlMs: 0,
  });

beforeAll(async () => {
  [provinceDb, xiamenDb] = await Promise.all([
    migratedDatabase('catalog_redefine_province', [['catalog', migrationsFolder]]),
    migratedDatabase('catalog_redefine_xiamen', [['catalog', migrationsFolder]]),
  ]);
  const provincePeers = peersOf('350000');
  const xiamenPeers = peersOf('350200');
  province = createCatalogSubgraph({
    node: testNode('350000', '福建省'),
    db: provinceDb.db,
    catalog: remoteCatalog(provincePeers),
    peers: provincePeers,
    province: '350000',
  });
  xiamen = createCatalogSubgraph({
    node: testNode('350200', '厦门市'),
    db: xiamenDb.db,
    catalog: remoteCatalog(xiamenPeers),
    peers: xiamenPeers,
    province: '350000',
  });
  expect((await executeAs(xiamen, STEWARD, DEFINE, { input: PERMIT })).errors).toBeUndefined();
  expect((await executeAs(province, STEWARD, DEFINE, { input: LICENCE })).errors).toBeUndefined();
  const grant = async (name: string, agencyCode: string, typeCode: string, items: string[]) => {
    const answer = await executeAs(province, STEWARD, GRANT, { input: { agency: agencyCode, certificateType: typeCode, items, purposes: ['占道巡查'] } });
    expect(answer.errors).toBeUndefined();
    grantIds[name] = (answer.data?.['grantAccess'] as { id: string }).id;
  };
  await grant('location', AGENCIES[0]!, PERMIT.code, ['location']);
  await grant('area', AGENCIES[1]!, PERMIT.code, ['area', 'contactPhone']);
  await grant('identity', AGENCIES[2]!, PERMIT.code, []);
  await grant('revoked', AGENCIES[3]!, PERMIT.code, ['area']);
  expect((await executeAs(province, STEWARD, `mutation($id: ID!) { revokeGrant(id: $id) }`, { id: grantIds['revoked'] })).errors).toBeUndefined();
  await grant('equipment', AGENCIES[0]!, LICENCE.code, ['equipment']);
});
afterAll(() => Promise.all([provinceDb?.close(), xiamenDb?.close()]));

async function define(subgraph: typeof xiamen, input: Record<string, unknown>, flags: { dryRun?: boolean; confirm?: boolean } = {}) {
  const answer = await executeAs(subgraph, STEWARD, DEFINE, { input, ...flags });
  const type = answer.data?.['defineCertificateType'] as (Record<string, unknown> & { version: number; change: Change }) | undefined;
  return { answer, type, change: type?.change };
}

async function stored(subgraph: typeof xiamen, typeCode: string) {
  const answer = await executeAs(subgraph, CONSUMER, READ, { code: typeCode });
  expect(answer.errors).toBeUndefined();
  return answer.data?.['certificateType'] as {
    version: number;
    sharing: string;
    items: Array<{ code: string; name: string; sensitive: boolean }>;
    change: null;
    versions: Array<Record<string, unknown> & { version: number; sharing: string }>;
  };
}

/** The definitions recorded in a node's access log, oldest first, with their detail parsed. */
async function definitionRecords(database: NodeDatabase) {
  const rows = await database.db
    .select()
    .from(accessRecords)
    .where(sql`'defineCertificateType' = ANY(${accessRecords.fields})`)
    .orderBy(asc(accessRecords.seq));
  return rows.map((row) => ({ actor: row.actor, detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, Record<string, unknown> | null | boolean>) }));
}

const withSharing = (sharing: string, overrides: Record<string, unknown> = {}) => ({ ...PERMIT, sharing, ...overrides });

describe('redefining a certificate type shows its effect first', () => {
  it('a new type is version 1; the catalog keeps that version, and the access log records it with nothing before', async () => {
    const type = await stored(xiamen, PERMIT.code);
    expect(type.version).toBe(1);
    expect(type.change).toBeNull();
    expect(type.versions).toEqual([
      {
        version: 1,
        name: PERMIT.name,
        sharing: 'CONDITIONAL',
        validityYears: 1,
        issuers: ['region:350200'],
        items: PERMIT.items,
        definedAt: expect.any(String),
        definedBy: code(STEWARD),
      },
    ]);
    const [record] = await definitionRecords(xiamenDb);
    expect(record?.actor).toBe(code(STEWARD));
    expect(record?.detail).toEqual({ before: null, after: { ...PERMIT, version: 1 } });
  });

  it('a dry run shows what widening sharing would change, with the grants it affects, and stores nothing', async () => {
    const recordsBefore = (await definitionRecords(xiamenDb)).length;
    peerCalls.length = 0;
    const { answer, type, change } = await define(xiamen, withSharing('UNCONDITIONAL'), { dryRun: true });
    expect(answer.errors).toBeUndefined();
    // The type as it would be…
    expect(type).toMatchObject({ version: 2, sharing: 'UNCONDITIONAL' });
    expect(change).toMatchObject({
      dryRun: true,
      fromVersion: 1,
      toVersion: 2,
      requiresConfirmation: true,
      confirmationReasons: ['sharing widens from CONDITIONAL to UNCONDITIONAL'],
      differences: [{ field: 'sharing', before: 'CONDITIONAL', after: 'UNCONDITIONAL' }],
    });
    expect(change?.effects).toEqual([
      'holder identity of existing certificates becomes readable by every consumer agency (was: only through a grant)',
      'items location, area of existing certificates become readable by every consumer agency (was: only through a grant naming it)',
    ]);
    // …every grant in force on it (read from the province that keeps them), not the revoked one…
    expect(change?.affectedGrants.map((grant) => grant.id).sort()).toEqual([grantIds['location'], grantIds['area'], grantIds['identity']].sort());
    expect(peerCalls.filter(([from, to, query]) => from === '350200' && to === '350000' && query.includes('grantsOfType'))).toHaveLength(1);
    // …and nothing stored: the catalog still has version 1 only; the log says a dry run was asked.
    const kept = await stored(xiamen, PERMIT.code);
    expect(kept).toMatchObject({ version: 1, sharing: 'CONDITIONAL' });
    expect(kept.versions).toHaveLength(1);
    const records = await definitionRecords(xiamenDb);
    expect(records).toHaveLength(recordsBefore + 1);
    expect(records.at(-1)?.detail).toMatchObject({ dryRun: true, before: { version: 1, sharing: 'CONDITIONAL' }, after: { version: 2, sharing: 'UNCONDITIONAL' } });
  });

  it('widening sharing without confirm is BAD_USER_INPUT naming confirm with the reasons, and nothing is stored or recorded', async () => {
    const recordsBefore = (await definitionRecords(xiamenDb)).length;
    const { answer } = await define(xiamen, withSharing('UNCONDITIONAL'));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'confirm' });
    expect(answer.errors?.[0]?.message).toMatch(/sharing widens from CONDITIONAL to UNCONDITIONAL/);
    expect(answer.data).toBeNull();
    const kept = await stored(xiamen, PERMIT.code);
    expect(kept).toMatchObject({ version: 1, sharing: 'CONDITIONAL' });
    expect(kept.versions).toHaveLength(1);
    expect(await definitionRecords(xiamenDb)).toHaveLength(recordsBefore);
  });

  it('with confirm it is stored as version 2; the catalog keeps version 1 as it was; the access log has it before and after', async () => {
    const { answer, type, change } = await define(xiamen, withSharing('UNCONDITIONAL'), { confirm: true });
    expect(answer.errors).toBeUndefined();
    expect(type).toMatchObject({ version: 2, sharing: 'UNCONDITIONAL' });
    expect(change).toMatchObject({ dryRun: false, fromVersion: 1, toVersion: 2, requiresConfirmation: true });
    const kept = await stored(xiamen, PERMIT.code);
    expect(kept.version).toBe(2);
    expect(kept.versions.map((version) => [version.version, version.sharing])).toEqual([
      [1, 'CONDITIONAL'],
      [2, 'UNCONDITIONAL'],
    ]);
    expect((await definitionRecords(xiamenDb)).at(-1)?.detail).toEqual({
      before: { ...PERMIT, version: 1 },
      after: { ...PERMIT, version: 2, sharing: 'UNCONDITIONAL' },
    });
  });

  it('dropping an item needs confirm; its value on existing certificates is withheld, and only the grants naming it are affected', async () => {
    const input = withSharing('UNCONDITIONAL', { items: PERMIT.items.filter((item) => item.code !== 'area') });
    const { change } = await define(xiamen, input, { dryRun: true });
    expect(change).toMatchObject({
      requiresConfirmation: true,
      confirmationReasons: ['item area is dropped'],
      differences: [{ field: 'items.area', before: '占道面积', after: null }],
    });
    expect(change?.effects).toContain('item area is dropped: its value on existing certificates is withheld from everyone but issuer and holder');
    expect(change?.affectedGrants).toEqual([{ id: grantIds['area'], agency: AGENCIES[1], items: ['area', 'contactPhone'] }]);
    const refused = await define(xiamen, input);
    expect(refused.answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'confirm' });
    expect(refused.answer.errors?.[0]?.message).toMatch(/item area is dropped/);
    expect((await stored(xiamen, PERMIT.code)).items.map((item) => item.code)).toEqual(['location', 'area', 'contactPhone']);
  });

  it('making an item non-sensitive needs confirm: every consumer would read it', async () => {
    const items = PERMIT.items.map((item) => (item.code === 'contactPhone' ? { ...item, sensitive: false } : item));
    const { change } = await define(xiamen, withSharing('UNCONDITIONAL', { items }), { dryRun: true });
    expect(change).toMatchObject({
      requiresConfirmation: true,
      confirmationReasons: ['item contactPhone is no longer sensitive'],
      differences: [{ field: 'items.contactPhone.sensitive', before: 'true', after: 'false' }],
      effects: ['item contactPhone is no longer sensitive: readable by every consumer agency (was: only through a grant naming it)'],
    });
    expect(change?.affectedGrants.map((grant) => grant.id)).toEqual([grantIds['area']]);
    const refused = await define(xiamen, withSharing('UNCONDITIONAL', { items }));
    expect(refused.answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'confirm' });
  });

  it('narrowing sharing to NOT_SHARED needs no confirm, and every grant on the type is affected', async () => {
    const { answer, type, change } = await define(xiamen, withSharing('NOT_SHARED'));
    expect(answer.errors).toBeUndefined();
    expect(type?.version).toBe(3);
    expect(change).toMatchObject({ fromVersion: 2, toVersion: 3, requiresConfirmation: false, confirmationReasons: [] });
    expect(change?.effects).toEqual(
      expect.arrayContaining([
        'holder identity of existing certificates becomes readable only by the issuer and the holder (was: by every consumer agency)',
        'every grant on the type stops applying: a NOT_SHARED type cannot be granted',
      ]),
    );
    expect(change?.affectedGrants).toHaveLength(3);
  });

  it('renaming an item, a new validity and new issuers are listed field by field and need no confirmation', async () => {
    const items = PERMIT.items.map((item) => (item.code === 'location' ? { ...item, name: '占用道路地点' } : item));
    const input = withSharing('NOT_SHARED', { items, validityYears: 2, issuers: ['region:350200', uscc('11', '350000', 9107)] });
    const { answer, type, change } = await define(xiamen, input);
    expect(answer.errors).toBeUndefined();
    expect(type?.version).toBe(4);
    expect(change?.requiresConfirmation).toBe(false);
    expect(change?.differences).toEqual([
      { field: 'validityYears', before: '1', after: '2' },
      { field: 'issuers', before: 'region:350200', after: `region:350200, ${uscc('11', '350000', 9107)}` },
      { field: 'items.location.name', before: '占道地点', after: '占用道路地点' },
    ]);
    expect(change?.effects).toEqual([
      'new certificates are valid for 2 years (was: 1 year); existing certificates keep their validity',
      `${uscc('11', '350000', 9107)} may now issue, convert and amend certificates of the type`,
      'item location is renamed from 占道地点 to 占用道路地点: existing certificates show the new name',
    ]);
    expect(change?.affectedGrants.map((grant) => grant.id)).toEqual([grantIds['location']]);
  });

  it('defining a type again as it is makes no new version', async () => {
    const items = PERMIT.items.map((item) => (item.code === 'location' ? { ...item, name: '占用道路地点' } : item));
    const input = withSharing('NOT_SHARED', { items, validityYears: 2, issuers: ['region:350200', uscc('11', '350000', 9107)] });
    const { answer, type, change } = await define(xiamen, input);
    expect(answer.errors).toBeUndefined();
    expect(type?.version).toBe(4);
    expect(change).toMatchObject({ fromVersion: 4, toVersion: 4, differences: [], effects: [], affectedGrants: [] });
    expect((await stored(xiamen, PERMIT.code)).versions).toHaveLength(4);
  });

  it('a type kept at another node shows its version and history through a grant at the province', async () => {
    const answer = await executeAs(province, STEWARD, /* GraphQL */ `
      query { grants { id certificateType { code version versions { version sharing definedBy } } } }
    `);
    expect(answer.errors).toBeUndefined();
    const grant = (answer.data?.['grants'] as Array<{ id: string; certificateType: Record<string, unknown> }>).find((g) => g.id === grantIds['location']);
    expect(grant?.certificateType).toEqual({
      code: PERMIT.code,
      version: 4,
      versions: ['CONDITIONAL', 'UNCONDITIONAL', 'NOT_SHARED', 'NOT_SHARED'].map((sharing, i) => ({ version: i + 1, sharing, definedBy: code(STEWARD) })),
    });
  });

  it('at the province node the affected grants come from its own table, without asking another node', async () => {
    peerCalls.length = 0;
    const { answer, change } = await define(province, { ...LICENCE, items: [LICENCE.items[1]] }, { dryRun: true });
    expect(answer.errors).toBeUndefined();
    expect(change?.affectedGrants.map((grant) => grant.id)).toEqual([grantIds['equipment']]);
    expect(peerCalls).toEqual([]);
  });

  it('grantsOfType answers the hub’s own nodes and data stewards, not consumers', async () => {
    const asNode = await executeAs(province, { kind: 'service', code: '350200' }, GRANTS_OF_TYPE, { code: PERMIT.code });
    expect(asNode.errors).toBeUndefined();
    expect((asNode.data?.['grantsOfType'] as Array<{ id: string }>).map((grant) => grant.id).sort()).toEqual(
      [grantIds['location'], grantIds['area'], grantIds['identity']].sort(),
    );
    const asSteward = await executeAs(province, STEWARD, GRANTS_OF_TYPE, { code: LICENCE.code });
    expect(asSteward.data?.['grantsOfType']).toEqual([{ id: grantIds['equipment'], agency: AGENCIES[0], items: ['equipment'] }]);
    const asConsumer = await executeAs(province, CONSUMER, GRANTS_OF_TYPE, { code: PERMIT.code });
    expect(asConsumer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const malformed = await executeAs(province, STEWARD, GRANTS_OF_TYPE, { code: 'permit' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('a consumer reading a type sees no change, and may not ask for what a definition would change', async () => {
    const read = await executeAs(xiamen, CONSUMER, READ, { code: PERMIT.code });
    expect((read.data?.['certificateType'] as { change: unknown }).change).toBeNull();
    const dryRun = await executeAs(xiamen, CONSUMER, DEFINE, { input: PERMIT, dryRun: true });
    expect(dryRun.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('a definition written outside the API (the demo seed) is version 1 with no steward named', async () => {
    const direct = { ...LICENCE, code: `${MINISTRY}102` } as Parameters<typeof defineCertificateType>[1];
    const defined = await defineCertificateType(provinceDb.db, direct);
    expect(defined).toMatchObject({ version: 1, change: { fromVersion: null, toVersion: 1 } });
    const type = await stored(province, direct.code);
    expect(type.versions).toEqual([expect.objectContaining({ version: 1, definedBy: null })]);
  });
});

describe('the migration that starts keeping versions', () => {
  it('makes the definition of every type kept before it that type’s version 1', async () => {
    // The catalog's migrations up to the one before versions, in a folder of their own.
    const journal = JSON.parse(await readFile(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    const at = journal.entries.findIndex((entry) => entry.tag.startsWith('0003_'));
    const earlier = await mkdtemp(join(tmpdir(), 'catalog-migrations-'));
    const database = await freshDatabase('catalog_versions_migration');
    try {
      await mkdir(join(earlier, 'meta'));
      await writeFile(join(earlier, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      for (const entry of journal.entries.slice(0, at)) await copyFile(join(migrationsFolder, `${entry.tag}.sql`), join(earlier, `${entry.tag}.sql`));
      await database.migrate('catalog', earlier);
      await database.db.execute(sql`
        insert into catalog.certificate_types (code, name, defining_authority, holder_kind, sharing, validity_years, issuers)
        values (${PERMIT.code}, ${PERMIT.name}, ${PERMIT.definingAuthority}, 'ORGANIZATION', 'CONDITIONAL', 1, ${sql.param(['region:350200'])}::text[])`);
      for (const [position, item] of PERMIT.items.entries()) {
        await database.db.execute(sql`
          insert into catalog.item_definitions (type_code, position, code, name, required, sensitive)
          values (${PERMIT.code}, ${position}, ${item.code}, ${item.name}, ${item.required}, ${item.sensitive})`);
      }

      await database.migrate('catalog', migrationsFolder);
      const [type] = await database.db.select().from(certificateTypes).where(eq(certificateTypes.code, PERMIT.code));
      expect(type?.version).toBe(1);
      const { code: typeCode, ...definition } = PERMIT;
      expect(await database.db.select().from(certificateTypeVersions)).toEqual([
        { typeCode, version: 1, definition, definedAt: type?.updatedAt, definedBy: null },
      ]);
    } finally {
      await database.close();
      await rm(earlier, { recursive: true, force: true });
    }
  });
});
