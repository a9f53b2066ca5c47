import type { AuditedFields } from '../audit/middleware.js';
import type { CertificateItemRow, CertificateRow, CorrectionRequestRow } from './db/schema.js';
import type { CertificateHolding } from './generated/resolvers.js';
import type { PresentationModel } from './model.js';

/**
 * The certificate subgraph's personal data, for the access log: whose a certificate is, its
 * history, and each item value returned (recorded as `items.<code>`). A certificate's entries
 * of one request become one record; `items` itself names only the holder for that record.
 */
export const audited: AuditedFields = {
  subjects: {
    Certificate: (certificate: CertificateRow) => ({ certificateId: certificate.id, holderCode: certificate.holderCode }),
    CertificateItem: (item: CertificateItemRow) => ({ certificateId: item.certificateId }),
    // presentCertificate writes its record itself (with what it discloses); this names the same subject.
    Presentation: (presentation: PresentationModel) => ({ certificateId: presentation.certificateId, holderCode: presentation.holderCode }),
    // An error report is about its certificate's holder: a holder who reported is named in it.
    CorrectionRequest: (request: CorrectionRequestRow) => ({ certificateId: request.certificateId, holderCode: request.holderCode }),
    // The province asking whose a certificate is, for a holder's consent: a read of the holder like any other.
    CertificateHolding: (holding: CertificateHolding) => ({ certificateId: holding.id, holderCode: holding.holderCode }),
  },
  personal: {
    Certificate: { holderCode: true, holderName: true, holder: true, statusHistory: true, items: () => [], seal: true, scan: true },
    CertificateItem: { value: (item: CertificateItemRow) => [`items.${item.code}`] },
    CorrectionRequest: { reporter: true, description: true },
    CertificateHolding: { holderCode: true },
  },
  quiet: ['anchorAuditChains', 'recordAuditAnchor'],
};
