/**
 * The codes of the demo matters (事项编码: the agency's USCC and 4 digits), apart from their
 * materials (matters.ts) so that the demo grants can name a matter as their purpose.
 */
import { agencyBySlug } from './agencies.js';

const of = (slug: string, number: string) => `${agencyBySlug(slug).code}${number}`;

export const MATTER_CODES = {
  fuzhouFoodLicence: of('fz-amr', '0001'),
  xiamenFoodLicenceRenewal: of('xm-amr', '0001'),
  constructionPermit: of('fj-housing', '0001'),
  drugWholesale: of('fj-mpa', '0001'),
  outdoorAdvertisingRenewal: of('xm-municipal', '0001'),
  freightTransport: of('xm-transport', '0001'),
  taxRegistration: of('fz-tax', '0001'),
  sealEngraving: of('xm-police', '0001'),
  medicalInstitutionChange: of('xm-health', '0001'),
  physicianRelocation: of('fz-health', '0001'),
  teacherRegistration: of('fz-edu', '0001'),
} as const;
