import { DateScalar, DateTimeScalar } from '../../kit/scalars.js';
import type { Resolvers } from '../generated/resolvers.js';
import { AbnormalOperationConnection } from './AbnormalOperationConnection.js';
import { AnnualReport, AnnualReportSeal } from './AnnualReport.js';
import { LegalEntity } from './LegalEntity.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  LegalEntity,
  AnnualReport,
  AnnualReportSeal,
  AbnormalOperationConnection,
};
