/**
 * The demo's external certificates (外来证照): licences issued outside Fujian that a Xiamen
 * authority recorded with their scans, so the IDE shows registerExternalCertificate's result.
 */
import type { RegisterExternalCertificateInput } from '../../subgraphs/certificate/generated/resolvers.js';
import { agencyBySlug } from './data.js';

export const EXTERNAL_REGISTRAR = agencyBySlug('xm-amr');

/**
 * A one-page PDF whose page shows `lines` (ASCII only: the demo scans carry the document's
 * reference, not its Chinese text, which would need an embedded font). Offsets in the xref table
 * are computed, so PDF readers open it.
 */
export function demoScanPdf(lines: readonly string[]): Buffer {
  const text = lines.map((line, i) => `BT /F1 14 Tf 72 ${760 - i * 22} Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = Buffer.byteLength(pdf);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Registered by 厦门市市场监督管理局; the holders' codes carry their real check characters. */
export const DEMO_EXTERNAL_CERTIFICATES: RegisterExternalCertificateInput[] = [
  {
    typeName: '营业执照 (上海市)',
    number: '310115000123456',
    holderKind: 'ORGANIZATION',
    holderCode: '91310000MA1FL0AX4R',
    holderName: '上海浦江贸易有限公司',
    issuerName: '上海市市场监督管理局',
    issuedOn: '2021-06-18',
    validUntil: null,
    scan: {
      mediaType: 'application/pdf',
      contentBase64: demoScanPdf(['Business licence (Shanghai)', 'No. 310115000123456', 'USCC 91310000MA1FL0AX4R', 'Issued 2021-06-18']).toString('base64'),
    },
  },
];
