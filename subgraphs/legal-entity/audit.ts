import type { AuditedFields } from '../audit/middleware.js';
import type { LegalEntityRow } from './db/schema.js';

/** The registry's personal data: who represents the entity. Records name the entity as holder. */
export const audited: AuditedFields = {
  subjects: { LegalEntity: (entity: LegalEntityRow) => ({ holderCode: entity.uscc }) },
  personal: { LegalEntity: { legalRepresentative: true, legalRepresentativeIdNumber: true } },
};
