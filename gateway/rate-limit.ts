import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import type { Principal } from '../lib/principal.js';
import { isPublicQueryField } from '../lib/public.js';
import { fieldsOnType, fragmentsOf } from './selections.js';

/*
 * Rate limits on public verifications and on digest checks, applied at the gateway before any
 * node is asked. Every verification without a token costs a node a lookup and a seal check that
 * anyone can ask for, and a digest check confirms or refutes a guess at a certificate's face,
 * token or not (README › Verification, seals and public limits): both are metered per client
 * with token buckets.
 *
 * | bucket | keyed by                                           | charged                                        | default              |
 * | ------ | -------------------------------------------------- | ---------------------------------------------- | -------------------- |
 * | public | client address                                     | 1 per public field (verifyCertificate,         | burst 60, 2 per s    |
 * |        |                                                    | verifyPresentation, annualReports,             |                      |
 * |        |                                                    | abnormalOperations: lib/public.ts) of a        |                      |
 * |        |                                                    | request without a token (aliases and fragments |                      |
 * |        |                                                    | count)                                         |                      |
 * | digest | client address (public), principal (token holders) | 1 per verifyCertificate field with a `digest`  | burst 10, 1 per 10 s |
 *
 * The client address is the socket's peer; X-Forwarded-For is read only when that peer is one
 * of the configured trusted proxies, and then the right-most address that is not a trusted
 * proxy is the client. IPv6 clients are keyed by their /64, which one subscriber usually holds
 * whole. Each bucket set keeps at most `maxKeys` keys (default 100,000): beyond that it forgets
 * a full bucket (which is as good as none) among the least recently used, else the least
 * recently used one. A refused request gets HTTP 429, `Retry-After` in whole seconds and
 * `extensions.code = "RATE_LIMITED"`, and charges nothing.
 */

/** One token bucket's shape: it holds at most `burst` units and refills `perSecond` units a second. */
export interface BucketLimit {
  burst: number;
  perSecond: number;
}

export interface RateLimitOptions {
  /** Verifications by callers without a token, per client address (default burst 60, 2 per second). */
  public?: BucketLimit;
  /** Digest checks, per client address for the public and per principal otherwise (default burst 10, 0.1 per second). */
  digest?: BucketLimit;
  /** Most keys each bucket set remembers (default 100,000). */
  maxKeys?: number;
  /** The clock, in milliseconds (default `performance.now`); tests move it. */
  now?: () => number;
}

export const DEFAULT_PUBLIC_LIMIT: BucketLimit = { burst: 60, perSecond: 2 };
export const DEFAULT_DIGEST_LIMIT: BucketLimit = { burst: 10, perSecond: 0.1 };
export const DEFAULT_MAX_KEYS = 100_000;

/** How many least recently used buckets are looked at for a full one before the oldest is forgotten. */
const EVICTION_SCAN = 32;

/** Why `limit` is not a usable bucket shape, or null. */
export function bucketLimitProblem(limit: BucketLimit): string | null {
  if (!Number.isInteger(limit.burst) || limit.burst < 1) return 'the burst must be a whole number, at least 1';
  if (!Number.isFinite(limit.perSecond) || limit.perSecond <= 0) return 'the refill rate must be a number of units per second above 0';
  return null;
}

/**
 * Token buckets keyed by a string, with bounded memory. A bucket refills lazily, when it is
 * next looked at, so idle keys cost nothing but their map entry.
 */
export class TokenBuckets {
  /** Insertion order is recency: a key is moved to the end whenever it is charged. */
  private readonly buckets = new Map<string, { units: number; at: number }>();

  constructor(
    readonly limit: BucketLimit,
    private readonly maxKeys: number = DEFAULT_MAX_KEYS,
    private readonly now: () => number = () => performance.now(),
  ) {
    const problem = bucketLimitProblem(limit);
    if (problem) throw new RangeError(problem);
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError('maxKeys must be a whole number, at least 1');
  }

  get size(): number {
    return this.buckets.size;
  }

  private unitsOf(key: string, at: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.limit.burst;
    return Math.min(this.limit.burst, bucket.units + ((at - bucket.at) / 1000) * this.limit.perSecond);
  }

  /**
   * Seconds until `key` holds `cost` units, 0 when it does now; Infinity when `cost` exceeds
   * the burst, which no wait makes affordable.
   */
  wait(key: string, cost: number): number {
    if (cost > this.limit.burst) return Infinity;
    const missing = cost - this.unitsOf(key, this.now());
    return missing <= 0 ? 0 : missing / this.limit.perSecond;
  }

  /** Takes `cost` units from `key`'s bucket (check `wait` first: it may go below zero otherwise). */
  take(key: string, cost: number): void {
    const at = this.now();
    const units = this.unitsOf(key, at) - cost;
    if (this.buckets.has(key)) this.buckets.delete(key);
    else if (this.buckets.size >= this.maxKeys) this.evict(at);
    this.buckets.set(key, { units, at });
  }

  /** Forgets a full bucket among the least recently used ones, else the least recently used. */
  private evict(at: number): void {
    let scanned = 0;
    for (const key of this.buckets.keys()) {
      if (this.unitsOf(key, at) >= this.limit.burst) {
        this.buckets.delete(key);
        return;
      }
      if (++scanned >= EVICTION_SCAN) break;
    }
    this.buckets.delete(this.buckets.keys().next().value!);
  }
}

/** What one operation asks for that the limits charge. */
export interface VerificationCount {
  /** Root public fields (verifyCertificate, verifyPresentation, annualReports, abnormalOperations: lib/public.ts), aliases and fragments included. */
  verifications: number;
  /** Those of them that pass a (non-null) `digest`. */
  digestChecks: number;
}

/**
 * Counts the public fields of an operation's root (lib/public.ts: the verifications, the annual reports, the abnormal list),
 * fragments expanded (so twenty aliases count twenty), and the verifyCertificate fields that pass
 * a digest — a literal, a variable sent with a value, or a variable's default.
 */
export function verificationsOf(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> = {}): VerificationCount {
  if (operation.operation !== 'query') return { verifications: 0, digestChecks: 0 };
  let verifications = 0;
  let digestChecks = 0;
  for (const field of fieldsOnType(operation.selectionSet, fragmentsOf(document))) {
    if (field.name.value === '__typename' || !isPublicQueryField(field.name.value)) continue;
    verifications++;
    if (field.name.value !== 'verifyCertificate') continue;
    const digest = field.arguments?.find((argument) => argument.name.value === 'digest')?.value;
    if (!digest || digest.kind === Kind.NULL) continue;
    if (digest.kind !== Kind.VARIABLE) {
      digestChecks++;
      continue;
    }
    const name = digest.name.value;
    const given = Object.hasOwn(variables, name)
      ? variables[name] !== null && variables[name] !== undefined
      : (operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue?.kind ?? Kind.NULL) !== Kind.NULL;
    if (given) digestChecks++;
  }
  return { verifications, digestChecks };
}

/** A refusal: which limit, after how many whole seconds to try again, and why. */
export interface RateLimitRefusal {
  limit: 'public' | 'digest';
  retryAfterSeconds: number;
  message: string;
}

/** What the limits have seen since the gateway started, for operators on /healthz. */
export interface RateLimitStats {
  /** Verifications let through to the nodes, by anyone. */
  verifications: number;
  /** Digest checks let through to the nodes, by anyone. */
  digestChecks: number;
  /** Requests refused with 429, by the limit that refused them. */
  refused: { public: number; digest: number };
  /** Keys remembered now, per bucket set. */
  clients: { public: number; digest: number };
  limits: { public: BucketLimit; digest: BucketLimit };
}

/** The gateway's two limits and their counters. */
export class RateLimiter {
  private readonly publicBuckets: TokenBuckets;
  private readonly digestBuckets: TokenBuckets;
  private readonly counters = { verifications: 0, digestChecks: 0, refused: { public: 0, digest: 0 } };

  constructor(options: RateLimitOptions = {}) {
    const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    const now = options.now ?? (() => performance.now());
    this.publicBuckets = new TokenBuckets(options.public ?? DEFAULT_PUBLIC_LIMIT, maxKeys, now);
    this.digestBuckets = new TokenBuckets(options.digest ?? DEFAULT_DIGEST_LIMIT, maxKeys, now);
  }

  /**
   * Charges one request: its verifications to the public bucket of `address` when the caller
   * has no token, its digest checks to the digest bucket of the address (public) or of the
   * principal. Either all charges are taken or, when one bucket cannot pay, none is and the
   * refusal says when to come back.
   */
  charge(principal: Principal, address: string, count: VerificationCount): RateLimitRefusal | null {
    const charges: Array<{ limit: 'public' | 'digest'; buckets: TokenBuckets; key: string; cost: number; what: string }> = [];
    if (principal.kind === 'public' && count.verifications > 0) {
      charges.push({ limit: 'public', buckets: this.publicBuckets, key: address, cost: count.verifications, what: 'verifications without a token' });
    }
    if (count.digestChecks > 0) {
      const key = principal.kind === 'public' ? `address:${address}` : `${principal.kind}:${principal.code}`;
      charges.push({ limit: 'digest', buckets: this.digestBuckets, key, cost: count.digestChecks, what: 'digest checks' });
    }
    for (const charge of charges) {
      const wait = charge.buckets.wait(charge.key, charge.cost);
      if (wait === 0) continue;
      this.counters.refused[charge.limit]++;
      const { burst, perSecond } = charge.buckets.limit;
      const rate = `${burst} at once, then ${perSecond} per second`;
      if (wait === Infinity) {
        return {
          limit: charge.limit,
          // A full bucket is as much as anyone gets; the request must be split.
          retryAfterSeconds: Math.max(1, Math.ceil(burst / perSecond)),
          message: `rate limited: this request asks for ${charge.cost} ${charge.what}, more than the ${burst} one client may make at once; split it`,
        };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(wait));
      return { limit: charge.limit, retryAfterSeconds, message: `rate limited: too many ${charge.what} (${rate}); try again in ${retryAfterSeconds} s` };
    }
    for (const charge of charges) charge.buckets.take(charge.key, charge.cost);
    this.counters.verifications += count.verifications;
    this.counters.digestChecks += count.digestChecks;
    return null;
  }

  stats(): RateLimitStats {
    return {
      verifications: this.counters.verifications,
      digestChecks: this.counters.digestChecks,
      refused: { ...this.counters.refused },
      clients: { public: this.publicBuckets.size, digest: this.digestBuckets.size },
      limits: { public: this.publicBuckets.limit, digest: this.digestBuckets.limit },
    };
  }
}

/** The eight 16-bit groups of an IPv6 address (zone dropped, an IPv4 tail as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!;
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left, right] = text.split('::') as [string, string | undefined];
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const groups = right === undefined ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return groups.map((group) => parseInt(group, 16));
}

/**
 * One spelling per address, or null for something that is not one: IPv4 as is, IPv4-mapped
 * IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket shows IPv4 peers) as IPv4, other IPv6 as
 * eight full lower-case groups. A `[v6]:port` or `v4:port` form, as some proxies write, is
 * read without the port.
 */
export function canonicalAddress(text: string): string | null {
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return null;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return groups.map((group) => group.toString(16)).join(':');
}

/** The key a client's address is limited by: an IPv4 address, or an IPv6 address's /64. */
function addressKey(canonical: string): string {
  return canonical.includes(':') ? `${canonical.split(':').slice(0, 4).join(':')}::/64` : canonical;
}

/**
 * The address a request's limits are keyed by. The socket's peer, unless that peer is one of
 * `trustedProxies` (canonical addresses): then X-Forwarded-For is read from the right, past
 * every trusted proxy, and the first other address is the client's. A client cannot choose
 * its key by sending X-Forwarded-For itself: a proxy appends the address it saw, so what the
 * client wrote stays to the left of it, and without a trusted proxy the header is ignored.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = canonicalAddress(req.socket.remoteAddress ?? '') ?? 'unknown';
  let client = peer;
  if (trustedProxies.has(peer)) {
    const forwarded = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = canonicalAddress(hops[i]!);
      // Whatever a proxy we trust did not write is not to be believed past this point.
      if (hop === null) break;
      client = hop;
      if (!trustedProxies.has(hop)) break;
    }
  }
  return addressKey(client);
}

/** Trusted proxy addresses as given in options or on the command line, in canonical form. */
export function trustedProxySet(addresses: readonly string[]): Set<string> {
  return new Set(
    addresses.map((address) => {
      const canonical = canonicalAddress(address);
      if (canonical === null) throw new RangeError(`not an IP address: ${JSON.stringify(address)}`);
      return canonical;
    }),
  );
}

/**
 * The plugin that applies `limiter` to each operation once every other check has passed (it
 * answers from `responseForOperation`, so a request refused for any other reason is not
 * charged): the refusal is HTTP 429 with `Retry-After`, before any node is asked.
 */
export function rateLimitPlugin<TContext extends { principal: Principal; clientAddress: string }>(limiter: RateLimiter): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, request, contextValue }): Promise<GraphQLResponse | null> {
          if (!operation) return null;
          const count = verificationsOf(document, operation, request.variables ?? {});
          const refusal = limiter.charge(contextValue.principal, contextValue.clientAddress, count);
          if (!refusal) return null;
          return {
            http: { status: 429, headers: new HeaderMap([['retry-after', String(refusal.retryAfterSeconds)]]) },
            body: {
              kind: 'single',
              singleResult: {
                errors: [{ message: refusal.message, extensions: { code: 'RATE_LIMITED', limit: refusal.limit, retryAfterSeconds: refusal.retryAfterSeconds } }],
              },
            },
          };
        },
      };
    },
  };
}
