/**
 * The gateway as the entry points and the embedded hub use it: authenticate clients, route to
 * the nodes of a registry, and the defaults their options start from. Everything else in this
 * folder is how it does that.
 */
export { createAuthenticator, DEFAULT_CLOCK_SKEW_S, DEFAULT_MAX_TOKEN_LIFETIME_S, type Authenticator, type IdentityProviderConfig } from './auth.js';
export { DEFAULT_COOLDOWN_MS, DEFAULT_FAILURE_THRESHOLD } from './circuit-breaker.js';
export { bucketLimitProblem, DEFAULT_DIGEST_LIMIT, DEFAULT_PUBLIC_LIMIT, trustedProxySet, type BucketLimit } from './rate-limit.js';
export { createGateway, type AuditAnchorAnswer, type Gateway, type GatewayOptions } from './server.js';
export { Topology, type NodeEntry } from './topology.js';
