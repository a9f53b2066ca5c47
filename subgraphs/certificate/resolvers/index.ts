import { DateScalar, DateTimeScalar } from '../../kit/scalars.js';
import type { Resolvers } from '../generated/resolvers.js';
import { AccessRecord } from './AccessRecord.js';
import { Certificate, Scan } from './Certificate.js';
import { CertificateConnection } from './CertificateConnection.js';
import { LegalEntity } from './LegalEntity.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { SealKey } from './SealKey.js';
import { StatusChange } from './StatusChange.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Certificate,
  LegalEntity,
  CertificateConnection,
  StatusChange,
  AccessRecord,
  SealKey,
  Scan,
};
