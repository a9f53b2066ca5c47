import {
  certificateIdProblem,
  certificateIdRegion,
  matterCodeProblem,
  matterCodeRegion,
  typeCodeProblem,
  typeCodeRegion,
  usccProblem,
  usccRegion,
} from '../lib/codes.js';
import type { SubgraphName } from '../schema/compose.js';
import {
  abnormalOperationConnectionMerger,
  accessLogMerger,
  auditChainMerger,
  certificateConnectionMerger,
  certificateListMerger,
  codeListMerger,
  correctionConnectionMerger,
  inboxConnectionMerger,
  matterConnectionMerger,
  materialCheckMerger,
  findingConnectionMerger,
  statisticsMerger,
  sumMerger,
  webhookDeliveriesMerger,
  type FieldMerger,
} from './merge.js';
import { presentationNode, presentationTokenProblem } from '../lib/presentation.js';

/** How a routing key names its region, or why it cannot. */
export interface RoutingKey {
  problem(value: string): string | null;
  region(value: string): string;
}

const certificateId: RoutingKey = { problem: certificateIdProblem, region: (id) => certificateIdRegion(id)! };
const uscc: RoutingKey = { problem: usccProblem, region: usccRegion };
const typeCode: RoutingKey = { problem: typeCodeProblem, region: typeCodeRegion };
/** A matter (事项) code starts with its agency's USCC, like a type code with its defining authority's. */
const matterCode: RoutingKey = { problem: matterCodeProblem, region: matterCodeRegion };
/** A node's code: the region whose data it keeps. */
const nodeCode: RoutingKey = { problem: (code) => (/^\d{6}$/.test(code) ? null : 'a 6-digit node code such as 350200'), region: (code) => code };
/** An id a node gave something it keeps (`{node}-{number}`): a webhook delivery, an error report, a follow-up. */
const nodeScopedId: RoutingKey = {
  problem: (id) => (/^\d{6}-\d{1,18}$/.test(id) ? null : 'an id of the form {node code}-{number}, such as 350200-17'),
  region: (id) => id.slice(0, 6),
};
/** A presentation's token names the node that signed it (lib/presentation.ts). */
const presentationToken: RoutingKey = { problem: presentationTokenProblem, region: presentationNode };

/** Where a root field goes. */
export type RootRoute =
  /** To the node that owns the region of the argument at `arg` (e.g. `input.uscc`). */
  | { kind: 'key'; arg: string; key: RoutingKey }
  /** To the node of the calling agency's region: a new certificate lives with its issuer. */
  | { kind: 'principal' }
  /**
   * To the node of the region of the caller's own USCC — an organisation signed in as a holder
   * (or an agency): what a company files about itself lives with its registry. Anyone else goes
   * to the province node, whose rules refuse it.
   */
  | { kind: 'ownUscc' }
  /** To the province node, which keeps province-wide data such as grants. */
  | { kind: 'province' }
  /** To every node in scope (`scopeArg` names a node filter), answers merged. */
  | { kind: 'fanOut'; scopeArg?: string; merger: FieldMerger };

/** Where an entity reference goes. */
export type EntityRoute =
  /** The subgraph owns the entity: to the node that owns the key's region. */
  | { kind: 'key'; field: string; key: RoutingKey }
  /** The subgraph only contributes fields to the entity: to every node, these fields merged. */
  | { kind: 'fanOut'; fields: Record<string, FieldMerger> };

export interface SubgraphRoutes {
  Query: Record<string, RootRoute>;
  Mutation: Record<string, RootRoute>;
  entities: Record<string, EntityRoute>;
}

/**
 * The routing table of the supergraph. A test checks that every root field and entity of every
 * subgraph has a route here, so a new field cannot be silently sent to the wrong node.
 */
export const ROUTES: Record<SubgraphName, SubgraphRoutes> = {
  catalog: {
    Query: {
      certificateType: { kind: 'key', arg: 'code', key: typeCode },
      certificateTypes: { kind: 'fanOut', merger: codeListMerger },
      grants: { kind: 'province' },
      myGrants: { kind: 'province' },
      grantsOfType: { kind: 'province' },
      // A matter is kept at the node of its agency's region.
      matter: { kind: 'key', arg: 'code', key: matterCode },
      matters: { kind: 'fanOut', merger: matterConnectionMerger },
      // Holders' consents (授权用证) are kept at the province, like grants.
      myConsents: { kind: 'province' },
      consentsGiven: { kind: 'province' },
      liveConsents: { kind: 'province' },
      // Permit rules (后置审批) are kept at the province, like grants.
      permitRules: { kind: 'province' },
      targets: { kind: 'province' },
    },
    Mutation: {
      defineCertificateType: { kind: 'key', arg: 'input.code', key: typeCode },
      defineMatter: { kind: 'key', arg: 'input.code', key: matterCode },
      grantAccess: { kind: 'province' },
      revokeGrant: { kind: 'province' },
      grantConsent: { kind: 'province' },
      revokeConsent: { kind: 'province' },
      definePermitRule: { kind: 'province' },
      setTarget: { kind: 'province' },
      deletePermitRule: { kind: 'province' },
    },
    entities: {
      CertificateType: { kind: 'key', field: 'code', key: typeCode },
      Matter: { kind: 'key', field: 'code', key: matterCode },
    },
  },
  'legal-entity': {
    Query: {
      legalEntity: { kind: 'key', arg: 'uscc', key: uscc },
      // An entity's annual reports are kept with its registry.
      annualReports: { kind: 'key', arg: 'uscc', key: uscc },
      // Each node lists the entities of its registry that missed a report.
      abnormalOperations: { kind: 'fanOut', merger: abnormalOperationConnectionMerger },
    },
    Mutation: {
      registerLegalEntity: { kind: 'key', arg: 'input.uscc', key: uscc },
      // A company files about itself: its token names the USCC, and so the node.
      submitAnnualReport: { kind: 'ownUscc' },
    },
    entities: {
      LegalEntity: { kind: 'key', field: 'uscc', key: uscc },
    },
  },
  certificate: {
    Query: {
      certificate: { kind: 'key', arg: 'id', key: certificateId },
      certificates: { kind: 'fanOut', scopeArg: 'filter.nodes', merger: certificateConnectionMerger },
      verifyCertificate: { kind: 'key', arg: 'id', key: certificateId },
      // An authority's seal keys are kept at the node of its region, where it issues.
      sealKeys: { kind: 'key', arg: 'issuer', key: uscc },
      // Each node keeps the records of the data it holds, in its own chain.
      accessLog: { kind: 'fanOut', merger: accessLogMerger },
      auditChain: { kind: 'fanOut', merger: auditChainMerger },
      // The province keeps every node's audit anchors.
      auditAnchors: { kind: 'province' },
      // Each node keeps the events of its data, and so the messages about them.
      inbox: { kind: 'fanOut', merger: inboxConnectionMerger },
      // Webhooks are kept at the province; each node delivers its own events to them.
      webhooks: { kind: 'province' },
      webhookSubscriptions: { kind: 'province' },
      webhookDeliveries: { kind: 'fanOut', merger: webhookDeliveriesMerger },
      verifyPresentation: { kind: 'key', arg: 'token', key: presentationToken },
      nodeKeys: { kind: 'key', arg: 'node', key: nodeCode },
      // An authority's certificates, and so the reports and follow-ups about them, live at its node.
      correctionRequests: { kind: 'principal' },
      followUps: { kind: 'principal' },
      // A reporter's requests are kept with each certificate reported, at any node.
      myCorrectionRequests: { kind: 'fanOut', merger: correctionConnectionMerger },
      registryChanges: { kind: 'key', arg: 'node', key: nodeCode },
      // Each node answers who holds the certificates it keeps.
      certificateHolders: { kind: 'key', arg: 'node', key: nodeCode },
      // The applicant's certificates may be kept at any node: each answers for its own.
      checkMaterials: { kind: 'fanOut', merger: materialCheckMerger },
      // A check is counted with its matter, at the node of the matter's agency.
      materialCheckCounts: { kind: 'key', arg: 'matter', key: matterCode },
      // Each node finds them for its own registry's entities.
      supervisionFindings: { kind: 'fanOut', scopeArg: 'filter.nodes', merger: findingConnectionMerger },
      supervisionHoldings: { kind: 'key', arg: 'node', key: nodeCode },
      supervisionHoldingTable: { kind: 'key', arg: 'node', key: nodeCode },
      // Each node counts its own certificates; the gateway adds them up.
      certificateStatistics: { kind: 'fanOut', scopeArg: 'filter.nodes', merger: statisticsMerger },
      // Each node counts the uses of what it keeps; the gateway adds them up.
      usageStatistics: { kind: 'fanOut', scopeArg: 'filter.nodes', merger: statisticsMerger },
    },
    Mutation: {
      issueCertificate: { kind: 'principal' },
      changeCertificateStatus: { kind: 'key', arg: 'id', key: certificateId },
      rotateSealKey: { kind: 'principal' },
      // Converted certificates live with their issuer, like issued ones.
      importCertificates: { kind: 'principal' },
      registerExternalCertificate: { kind: 'principal' },
      // Every node anchors its own chain (at the province), one after the other.
      anchorAuditChains: { kind: 'fanOut', merger: auditChainMerger },
      recordAuditAnchor: { kind: 'province' },
      // Messages may come from every node; each marks its own.
      markRead: { kind: 'fanOut', merger: sumMerger },
      // A notice is kept with its sender, like what the sender issues.
      sendNotice: { kind: 'principal' },
      createWebhook: { kind: 'province' },
      deleteWebhook: { kind: 'province' },
      redeliver: { kind: 'key', arg: 'delivery', key: nodeScopedId },
      presentCertificate: { kind: 'key', arg: 'id', key: certificateId },
      amendCertificate: { kind: 'key', arg: 'id', key: certificateId },
      reportCertificateError: { kind: 'key', arg: 'input.certificateId', key: certificateId },
      resolveCorrection: { kind: 'key', arg: 'id', key: nodeScopedId },
      dismissFollowUp: { kind: 'key', arg: 'id', key: nodeScopedId },
      recordMaterialCheck: { kind: 'key', arg: 'matter', key: matterCode },
      // A draw is recorded with the supervisor that made it, at the node of its region.
      recordInspectionDraw: { kind: 'principal' },
    },
    entities: {
      Certificate: { kind: 'key', field: 'id', key: certificateId },
      LegalEntity: { kind: 'fanOut', fields: { certificates: certificateListMerger } },
    },
  },
};
