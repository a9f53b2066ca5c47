import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, SEAL_ALGORITHM, signSeal, sm3Hex, verifySeal } from '../lib/seal/seal.js';
import { decryptSecret } from '../subgraphs/kit/secret-keys.js';
import { certificateItems, certificates, sealKeys } from '../subgraphs/certificate/db/schema.js';
import { signedPayloadOf } from '../subgraphs/certificate/sealing.js';
import { AGENCY, DEFINE_TYPE, FOOD_LICENCE, ISSUE, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const SHOP = { uscc: uscc('91', '350206', 4101), name: '厦门湖里鹭岛餐饮有限公司' };

const SEAL = /* GraphQL */ `
  query Seal($id: ID!) { certificate(id: $id) { id status seal { algorithm keyId publicKey signature signedPayload } } }
`;
const VERIFY = /* GraphQL */ `
  query Verify($id: ID!, $digest: String) {
    verifyCertificate(id: $id, digest: $digest) { id found status signatureValid digestMatches typeName issuerName salted }
  }
`;
const KEYS = /* GraphQL */ `
  query Keys($issuer: String!) { sealKeys(issuer: $issuer) { keyId issuer algorithm publicKey createdAt retiredAt } }
`;
const ROTATE = /* GraphQL */ `mutation { rotateSealKey { keyId issuer publicKey retiredAt } }`;
const CHANGE = /* GraphQL */ `
  mutation Change($id: ID!, $status: CertificateStatus!) { changeCertificateStatus(id: $id, status: $status, reason: "现场检查") { status } }
`;

interface SealAnswer {
  algorithm: string;
  keyId: string;
  publicKey: string;
  signature: string;
  signedPayload: string;
}

let hub: TestHub;
let xiamen: Client;
let holder: Client;
let consumer: Client;
let sequence = 0;

const issue = async (client: Client = xiamen, items?: Array<{ code: string; value: string }>) => {
  const answer = await client(ISSUE, {
    input: {
      typeCode: FOOD_LICENCE.code,
      number: `JY33502060${String(++sequence).padStart(6, '0')}`,
      holderKind: 'ORGANIZATION',
      holderCode: SHOP.uscc,
      holderName: SHOP.name,
      issuedOn: '2025-03-01',
      validFrom: '2025-03-01',
      items: items ?? [
        { code: 'operator', value: SHOP.name },
        { code: 'premises', value: '厦门市湖里区湖里大道88号' },
        { code: 'complaintPhone', value: '0592-5550123' },
      ],
    },
  });
  expect(answer.errors).toBeUndefined();
  return answer.data!['issueCertificate'] as { id: string; node: string };
};
const sealOf = async (client: Client, id: string): Promise<SealAnswer> => {
  const answer = await client(SEAL, { id });
  expect(answer.errors).toBeUndefined();
  return answer.data!['certificate'].seal as SealAnswer;
};
const verify = async (id: string, digest?: string) => {
  const answer = await hub.request(null, VERIFY, { id, digest });
  expect(answer.status).toBe(200);
  expect(answer.errors).toBeUndefined();
  return answer.data!['verifyCertificate'] as Record<string, unknown>;
};
const databaseOf = (node: string) => hub.nodes.find((entry) => entry.code === node)!.database.db;

beforeAll(async () => {
  hub = await startTestHub('seal');
  xiamen = await hub.as(AGENCY.xiamenIssuer);
  holder = await hub.as({ sub: SHOP.uscc, kind: 'holder' });
  consumer = await hub.as(AGENCY.consumer);
  const steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: FOOD_LICENCE })).errors).toBeUndefined();
}, 180_000);

afterAll(() => hub?.stop());

describe('seals through the hub', () => {
  it('an issued certificate has a seal over its canonical face that verifies with verifySeal', async () => {
    const { id, node } = await issue();
    expect(node).toBe('350200');
    const seal = await sealOf(xiamen, id);
    expect(seal.algorithm).toBe(SEAL_ALGORITHM);
    expect(seal.keyId.startsWith(`${AGENCY.xiamenIssuer.sub}-`)).toBe(true);
    const face = JSON.parse(seal.signedPayload) as Record<string, unknown>;
    expect(face).toMatchObject({ id, holderCode: SHOP.uscc, holderName: SHOP.name, issuerCode: AGENCY.xiamenIssuer.sub, validUntil: '2030-02-28' });
    expect(face['items']).toEqual({ operator: SHOP.name, premises: '厦门市湖里区湖里大道88号', complaintPhone: '0592-5550123' });
    expect(face).not.toHaveProperty('status');
    expect(canonicalJson(face)).toBe(seal.signedPayload);
    expect(verifySeal(seal.publicKey, seal.signedPayload, seal.signature)).toBe(true);
  });

  it('the holder reads the seal; a consumer without every item gets FORBIDDEN on it', async () => {
    const { id } = await issue();
    expect(await sealOf(holder, id)).toEqual(await sealOf(xiamen, id));
    const answer = await consumer(SEAL, { id });
    expect(answer.data!['certificate']).toMatchObject({ id, status: 'VALID', seal: null });
    expect(answer.errors?.map((error) => [error.extensions?.['code'], error.path?.join('.')])).toEqual([['FORBIDDEN', 'certificate.seal']]);
  });

  it('public verification answers signatureValid true and digestMatches true or false, and nothing about the holder', async () => {
    const { id } = await issue();
    const { signedPayload } = await sealOf(xiamen, id);
    const digest = sm3Hex(signedPayload);
    const answer = await verify(id, digest.toUpperCase());
    expect(answer).toEqual({
      id,
      found: true,
      status: 'VALID',
      signatureValid: true,
      digestMatches: true,
      typeName: FOOD_LICENCE.name,
      issuerName: AGENCY.xiamenIssuer.name,
      salted: true,
    });
    expect(await verify(id, sm3Hex('another payload'))).toMatchObject({ signatureValid: true, digestMatches: false });
    expect(await verify(id)).toMatchObject({ signatureValid: true, digestMatches: null });
    expect(JSON.stringify(answer)).not.toContain(SHOP.uscc);
  });

  it('the public cannot read the seal itself', async () => {
    const { id } = await issue();
    const answer = await hub.request(null, SEAL, { id });
    expect(answer.status).toBe(401);
    expect(answer.data ?? null).toBeNull();
  });

  it('a row edited in the node database behind the hub makes signatureValid false', async () => {
    const [byName, byItem] = [await issue(), await issue()];
    const db = databaseOf('350200');
    await db.update(certificates).set({ holderName: '厦门湖里假冒餐饮有限公司' }).where(eq(certificates.id, byName.id));
    await db
      .update(certificateItems)
      .set({ value: '0592-0000000' })
      .where(and(eq(certificateItems.certificateId, byItem.id), eq(certificateItems.code, 'complaintPhone')));
    expect(await verify(byName.id)).toMatchObject({ found: true, status: 'VALID', signatureValid: false });
    expect(await verify(byItem.id)).toMatchObject({ found: true, status: 'VALID', signatureValid: false });
  });

  it('a status change does not break the seal', async () => {
    const { id } = await issue();
    const before = await sealOf(xiamen, id);
    expect((await xiamen(CHANGE, { id, status: 'REVOKED' })).errors).toBeUndefined();
    expect(await sealOf(xiamen, id)).toEqual(before);
    expect(await verify(id, sm3Hex(before.signedPayload))).toMatchObject({ status: 'REVOKED', signatureValid: true, digestMatches: true });
  });

  it('after rotateSealKey new certificates use the new key; old ones still verify, their key retired but published', async () => {
    const fuzhou = await hub.as(AGENCY.fuzhouIssuer);
    const old = await issue(fuzhou);
    expect(old.node).toBe('350100');
    const oldSeal = await sealOf(fuzhou, old.id);

    const rotated = await fuzhou(ROTATE);
    expect(rotated.errors).toBeUndefined();
    const newKey = rotated.data!['rotateSealKey'] as { keyId: string; issuer: string; publicKey: string; retiredAt: string | null };
    expect(newKey).toMatchObject({ issuer: AGENCY.fuzhouIssuer.sub, retiredAt: null });
    expect(newKey.keyId).not.toBe(oldSeal.keyId);

    const fresh = await issue(fuzhou);
    expect(await sealOf(fuzhou, fresh.id)).toMatchObject({ keyId: newKey.keyId, publicKey: newKey.publicKey });
    expect(await verify(old.id)).toMatchObject({ signatureValid: true });
    expect(await verify(fresh.id)).toMatchObject({ signatureValid: true });

    // Routed by the issuer's region to the node that keeps its keys, for any authenticated principal.
    const keys = await consumer(KEYS, { issuer: AGENCY.fuzhouIssuer.sub });
    expect(keys.errors).toBeUndefined();
    const published = keys.data!['sealKeys'] as Array<{ keyId: string; publicKey: string; retiredAt: string | null; algorithm: string }>;
    expect(published.map((key) => key.keyId)).toEqual([oldSeal.keyId, newKey.keyId]);
    expect(published[0]).toMatchObject({ publicKey: oldSeal.publicKey, algorithm: SEAL_ALGORITHM, retiredAt: expect.any(String) });
    expect(published[1]!.retiredAt).toBeNull();
    expect(verifySeal(published[0]!.publicKey, oldSeal.signedPayload, oldSeal.signature)).toBe(true);
  });

  it('only an issuer rotates its key', async () => {
    const answer = await consumer(ROTATE);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('a withheld item cannot be confirmed through the public digest check: the random salt is part of what is digested', async () => {
    const { id } = await issue();
    // What the review's consumer knew: the face, all but the withheld (sensitive) complaint phone.
    const read = await consumer(`query($id: ID!) { certificate(id: $id) { number holderName issuerName issuedOn validFrom validUntil items { code value } } }`, { id });
    const seen = read.data!['certificate'];
    expect(seen.items.find((item: { code: string }) => item.code === 'complaintPhone').value).toBeNull();
    const guess = (phone: string, salt?: string) =>
      sm3Hex(
        canonicalJson({
          id,
          number: seen.number,
          typeCode: FOOD_LICENCE.code,
          holderKind: 'ORGANIZATION',
          holderCode: SHOP.uscc,
          holderName: seen.holderName,
          issuerCode: AGENCY.xiamenIssuer.sub,
          issuerName: seen.issuerName,
          issuedOn: seen.issuedOn,
          validFrom: seen.validFrom,
          validUntil: seen.validUntil,
          items: { operator: SHOP.name, premises: '厦门市湖里区湖里大道88号', complaintPhone: phone },
          ...(salt ? { salt } : {}),
        }),
      );
    // Even the right value does not match without the salt, which only readers of the whole seal see.
    for (const phone of ['0592-5550122', '0592-5550123', '0592-5550124']) expect(await verify(id, guess(phone))).toMatchObject({ digestMatches: false, salted: true });
    const { salt, signedPayload } = (await holder(`query($id: ID!) { certificate(id: $id) { seal { salt signedPayload } } }`, { id })).data!['certificate'].seal;
    expect(guess('0592-5550123', salt)).toBe(sm3Hex(signedPayload));
    expect(await verify(id, sm3Hex(signedPayload))).toMatchObject({ digestMatches: true });
  });

  it('a seal made before salts keeps verifying, and says it is unsalted', async () => {
    const { id } = await issue();
    const db = databaseOf('350200');
    // Re-seal the certificate as the hub sealed before salts: the same face without a salt.
    const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
    const items = await db.select().from(certificateItems).where(eq(certificateItems.certificateId, id));
    const [key] = await db.select().from(sealKeys).where(eq(sealKeys.keyId, row!.sealKeyId!));
    const privateKey = decryptSecret(hub.nodes.find((entry) => entry.code === '350200')!.node.kek, key!.encryptedPrivateKey!, key!.keyId);
    const unsalted = signedPayloadOf({ ...row!, sealSalt: null }, items);
    expect(unsalted).not.toContain('"salt"');
    await db.update(certificates).set({ sealSalt: null, sealSignature: signSeal(privateKey, unsalted) }).where(eq(certificates.id, id));
    expect(await verify(id, sm3Hex(unsalted))).toMatchObject({ signatureValid: true, digestMatches: true, salted: false });
    // New seals are salted all the same.
    expect(await verify((await issue()).id)).toMatchObject({ signatureValid: true, salted: true });
  });
});
