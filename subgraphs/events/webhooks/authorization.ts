/**
 * What a webhook receives (README › Webhooks › Authorization): the rules of reading, applied to
 * events. An agency receives an event about a certificate only where it may read the
 * certificate's metadata (Certificate.number, status, …: permissions.ts canReadMetadata), and
 * the holder's code only where it may read Certificate.holderCode (access.ts decideAccess, for
 * the webhook's purpose). A registry change goes to consumers and registrars, a notice only back
 * to the agency that sent it. Matching decides once, when the event is dispatched; the body is
 * decided again at every attempt, so that a grant revoked since stops what it gave.
 */
import { versionIdsUpTo } from '../../../lib/codes.js';
import { hasRole, type GrantClaim, type Principal } from '../../../lib/principal.js';
import { decideAccess } from '../../certificate/access.js';
import type { CatalogType } from '../../certificate/catalog.js';
import type { EventType } from '../db/schema.js';
import type { Subscription } from './subscriptions.js';

/** What of an event matching and authorization look at. */
export interface EventFacts {
  type: EventType;
  at: Date;
  certificateId: string | null;
  typeCode: string | null;
  issuerCode: string | null;
  holderCode: string | null;
  actor: string | null;
}

/**
 * Whether a webhook that names `ids` follows certificate `id`: one of them, or a newer version of
 * one (amendCertificate) — a subscription to a licence goes on with the licence's new versions.
 */
function followsCertificate(ids: ReadonlySet<string>, id: string): boolean {
  return ids.has(id) || versionIdsUpTo(id).some((version) => ids.has(version));
}

/** The webhook's owner as the principal the reading rules decide for. */
export const ownerOf = (subscription: Subscription): Principal => ({
  kind: 'agency',
  code: subscription.agency,
  name: subscription.agencyName,
  roles: subscription.roles,
});

const isCertificateEvent = (event: EventFacts): boolean => event.type.startsWith('CERTIFICATE_');

/**
 * Whether the owner may read what the event is about at all: a certificate's metadata (its
 * issuer, or any consumer — as canReadMetadata), the registry's changes (consumers and
 * registrars), a notice (only its sender), the answer to an error report (only the issuer who gave it).
 */
export function mayReadEvent(subscription: Subscription, event: EventFacts): boolean {
  const owner = ownerOf(subscription);
  if (isCertificateEvent(event)) return subscription.agency === event.issuerCode || hasRole(owner, 'consumer');
  if (event.type === 'LEGAL_ENTITY_CHANGED') return hasRole(owner, 'consumer') || hasRole(owner, 'registrar');
  if (event.type === 'CORRECTION_RESOLVED') return subscription.agency === event.issuerCode;
  return event.type === 'NOTICE' && event.actor === subscription.agency;
}

/**
 * Whether the event is one the webhook asked for and may have: its kind, the webhook's type and
 * certificate filters (an event about no certificate passes neither), created no later than the
 * event (a webhook does not receive what happened before it existed), and readable by its owner.
 */
export function matches(subscription: Subscription, event: EventFacts): boolean {
  if (!subscription.events.has(event.type)) return false;
  if (subscription.createdAt.getTime() > event.at.getTime()) return false;
  if (subscription.typeCodes && !(event.typeCode !== null && subscription.typeCodes.has(event.typeCode))) return false;
  if (subscription.certificateIds && !(event.certificateId !== null && followsCertificate(subscription.certificateIds, event.certificateId))) return false;
  return mayReadEvent(subscription, event);
}

/** Where the facts a holder decision needs come from: the catalog and the province's grants. */
export interface AccessLookups {
  type(code: string): Promise<CatalogType | null>;
  grants(agency: string): Promise<GrantClaim[]>;
}

/**
 * Whether the body may carry the holder's code. For a certificate event, decideAccess as for a
 * request of the owner stating the webhook's purpose: the issuer always, a consumer by the
 * type's sharing level (UNCONDITIONAL yes; CONDITIONAL with a live grant for the purpose;
 * NOT_SHARED, or a type the catalog does not know, no). A registry change names the legal
 * entity (its code is registry data every principal reads); a notice goes back to its sender,
 * who wrote it to that holder. A lookup that fails rejects: the attempt fails and is retried,
 * rather than send less than the owner may read.
 */
export async function holderOpen(subscription: Subscription, event: EventFacts, lookups: AccessLookups, now: Date): Promise<boolean> {
  if (event.holderCode === null || !mayReadEvent(subscription, event)) return false;
  if (!isCertificateEvent(event)) return true;
  const owner = ownerOf(subscription);
  const certificate = { issuerCode: event.issuerCode ?? '', holderCode: event.holderCode, typeCode: event.typeCode ?? '' };
  const issuedByOwner = subscription.agency === event.issuerCode;
  const type = issuedByOwner || event.typeCode === null ? null : await lookups.type(event.typeCode);
  // Only a CONDITIONAL type's identity depends on grants, and only with a purpose to state.
  const needsGrants = type?.sharing === 'CONDITIONAL' && subscription.purpose !== null;
  const grants = needsGrants ? await lookups.grants(subscription.agency) : [];
  const context = { principal: owner, grants, purpose: subscription.purpose, grantsForOtherPurposes: [] };
  return decideAccess(certificate, type, context, now).identity;
}
