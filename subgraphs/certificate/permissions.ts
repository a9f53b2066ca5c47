import type { GraphQLResolveInfo } from 'graphql';
import { allow, or, rule, type IRules } from 'graphql-shield';
import { hasRole } from '../../lib/principal.js';
import { PUBLIC_QUERY_FIELDS } from '../../lib/public.js';
import { federationRules, hasRoleRule, isAgency, isAuthenticated, refusal, type Denial } from '../kit/shield.js';
import type { CertificateContext } from './context.js';
import { accessTo, outsiderDenial, withheldItem, type CertificateAccess } from './access.js';
import type { CertificateItemRow, CertificateRow } from './db/schema.js';
import type { LegalEntityRef } from './model.js';

// Rules that read the parent must not be cached per request ('contextual'): the answer differs
// from one certificate to the next. They are cheap comparisons, so they are not cached at all.
// A rule that refuses returns the error saying why (refusal); the reasons of a certificate's
// identity and items come with its access decision, worked out only when a rule refuses.

/** Any holder (person or organisation) asking about itself. */
const isHolder = rule('is-holder', { cache: 'contextual' })((_parent, _args, ctx: CertificateContext) => ctx.principal.kind === 'holder');

const ANOTHER_HOLDERS: Denial = { reason: 'NOT_THE_HOLDER', why: 'a holder reads only its own certificates' };

/** The principal is this legal entity, asking as a holder; another holder is told NOT_THE_HOLDER. */
const isEntityItself = rule('is-entity-itself', { cache: 'no_cache' })((entity: LegalEntityRef, _args, ctx: CertificateContext, info) => {
  const { principal } = ctx;
  if (principal.kind !== 'holder') return false;
  return (principal.holderKind === 'ORGANIZATION' && principal.code === entity.uscc) || refusal(ANOTHER_HOLDERS, info);
});

/**
 * Who may read what a certificate is: type, number, issuer, dates, status — a consumer agency,
 * the issuing authority, and the holder; an agency in no such relation reads only what the public
 * reads (verifyCertificate). One rule rather than an `or` of three: it runs on ten fields of every row.
 */
const canReadMetadata = rule('can-read-metadata', { cache: 'no_cache' })((certificate: CertificateRow, _args, ctx: CertificateContext, info) => {
  const { principal } = ctx;
  const reads =
    principal.kind === 'holder'
      ? principal.code === certificate.holderCode
      : principal.kind === 'agency' && (principal.code === certificate.issuerCode || hasRole(principal, 'consumer'));
  return reads || refusal(outsiderDenial(principal), info);
});

/** The hub's gateway itself (its anchoring job), never a client. */
const isGateway = rule('is-gateway', { cache: 'contextual' })(
  (_parent, _args, ctx: CertificateContext) => ctx.principal.kind === 'service' && ctx.principal.code === 'gateway',
);

const OTHER_NODES: Denial = { reason: 'NOT_ALLOWED', why: 'only the node named by `node` records or reads its own anchors this way' };

/** The node named by the `node` argument, calling on its own account (subgraphs/peers.ts). */
const isNamedNode = rule('is-named-node', { cache: 'strict' })(
  (_parent, args: { node?: unknown }, ctx: CertificateContext, info) =>
    (ctx.principal.kind === 'service' && ctx.principal.code === args.node) || refusal(OTHER_NODES, info),
);

/** Another node calling on its own account (subgraphs/kit/peers.ts), never a client. */
const isHubNode = rule('is-hub-node', { cache: 'contextual' })(
  (_parent, _args, ctx: CertificateContext) => ctx.principal.kind === 'service' && ctx.principal.code !== 'gateway',
);

const NOT_ISSUER_OR_HOLDER: Denial = { reason: 'NOT_ALLOWED', why: 'only the issuing authority and the holder see whether the holder received a certificate' };

/** The certificate's issuing authority or its holder (Certificate.delivery). */
const isIssuerOrHolder = rule('is-issuer-or-holder', { cache: 'no_cache' })((certificate: CertificateRow, _args, ctx: CertificateContext, info) => {
  const { principal } = ctx;
  const either =
    (principal.kind === 'holder' && principal.code === certificate.holderCode) ||
    (principal.kind === 'agency' && principal.code === certificate.issuerCode);
  return either || refusal(NOT_ISSUER_OR_HOLDER, info);
});

/** The refusal for `denial`, as the field's error. */
const refusing = (denial: Denial, _ctx: CertificateContext, info: GraphQLResolveInfo) => refusal(denial, info);

/** Who may read whose a certificate is: holder code and name, registry record, status history. */
const canReadIdentity = rule('can-read-identity', { cache: 'no_cache' })(
  async (certificate: CertificateRow, _args, ctx: CertificateContext, info) => {
    const access = await accessTo(certificate, ctx);
    return access.identity || refusing(access.whyNotIdentity(), ctx, info);
  },
);

/** Who may read the list of items at all: at least one item of the face is open to them. */
const canReadSomeItem = rule('can-read-some-item', { cache: 'no_cache' })(
  async (certificate: CertificateRow, _args, ctx: CertificateContext, info) => {
    const access = await accessTo(certificate, ctx);
    return access.anyItem || refusing(access.whyNoItem(), ctx, info);
  },
);

/**
 * Who may read the seal (and the scan): whoever may read every item the certificate carries,
 * since its signed payload contains the holder and all items. Items come through the request's
 * loader. A refusal says which part is closed, and that the field covers it.
 */
const canReadEveryItem = rule('can-read-every-item', { cache: 'no_cache' })(
  async (certificate: CertificateRow, _args, ctx: CertificateContext, info) => {
    const access = await accessTo(certificate, ctx);
    let denial: Denial;
    if (!access.identity) denial = access.whyNotIdentity();
    else {
      const withheld = withheldItem(access, await ctx.loaders.itemsByCertificate.load(certificate.id));
      if (withheld === null) return true;
      denial = access.whyNotItem(withheld);
    }
    return refusal({ ...denial, why: `${denial.why}, and ${info.fieldName} covers the holder and every item` }, info);
  },
);

/**
 * Item by item: a withheld item keeps its code and name (catalog facts) but not its value. An
 * item a presentation check of this request disclosed is open to whoever checks: its holder
 * chose to show it (ctx.disclosed holds only the check's own copies, never the loader's rows).
 */
const canReadItemValue = rule('can-read-item-value', { cache: 'no_cache' })(
  async (item: CertificateItemRow, _args, ctx: CertificateContext, info) => {
    if (ctx.disclosed.has(item)) return true;
    // The certificate's `items` rule has decided its access already, on the way to its items.
    const decided = ctx.access.get(item.certificateId);
    let access: CertificateAccess;
    if (decided) access = await decided;
    else {
      const certificate = await ctx.loaders.certificateById.load(item.certificateId);
      if (certificate === null) return false;
      access = await accessTo(certificate, ctx);
    }
    return access.item(item.code) || refusing(access.whyNotItem(item.code), ctx, info);
  },
);

/**
 * The key and the node: the caller already has the id (it asked for this certificate, or the
 * gateway resolved a reference with it) and the node follows from the id's issuer region.
 * Both are non-null, so denying them would null the whole certificate instead of one field.
 */
const canReadKey = isAuthenticated;

export const permissions: IRules = {
  ...federationRules,
  Query: {
    ...federationRules.Query,
    certificate: isAuthenticated,
    certificates: or(isAgency, isHolder),
    // Public verification (亮证核验): status and names only, nothing about the holder.
    ...Object.fromEntries(PUBLIC_QUERY_FIELDS.map((field) => [field, allow])),
    // Public keys are public information, but only for principals the hub knows.
    sealKeys: isAuthenticated,
    // The access log: auditors read any records, a holder those about itself (see readAccessLog).
    accessLog: or(hasRoleRule('auditor'), isHolder),
    auditChain: hasRoleRule('auditor'),
    // Anchors are kept at the province: auditors read them, and each node its own, to check its chain.
    auditAnchors: or(hasRoleRule('auditor'), isNamedNode),
    // A holder's own messages (the inbox reads only the caller's).
    inbox: isHolder,
    // An agency's own webhooks and their deliveries (each resolver reads only the caller's).
    webhooks: isAgency,
    webhookDeliveries: isAgency,
    // Node keys are public information, like seal keys.
    nodeKeys: isAuthenticated,
    // The nodes that deliver events read every webhook; no client does.
    webhookSubscriptions: isHubNode,
    // An authority's own reports and follow-ups (each resolver reads only the caller's).
    correctionRequests: hasRoleRule('issuer'),
    followUps: hasRoleRule('issuer'),
    // The caller's own reports, holder or agency.
    myCorrectionRequests: or(isAgency, isHolder),
    // The other nodes read a node's registry changes for their follow-ups; no client does.
    registryChanges: isHubNode,
    // The province reads who holds the certificates a holder consents to (授权用证); no client does.
    certificateHolders: isHubNode,
    // The matter's own agency, as a consumer (the resolver checks the matter is its own).
    checkMaterials: hasRoleRule('consumer'),
    // The matter's agency and those who oversee (the resolver checks which).
    materialCheckCounts: isAgency,
    // Supervisors; each node reads its own registry and asks the others (supervisionHoldingTable).
    supervisionFindings: hasRoleRule('supervisor'),
    // Counts only: analysts, and the auditors and stewards who answer for the figures.
    certificateStatistics: or(hasRoleRule('analyst'), hasRoleRule('auditor'), hasRoleRule('steward')),
    usageStatistics: or(hasRoleRule('analyst'), hasRoleRule('auditor'), hasRoleRule('steward')),
    supervisionHoldingTable: isHubNode,
    supervisionHoldings: isHubNode,
  },
  Mutation: {
    issueCertificate: hasRoleRule('issuer'),
    changeCertificateStatus: hasRoleRule('issuer'),
    rotateSealKey: hasRoleRule('issuer'),
    importCertificates: hasRoleRule('issuer'),
    // Recording a certificate brought in from outside the province (外来证照) is a role: the
    // hub vouches that this agency saw the scan, so not every agency may.
    registerExternalCertificate: hasRoleRule('external-registrar'),
    anchorAuditChains: or(hasRoleRule('auditor'), isGateway),
    // Only a node, about its own chain: no client can write an anchor.
    recordAuditAnchor: isNamedNode,
    markRead: isHolder,
    sendNotice: hasRoleRule('issuer'),
    createWebhook: isAgency,
    deleteWebhook: isAgency,
    redeliver: isAgency,
    // Only of the holder's own certificates (the resolver checks whose it is).
    presentCertificate: isHolder,
    // Only of the caller's own certificates (the service checks it issued them).
    amendCertificate: hasRoleRule('issuer'),
    // The holder, or an agency that may read the certificate (the service checks which).
    reportCertificateError: or(isAgency, isHolder),
    resolveCorrection: hasRoleRule('issuer'),
    dismissFollowUp: hasRoleRule('issuer'),
    // Only the gateway, after merging a check: no client can count one.
    recordMaterialCheck: isGateway,
    // A supervisor records its own random inspection draw (双随机); the record names it.
    recordInspectionDraw: hasRoleRule('supervisor'),
  },
  Certificate: {
    id: canReadKey,
    node: canReadKey,
    number: canReadMetadata,
    type: canReadMetadata,
    holderKind: canReadMetadata,
    issuerCode: canReadMetadata,
    issuerName: canReadMetadata,
    registrarName: canReadMetadata,
    issuedOn: canReadMetadata,
    validFrom: canReadMetadata,
    validUntil: canReadMetadata,
    status: canReadMetadata,
    statusCode: canReadMetadata,
    pendingStatus: canReadMetadata,
    pendingEffectiveOn: canReadMetadata,
    // The version is in the id; the other versions are certificates under their own rules, and
    // non-null like the id: refusing them would null the whole certificate.
    version: canReadKey,
    versions: canReadKey,
    previousVersion: canReadKey,
    nextVersion: canReadKey,
    origin: canReadMetadata,
    holderCode: canReadIdentity,
    holderName: canReadIdentity,
    holder: canReadIdentity,
    items: canReadSomeItem,
    statusHistory: canReadIdentity,
    typeName: canReadMetadata,
    seal: canReadEveryItem,
    scan: canReadEveryItem,
    delivery: isIssuerOrHolder,
  },
  LegalEntity: {
    uscc: isAuthenticated,
    // A holder's own refusal (NOT_THE_HOLDER) comes first: `or` returns the first error of its rules.
    certificates: or(isEntityItself, isAgency),
  },
  // Reached only through a field guarded above (the list, the certificate's items, history or
  // type), so whoever reaches them may read them; the guard is on the way in.
  CertificateConnection: allow,
  CertificateEdge: allow,
  PageInfo: allow,
  CertificateItem: { code: allow, name: allow, value: canReadItemValue },
  StatusChange: allow,
  CertificateType: allow,
  Verification: allow,
  // Reached only through Certificate.seal, guarded above.
  Seal: allow,
  // Reached only through Certificate.scan, guarded above.
  Scan: allow,
  SealKey: allow,
  AccessRecord: allow,
  AuditChainStatus: allow,
  // Reached only through the anchoring mutations and auditAnchors, guarded above.
  AuditAnchor: allow,
  // Reached only through Mutation.importCertificates, guarded above.
  ImportResult: allow,
  ImportRejection: allow,
  // Reached only through the caller's own inbox, notices and webhooks, guarded above; a
  // message's certificate is a Certificate, under its own rules.
  InboxConnection: allow,
  InboxEdge: allow,
  InboxMessage: allow,
  Delivery: allow,
  Webhook: allow,
  WebhookSubscription: allow,
  WebhookDelivery: allow,
  Presentation: allow,
  // What a presentation discloses is decided by its holder and checked by verifyPresentation.
  PresentationCheck: allow,
  // Reached only through the guarded roots above (the caller's own reports and follow-ups); the
  // certificate each names is a Certificate, under its own rules.
  CorrectionRequest: allow,
  CorrectionRequestConnection: allow,
  CorrectionRequestEdge: allow,
  FollowUp: allow,
  FollowUpConnection: allow,
  FollowUpEdge: allow,
  RegistryChange: allow,
  // Reached only through Query.certificateHolders, guarded above.
  CertificateHolding: allow,
  // Reached only through Query.checkMaterials, guarded above; each certificate it names is a
  // Certificate, under its own rules, showing only the items its material needs.
  MaterialCheck: allow,
  MaterialCheckResult: allow,
  MaterialCheckCounts: allow,
  MaterialOutcomeCount: allow,
  // Reached only through the supervision queries, guarded above: metadata and entity names only.
  FindingConnection: allow,
  FindingEdge: allow,
  Finding: allow,
  FindingEntity: allow,
  FindingRule: allow,
  FindingCertificate: allow,
  HoldingTable: allow,
  StatisticsRow: allow,
  StatisticsKey: allow,
};
