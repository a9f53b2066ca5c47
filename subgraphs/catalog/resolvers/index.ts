import type { Resolvers } from '../generated/resolvers.js';
import { CertificateType } from './CertificateType.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = { Query, Mutation, CertificateType };
