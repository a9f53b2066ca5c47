import { allow, or, rule, type IRules } from 'graphql-shield';
import { matterCodeAgency } from '../../lib/codes.js';
import { hasRole } from '../../lib/principal.js';
import { federationRules, hasRoleRule, isAgency, isAuthenticated, perField, refusal, roleDenial, SIGN_IN, type Denial } from '../kit/shield.js';
import type { ConsentModel } from './consents.js';
import type { CatalogContext } from './context.js';

/** Another node (or the gateway) calling on its own account (subgraphs/peers.ts), never a client. */
const isHubService = rule('is-hub-service', { cache: 'contextual' })((_parent, _args, ctx: CatalogContext) => ctx.principal.kind === 'service');

const HOLDERS_ONLY: Denial = { reason: 'NOT_ALLOWED', why: 'only a holder gives, revokes and lists its own consents (授权用证)' };

/** A holder (person or organisation) acting for itself. */
const isHolder = rule('is-holder', { cache: perField })(
  (_parent, _args, ctx: CatalogContext, info) =>
    ctx.principal.kind === 'holder' || refusal(ctx.principal.kind === 'public' ? SIGN_IN : HOLDERS_ONLY, info),
);

const NOT_A_PARTY: Denial = { reason: 'NOT_ALLOWED', why: 'a consent is seen only by the holder who gave it and the agency it allows' };

/**
 * The holder who gave the consent or the agency it allows, or a node of the hub applying it. The
 * root fields hand each principal only such consents; this says so again on every field.
 */
const isPartyToConsent = rule('is-party-to-consent', { cache: 'no_cache' })((consent: ConsentModel, _args, ctx: CatalogContext, info) => {
  const { principal } = ctx;
  const party =
    principal.kind === 'service' ||
    (principal.kind === 'holder' && principal.code === consent.holderCode && principal.holderKind === consent.holderKind) ||
    (principal.kind === 'agency' && principal.code === consent.agency);
  return party || refusal(NOT_A_PARTY, info);
});

/**
 * A data steward defines any agency's matters; the agency that handles a matter (the first 18
 * characters of its code) defines its own with the issuer role. Another agency is told which
 * role would allow it: issuer when the matter is its own, steward else.
 */
const definesTheMatter = rule('defines-the-matter', { cache: 'strict' })((_parent, args: { input: { code: string } }, ctx: CatalogContext, info) => {
  const { principal } = ctx;
  if (principal.kind === 'public') return refusal(SIGN_IN, info);
  if (hasRole(principal, 'steward')) return true;
  const own = principal.kind === 'agency' && principal.code === matterCodeAgency(args.input.code);
  if (own && hasRole(principal, 'issuer')) return true;
  return refusal(
    own ? roleDenial('issuer', 'for an agency to define its own matters') : roleDenial('steward', "to define another agency's matters (an agency defines its own with the issuer role)"),
    info,
  );
});

/**
 * The catalog is open to every authenticated principal; only data stewards change it, but for
 * an agency's own matters (事项), which the agency may define itself. Grants
 * are the stewards' to read and maintain, except that an agency reads its own (myGrants): the
 * gateway does so on the agency's behalf to put them in the request's signed context. A holder's
 * consents (授权用证) are the holder's to give, revoke and list, and seen besides only by the
 * agency they allow and the nodes that apply them. Permit rules (后置审批) are the stewards' to
 * maintain, read by every agency and by the nodes.
 */
export const permissions: IRules = {
  ...federationRules,
  Query: {
    ...federationRules.Query,
    certificateType: isAuthenticated,
    certificateTypes: isAuthenticated,
    // A node delivering events to an agency's webhook reads the agency's grants: they decide
    // whether its deliveries name certificates' holders (subgraphs/events/webhooks).
    grants: or(isHubService, hasRoleRule('steward')),
    myGrants: isAgency,
    // A node redefining a type reads which grants the change affects; a steward may look too.
    grantsOfType: or(isHubService, hasRoleRule('steward')),
    // What a matter needs, and whether it needs paper, is public knowledge among those signed in.
    matter: isAuthenticated,
    matters: isAuthenticated,
    // A holder's own consents; the consents given to the calling agency (each resolver reads only
    // the caller's); and the live consents of any agency, for the nodes that apply them.
    myConsents: isHolder,
    consentsGiven: isAgency,
    liveConsents: isHubService,
    // Which licence an activity needs is public knowledge among agencies; the nodes read the
    // rules on their own account to find entities that carry on an activity without it.
    permitRules: or(isHubService, isAgency),
    // What departments must reach: for those who report on it and those who set it.
    targets: or(hasRoleRule('analyst'), hasRoleRule('auditor'), hasRoleRule('steward')),
  },
  Mutation: {
    defineCertificateType: hasRoleRule('steward'),
    grantAccess: hasRoleRule('steward'),
    revokeGrant: hasRoleRule('steward'),
    defineMatter: definesTheMatter,
    // Only of the holder's own certificates, and only its own consents (the service checks both).
    grantConsent: isHolder,
    revokeConsent: isHolder,
    definePermitRule: hasRoleRule('steward'),
    deletePermitRule: hasRoleRule('steward'),
    setTarget: hasRoleRule('steward'),
  },
  CertificateType: isAuthenticated,
  ItemDefinition: isAuthenticated,
  // A type's history is catalog data like its current definition.
  CertificateTypeVersion: isAuthenticated,
  // What a redefinition changes, the grants it affects included, is only in the answer to a
  // steward's defineCertificateType; the rules say so again.
  CertificateTypeChange: hasRoleRule('steward'),
  DefinitionDifference: hasRoleRule('steward'),
  // A Grant is reached only through the root fields above and a steward's CertificateTypeChange,
  // each already guarded: a steward (or a node) sees any grant, an agency only its own.
  // Everything on a grant is for whoever got there.
  Grant: allow,
  // Matters are catalog data like the types: reached only through the root fields above, or as
  // entities by the hub's own nodes (a counter's check reads a matter's materials).
  Matter: isAuthenticated,
  MatterMaterial: isAuthenticated,
  MatterConnection: isAuthenticated,
  MatterEdge: isAuthenticated,
  PageInfo: isAuthenticated,
  Consent: isPartyToConsent,
  // Reached only through consentsGiven, guarded above: the agency's own consents.
  ConsentConnection: isAgency,
  ConsentEdge: isAgency,
  // Reached only through permitRules and definePermitRule, guarded above: the same again.
  PermitRule: or(isHubService, isAgency),
  // Reached only through targets and setTarget, guarded above.
  Target: or(hasRoleRule('analyst'), hasRoleRule('auditor'), hasRoleRule('steward')),
};
