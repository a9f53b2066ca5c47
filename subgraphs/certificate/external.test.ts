import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificateId, residentIdCheckChar, usccCheckChar } from '../../lib/codes.js';
import type { NodeDatabase } from '../kit/db.js';
import type { GrantClaim, Principal } from '../../lib/principal.js';
import { sm3Hex, sm3HexPortable, verifySeal } from '../../lib/seal/seal.js';
import { agency, executeAs, migratedDatabase, type ExecutionResult } from '../../test/support/subgraph.js';
import { catalogFromList, type CatalogType } from './catalog.js';
import { certificates, scans, statusChanges } from './db/schema.js';
import type { RegisterExternalCertificateInput } from './generated/resolvers.js';
import { SCAN_MAX_BYTES } from './scan.js';
import { createCertificateSubgraph, migrationsFolder } from './server.js';
import { externalTypeCode } from './service.js';
import { TEST_KEK, testNode } from '../../test/support/secrets.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const residentId = (first17: string) => first17 + residentIdCheckChar(first17);

const COUNTER = agency(uscc('11350200000000011'), 'consumer', 'external-registrar');
const COUNTER_NAME = `agency ${COUNTER.kind === 'agency' ? COUNTER.code : ''}`;
const OTHER_AGENCY = agency(uscc('11350200000000029'), 'consumer', 'issuer');
const SHANGHAI_FIRM = uscc('91310000MA0000001');
const FIRM_HOLDER: Principal = { kind: 'holder', code: SHANGHAI_FIRM, holderKind: 'ORGANIZATION', name: null };
const STRANGER: Principal = { kind: 'holder', code: residentId('35020319900101001'), holderKind: 'PERSON', name: null };
const PURPOSE = '跨省通办 (matter 350200-KS-0001)';

/** A small but real-looking PDF: the header is what the media type check reads. */
const pdf = (body = 'scan') => Buffer.from(`%PDF-1.7\n% ${body}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

let sequence = 0;
const registration = (overrides: Partial<RegisterExternalCertificateInput> = {}): RegisterExternalCertificateInput => ({
  typeName: '营业执照 (上海市)',
  number: `SH-${String(++sequence).padStart(6, '0')}`,
  holderKind: 'ORGANIZATION',
  holderCode: SHANGHAI_FIRM,
  holderName: '上海浦江贸易有限公司',
  issuerName: '上海市市场监督管理局',
  issuedOn: '2024-06-01',
  validUntil: null,
  scan: { mediaType: 'application/pdf', contentBase64: pdf(`n${sequence}`).toString('base64') },
  ...overrides,
});

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterExternalCertificateInput!) {
    registerExternalCertificate(input: $input) { id origin typeName issuerCode issuerName status validFrom scan { mediaType size digest } }
  }
`;
const READ = /* GraphQL */ `
  query Read($id: ID!) {
    certificate(id: $id) { id origin typeName holderName scan { mediaType size digest contentBase64 } seal { signedPayload signature publicKey } }
  }
`;
const VERIFY = /* GraphQL */ `
  query Verify($id: ID!, $digest: String) {
    verifyCertificate(id: $id, digest: $digest) {
      found status signatureValid digestMatches typeName issuerName origin issuerCode sealedBy declaredTypeName declaredIssuerName statement salted
    }
  }
`;

interface Registered {
  id: string;
  origin: string;
  typeName: string;
  issuerCode: string;
  issuerName: string;
  status: string;
  validFrom: string;
  scan: { mediaType: string; size: number; digest: string };
}

const NODE = testNode('350200', '厦门市');
let database: NodeDatabase;
let subgraph: ReturnType<typeof createCertificateSubgraph>;
let types: CatalogType[] = [];

beforeAll(async () => {
  database = await migratedDatabase('certificate_external', [['certificate', migrationsFolder]]);
  subgraph = createCertificateSubgraph({
    node: NODE,
    db: database.db,
    // Read per lookup: a test shares a type by changing `types`.
    catalog: { getType: (code) => catalogFromList(types).getType(code) },
    services: { kek: TEST_KEK, province: '350000' },
  });
});
afterAll(() => database?.close());

const run = (principal: Principal, query: string, variables: Record<string, unknown>, grants: GrantClaim[] = []): Promise<ExecutionResult> =>
  executeAs(subgraph, principal, query, variables, PURPOSE, grants);

async function register(input = registration(), as: Principal = COUNTER): Promise<Registered> {
  const result = await run(as, REGISTER, { input });
  expect(result.errors).toBeUndefined();
  return (result.data as { registerExternalCertificate: Registered }).registerExternalCertificate;
}

const countCertificates = async () => {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(certificates);
  return Number(row?.n);
};

const errorOf = (result: ExecutionResult) => {
  const [error] = result.errors ?? [];
  return { code: error?.extensions?.['code'], field: error?.extensions?.['field'], message: error?.message };
};

describe('registering an external certificate', () => {
  it("is stored at the agency's node as EXTERNAL, under the agency's type code, with its scan and the outside issuer's name", async () => {
    const input = registration();
    const registered = await register(input);
    const content = Buffer.from(input.scan.contentBase64, 'base64');
    expect(registered).toMatchObject({
      origin: 'EXTERNAL',
      typeName: '营业执照 (上海市)',
      issuerCode: COUNTER.kind === 'agency' ? COUNTER.code : '',
      issuerName: '上海市市场监督管理局',
      status: 'VALID',
      validFrom: '2024-06-01',
      scan: { mediaType: 'application/pdf', size: content.length, digest: sm3Hex(content) },
    });
    const parsed = parseCertificateId(registered.id);
    expect(parsed).toMatchObject({ typeCode: externalTypeCode(registered.issuerCode), issuer: registered.issuerCode });
    const [stored] = await database.db.select().from(scans).where(eq(scans.certificateId, registered.id));
    expect(Buffer.from(stored!.content).equals(content)).toBe(true);
    const history = await database.db.select().from(statusChanges).where(eq(statusChanges.certificateId, registered.id));
    expect(history).toMatchObject([{ fromStatus: null, toStatus: 'VALID', actor: registered.issuerCode }]);
  });

  it("is sealed by the registering agency's key over its face and the scan's SM3 digest", async () => {
    const registered = await register();
    const result = await run(COUNTER, READ, { id: registered.id });
    expect(result.errors).toBeUndefined();
    const { certificate } = result.data as { certificate: { seal: { signedPayload: string; signature: string; publicKey: string }; scan: { contentBase64: string } } };
    const payload = JSON.parse(certificate.seal.signedPayload) as Record<string, unknown>;
    expect(payload).toMatchObject({ id: registered.id, issuerCode: registered.issuerCode, scanDigest: registered.scan.digest, items: {} });
    expect(verifySeal(certificate.seal.publicKey, certificate.seal.signedPayload, certificate.seal.signature)).toBe(true);
    // The native SM3 and the portable one agree on the document's digest.
    expect(sm3HexPortable(Buffer.from(certificate.scan.contentBase64, 'base64'))).toBe(registered.scan.digest);
  });

  it('the holder and the registering agency download the scan; another agency and another holder do not', async () => {
    const registered = await register();
    for (const reader of [COUNTER, FIRM_HOLDER]) {
      const result = await run(reader, READ, { id: registered.id });
      expect(result.errors).toBeUndefined();
      expect((result.data as { certificate: { scan: { contentBase64: string } } }).certificate.scan.contentBase64).toBeTruthy();
    }
    const other = await run(OTHER_AGENCY, READ, { id: registered.id });
    const forbiddenPaths = (other.errors ?? []).filter((error) => error.extensions?.['code'] === 'FORBIDDEN').map((error) => error.path?.at(-1));
    expect(forbiddenPaths).toEqual(expect.arrayContaining(['scan', 'seal', 'holderName']));
    expect((other.data as { certificate: { scan: unknown; origin: string } }).certificate).toMatchObject({ scan: null, origin: 'EXTERNAL' });
    const stranger = await run(STRANGER, READ, { id: registered.id });
    expect((stranger.data as { certificate: { scan: unknown; holderName: unknown } }).certificate).toMatchObject({ scan: null, holderName: null });
    expect(stranger.errors?.some((error) => error.path?.at(-1) === 'scan' && error.extensions?.['code'] === 'FORBIDDEN')).toBe(true);
  });

  it("another agency downloads it once a steward shares the agency's external type and grants it", async () => {
    const registered = await register();
    types = [
      {
        code: externalTypeCode(registered.issuerCode),
        name: '外来证照',
        holderKind: 'ORGANIZATION',
        sharing: 'CONDITIONAL',
        validityYears: null,
        items: [],
      },
    ];
    try {
      const grant: GrantClaim = { id: 'g1', type: externalTypeCode(registered.issuerCode), items: [], purposes: [PURPOSE], expiresAt: null };
      const result = await run(OTHER_AGENCY, READ, { id: registered.id }, [grant]);
      expect(result.errors).toBeUndefined();
      expect((result.data as { certificate: { scan: { contentBase64: string } } }).certificate.scan.contentBase64).toBeTruthy();
    } finally {
      types = [];
    }
  });

  it('the public verifies it as registered by the agency from a scan, never as issued by the authority the scan names', async () => {
    const registered = await register();
    const read = await run(COUNTER, READ, { id: registered.id });
    const payload = (read.data as { certificate: { seal: { signedPayload: string } } }).certificate.seal.signedPayload;
    // The registering agency's name is under its seal, beside the scan's digest.
    expect(JSON.parse(payload)).toMatchObject({ registrarName: COUNTER_NAME, issuerName: '上海市市场监督管理局' });
    const result = await run({ kind: 'public' }, VERIFY, { id: registered.id, digest: sm3Hex(payload) });
    const verification = (result.data as { verifyCertificate: Record<string, unknown> }).verifyCertificate;
    expect(verification).toMatchObject({
      found: true,
      status: 'VALID',
      signatureValid: true,
      digestMatches: true,
      salted: true,
      origin: 'EXTERNAL',
      // Never the outside authority's: the hub vouches only for who registered it.
      typeName: null,
      issuerName: null,
      issuerCode: registered.issuerCode,
      sealedBy: COUNTER_NAME,
      declaredTypeName: '营业执照 (上海市)',
      declaredIssuerName: '上海市市场监督管理局',
    });
    expect(verification['statement']).toContain(`Registered by ${COUNTER_NAME} (${registered.issuerCode}) from a scan`);
    expect(verification['statement']).toContain('the hub has not verified the original');
  });

  it('public verification costs the same bounded work as any certificate: the scan is not read', async () => {
    const registered = await register();
    database.statements.reset();
    database.statements.keepLog = true;
    try {
      const verified = await run({ kind: 'public' }, VERIFY, { id: registered.id });
      expect((verified.data as { verifyCertificate: { signatureValid: boolean } }).verifyCertificate.signatureValid).toBe(true);
      expect(database.statements.log.some((statement) => statement.includes('"scans"'))).toBe(false);
    } finally {
      database.statements.keepLog = false;
    }
  });

  it('a scan replaced behind the hub is no longer handed out, while its sealed digest still verifies', async () => {
    const registered = await register();
    const forged = pdf('forged');
    await database.db.update(scans).set({ content: forged, size: forged.length }).where(eq(scans.certificateId, registered.id));
    // The seal covers the digest of the scan that was registered; the document itself is checked
    // against it whenever it is handed out.
    const verified = await run({ kind: 'public' }, VERIFY, { id: registered.id });
    expect((verified.data as { verifyCertificate: { signatureValid: boolean } }).verifyCertificate.signatureValid).toBe(true);
    const read = await run(COUNTER, READ, { id: registered.id });
    expect(errorOf(read)).toMatchObject({ code: 'SCAN_TAMPERED' });
  });

  it('a sealed digest edited to match a replaced scan breaks the signature', async () => {
    const registered = await register();
    const forged = pdf('forged again');
    await database.db.update(scans).set({ content: forged, size: forged.length }).where(eq(scans.certificateId, registered.id));
    await database.db.update(certificates).set({ scanDigest: sm3Hex(forged) }).where(eq(certificates.id, registered.id));
    const verified = await run({ kind: 'public' }, VERIFY, { id: registered.id });
    expect((verified.data as { verifyCertificate: { signatureValid: boolean } }).verifyCertificate.signatureValid).toBe(false);
  });

  it('an image scan is kept as well', async () => {
    const registered = await register(registration({ scan: { mediaType: 'image/png', contentBase64: PNG.toString('base64') } }));
    expect(registered.scan).toMatchObject({ mediaType: 'image/png', size: PNG.length });
  });
});

describe('bad registrations are refused whole, naming the field', () => {
  const cases: Array<[string, Partial<RegisterExternalCertificateInput>, string]> = [
    ['an unknown media type', { scan: { mediaType: 'text/html', contentBase64: pdf().toString('base64') } }, 'input.scan.mediaType'],
    ['content that is not the declared type', { scan: { mediaType: 'image/png', contentBase64: pdf().toString('base64') } }, 'input.scan.contentBase64'],
    ['content that is not base64', { scan: { mediaType: 'application/pdf', contentBase64: '%PDF-1.7 not base64!' } }, 'input.scan.contentBase64'],
    ['an empty scan', { scan: { mediaType: 'application/pdf', contentBase64: '' } }, 'input.scan.contentBase64'],
    ['a holder code with a wrong check character', { holderCode: `${SHANGHAI_FIRM.slice(0, 17)}${SHANGHAI_FIRM.endsWith('0') ? '1' : '0'}` }, 'input.holderCode'],
    ['an issue date in the future', { issuedOn: '2999-01-01' }, 'input.issuedOn'],
    ['an end before the issue date', { validUntil: '2020-01-01' }, 'input.validUntil'],
    ['an empty type name', { typeName: '  ' }, 'input.typeName'],
    ['an empty issuing authority', { issuerName: '' }, 'input.issuerName'],
  ];
  it.each(cases)('%s', async (_name, overrides, field) => {
    const before = await countCertificates();
    const result = await run(COUNTER, REGISTER, { input: registration(overrides) });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countCertificates()).toBe(before);
  });

  it('a scan over 10 MB is a client error, found before it is decoded', async () => {
    const tooBig = Buffer.alloc(SCAN_MAX_BYTES + 3, 0x20);
    pdf().copy(tooBig);
    const result = await run(COUNTER, REGISTER, { input: registration({ scan: { mediaType: 'application/pdf', contentBase64: tooBig.toString('base64') } }) });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scan.contentBase64' });
    expect(errorOf(result).message).toMatch(/at most 10485760/);
  });

  it('the same number registered twice by one agency is refused', async () => {
    const input = registration();
    await register(input);
    const again = await run(COUNTER, REGISTER, { input: { ...input, scan: registration().scan } });
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.number' });
  });

  it('holders and the public cannot register', async () => {
    for (const principal of [FIRM_HOLDER, { kind: 'public' } as Principal]) {
      const result = await run(principal, REGISTER, { input: registration() });
      expect(errorOf(result).code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
  });
});
