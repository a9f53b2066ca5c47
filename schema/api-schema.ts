import { printSchema as printFederationSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The API schema (no federation internals) that the gateway serves for this supergraph. Built
 * from its printed SDL with this module's `graphql`, not handed over as federation-internals'
 * graphql-js object: that one may come from the other (CommonJS) copy of `graphql`, which
 * graphql-js refuses to mix with this one ("from another module or realm").
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printFederationSchema(Supergraph.build(supergraphSdl).apiSchema()));
}
