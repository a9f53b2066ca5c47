/**
 * The shapes of the generated demo data, and how to read a certificate's status from it: the
 * status it has on a day is the certificate subgraph's own rule, so the demo and the hub agree.
 */
import type { HolderKindValue } from '../../lib/codes.js';
import type { StoredStatus } from '../../subgraphs/certificate/db/schema.js';
import type { CertificateStatus } from '../../subgraphs/certificate/generated/resolvers.js';
import { effectiveStatus } from '../../subgraphs/certificate/status.js';
import type { DemoAgency } from './agencies.js';
import { addDays } from './calendar.js';
import type { DemoCertificateType } from './certificate-types.js';

export type EntityStatusValue = 'ACTIVE' | 'REVOKED' | 'CANCELLED';

/** RegisterLegalEntityInput of subgraphs/legal-entity/schema.graphql, with the registry status. */
export interface DemoLegalEntity {
  uscc: string;
  name: string;
  legalRepresentative: string;
  legalRepresentativeIdNumber: string;
  address: string;
  businessScope: string;
  establishedOn: string;
  status: EntityStatusValue;
}

export interface DemoPerson {
  idNumber: string;
  name: string;
  gender: '男' | '女';
  birthDate: string;
  occupation: 'physician' | 'teacher' | 'vendor';
}

/** A status a certificate row stores. */
export type StoredStatusValue = StoredStatus;
/** A status a certificate has on a day: a stored one, or EXPIRED. */
export type CertificateStatusValue = CertificateStatus;

export interface DemoStatusChange {
  status: StoredStatusValue;
  reason: string;
  /** Days after issuedOn on which the change was made; always before `today`. */
  daysAfterIssue: number;
}

/** IssueCertificateInput of subgraphs/certificate/schema.graphql, with issuer, origin and history. */
export interface DemoCertificate {
  /** USCC of the issuing agency (one of AGENCIES, with role issuer). */
  issuerCode: string;
  typeCode: string;
  number: string;
  holderKind: HolderKindValue;
  holderCode: string;
  holderName: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  items: Array<{ code: string; value: string }>;
  origin: 'ISSUED' | 'CONVERTED';
  /**
   * The day a paper certificate (origin CONVERTED) came into the hub, on or after issuedOn and
   * never after its first status change (it must be in the hub to be changed there); null for
   * one issued electronically.
   */
  convertedOn: string | null;
  statusChanges: DemoStatusChange[];
}

/** A holder the README uses in token examples. */
export interface DemoHolder {
  kind: HolderKindValue;
  code: string;
  name: string;
  /** What the holder has, e.g. '营业执照, 医疗机构执业许可证, 食品经营许可证 ×2'. */
  holds: string;
}

export interface DemoData {
  agencies: readonly DemoAgency[];
  certificateTypes: readonly DemoCertificateType[];
  legalEntities: DemoLegalEntity[];
  persons: DemoPerson[];
  certificates: DemoCertificate[];
  holders: DemoHolder[];
}

// ---------------------------------------------------------------------------------------------
// Reading the data

/** The status a certificate stores: that of its last status change, VALID when it has none. */
export const storedStatus = (certificate: Pick<DemoCertificate, 'statusChanges'>): StoredStatusValue =>
  certificate.statusChanges.at(-1)?.status ?? 'VALID';

/** The status a certificate of the demo data has on `today`: EXPIRED computed by the hub's own rule. */
export function statusOn(certificate: Pick<DemoCertificate, 'statusChanges' | 'validUntil'>, today: string): CertificateStatusValue {
  return effectiveStatus.of({ status: storedStatus(certificate), validUntil: certificate.validUntil, pendingStatus: null, pendingEffectiveOn: null }, today);
}

/** The day a certificate came into the hub: converted from paper later, or issued there. */
export const enteredOn = (certificate: Pick<DemoCertificate, 'issuedOn' | 'convertedOn'>): string => certificate.convertedOn ?? certificate.issuedOn;

/** The date a status change was made. */
export const changeDate = (certificate: Pick<DemoCertificate, 'issuedOn'>, change: DemoStatusChange): string =>
  addDays(certificate.issuedOn, change.daysAfterIssue);
