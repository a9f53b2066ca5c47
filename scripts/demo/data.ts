/**
 * Demo data of the embedded hub: the agencies of a Fujian e-certificate network, the certificate
 * types they meet first with their real face items (照面信息项), the matters (事项) they handle with
 * the certificates each needs, a registry of legal entities
 * spread over the province, the people who hold personal certificates, and the certificates
 * themselves with their history.
 *
 * This module is the demo data's surface; the parts live beside it:
 * - tables: `agencies.ts`, `certificate-types.ts`, `matters.ts` (with `matter-codes.ts`), `permit-rules.ts`,
 *   `places.ts`, `people.ts`, `industries.ts`, `reasons.ts`;
 * - identifier builders: `identifiers.ts` (USCCs, resident IDs, certificate numbers);
 * - the generator: `generator.ts` (the story of the data), with `drafting.ts` (the state of a run),
 *   `licences.ts`, `outcomes.ts`, `recent.ts` (the last two years' foundings), `conversions.ts`
 *   (the conversion campaign), `random.ts` and `calendar.ts`; the annual reports (年报) the
 *   entities filed: `annual-reports.ts`;
 * - what the hub did with the data before it started: `usage.ts` (verifications, 免提交 checks,
 *   agencies' reads and inspection draws of the last two years) and `targets.ts` (工作目标);
 * - the shapes of the data and how to read a certificate's status: `model.ts`.
 */
export { AGENCIES, agencyBySlug, DEFINING_AUTHORITIES, registrarFor, type AgencyKind, type DemoAgency } from './agencies.js';
export {
  CERTIFICATE_TYPES,
  DEMO_GRANTS,
  demoGrantClaims,
  REGISTRY_TYPE,
  TYPE_CODES,
  TYPE_ISSUER_KINDS,
  type DemoCertificateType,
  type DemoItemDefinition,
} from './certificate-types.js';
export { demoAnnualReports, type DemoAnnualReport } from './annual-reports.js';
export { DEMO_HOLDERS, demoData } from './generator.js';
export { MATTER_CODES } from './matter-codes.js';
export { DEMO_MATTERS, type DemoMatter } from './matters.js';
export { DEMO_PERMIT_RULES, type DemoPermitRule } from './permit-rules.js';
export { demoTargets, TARGET_STEWARD, type DemoTarget } from './targets.js';
export {
  demoUsage,
  type CertificateKey,
  type DemoAccessRecord,
  type DemoMatterChecks,
  type DemoRequest,
  type DemoUsage,
  type DemoVerificationCount,
} from './usage.js';
export {
  changeDate,
  enteredOn,
  statusOn,
  type CertificateStatusValue,
  type DemoCertificate,
  type DemoData,
  type DemoHolder,
  type DemoLegalEntity,
  type DemoPerson,
  type DemoStatusChange,
  type EntityStatusValue,
  type StoredStatusValue,
} from './model.js';
export { mulberry32 } from './random.js';
