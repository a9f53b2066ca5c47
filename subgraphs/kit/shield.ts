import { GraphQLError } from 'graphql';
import { allow, rule, type IRule, type shield } from 'graphql-shield';
import { hasRole, type Role } from '../../lib/principal.js';
import type { SubgraphContext } from './context.js';

/**
 * Options every subgraph's shield uses: default deny, a FORBIDDEN error (with the field's path
 * added by graphql-js) instead of shield's INTERNAL_SERVER_ERROR, and resolver errors such as
 * BAD_USER_INPUT passed through untouched.
 */
export const shieldOptions: Parameters<typeof shield>[1] = {
  fallbackRule: rule('deny')(() => false),
  fallbackError: async () => new GraphQLError('not authorized to read this field', { extensions: { code: 'FORBIDDEN' } }),
  allowExternalErrors: true,
  debug: false,
};

/** The federation plumbing the gateway needs; shield's default deny would block it. */
export const federationRules = {
  Query: { _service: allow, _entities: allow },
  _Service: allow,
} as const;

export const isAuthenticated = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: SubgraphContext) => ctx.principal.kind !== 'public',
);

export const isAgency = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => ctx.principal.kind === 'agency');

const roleRules = new Map<Role, IRule>();
/** The principal is an agency holding `role`. */
export function hasRoleRule(role: Role): IRule {
  let r = roleRules.get(role);
  if (!r) {
    r = rule(`has-role-${role}`, { cache: 'contextual' })((_p, _a, ctx: SubgraphContext) => hasRole(ctx.principal, role));
    roleRules.set(role, r);
  }
  return r;
}
