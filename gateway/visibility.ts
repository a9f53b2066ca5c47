import type { Principal, Role } from '../lib/principal.js';
import { ALL_PUBLIC_QUERY_FIELDS } from '../lib/public.js';

/**
 * Who could ever be allowed to read a field, whatever the data, the grants or the purpose:
 * `everyone` (the public included), any `holder`, any `agency`, or an agency with that role.
 * The subgraphs' shield rules still decide each value; this only decides what a principal is
 * *shown* when it explores the schema.
 */
export type Audience = 'everyone' | 'holder' | 'agency' | Role;
export type Visibility = readonly Audience[];

const EVERYONE: Visibility = ['everyone'];
const AUTHENTICATED: Visibility = ['holder', 'agency'];
const AGENCIES: Visibility = ['agency'];

/**
 * The visibility table (README › Principals, roles and rules). Defaults, on purpose:
 * - a root field (Query, Mutation, Subscription) that is not listed is shown to NOBODY — a new
 *   root field is invisible until it is classified here (a test fails until it is);
 * - a field of any other object or interface type that is not listed is shown to
 *   AUTHENTICATED principals only (holders and agencies), never to the public: those types are
 *   reached only through root fields that are classified, and a grant may open any of their
 *   fields to an agency (items, holderName, legalRepresentativeIdNumber …), so hiding one would
 *   hide something the agency may be allowed to read. A field the public reads must be listed
 *   with `everyone`.
 * Fields listed below that the supergraph does not have (yet) are simply not there.
 */
export const FIELD_VISIBILITY: Readonly<Record<string, Readonly<Record<string, Visibility>>>> = {
  Query: {
    // What the public may call: lib/public.ts.
    ...Object.fromEntries(ALL_PUBLIC_QUERY_FIELDS.map((field) => [field, EVERYONE])),
    certificateType: AUTHENTICATED,
    certificateTypes: AUTHENTICATED,
    certificate: AUTHENTICATED,
    certificates: AUTHENTICATED,
    legalEntity: AUTHENTICATED,
    accessLog: ['holder', 'auditor'],
    grants: ['steward'],
    myGrants: AGENCIES,
    grantsOfType: ['steward'],
    auditChain: ['auditor'],
    auditAnchors: ['auditor'],
    sealKeys: AUTHENTICATED,
    nodeKeys: AUTHENTICATED,
    inbox: ['holder'],
    webhooks: AGENCIES,
    webhookDeliveries: AGENCIES,
    // Read by the nodes that deliver events, never by a client.
    webhookSubscriptions: [],
    correctionRequests: ['issuer'],
    myCorrectionRequests: AUTHENTICATED,
    followUps: ['issuer'],
    // Read by the other nodes for their follow-ups, never by a client.
    registryChanges: [],
    matter: AUTHENTICATED,
    matters: AUTHENTICATED,
    myConsents: ['holder'],
    // Any agency may be given consents (the node lists only the caller's).
    consentsGiven: AGENCIES,
    // Read by the nodes that apply consents, and by the province to check whose certificates a
    // holder consents to, never by a client.
    liveConsents: [],
    certificateHolders: [],
    // A counter's check of an application, by the matter's own agency (the nodes check whose matter).
    checkMaterials: ['consumer'],
    materialCheckCounts: ['consumer', 'issuer', 'steward', 'analyst', 'auditor'],
    supervisionFindings: ['supervisor'],
    // Read by the other nodes for their findings, never by a client.
    supervisionHoldingTable: [],
    supervisionHoldings: [],
    // Counts only, no personal data.
    certificateStatistics: ['analyst', 'auditor', 'steward'],
    usageStatistics: ['analyst', 'auditor', 'steward'],
    targets: ['analyst', 'auditor', 'steward'],
    // Which licence an activity needs (后置审批): for every agency, supervisors first among them.
    permitRules: AGENCIES,
  },
  Mutation: {
    defineCertificateType: ['steward'],
    grantAccess: ['steward'],
    revokeGrant: ['steward'],
    registerLegalEntity: ['registrar'],
    issueCertificate: ['issuer'],
    changeCertificateStatus: ['issuer'],
    rotateSealKey: ['issuer'],
    importCertificates: ['issuer'],
    registerExternalCertificate: ['external-registrar'],
    anchorAuditChains: ['auditor'],
    // Called by one node at the province node, never by a client.
    recordAuditAnchor: [],
    markRead: ['holder'],
    sendNotice: ['issuer'],
    createWebhook: AGENCIES,
    deleteWebhook: AGENCIES,
    redeliver: AGENCIES,
    presentCertificate: ['holder'],
    amendCertificate: ['issuer'],
    reportCertificateError: AUTHENTICATED,
    resolveCorrection: ['issuer'],
    dismissFollowUp: ['issuer'],
    // A steward defines any agency's matters, an issuer its own (the node's rules check which).
    defineMatter: ['steward', 'issuer'],
    // A holder's consents (授权用证) to the use of its own certificates.
    grantConsent: ['holder'],
    revokeConsent: ['holder'],
    // Sent by the gateway itself after a check, never by a client.
    recordMaterialCheck: [],
    // A company files its own annual report (年报), signed in as a holder.
    submitAnnualReport: ['holder'],
    definePermitRule: ['steward'],
    setTarget: ['steward'],
    deletePermitRule: ['steward'],
    // A supervisor records its own random inspection draw (双随机, npm run draw).
    recordInspectionDraw: ['supervisor'],
  },
  // What a redefinition changes, grants included: only in a steward's defineCertificateType answer.
  CertificateType: { change: ['steward'] },
  // Public verification (亮证核验) answers with these and nothing about the holder.
  Verification: {
    id: EVERYONE,
    found: EVERYONE,
    status: EVERYONE,
    signatureValid: EVERYONE,
    digestMatches: EVERYONE,
    typeName: EVERYONE,
    issuerName: EVERYONE,
    origin: EVERYONE,
    issuerCode: EVERYONE,
    sealedBy: EVERYONE,
    declaredTypeName: EVERYONE,
    declaredIssuerName: EVERYONE,
    statement: EVERYONE,
    salted: EVERYONE,
    checkedAt: EVERYONE,
    currentId: EVERYONE,
  },
  // A presentation check (亮证) answers the public with what the holder chose to disclose.
  PresentationCheck: {
    valid: EVERYONE,
    reason: EVERYONE,
    status: EVERYONE,
    typeName: EVERYONE,
    issuerName: EVERYONE,
    holderName: EVERYONE,
    items: EVERYONE,
    expiresAt: EVERYONE,
  },
  CertificateItem: { code: EVERYONE, name: EVERYONE, value: EVERYONE },
  // Annual reports (年报公示) publish all but phone and revenue, and the salt of their digest,
  // which only the company reads (an agency is shown them, to be told why it may not).
  AnnualReport: {
    ...Object.fromEntries(
      ['uscc', 'name', 'year', 'version', 'filedAt', 'filedLate', 'address', 'email', 'employees', 'operatingStatus', 'website', 'seal', 'node'].map((field) => [field, EVERYONE]),
    ),
    phone: AUTHENTICATED,
    revenue: AUTHENTICATED,
  },
  AnnualReportSeal: {
    ...Object.fromEntries(['algorithm', 'keyId', 'publicKey', 'signature', 'signedPayload', 'digest', 'withheldDigest', 'valid'].map((field) => [field, EVERYONE])),
    withheldSalt: AUTHENTICATED,
  },
  // The abnormal operations list (经营异常名录) is public, a page at a time.
  AbnormalOperationConnection: { edges: EVERYONE, pageInfo: EVERYONE, totalCount: EVERYONE },
  AbnormalOperationEdge: { cursor: EVERYONE, node: EVERYONE },
  AbnormalOperation: { uscc: EVERYONE, name: EVERYONE, region: EVERYONE, year: EVERYONE, listedOn: EVERYONE, reason: EVERYONE },
  PageInfo: { hasNextPage: EVERYONE, endCursor: EVERYONE },
};

/** The default for an unlisted field of a type that is not a root type. */
export const DEFAULT_FIELD_VISIBILITY: Visibility = AUTHENTICATED;
/** The default for an unlisted root field: nobody. */
export const DEFAULT_ROOT_FIELD_VISIBILITY: Visibility = [];

export const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);

function audiencesOf(principal: Principal): ReadonlySet<Audience> {
  switch (principal.kind) {
    case 'public':
      return new Set(['everyone']);
    case 'holder':
      return new Set(['everyone', 'holder']);
    case 'agency':
      return new Set<Audience>(['everyone', 'agency', ...principal.roles]);
    case 'service':
      // The hub's own calls never come through the gateway's clients' door.
      return new Set(['everyone']);
  }
}

/** Whether `principal` could ever read `type.field`, by the table and its defaults. */
export function fieldVisibleTo(principal: Principal, type: string, field: string): boolean {
  const listed = FIELD_VISIBILITY[type]?.[field];
  const visibility = listed ?? (ROOT_TYPES.has(type) ? DEFAULT_ROOT_FIELD_VISIBILITY : DEFAULT_FIELD_VISIBILITY);
  const audiences = audiencesOf(principal);
  return visibility.some((audience) => audiences.has(audience));
}

/** Principals with the same key see the same contract: kind, and an agency's roles. */
export function visibilityKey(principal: Principal): string {
  if (principal.kind !== 'agency') return principal.kind;
  return `agency:${[...new Set(principal.roles)].sort().join(',')}`;
}
