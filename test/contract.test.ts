import { readFileSync } from 'node:fs';
import { assertValidSchema, getIntrospectionQuery, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { contractSchema, executeIntrospection, isIntrospectionOnly, rootFieldsOf } from '../gateway/contract.js';
import { FIELD_VISIBILITY } from '../gateway/visibility.js';
import { apiSchemaOf } from '../schema/api-schema.js';
import { PUBLIC, ROLES, type Principal, type Role } from '../lib/principal.js';
import { supergraphPath } from '../schema/compose.js';
import { AGENCY, uscc } from './support/fixtures.js';

const apiSchema = apiSchemaOf(readFileSync(supergraphPath, 'utf8'));

const agency = (...roles: Role[]): Principal => ({ kind: 'agency', code: AGENCY.consumer.sub, name: null, roles });
const company: Principal = { kind: 'holder', code: uscc('91', '350100', 42), holderKind: 'ORGANIZATION', name: null };

const queryFields = (schema: GraphQLSchema) => Object.keys(schema.getQueryType()?.getFields() ?? {}).sort();
const mutationFields = (schema: GraphQLSchema) => Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
const present = (fields: string[]) => fields.filter((field) => rootFieldsOf(apiSchema).includes(field)).map((field) => field.split('.')[1]).sort();

describe('the per-principal contract of the supergraph', () => {
  it('classifies every root field of the current supergraph in the visibility table', () => {
    const unclassified = rootFieldsOf(apiSchema).filter((field) => {
      const [type, name] = field.split('.') as [string, string];
      return FIELD_VISIBILITY[type]?.[name] === undefined;
    });
    expect(unclassified).toEqual([]);
  });

  it('classifies every field the public can reach, since unlisted fields are hidden from it', () => {
    const publicContract = contractSchema(apiSchema, PUBLIC);
    for (const type of Object.values(publicContract.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type) || type.name === 'Query') continue;
      const full = apiSchema.getType(type.name);
      const fullFields = full && 'getFields' in full ? Object.keys(full.getFields()) : [];
      const listed = Object.keys(FIELD_VISIBILITY[type.name] ?? {});
      expect(fullFields.filter((field) => !listed.includes(field)), type.name).toEqual([]);
    }
  });

  it('shows the public only the verifications (a certificate, a presentation), the published annual reports and the abnormal operations list, and what they return', () => {
    const contract = contractSchema(apiSchema, PUBLIC);
    expect(queryFields(contract)).toEqual(['abnormalOperations', 'annualReports', 'verifyCertificate', 'verifyPresentation']);
    expect(contract.getMutationType()).toBeUndefined();
    const named = Object.keys(contract.getTypeMap()).filter((name) => !name.startsWith('__'));
    expect(named.sort()).toEqual([
      'AbnormalOperation',
      'AbnormalOperationConnection',
      'AbnormalOperationEdge',
      'AnnualReport',
      'AnnualReportSeal',
      'Boolean',
      'CertificateItem',
      'CertificateOrigin',
      'CertificateStatus',
      'Date',
      'DateTime',
      'ID',
      'Int',
      'OperatingStatus',
      'PageInfo',
      'PresentationCheck',
      'Query',
      'String',
      'Verification',
    ]);
    for (const name of ['Verification', 'PresentationCheck', 'CertificateItem', 'AbnormalOperation', 'AbnormalOperationConnection', 'AbnormalOperationEdge', 'PageInfo']) {
      const shown = contract.getType(name);
      const full = apiSchema.getType(name);
      expect(shown && 'getFields' in shown ? Object.keys(shown.getFields()) : []).toEqual(full && 'getFields' in full ? Object.keys(full.getFields()) : ['(missing)']);
    }
    // An annual report's unpublished fields (and the salt of their digest) are the company's own.
    const fieldsOf = (name: string) => {
      const type = contract.getType(name);
      return type && 'getFields' in type ? Object.keys(type.getFields()) : [];
    };
    expect(fieldsOf('AnnualReport')).not.toContain('phone');
    expect(fieldsOf('AnnualReport')).not.toContain('revenue');
    expect(fieldsOf('AnnualReport')).toEqual(expect.arrayContaining(['address', 'email', 'employees', 'operatingStatus', 'website', 'filedLate', 'seal']));
    expect(fieldsOf('AnnualReportSeal')).not.toContain('withheldSalt');
    expect(fieldsOf('AnnualReportSeal')).toEqual(expect.arrayContaining(['signature', 'digest', 'signedPayload', 'withheldDigest', 'valid']));
  });

  it("hides nothing from an agency with every role but the fields only the hub itself calls and a holder's own", () => {
    const contract = contractSchema(apiSchema, agency(...ROLES));
    // One node asks the province node to keep its audit anchor, reads the webhooks to deliver to
    // and the other nodes' registry changes; no client ever calls them. A holder's inbox and
    // presentations are the holder's.
    const hubOnly = ['Mutation.recordAuditAnchor', 'Query.webhookSubscriptions', 'Query.registryChanges', 'Query.liveConsents', 'Query.certificateHolders', 'Mutation.recordMaterialCheck', 'Query.supervisionHoldingTable', 'Query.supervisionHoldings'];
    const holderOnly = ['Query.inbox', 'Mutation.markRead', 'Mutation.presentCertificate', 'Query.myConsents', 'Mutation.grantConsent', 'Mutation.revokeConsent', 'Mutation.submitAnnualReport'];
    expect(rootFieldsOf(contract)).toEqual(rootFieldsOf(apiSchema).filter((field) => !hubOnly.includes(field) && !holderOnly.includes(field)));
    const onlyThere = ['WebhookSubscription', 'InboxConnection', 'InboxEdge', 'Presentation', 'RegistryChange', 'CertificateHolding', 'GrantConsentInput', 'MaterialOutcomeInput', 'AnnualReportInput', 'HoldingTable'];
    expect(Object.keys(contract.getTypeMap()).sort()).toEqual(Object.keys(apiSchema.getTypeMap()).filter((name) => !onlyThere.includes(name)).sort());
  });

  it('shows a holder its queries and its own mutations (inbox, presentations, error reports), no grants, no webhooks', () => {
    const contract = contractSchema(apiSchema, company);
    expect(queryFields(contract)).toEqual(
      present([
        'Query.abnormalOperations',
        'Query.accessLog',
        'Query.annualReports',
        'Query.certificate',
        'Query.certificateType',
        'Query.certificateTypes',
        'Query.certificates',
        'Query.inbox',
        'Query.legalEntity',
        'Query.matter',
        'Query.matters',
        'Query.myConsents',
        'Query.myCorrectionRequests',
        'Query.nodeKeys',
        'Query.sealKeys',
        'Query.verifyCertificate',
        'Query.verifyPresentation',
      ]),
    );
    expect(mutationFields(contract)).toEqual(
      present(['Mutation.grantConsent', 'Mutation.markRead', 'Mutation.presentCertificate', 'Mutation.reportCertificateError', 'Mutation.revokeConsent', 'Mutation.submitAnnualReport']),
    );
    expect(contract.getType('Grant')).toBeUndefined();
    expect(contract.getType('Webhook')).toBeUndefined();
  });

  it('shows a consumer no Mutation.defineCertificateType and no Query.grants, but the fields a grant may open', () => {
    const contract = contractSchema(apiSchema, agency('consumer'));
    expect(queryFields(contract)).not.toContain('grants');
    expect(queryFields(contract)).not.toContain('accessLog');
    expect(mutationFields(contract)).not.toContain('defineCertificateType');
    expect(mutationFields(contract)).not.toContain('issueCertificate');
    expect(contract.getType('DefineCertificateTypeInput')).toBeUndefined();
    const certificate = contract.getType('Certificate');
    const entity = contract.getType('LegalEntity');
    expect(certificate && 'getFields' in certificate ? Object.keys(certificate.getFields()) : []).toEqual(
      expect.arrayContaining(['items', 'holderName', 'holderCode']),
    );
    expect(entity && 'getFields' in entity ? Object.keys(entity.getFields()) : []).toContain('legalRepresentativeIdNumber');
  });

  it('shows a steward defineCertificateType and grants', () => {
    const contract = contractSchema(apiSchema, agency('steward'));
    expect(mutationFields(contract)).toContain('defineCertificateType');
    // Besides what every agency may do: its own webhooks, and error reports.
    expect(mutationFields(contract)).toEqual(
      present([
        'Mutation.createWebhook',
        'Mutation.defineCertificateType',
        'Mutation.defineMatter',
        'Mutation.definePermitRule',
        'Mutation.deletePermitRule',
        'Mutation.deleteWebhook',
        'Mutation.grantAccess',
        'Mutation.redeliver',
        'Mutation.reportCertificateError',
        'Mutation.revokeGrant',
        'Mutation.setTarget',
      ]),
    );
    expect(queryFields(contract)).toEqual(expect.arrayContaining(present(['Query.grants', 'Query.myGrants', 'Query.targets'])));
    expect(contract.getType('DefineCertificateTypeInput')).toBeDefined();
  });

  it('shows an issuer issueCertificate and changeCertificateStatus, and not defineCertificateType', () => {
    const contract = contractSchema(apiSchema, agency('issuer'));
    expect(mutationFields(contract)).toEqual(expect.arrayContaining(['changeCertificateStatus', 'issueCertificate']));
    expect(mutationFields(contract)).not.toContain('defineCertificateType');
  });

  it('shows defineMatter to stewards and issuers (an agency defines its own matters) and matters to every principal signed in', () => {
    expect(mutationFields(contractSchema(apiSchema, agency('issuer')))).toContain('defineMatter');
    expect(mutationFields(contractSchema(apiSchema, agency('steward')))).toContain('defineMatter');
    for (const principal of [agency('consumer'), agency(), company]) {
      expect(mutationFields(contractSchema(apiSchema, principal))).not.toContain('defineMatter');
      expect(queryFields(contractSchema(apiSchema, principal))).toEqual(expect.arrayContaining(['matter', 'matters']));
    }
    expect(queryFields(contractSchema(apiSchema, PUBLIC))).not.toContain('matters');
  });

  it('shows permit rules (后置审批) to every agency, supervisors among them, and their maintenance to stewards only', () => {
    for (const roles of [[], ['supervisor'], ['consumer'], ['steward']] as Role[][]) {
      expect(queryFields(contractSchema(apiSchema, agency(...roles))), roles.join()).toContain('permitRules');
    }
    for (const principal of [agency('supervisor'), agency('consumer'), company]) {
      expect(mutationFields(contractSchema(apiSchema, principal))).not.toContain('definePermitRule');
    }
    expect(queryFields(contractSchema(apiSchema, company))).not.toContain('permitRules');
    expect(contractSchema(apiSchema, company).getType('PermitRule')).toBeUndefined();
  });

  it('adds up the roles of an agency that has several', () => {
    const contract = contractSchema(apiSchema, agency('issuer', 'registrar'));
    expect(mutationFields(contract)).toEqual(expect.arrayContaining(['issueCertificate', 'registerLegalEntity']));
  });

  it('builds a valid schema for every kind of principal and caches it per visibility key', () => {
    for (const principal of [PUBLIC, company, agency(), agency('consumer'), agency('steward', 'auditor', 'issuer', 'registrar')]) {
      expect(() => assertValidSchema(contractSchema(apiSchema, principal))).not.toThrow();
    }
    expect(contractSchema(apiSchema, agency('registrar', 'issuer'))).toBe(contractSchema(apiSchema, agency('issuer', 'registrar')));
    expect(contractSchema(apiSchema, agency('issuer'))).not.toBe(contractSchema(apiSchema, agency('registrar')));
  });

  it('recognizes introspection-only operations, fragments included', () => {
    expect(isIntrospectionOnly(parse(getIntrospectionQuery()))).toBe(true);
    expect(isIntrospectionOnly(parse('{ __typename }'))).toBe(true);
    expect(isIntrospectionOnly(parse('query { ...F } fragment F on Query { __type(name: "Grant") { name } }'))).toBe(true);
    expect(isIntrospectionOnly(parse('{ __schema { queryType { name } } certificateTypes { code } }'))).toBe(false);
    expect(isIntrospectionOnly(parse('query { ...F } fragment F on Query { certificateTypes { code } }'))).toBe(false);
    expect(isIntrospectionOnly(parse('mutation { __typename }'))).toBe(false);
    expect(isIntrospectionOnly(parse('query A { __typename } query B { certificateTypes { code } }'))).toBe(false);
    expect(isIntrospectionOnly(parse('query A { __typename } query B { certificateTypes { code } }'), 'A')).toBe(true);
  });

  it('answers introspection from the contract: a consumer looking for grants or defineCertificateType finds nothing', async () => {
    const consumer = agency('consumer');
    const asked = parse(/* GraphQL */ `
      {
        input: __type(name: "DefineCertificateTypeInput") { name }
        mutation: __type(name: "Mutation") { fields { name } }
        query: __type(name: "Query") { fields { name } }
      }
    `);
    const result = await executeIntrospection(apiSchema, consumer, asked, {}, null);
    expect(result.errors).toBeUndefined();
    const data = result.data as { input: unknown; mutation: { fields: Array<{ name: string }> } | null; query: { fields: Array<{ name: string }> } };
    expect(data.input).toBeNull();
    expect(data.query.fields.map((field) => field.name)).not.toContain('grants');
    expect(data.mutation?.fields.map((field) => field.name) ?? []).not.toContain('defineCertificateType');
    expect(data.query.fields.map((field) => field.name)).toContain('certificates');

    const full = await executeIntrospection(apiSchema, consumer, parse(getIntrospectionQuery()), {}, 'IntrospectionQuery');
    expect(full.errors).toBeUndefined();
  });
});
