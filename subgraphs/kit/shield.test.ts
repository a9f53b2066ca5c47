import { createRequire } from 'node:module';
import type { GraphQLError } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, rule, shield } from 'graphql-shield';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/principal.js';
import { hasRoleRule, isAuthenticated, refusal, shieldOptions } from './shield.js';

// graphql-shield checks types against graphql's CommonJS build, which Apollo's packages load
// too; the schema of this test comes from the same one.
const { buildSchema, graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * The shield every subgraph uses, on a small schema: a rule that refuses returns the error that
 * says why, graphql-shield passes it through as the field's error, and graphql-js adds the path.
 */
const typeDefs = /* GraphQL */ `
  type Query { open: String, signedIn: String, audited: String, unruled: String, item: Item }
  type Item { secret: String }
  type Mutation { issue: String, unruled: String }
`;
/** Every field answers from here (graphql-js's default resolver), wherever shield lets it. */
const rootValue = { open: 'o', signedIn: 's', audited: 'a', unruled: 'u', item: { secret: 'the withheld value' }, issue: 'i' };
const notShared = rule('not-shared', { cache: 'no_cache' })((_p, _a, _c, info) => refusal({ reason: 'NOT_SHARED', why: 't is not shared' }, info));
const schema = applyMiddleware(
  buildSchema(typeDefs),
  shield(
    {
      Query: { open: allow, signedIn: isAuthenticated, audited: hasRoleRule('auditor'), item: isAuthenticated },
      Item: { secret: notShared },
      Mutation: { issue: hasRoleRule('issuer') },
    },
    shieldOptions,
  ),
);

async function run(principal: Principal, source: string) {
  const result = await graphql({ schema, source, rootValue, contextValue: { principal } });
  return { data: result.data, errors: (result.errors ?? []).map((error: GraphQLError) => ({ message: error.message, path: error.path, extensions: error.extensions })) };
}
const CONSUMER: Principal = { kind: 'agency', code: 'C', name: null, roles: ['consumer'] };

describe('refusals', () => {
  it('a rule that refuses is FORBIDDEN at the field’s path with its reason, the read worded "not authorized to read"', async () => {
    const { data, errors } = await run(CONSUMER, '{ open audited item { secret } }');
    expect(data).toEqual({ open: 'o', audited: null, item: { secret: null } });
    expect(errors).toEqual([
      {
        message: 'not authorized to read Query.audited: the auditor role is needed',
        path: ['audited'],
        extensions: { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED', role: 'auditor' },
      },
      { message: 'not authorized to read Item.secret: t is not shared', path: ['item', 'secret'], extensions: { code: 'FORBIDDEN', reason: 'NOT_SHARED' } },
    ]);
  });

  it('a mutation refused is worded "not allowed"', async () => {
    const { errors } = await run(CONSUMER, 'mutation { issue }');
    expect(errors).toEqual([
      { message: 'not allowed: the issuer role is needed', path: ['issue'], extensions: { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED', role: 'issuer' } },
    ]);
  });

  it('the public is told to sign in, even where a role is needed', async () => {
    const { errors } = await run({ kind: 'public' }, '{ signedIn audited }');
    expect(errors.map((error) => [error.path, error.extensions['reason']])).toEqual([
      [['signedIn'], 'SIGN_IN_REQUIRED'],
      [['audited'], 'SIGN_IN_REQUIRED'],
    ]);
  });

  it('a field no rule names is a plain deny with NOT_ALLOWED, for reads and changes', async () => {
    expect((await run(CONSUMER, '{ unruled }')).errors).toEqual([
      { message: 'not authorized to read this field', path: ['unruled'], extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' } },
    ]);
    expect((await run(CONSUMER, 'mutation { unruled }')).errors).toEqual([
      { message: 'not allowed', path: ['unruled'], extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' } },
    ]);
  });
});
