import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { allow, rule, type IRule, type shield } from 'graphql-shield';
import { forbidden, type ForbiddenReason } from '../../lib/errors.js';
import { hasRole, type Role } from '../../lib/principal.js';
import type { SubgraphContext } from './context.js';

/**
 * Why a rule refuses: a reason of lib/errors.ts and the rule in words. `why` names only catalog
 * facts (type and item names, codes), roles and the request's own purpose — never a holder or a
 * value, which are what is withheld.
 */
export interface Denial {
  reason: ForbiddenReason;
  why: string;
  /** For ROLE_REQUIRED: the role that would allow it. */
  role?: Role;
  /** For a refusal for want of a grant: what a grant would have to open (grantDenial). */
  wanted?: WantedGrant;
}

/**
 * What a grant would have to open: the holder's identity on certificates of `type` when `items`
 * is null, else one of `items`; `subject` says it in words ("医师执业证书", "投诉举报电话 of 食品经营许可证").
 */
export interface WantedGrant {
  type: string;
  items: readonly string[] | null;
  subject: string;
}

/** A field of Mutation is a change; every other field, a mutation's answer included, is a read. */
const isChange = (info: GraphQLResolveInfo) => info.parentType === info.schema.getMutationType();

/**
 * The FORBIDDEN error a rule returns for `denial`: graphql-shield passes an error a rule returns
 * through as the field's error (graphql-js adds the path), as it does fallbackError for `false`.
 * A change reads "not allowed: …", a read "not authorized to read Type.field: …".
 */
export function refusal(denial: Denial, info: GraphQLResolveInfo): GraphQLError {
  const message = isChange(info) ? `not allowed: ${denial.why}` : `not authorized to read ${info.parentType.name}.${info.fieldName}: ${denial.why}`;
  return forbidden(message, denial.reason, denial.role);
}

/**
 * The cache of a rule that reads the request but not the parent: one answer per field and
 * request, rather than one per request ('contextual'), because its refusal names the field.
 */
export const perField = (_parent: unknown, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo): string =>
  `${info.parentType.name}.${info.fieldName}`;

export const SIGN_IN: Denial = {
  reason: 'SIGN_IN_REQUIRED',
  why: 'the public only verifies certificates (verifyCertificate); this needs an agency or a holder signed in',
};

/** ROLE_REQUIRED for `role`, optionally saying what for ("to read certificates of other authorities"). */
export function roleDenial(role: Role, what?: string): Denial {
  return { reason: 'ROLE_REQUIRED', role, why: what ? `the ${role} role is needed ${what}` : `the ${role} role is needed` };
}

/**
 * Why no grant of the request opens `wanted`: PURPOSE_MISSING when the request states no
 * purpose, PURPOSE_NOT_GRANTED when the agency holds a grant that would open it for another
 * purpose (the gateway says which types and items it holds grants on for other purposes,
 * SubgraphContext.grantsForOtherPurposes), NO_GRANT else.
 */
export function grantDenial(wanted: WantedGrant, ctx: Pick<SubgraphContext, 'purpose' | 'grantsForOtherPurposes'>): Denial {
  if (ctx.purpose === null) {
    return { reason: 'PURPOSE_MISSING', wanted, why: `${wanted.subject} is shared only for a purpose a grant names, and the request states none (X-Purpose)` };
  }
  const elsewhere = ctx.grantsForOtherPurposes.filter((grant) => grant.type === wanted.type);
  if (elsewhere.some((grant) => wanted.items === null || wanted.items.some((item) => grant.items.includes(item)))) {
    return { reason: 'PURPOSE_NOT_GRANTED', wanted, why: `the agency's grants for ${wanted.subject} do not name the purpose ${ctx.purpose}` };
  }
  return { reason: 'NO_GRANT', wanted, why: `no grant for ${wanted.subject} and purpose ${ctx.purpose}` };
}

/**
 * Options every subgraph's shield uses: default deny, a FORBIDDEN error (with the field's path
 * added by graphql-js) instead of shield's INTERNAL_SERVER_ERROR, and resolver errors such as
 * BAD_USER_INPUT passed through untouched. The fallback — no rule for the field, or a rule that
 * answers a plain `false` — is a plain deny (reason NOT_ALLOWED); rules that can say why return
 * their own error (refusal).
 */
export const shieldOptions: Parameters<typeof shield>[1] = {
  fallbackRule: rule('deny')(() => false),
  fallbackError: async (_thrown, _parent, _args, _ctx, info) => forbidden(isChange(info) ? 'not allowed' : 'not authorized to read this field'),
  allowExternalErrors: true,
  debug: false,
};

/** The federation plumbing the gateway needs; shield's default deny would block it. */
export const federationRules = {
  Query: { _service: allow, _entities: allow },
  _Service: allow,
} as const;

export const isAuthenticated = rule('is-authenticated', { cache: perField })(
  (_parent, _args, ctx: SubgraphContext, info) => ctx.principal.kind !== 'public' || refusal(SIGN_IN, info),
);

const AGENCIES_ONLY: Denial = { reason: 'NOT_ALLOWED', why: 'this is for agencies' };

export const isAgency = rule('is-agency', { cache: perField })(
  (_parent, _args, ctx: SubgraphContext, info) =>
    ctx.principal.kind === 'agency' || refusal(ctx.principal.kind === 'public' ? SIGN_IN : AGENCIES_ONLY, info),
);

const roleRules = new Map<Role, IRule>();
/** The principal is an agency holding `role`; else ROLE_REQUIRED naming it (SIGN_IN_REQUIRED for the public). */
export function hasRoleRule(role: Role): IRule {
  let r = roleRules.get(role);
  if (!r) {
    const denial = roleDenial(role);
    r = rule(`has-role-${role}`, { cache: perField })(
      (_p, _a, ctx: SubgraphContext, info) => hasRole(ctx.principal, role) || refusal(ctx.principal.kind === 'public' ? SIGN_IN : denial, info),
    );
    roleRules.set(role, r);
  }
  return r;
}
