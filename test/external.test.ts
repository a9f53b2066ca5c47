/**
 * External certificates (外来证照) through the gateway: a scan of almost 10 MB travels in one
 * request, is stored at the registering agency's node and comes back whole to those who may
 * read it; one byte over 10 MB is a client error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../lib/seal.js';
import { SCAN_MAX_BYTES } from '../subgraphs/certificate/scan.js';
import { AGENCY, uscc } from './support/fixtures.js';
import { startTestHub, type TestHub } from './support/hub.js';

const FIRM = uscc('91', '310000', 4242);
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
    const xiamen = await hub.as(AGENCY.xiamenIssuer);
    const registered = await xiamen(REGISTER, { input: input('SH-BIG-1', scan) });
    expect(registered.errors).toBeUndefined();
    const certificate = registered.data!['registerExternalCertificate'];
    expect(certificate).toMatchObject({ node: '350200', origin: 'EXTERNAL', issuerCode: AGENCY.xiamenIssuer.sub, scan: { size: scan.length, digest: sm3Hex(scan) } });

    const holder = await hub.as({ sub: FIRM, kind: 'holder' });
    const read = await holder(READ, { id: certificate.id });
    expect(read.errors).toBeUndefined();
    const returned = Buffer.from(read.data!['certificate'].scan.contentBase64, 'base64');
    expect(returned.equals(scan)).toBe(true);
  }, 120_000);

  it('refuses a scan one byte over 10 MB as BAD_USER_INPUT, and stores nothing', async () => {
    const xiamen = await hub.as(AGENCY.xiamenIssuer);
    const answer = await xiamen(REGISTER, { input: input('SH-BIG-2', pdfOf(SCAN_MAX_BYTES + 1)) });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scan.contentBase64' });
    const again = await xiamen(REGISTER, { input: input('SH-BIG-2', pdfOf(2000)) });
    expect(again.errors).toBeUndefined();
  }, 120_000);

  it('another agency sees that the certificate exists, not the scan', async () => {
    const xiamen = await hub.as(AGENCY.xiamenIssuer);
    const registered = await xiamen(REGISTER, { input: input('SH-SMALL-1', pdfOf(5000)) });
    const id = registered.data!['registerExternalCertificate'].id as string;
    const consumer = await hub.as(AGENCY.consumer);
    const read = await consumer(READ, { id });
    expect(read.data!['certificate']).toMatchObject({ id, scan: null });
    expect(read.errors?.map((error) => [error.extensions?.['code'], error.path?.at(-1)])).toContainEqual(['FORBIDDEN', 'scan']);
  });
});
