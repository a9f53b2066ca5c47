import { DateTimeScalar } from '../../kit/scalars.js';
import type { Resolvers } from '../generated/resolvers.js';
import { CertificateType } from './CertificateType.js';
import { CertificateTypeChange } from './CertificateTypeChange.js';
import { Consent, ConsentConnection, consentMutations, consentQueries } from './consents.js';
import { Grant } from './Grant.js';
import { Matter } from './Matter.js';
import { MatterConnection } from './MatterConnection.js';
import { MatterMaterial } from './MatterMaterial.js';
import { Mutation } from './Mutation.js';
import { PermitRule, permitRuleMutations, permitRuleQueries } from './permitRules.js';
import { Query } from './Query.js';
import { targetMutations, targetQueries } from './targets.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { ...Query, ...consentQueries, ...permitRuleQueries, ...targetQueries },
  Mutation: { ...Mutation, ...consentMutations, ...permitRuleMutations, ...targetMutations },
  CertificateType,
  CertificateTypeChange,
  Grant,
  Matter,
  MatterMaterial,
  MatterConnection,
  Consent,
  ConsentConnection,
  PermitRule,
};
