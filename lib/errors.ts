import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { logInternalError, type Logger } from './log.js';
import type { Role } from './principal.js';

/** A client error naming the input field at fault and the reason. */
export function badInput(field: string, reason: string): GraphQLError {
  return new GraphQLError(`${field}: ${reason}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/**
 * Why a FORBIDDEN error refuses, in `extensions.reason` (README › Security lists them for users):
 * - `NOT_ALLOWED`: no rule allows the field (shield's fallback), or a refusal none below names;
 * - `SIGN_IN_REQUIRED`: the public only verifies certificates; this needs an agency or a holder;
 * - `ROLE_REQUIRED`: the agency lacks the role named in `extensions.role`;
 * - `NOT_THE_HOLDER`: a holder asking about what is someone else's;
 * - `NOT_THE_ISSUER`: a status change of a certificate another authority issued;
 * - `NOT_COMPETENT`: issuing a type whose catalog entry does not name the agency among its issuers;
 * - `OUT_OF_REGION`: a registrar registering or changing a legal entity outside its region;
 * - `NOT_SHARED`: the type is not shared: only its issuer and holder read its holder and items;
 * - `NO_GRANT`: only a grant opens this (a CONDITIONAL type's holder and items, a sensitive
 *   item), and none of the agency's opens it for the request's purpose;
 * - `PURPOSE_MISSING`: only a grant for a purpose opens this, and the request states none (X-Purpose);
 * - `PURPOSE_NOT_GRANTED`: the agency holds a grant that opens this, but for other purposes;
 * - `ITEM_NOT_DEFINED`: an item its type no longer defines: nothing says it may be shared;
 * - `CATALOG_UNAVAILABLE`: the type's catalog entry cannot be read, and nothing is shared without it.
 * Clients act on the reason (sign in, ask a steward for a grant, state another purpose); the
 * message says the same in words and names only catalog facts and the request's own purpose.
 */
export type ForbiddenReason =
  | 'NOT_ALLOWED'
  | 'SIGN_IN_REQUIRED'
  | 'ROLE_REQUIRED'
  | 'NOT_THE_HOLDER'
  | 'NOT_THE_ISSUER'
  | 'NOT_COMPETENT'
  | 'OUT_OF_REGION'
  | 'NOT_SHARED'
  | 'NO_GRANT'
  | 'PURPOSE_MISSING'
  | 'PURPOSE_NOT_GRANTED'
  | 'ITEM_NOT_DEFINED'
  | 'CATALOG_UNAVAILABLE';

/**
 * The principal may not do or see this: FORBIDDEN with `reason` and, for ROLE_REQUIRED, the
 * `role` that would allow it. Changes are worded "not allowed: …", reads "not authorized to read …".
 */
export function forbidden(message = 'not authorized', reason: ForbiddenReason = 'NOT_ALLOWED', role?: Role): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', reason, ...(role === undefined ? {} : { role }) } });
}

/** No valid credentials: HTTP 401. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/**
 * Errors with a code we chose pass through; anything else (an SQL message, a bug) is logged
 * to `logger` with its stack and answered as a plain internal error so nothing internal leaks
 * to clients.
 */
export function hideInternalErrors(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  logInternalError(logger, error, formatted.path ? { path: formatted.path } : {});
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
