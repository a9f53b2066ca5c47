import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types for one subgraph, with its entities mapped to the Drizzle rows resolvers return. */
function subgraph(name: string, contextType: string, mappers: Record<string, string>) {
  return {
    [`subgraphs/${name}/generated/resolvers.ts`]: {
      schema: `subgraphs/${name}/schema.graphql`,
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType,
        mappers,
        scalars: { Date: 'string', DateTime: 'string' },
        maybeValue: 'T | null',
        inputMaybeValue: 'T | null | undefined',
      },
    },
  };
}

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...subgraph('catalog', '../context.js#CatalogContext', {
      // A row of this node, another node's description, or a grant's bare key (see model.ts).
      CertificateType: '../model.js#CertificateTypeModel',
      ItemDefinition: '../model.js#ItemDefinitionModel',
      Grant: '../db/schema.js#GrantRow',
      CertificateTypeVersion: '../model.js#CertificateTypeVersionModel',
      CertificateTypeChange: '../model.js#CertificateTypeChangeModel',
      Matter: '../db/schema.js#MatterRow',
      MatterMaterial: '../model.js#MatterMaterialModel',
      MatterConnection: '../matters.js#MatterPage',
      Consent: '../consents.js#ConsentModel',
      ConsentConnection: '../../kit/node-seq-page.js#NodeSeqPage<ConsentModel>',
      ConsentEdge: '../../kit/node-seq-page.js#NodeSeqEdge<ConsentModel>',
      PermitRule: '../db/schema.js#PermitRuleRow',
      Target: '../db/schema.js#TargetRow',
    }),
    ...subgraph('legal-entity', '../context.js#LegalEntityContext', {
      LegalEntity: '../db/schema.js#LegalEntityRow',
      AnnualReport: '../db/schema.js#AnnualReportRow',
      // The seal is read from the version's own row (annual-reports.ts signedPayloadOf).
      AnnualReportSeal: '../db/schema.js#AnnualReportRow',
      AbnormalOperation: '../abnormal.js#AbnormalOperationModel',
      AbnormalOperationConnection: '../abnormal.js#AbnormalPage',
    }),
    ...subgraph('certificate', '../context.js#CertificateContext', {
      Certificate: '../db/schema.js#CertificateRow',
      CertificateItem: '../db/schema.js#CertificateItemRow',
      StatusChange: '../db/schema.js#StatusChangeRow',
      LegalEntity: '../model.js#LegalEntityRef',
      CertificateType: '../model.js#CertificateTypeRef',
      CertificateConnection: '../model.js#CertificatePage',
      CertificateEdge: '../model.js#CertificateEdgeModel',
      Verification: '../model.js#VerificationModel',
      SealKey: '../db/schema.js#PublishedSealKey',
      Scan: '../model.js#ScanModel',
      AccessRecord: '../../audit/db/schema.js#AccessRecordRow',
      AuditChainStatus: '../../audit/verify.js#ChainStatus',
      AuditAnchor: '../../audit/verify.js#AnchorModel',
      InboxConnection: '../../events/inbox.js#InboxPage',
      InboxEdge: '../../events/inbox.js#InboxEdgeModel',
      InboxMessage: '../../events/db/schema.js#EventRow',
      Delivery: '../model.js#DeliveryModel',
      Webhook: '../../events/db/schema.js#WebhookRow',
      WebhookSubscription: '../../events/db/schema.js#WebhookRow',
      WebhookDelivery: '../model.js#WebhookDeliveryModel',
      Presentation: '../model.js#PresentationModel',
      PresentationCheck: '../model.js#PresentationCheckModel',
      CorrectionRequest: '../db/schema.js#CorrectionRequestRow',
      CorrectionRequestConnection: '../../kit/node-seq-page.js#NodeSeqPage<CorrectionRequestRow>',
      CorrectionRequestEdge: '../../kit/node-seq-page.js#NodeSeqEdge<CorrectionRequestRow>',
      FollowUp: '../db/schema.js#FollowUpRow',
      FollowUpConnection: '../../kit/node-seq-page.js#NodeSeqPage<FollowUpRow>',
      FollowUpEdge: '../../kit/node-seq-page.js#NodeSeqEdge<FollowUpRow>',
      RegistryChange: '../../events/registry-changes.js#RegistryChangeModel',
      MaterialCheck: '../material-check.js#MaterialCheckModel',
      MaterialCheckResult: '../material-check.js#MaterialResultModel',
      FindingConnection: '../supervision/page.js#FindingPage',
      FindingEdge: '../supervision/page.js#FindingEdgeModel',
      Finding: '../supervision/findings.js#FindingModel',
      FindingRule: '../supervision/rules.js#PermitRule',
      FindingCertificate: '../supervision/holdings.js#HeldCertificate',
    }),
  },
};

export default config;
