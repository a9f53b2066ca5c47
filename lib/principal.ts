import type { HolderKindValue } from './codes.js';

export const ROLES = [
  'consumer',
  'issuer',
  'registrar',
  // Records certificates issued outside the province (外来证照) from their scans, at a service
  // counter: the hub then vouches that this agency saw the scan, never that it is genuine.
  'external-registrar',
  'steward',
  'auditor',
  'analyst',
  // Market supervision (市场监管) inspectors: read the supervision findings (无证经营, licences
  // expired or revoked, …) and the permit rules (后置审批) they are drawn from.
  'supervisor',
  // Runs the hub: sees /healthz details (node URLs, breakers, timings, rate-limit counters);
  // reads no certificate data — no rule of any subgraph opens anything to this role.
  'operator',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking. An agency is a government unit or qualified third party identified by its
 * USCC; a holder is a person (resident ID) or an organisation (USCC) asking about itself; the
 * public may only verify certificates.
 */
export type Principal =
  | { kind: 'agency'; code: string; name: string | null; roles: Role[] }
  | { kind: 'holder'; code: string; holderKind: HolderKindValue; name: string | null }
  | { kind: 'public' }
  /**
   * The hub itself: the gateway (`code: 'gateway'`, e.g. anchoring the audit chains) or a node
   * (its region code) calling another node for catalog entries or audit anchors. Never a
   * client: no token makes one, and a node's key signs only for that node.
   */
  | { kind: 'service'; code: string };

/**
 * A grant as the gateway forwards it: the agency may read these items of certificates of this
 * type (and their holders' identity) for these purposes, until it expires.
 */
export interface GrantClaim {
  id: string;
  type: string;
  items: string[];
  purposes: string[];
  /** ISO 8601, or null for no end. */
  expiresAt: string | null;
}

/** What the gateway tells every subgraph about a request, signed with the gateway's key. */
export interface HubContextClaims {
  principal: Principal;
  /** 用证事由: the matter code or reason the request states in X-Purpose. */
  purpose: string | null;
  requestId: string;
  /** The request id the client sent (X-Request-Id), sanitised, kept beside the hub's own. */
  clientRequestId?: string | null;
  /**
   * 办件号: the case number of the application the request serves (X-Case-Number, checked by
   * lib/case-number.ts), kept in every access record the request writes; null without one.
   */
  caseNumber?: string | null;
  /**
   * The types (and items) the calling agency holds live grants on for OTHER purposes than this
   * request's: they open nothing here, they only let a refusal say PURPOSE_NOT_GRANTED rather
   * than NO_GRANT.
   */
  grantsForOtherPurposes?: ReadonlyArray<{ type: string; items: readonly string[] }>;
  /** The calling agency's live grants for this request's purpose (empty for everyone else). */
  grants: GrantClaim[];
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const hasRole = (principal: Principal, role: Role): boolean =>
  principal.kind === 'agency' && principal.roles.includes(role);

export const PUBLIC: Principal = { kind: 'public' };
