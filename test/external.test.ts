/**
 * External certificates (外来证照) through the gateway: a scan of almost 10 MB travels in one
 * request, is stored at the registering agency's node and comes back whole to those who may
 * read it; one byte over 10 MB is a client error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../lib/seal/seal.js';
import { SCAN_MAX_BYTES } from '../subgraphs/certificate/scan.js';
import { AGENCY, uscc } from './support/fixtures.js';
import { startTestHub, type TestHub } from './support/hub.js';

const FIRM = uscc('91', '310000', 4242);
/** A Xiamen service counter that records certificates from outside the province. */
const COUNTER = { sub: uscc('11', '350200', 4243), kind: 'agency' as const, roles: ['external-registrar' as const], name: '厦门市行政审批局' };
const VERIFY = /* GraphQL */ `
  query Verify($id: ID!) {
    verifyCertificate(id: $id) { found status signatureValid typeName issuerName origin issuerCode sealedBy declaredTypeName declaredIssuerName statement }
  }
`;
const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterExternalCertificateInput!) {
    registerExternalCertificate(input: $input) { id node origin issuerCode scan { size digest } }
  }
`;
const READ = /* GraphQL */ `query Read($id: ID!) { certificate(id: $id) { id node scan { size digest contentBase64 } } }`;

/** A PDF of `size` bytes: the header the media-type check reads, then filler. */
function pdfOf(size: number): Buffer {
  const document = Buffer.alloc(size, 0x20);
  document.write('%PDF-1.7\n');
  for (let at = 9; at + 16 < size; at += 4096) document.write(`% page ${at}\n`, at);
  return document;
}

const input = (number: string, scan: Buffer) => ({
  typeName: '营业执照 (上海市)',
  number,
  holderKind: 'ORGANIZATION',
  holderCode: FIRM,
  holderName: '上海浦江贸易有限公司',
  issuerName: '上海市市场监督管理局',
  issuedOn: '2024-06-01',
  scan: { mediaType: 'application/pdf', contentBase64: scan.toString('base64') },
});

let hub: TestHub;
beforeAll(async () => {
  // A 14 MB answer through an in-process hub on a busy 2-core machine can take seconds: this
  // test is about size, not about the read timeout, so nodes get 30 s.
  hub = await startTestHub('external', { nodeTimeoutMs: 30_000 });
}, 120_000);
afterAll(() => hub?.stop());

describe('registerExternalCertificate through the gateway', () => {
  it('takes a scan of just under 10 MB, keeps it at the agency’s node and returns it whole to the holder', async () => {
    const scan = pdfOf(SCAN_MAX_BYTES - 1000);
    const xiamen = await hub.as(COUNTER);
    const registered = await xiamen(REGISTER, { input: input('SH-BIG-1', scan) });
    expect(registered.errors).toBeUndefined();
    const certificate = registered.data!['registerExternalCertificate'];
    expect(certificate).toMatchObject({ node: '350200', origin: 'EXTERNAL', issuerCode: COUNTER.sub, scan: { size: scan.length, digest: sm3Hex(scan) } });

    const holder = await hub.as({ sub: FIRM, kind: 'holder' });
    const read = await holder(READ, { id: certificate.id });
    expect(read.errors).toBeUndefined();
    const returned = Buffer.from(read.data!['certificate'].scan.contentBase64, 'base64');
    expect(returned.equals(scan)).toBe(true);
  }, 120_000);

  it('refuses a scan one byte over 10 MB as BAD_USER_INPUT, and stores nothing', async () => {
    const xiamen = await hub.as(COUNTER);
    const answer = await xiamen(REGISTER, { input: input('SH-BIG-2', pdfOf(SCAN_MAX_BYTES + 1)) });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scan.contentBase64' });
    const again = await xiamen(REGISTER, { input: input('SH-BIG-2', pdfOf(2000)) });
    expect(again.errors).toBeUndefined();
  }, 120_000);

  it('another agency sees that the certificate exists, not the scan', async () => {
    const xiamen = await hub.as(COUNTER);
    const registered = await xiamen(REGISTER, { input: input('SH-SMALL-1', pdfOf(5000)) });
    const id = registered.data!['registerExternalCertificate'].id as string;
    const consumer = await hub.as(AGENCY.consumer);
    const read = await consumer(READ, { id });
    expect(read.data!['certificate']).toMatchObject({ id, scan: null });
    expect(read.errors?.map((error) => [error.extensions?.['code'], error.path?.at(-1)])).toContainEqual(['FORBIDDEN', 'scan']);
  });

  it('a consumer cannot register one: it takes the external-registrar role', async () => {
    const consumer = await hub.as(AGENCY.consumer);
    const answer = await consumer(REGISTER, { input: { ...input('SH-FORGE-1', pdfOf(3000)), typeName: '医师执业证书', issuerName: '福建省卫生健康委员会' } });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(answer.data).toBeNull();
  });

  it('token-less verification names the registering agency as the one who vouches, never the authority the scan names', async () => {
    const counter = await hub.as(COUNTER);
    const registered = await counter(REGISTER, { input: { ...input('SH-DOC-1', pdfOf(3000)), typeName: '医师执业证书', issuerName: '福建省卫生健康委员会' } });
    expect(registered.errors).toBeUndefined();
    const verified = await hub.request(null, VERIFY, { id: registered.data!['registerExternalCertificate'].id });
    expect(verified.errors).toBeUndefined();
    expect(verified.data!['verifyCertificate']).toMatchObject({
      found: true,
      status: 'VALID',
      signatureValid: true,
      origin: 'EXTERNAL',
      typeName: null,
      issuerName: null,
      issuerCode: COUNTER.sub,
      sealedBy: COUNTER.name,
      declaredTypeName: '医师执业证书',
      declaredIssuerName: '福建省卫生健康委员会',
    });
    expect(verified.data!['verifyCertificate'].statement).toContain(`由${COUNTER.name}（${COUNTER.sub}）依据扫描件登记的外来证照`);
  });
});

describe('the daily scan quota of an agency', () => {
  let limited: TestHub;
  beforeAll(async () => {
    limited = await startTestHub('external_quota', { scanQuota: { count: 2, bytes: 12_000 } });
  }, 120_000);
  afterAll(() => limited?.stop());

  it('refuses a scan beyond the count or the bytes of the day with QUOTA_EXCEEDED, and stores nothing of it', async () => {
    const counter = await limited.as(COUNTER);
    expect((await counter(REGISTER, { input: input('Q-1', pdfOf(5000)) })).errors).toBeUndefined();
    const tooBig = await counter(REGISTER, { input: input('Q-2', pdfOf(8000)) });
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect((await counter(REGISTER, { input: input('Q-3', pdfOf(5000)) })).errors).toBeUndefined();
    const tooMany = await counter(REGISTER, { input: input('Q-4', pdfOf(100)) });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(tooMany.errors?.[0]?.message).toContain('2 of 2 scans');
    // Another agency has a quota of its own.
    const other = await limited.as({ ...COUNTER, sub: uscc('11', '350200', 4244) });
    expect((await other(REGISTER, { input: input('Q-5', pdfOf(100)) })).errors).toBeUndefined();
    const holder = await limited.as({ sub: FIRM, kind: 'holder' });
    const listed = await holder(`{ certificates(first: 50) { totalCount } }`);
    expect(listed.data!['certificates'].totalCount).toBe(3);
  });
});
