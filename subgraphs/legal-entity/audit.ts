import type { AuditedFields } from '../audit/middleware.js';
import type { AnnualReportRow, LegalEntityRow } from './db/schema.js';

/**
 * The registry's personal data: who represents the entity. Records name the entity as holder;
 * a filed annual report (written in its own transaction, annual-reports.ts) names its company.
 */
export const audited: AuditedFields = {
  subjects: {
    LegalEntity: (entity: LegalEntityRow) => ({ holderCode: entity.uscc }),
    AnnualReport: (report: AnnualReportRow) => ({ holderCode: report.uscc }),
  },
  personal: { LegalEntity: { legalRepresentative: true, legalRepresentativeIdNumber: true } },
};
