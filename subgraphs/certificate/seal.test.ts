import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCertificateId, isoDate, residentIdCheckChar, usccCheckChar } from '../../lib/codes.js';
import type { NodeDatabase } from '../kit/db.js';
import type { GrantClaim, Principal } from '../../lib/principal.js';
import { canonicalJson, publicKeyOf, SEAL_ALGORITHM, sm3Hex, verifySeal } from '../../lib/seal/seal.js';
import { agency, executeAs, migratedDatabase, type ExecutionResult } from '../../test/support/subgraph.js';
import { catalogFromList, type CatalogType } from './catalog.js';
import { certificateItems, certificates, sealKeys } from './db/schema.js';
import type { IssueCertificateInput } from './generated/resolvers.js';
import { currentSealKey, protectSealKeys } from './sealing.js';
import { createCertificateSubgraph, migrationsFolder } from './server.js';
import { issueCertificate } from './service.js';
import { generateSealKey } from '../../lib/seal/seal.js';
import { decryptSecret, type SecretKeyRing } from '../kit/secret-keys.js';
import { freshKeyRing, TEST_KEK, testNode } from '../../test/support/secrets.js';
import { DigestGuard } from './digest-guard.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const residentId = (first17: string) => first17 + residentIdCheckChar(first17);

const SAMR = uscc('11100000000000001');
const NHC = uscc('11100000000000002');
/** UNCONDITIONAL, with a sensitive item: any agency reads some items, but not every one. */
const FOOD_LICENCE = `${SAMR}002`;
/** NOT_SHARED: only the holder and the issuer. */
const PHYSICIAN = `${NHC}001`;

const TYPES: CatalogType[] = [
  {
    code: FOOD_LICENCE,
    name: '食品经营许可证',
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    // Any agency of the province may issue it here; the rules of competence have tests of their own.
    issuers: ['region:350000'],
    validityYears: 5,
    items: [
      { code: 'operator', name: '经营者名称', required: true, sensitive: false },
      { code: 'premises', name: '经营场所', required: false, sensitive: false },
      { code: 'complaintPhone', name: '投诉举报电话', required: false, sensitive: true },
    ],
  },
  {
    code: PHYSICIAN,
    name: '医师执业证书',
    holderKind: 'PERSON',
    sharing: 'NOT_SHARED',
    // Any agency of the province may issue it here; the rules of competence have tests of their own.
    issuers: ['region:350000'],
    validityYears: null,
    items: [
      { code: 'name', name: '姓名', required: true, sensitive: false },
      { code: 'idNumber', name: '身份证号', required: true, sensitive: true },
    ],
  },
];

const ISSUER = agency(uscc('11350200000000011'), 'issuer');
const OTHER_ISSUER = agency(uscc('11350200000000029'), 'issuer');
const CONSUMER = agency(uscc('11350100000000037'), 'consumer');
const PUBLIC: Principal = { kind: 'public' };
const SHOP = uscc('91350200MA0000001');
const SHOP_HOLDER: Principal = { kind: 'holder', code: SHOP, holderKind: 'ORGANIZATION', name: null };
const DOCTOR = residentId('35020319900101001');
const PURPOSE = '食品安全抽检 (matter 350200-SP-0001)';
const grantFor = (items: string[]): GrantClaim[] => [{ id: 'g1', type: FOOD_LICENCE, items, purposes: [PURPOSE], expiresAt: null }];

const issuerOf = (principal: Principal) => {
  if (principal.kind !== 'agency') throw new Error('not an agency');
  return { code: principal.code, name: principal.name ?? principal.code };
};

let sequence = 0;
const foodLicence = (overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
  typeCode: FOOD_LICENCE,
  number: `JY3350200${String(++sequence).padStart(7, '0')}`,
  holderKind: 'ORGANIZATION',
  holderCode: SHOP,
  holderName: '厦门鹭岛餐饮有限公司',
  issuedOn: '2025-03-01',
  validFrom: '2025-03-01',
  validUntil: null,
  items: [
    { code: 'operator', value: '厦门鹭岛餐饮有限公司' },
    { code: 'premises', value: '厦门市湖里区湖里大道88号' },
    { code: 'complaintPhone', value: '0592-5550123' },
  ],
  ...overrides,
});

const SEAL = /* GraphQL */ `
  query Seal($id: ID!) { certificate(id: $id) { id status seal { algorithm keyId publicKey signature salt signedPayload } } }
`;
const VERIFY = /* GraphQL */ `
  query Verify($id: ID!, $digest: String) {
    verifyCertificate(id: $id, digest: $digest) { id found status signatureValid digestMatches typeName issuerName }
  }
`;
const KEYS = /* GraphQL */ `
  query Keys($issuer: String!) { sealKeys(issuer: $issuer) { keyId issuer algorithm publicKey createdAt retiredAt } }
`;
const ROTATE = /* GraphQL */ `mutation { rotateSealKey { keyId issuer algorithm publicKey retiredAt } }`;
const CHANGE = /* GraphQL */ `
  mutation Change($id: ID!, $status: CertificateStatus!) { changeCertificateStatus(id: $id, status: $status, reason: "检查") { id status } }
`;

interface SealAnswer {
  algorithm: string;
  keyId: string;
  publicKey: string;
  salt: string | null;
  signature: string;
  signedPayload: string;
}

const NODE = testNode('350200', '厦门市');
let database: NodeDatabase;
let subgraph: ReturnType<typeof createCertificateSubgraph>;

beforeAll(async () => {
  database = await migratedDatabase('certificate_seal', [['certificate', migrationsFolder]]);
  subgraph = createCertificateSubgraph({ node: NODE, db: database.db, catalog: catalogFromList(TYPES), services: { kek: TEST_KEK, province: '350000' } });
});
afterAll(() => database?.close());

const issue = async (input: IssueCertificateInput = foodLicence(), as: Principal = ISSUER) => {
  const row = await issueCertificate({ db: database.db, catalog: catalogFromList(TYPES), kek: TEST_KEK }, issuerOf(as), input, { today: isoDate(new Date()) });
  return row.id;
};
const sealOf = async (id: string, as: Principal = ISSUER): Promise<SealAnswer> => {
  const result = await executeAs(subgraph, as, SEAL, { id });
  expect(result.errors).toBeUndefined();
  return (result.data!['certificate'] as { seal: SealAnswer }).seal;
};
const verify = async (id: string, digest?: string) => {
  const result = await executeAs(subgraph, PUBLIC, VERIFY, { id, digest });
  expect(result.errors).toBeUndefined();
  return result.data!['verifyCertificate'] as Record<string, unknown>;
};
const forbiddenPaths = (result: ExecutionResult) =>
  (result.errors ?? []).filter((error) => error.extensions?.['code'] === 'FORBIDDEN').map((error) => error.path?.join('.'));

describe('sealing at issuance', () => {
  it('an issued certificate has a seal whose signature verifies over its canonical face', async () => {
    const input = foodLicence();
    const id = await issue(input);
    const seal = await sealOf(id);
    expect(seal.algorithm).toBe(SEAL_ALGORITHM);
    expect(seal.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(seal.keyId).toMatch(new RegExp(`^${issuerOf(ISSUER).code}-\\d{8}-\\d+$`));
    expect(seal.signedPayload).toBe(
      canonicalJson({
        id,
        number: input.number,
        typeCode: FOOD_LICENCE,
        holderKind: 'ORGANIZATION',
        holderCode: SHOP,
        holderName: input.holderName,
        issuerCode: issuerOf(ISSUER).code,
        issuerName: issuerOf(ISSUER).name,
        issuedOn: '2025-03-01',
        validFrom: '2025-03-01',
        // Five years from the type's validity.
        validUntil: '2030-02-28',
        items: { operator: '厦门鹭岛餐饮有限公司', premises: '厦门市湖里区湖里大道88号', complaintPhone: '0592-5550123' },
        // 128 random bits of its own, so that nobody confirms a guessed face against the public digest.
        salt: seal.salt,
      }),
    );
    expect(seal.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(seal.signedPayload).not.toContain('VALID');
    expect(verifySeal(seal.publicKey, seal.signedPayload, seal.signature)).toBe(true);
  });

  it("the seal key is the issuer's, kept at the node with its private key encrypted under the node's KEK, and one per issuer", async () => {
    const [first, second] = [await issue(), await issue()];
    const [a, b] = [await sealOf(first), await sealOf(second)];
    expect(a.keyId).toBe(b.keyId);
    const [key] = await database.db.select().from(sealKeys).where(eq(sealKeys.keyId, a.keyId));
    expect(key!.issuerCode).toBe(issuerOf(ISSUER).code);
    expect(key!.privateKey).toBeNull();
    const privateKey = decryptSecret(TEST_KEK, key!.encryptedPrivateKey!, key!.keyId);
    expect(key!.encryptedPrivateKey).not.toContain(privateKey);
    expect(publicKeyOf(privateKey)).toBe(a.publicKey);
    // Bound to its row: the envelope does not open as another key's.
    expect(() => decryptSecret(TEST_KEK, key!.encryptedPrivateKey!, `${key!.keyId}x`)).toThrow();
    const other = await sealOf(await issue(foodLicence(), OTHER_ISSUER), OTHER_ISSUER);
    expect(other.keyId).not.toBe(a.keyId);
    expect(other.publicKey).not.toBe(a.publicKey);
  });

  it('concurrent first sealings of one issuer make a single current key', async () => {
    const fresh = uscc('11350200000000053');
    const ids = await Promise.all(Array.from({ length: 4 }, () => issue(foodLicence(), agency(fresh, 'issuer'))));
    const current = await database.db
      .select()
      .from(sealKeys)
      .where(and(eq(sealKeys.issuerCode, fresh), isNull(sealKeys.retiredAt)));
    expect(current).toHaveLength(1);
    const rows = await database.db.select({ keyId: certificates.sealKeyId }).from(certificates).where(sql`${certificates.id} = ANY(${sql.param(ids)})`);
    expect(new Set(rows.map((row) => row.keyId))).toEqual(new Set([current[0]!.keyId]));
    // Without the issuer's lock, the unique partial index still keeps one current key.
    const again = await database.db.transaction((tx) => currentSealKey(tx, TEST_KEK, fresh, new Date()));
    expect(again.keyId).toBe(current[0]!.keyId);
  });
});

describe('who reads the seal', () => {
  let id: string;
  beforeAll(async () => {
    id = await issue();
  });

  it('the issuer and the holder read the seal', async () => {
    expect((await sealOf(id, ISSUER)).signature).toMatch(/^30[0-9a-f]+$/);
    expect((await sealOf(id, SHOP_HOLDER)).signature).toMatch(/^30[0-9a-f]+$/);
  });

  it('a consumer without every item gets FORBIDDEN on seal, and the rest of the certificate', async () => {
    const result = await executeAs(subgraph, CONSUMER, SEAL, { id });
    expect(forbiddenPaths(result)).toEqual(['certificate.seal']);
    expect(result.data!['certificate']).toMatchObject({ id, status: 'VALID', seal: null });
  });

  it('a consumer whose grant names the sensitive item reads the seal', async () => {
    const result = await executeAs(subgraph, CONSUMER, SEAL, { id }, PURPOSE, grantFor(['complaintPhone']));
    expect(result.errors).toBeUndefined();
    expect((result.data!['certificate'] as { seal: SealAnswer }).seal.keyId).toMatch(/-\d+$/);
  });

  it('a certificate without the withheld item is sealed over what it carries, and so readable', async () => {
    const plain = await issue(foodLicence({ items: [{ code: 'operator', value: '厦门鹭岛餐饮有限公司' }] }));
    const seal = await sealOf(plain, CONSUMER);
    expect(JSON.parse(seal.signedPayload).items).toEqual({ operator: '厦门鹭岛餐饮有限公司' });
  });

  it('nobody but the holder and the issuer reads the seal of a NOT_SHARED certificate', async () => {
    const doctor = await issue({
      typeCode: PHYSICIAN,
      number: '110350200000001',
      holderKind: 'PERSON',
      holderCode: DOCTOR,
      holderName: '林晓',
      issuedOn: '2024-07-15',
      validFrom: '2024-07-15',
      validUntil: null,
      items: [
        { code: 'name', value: '林晓' },
        { code: 'idNumber', value: DOCTOR },
      ],
    });
    expect(forbiddenPaths(await executeAs(subgraph, CONSUMER, SEAL, { id: doctor }))).toEqual(['certificate.seal']);
    const holder: Principal = { kind: 'holder', code: DOCTOR, holderKind: 'PERSON', name: null };
    expect((await sealOf(doctor, holder)).signedPayload).toContain(DOCTOR);
  });

  it('reading seals of a list costs no statement per certificate', async () => {
    const LIST = /* GraphQL */ `
      query List($first: Int) { certificates(first: $first) { edges { node { id seal { keyId publicKey signedPayload } } } } }
    `;
    const statementsFor = async (first: number) => {
      database.statements.reset();
      const result = await executeAs(subgraph, SHOP_HOLDER, LIST, { first });
      expect(result.errors).toBeUndefined();
      return database.statements.count;
    };
    const few = await statementsFor(2);
    expect(await statementsFor(8)).toBe(few);
  });
});

describe('public verification', () => {
  it('answers signatureValid true, and digestMatches for the SM3 of the signed payload in any case', async () => {
    const id = await issue();
    const { signedPayload } = await sealOf(id);
    const digest = sm3Hex(signedPayload);
    expect(await verify(id)).toMatchObject({ found: true, status: 'VALID', signatureValid: true, digestMatches: null, typeName: '食品经营许可证' });
    expect(await verify(id, digest)).toMatchObject({ signatureValid: true, digestMatches: true });
    expect(await verify(id, digest.toUpperCase())).toMatchObject({ digestMatches: true });
    expect(await verify(id, sm3Hex(`${signedPayload} `))).toMatchObject({ signatureValid: true, digestMatches: false });
  });

  it('a digest that is not 64 hex digits is a BAD_USER_INPUT', async () => {
    const result = await executeAs(subgraph, PUBLIC, VERIFY, { id: await issue(), digest: 'abc' });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('an edited holder name or item value makes signatureValid false', async () => {
    const [byName, byItem] = [await issue(), await issue()];
    const digest = sm3Hex((await sealOf(byName)).signedPayload);
    await database.db.update(certificates).set({ holderName: '厦门假冒餐饮有限公司' }).where(eq(certificates.id, byName));
    await database.db
      .update(certificateItems)
      .set({ value: '厦门市思明区假地址1号' })
      .where(and(eq(certificateItems.certificateId, byItem), eq(certificateItems.code, 'premises')));
    expect(await verify(byName, digest)).toMatchObject({ found: true, signatureValid: false, digestMatches: false });
    expect(await verify(byItem)).toMatchObject({ found: true, signatureValid: false });
  });

  it('a status change does not break the seal; verification reports the status live', async () => {
    const id = await issue();
    const before = await sealOf(id);
    const result = await executeAs(subgraph, ISSUER, CHANGE, { id, status: 'SUSPENDED' });
    expect(result.errors).toBeUndefined();
    expect(await sealOf(id)).toEqual(before);
    expect(await verify(id)).toMatchObject({ status: 'SUSPENDED', signatureValid: true });
  });

  it('an unknown certificate is not found, with nothing to check', async () => {
    const unknown = buildCertificateId({ typeCode: FOOD_LICENCE, issuer: issuerOf(ISSUER).code, serial: '99999999', version: '001' });
    expect(await verify(unknown, sm3Hex('anything'))).toMatchObject({ found: false, signatureValid: null, digestMatches: null });
  });
});

describe('key rotation', () => {
  it('after rotateSealKey new certificates use the new key, and old ones still verify with the retired one', async () => {
    const rotator = agency(uscc('11350200000000061'), 'issuer');
    const old = await issue(foodLicence(), rotator);
    const oldSeal = await sealOf(old, rotator);
    const rotated = await executeAs(subgraph, rotator, ROTATE);
    expect(rotated.errors).toBeUndefined();
    const newKey = rotated.data!['rotateSealKey'] as Record<string, unknown>;
    expect(newKey).toMatchObject({ issuer: issuerOf(rotator).code, algorithm: SEAL_ALGORITHM, retiredAt: null });
    expect(newKey['keyId']).not.toBe(oldSeal.keyId);

    const fresh = await issue(foodLicence(), rotator);
    const freshSeal = await sealOf(fresh, rotator);
    expect(freshSeal.keyId).toBe(newKey['keyId']);
    expect(freshSeal.publicKey).toBe(newKey['publicKey']);
    expect(await verify(old)).toMatchObject({ signatureValid: true });
    expect(await verify(fresh)).toMatchObject({ signatureValid: true });

    const keys = await executeAs(subgraph, CONSUMER, KEYS, { issuer: issuerOf(rotator).code });
    expect(keys.errors).toBeUndefined();
    const published = keys.data!['sealKeys'] as Array<Record<string, unknown>>;
    expect(published.map((key) => key['keyId'])).toEqual([oldSeal.keyId, newKey['keyId']]);
    expect(published[0]).toMatchObject({ publicKey: oldSeal.publicKey, retiredAt: expect.any(String) });
    expect(published[1]).toMatchObject({ retiredAt: null });
    expect(JSON.stringify(published)).not.toMatch(/privateKey/);
  });

  it('only issuers rotate, and the public does not list keys', async () => {
    expect((await executeAs(subgraph, CONSUMER, ROTATE)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await executeAs(subgraph, PUBLIC, KEYS, { issuer: issuerOf(ISSUER).code })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await executeAs(subgraph, CONSUMER, KEYS, { issuer: 'not-a-uscc' })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('an issuer rotating before its first issuance gets its first key', async () => {
    const newcomer = agency(uscc('11350200000000078'), 'issuer');
    const rotated = await executeAs(subgraph, newcomer, ROTATE);
    expect(rotated.errors).toBeUndefined();
    const id = await issue(foodLicence(), newcomer);
    expect((await sealOf(id, newcomer)).keyId).toBe((rotated.data!['rotateSealKey'] as { keyId: string }).keyId);
    // Its first certificate still takes serial 1.
    expect(id).toMatch(/\.00000001\.001\.[0-9A-Z]$/);
  });
});

describe('seal keys at rest', () => {
  it("a rotated key's private half is destroyed; its public half stays published", async () => {
    const rotator = agency(uscc('11350200000000086'), 'issuer');
    const old = await sealOf(await issue(foodLicence(), rotator), rotator);
    expect((await executeAs(subgraph, rotator, ROTATE)).errors).toBeUndefined();
    const [retired] = await database.db.select().from(sealKeys).where(eq(sealKeys.keyId, old.keyId));
    expect(retired).toMatchObject({ privateKey: null, encryptedPrivateKey: null, publicKey: old.publicKey, retiredAt: expect.any(Date) });
  });

  it('keys stored in plain text before keys were encrypted are encrypted at the next start, retired ones destroyed, and still sign', async () => {
    const legacy = agency(uscc('11350200000000094'), 'issuer');
    const pair = generateSealKey();
    const retiredPair = generateSealKey();
    const code = issuerOf(legacy).code;
    await database.db.insert(sealKeys).values([
      { keyId: `${code}-20240101-1`, issuerCode: code, publicKey: retiredPair.publicKey, privateKey: retiredPair.privateKey, createdAt: new Date('2024-01-01'), retiredAt: new Date('2024-06-01') },
      { keyId: `${code}-20240601-2`, issuerCode: code, publicKey: pair.publicKey, privateKey: pair.privateKey, createdAt: new Date('2024-06-01') },
    ]);
    const outcome = await protectSealKeys(database.db, TEST_KEK);
    expect(outcome).toMatchObject({ encrypted: 1, destroyed: 1 });
    const rows = await database.db.select().from(sealKeys).where(eq(sealKeys.issuerCode, code));
    expect(rows.every((row) => row.privateKey === null)).toBe(true);
    expect(rows.find((row) => row.retiredAt !== null)!.encryptedPrivateKey).toBeNull();
    const current = rows.find((row) => row.retiredAt === null)!;
    expect(decryptSecret(TEST_KEK, current.encryptedPrivateKey!, current.keyId)).toBe(pair.privateKey);
    // The plain text is nowhere in the table's columns, and the key keeps sealing.
    const text = await database.db.execute(sql`select string_agg(t::text, '') as all from certificate.seal_keys t`);
    expect(JSON.stringify(text)).not.toContain(pair.privateKey);
    expect((await sealOf(await issue(foodLicence(), legacy), legacy)).publicKey).toBe(pair.publicKey);
    expect(await protectSealKeys(database.db, TEST_KEK)).toEqual({ encrypted: 0, reencrypted: 0, destroyed: 0 });
  });

  it('a new key-encryption key re-encrypts the keys of the old one, which the ring still holds', async () => {
    const next = freshKeyRing().current;
    const rotatedRing: SecretKeyRing = { current: next, all: [next, ...TEST_KEK.all] };
    const outcome = await protectSealKeys(database.db, rotatedRing);
    expect(outcome.reencrypted).toBeGreaterThan(0);
    const current = await database.db.select().from(sealKeys).where(isNull(sealKeys.retiredAt));
    expect(current.every((row) => row.encryptedPrivateKey === null || row.encryptedPrivateKey.split('.')[1] === rotatedRing.current.id)).toBe(true);
    // Back under the test KEK, for the tests after this one.
    await protectSealKeys(database.db, { current: TEST_KEK.current, all: rotatedRing.all });
  });
});

describe('digest checks of one certificate', () => {
  it('are refused after too many wrong digests, from whichever client, while the right one keeps verifying elsewhere', async () => {
    const guarded = createCertificateSubgraph({
      node: NODE,
      db: database.db,
      catalog: catalogFromList(TYPES),
      services: { kek: TEST_KEK, province: '350000', digests: new DigestGuard({ maxMismatches: 3 }) },
    });
    const [target, other] = [await issue(), await issue()];
    const check = (id: string, digest: string) => executeAs(guarded, PUBLIC, VERIFY, { id, digest });
    for (let i = 0; i < 3; i++) expect((await check(target, sm3Hex(`guess ${i}`))).data).toMatchObject({ verifyCertificate: { digestMatches: false } });
    const refused = await check(target, sm3Hex('guess 4'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Even the right digest waits: guessing must not be able to tell it apart.
    const { signedPayload } = await sealOf(target);
    expect((await check(target, sm3Hex(signedPayload))).errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    // Without a digest, and for other certificates, verification goes on.
    expect((await executeAs(guarded, PUBLIC, VERIFY, { id: target })).data).toMatchObject({ verifyCertificate: { signatureValid: true } });
    expect((await check(other, sm3Hex((await sealOf(other)).signedPayload))).data).toMatchObject({ verifyCertificate: { digestMatches: true } });
  });
});
