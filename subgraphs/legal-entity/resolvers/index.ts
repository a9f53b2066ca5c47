import { DateScalar } from '../../kit/scalars.js';
import type { Resolvers } from '../generated/resolvers.js';
import { LegalEntity } from './LegalEntity.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = { Date: DateScalar, Query, Mutation, LegalEntity };
