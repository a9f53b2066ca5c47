import { getOperationAST, parse } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PUBLIC, type Principal } from '../lib/principal.js';
import { canonicalAddress, clientAddress, RateLimiter, TokenBuckets, trustedProxySet, verificationsOf } from './rate-limit.js';

/** A clock the test moves by hand, in milliseconds. */
function clock() {
  let ms = 0;
  return { now: () => ms, advance: (seconds: number) => void (ms += seconds * 1000) };
}

const count = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return verificationsOf(document, getOperationAST(document)!, variables);
};

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

const AGENCY: Principal = { kind: 'agency', code: '113500000000000RX8', name: null, roles: ['consumer'] };
const OTHER_AGENCY: Principal = { kind: 'agency', code: '11350100000000001W', name: null, roles: ['consumer'] };

describe('TokenBuckets', () => {
  it('lets a burst through, then says in seconds when the next unit is back', () => {
    const time = clock();
    const buckets = new TokenBuckets({ burst: 3, perSecond: 0.5 }, 10, time.now);
    for (let i = 0; i < 3; i++) {
      expect(buckets.wait('a', 1)).toBe(0);
      buckets.take('a', 1);
    }
    expect(buckets.wait('a', 1)).toBe(2);
    expect(buckets.wait('b', 1)).toBe(0);
    time.advance(2);
    expect(buckets.wait('a', 1)).toBe(0);
    time.advance(60);
    expect(buckets.wait('a', 3)).toBe(0);
  });

  it('never lets through more at once than the burst', () => {
    const buckets = new TokenBuckets({ burst: 3, perSecond: 1 }, 10, clock().now);
    expect(buckets.wait('a', 4)).toBe(Infinity);
  });

  it('keeps at most maxKeys keys, forgetting a full bucket before a busy one', () => {
    const time = clock();
    const buckets = new TokenBuckets({ burst: 2, perSecond: 1 }, 3, time.now);
    buckets.take('busy', 2);
    buckets.take('idle', 1);
    time.advance(1);
    // 'busy' has one unit back, 'idle' is full again: 'idle' goes although it is not the oldest.
    buckets.take('third', 1);
    buckets.take('fourth', 1);
    expect(buckets.size).toBe(3);
    expect(buckets.wait('busy', 2)).toBe(1);
    // Nothing full any more: the least recently used goes.
    buckets.take('fifth', 1);
    expect(buckets.size).toBe(3);
    expect(buckets.wait('busy', 2)).toBe(0);
  });
});

describe('verificationsOf', () => {
  it('counts every aliased verifyCertificate, through fragments too', () => {
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `v${i}: verifyCertificate(id: "x") { found }`).join(' ')} }`;
    expect(count(aliases)).toEqual({ verifications: 20, digestChecks: 0 });
    expect(count(`query { ...V ... on Query { w: verifyCertificate(id: "y") { found } } } fragment V on Query { verifyCertificate(id: "x") { found } }`)).toEqual({ verifications: 2, digestChecks: 0 });
    expect(count(`{ certificateTypes { code } }`)).toEqual({ verifications: 0, digestChecks: 0 });
  });

  it('counts the public annual reports and abnormal operations list as the verifications are counted (lib/public.ts)', () => {
    expect(count(`{ a: annualReports(uscc: "x") { year } b: annualReports(uscc: "y") { year } abnormalOperations { totalCount } }`)).toEqual({ verifications: 3, digestChecks: 0 });
  });

  it('counts a digest check for a literal digest, a variable sent with a value, and a variable default, not for null or a variable not sent', () => {
    const query = `query($d: String, $e: String = "abc", $f: String) {
      a: verifyCertificate(id: "x", digest: "abc") { found }
      b: verifyCertificate(id: "x", digest: $d) { found }
      c: verifyCertificate(id: "x", digest: $e) { found }
      d: verifyCertificate(id: "x", digest: null) { found }
      e: verifyCertificate(id: "x", digest: $f) { found }
      f: verifyCertificate(id: "x") { found }
    }`;
    expect(count(query, { d: 'abc', f: null })).toEqual({ verifications: 6, digestChecks: 3 });
    expect(count(query, {})).toEqual({ verifications: 6, digestChecks: 2 });
  });
});

describe('RateLimiter', () => {
  it('charges the public per verification and refuses the one past the burst with the seconds to wait', () => {
    const time = clock();
    const limiter = new RateLimiter({ public: { burst: 3, perSecond: 0.25 }, now: time.now });
    expect(limiter.charge(PUBLIC, '192.0.2.1', { verifications: 2, digestChecks: 0 })).toBeNull();
    expect(limiter.charge(PUBLIC, '192.0.2.1', { verifications: 1, digestChecks: 0 })).toBeNull();
    expect(limiter.charge(PUBLIC, '192.0.2.1', { verifications: 1, digestChecks: 0 })).toMatchObject({ limit: 'public', retryAfterSeconds: 4 });
    expect(limiter.charge(PUBLIC, '192.0.2.2', { verifications: 1, digestChecks: 0 })).toBeNull();
    expect(limiter.stats()).toMatchObject({ verifications: 4, digestChecks: 0, refused: { public: 1, digest: 0 }, clients: { public: 2, digest: 0 } });
  });

  it('does not limit what an authenticated caller verifies without a digest', () => {
    const limiter = new RateLimiter({ public: { burst: 1, perSecond: 0.001 }, digest: { burst: 1, perSecond: 0.001 } });
    for (let i = 0; i < 5; i++) expect(limiter.charge(AGENCY, '192.0.2.1', { verifications: 20, digestChecks: 0 })).toBeNull();
  });

  it('charges digest checks per principal for token holders, whatever the address', () => {
    const limiter = new RateLimiter({ digest: { burst: 2, perSecond: 0.001 } });
    expect(limiter.charge(AGENCY, '192.0.2.1', { verifications: 2, digestChecks: 2 })).toBeNull();
    expect(limiter.charge(AGENCY, '192.0.2.9', { verifications: 1, digestChecks: 1 })).toMatchObject({ limit: 'digest' });
    expect(limiter.charge(OTHER_AGENCY, '192.0.2.1', { verifications: 1, digestChecks: 1 })).toBeNull();
  });

  it('takes nothing from the public bucket when the digest bucket refuses', () => {
    const limiter = new RateLimiter({ public: { burst: 2, perSecond: 0.001 }, digest: { burst: 1, perSecond: 0.001 } });
    expect(limiter.charge(PUBLIC, '192.0.2.1', { verifications: 1, digestChecks: 1 })).toBeNull();
    expect(limiter.charge(PUBLIC, '192.0.2.1', { verifications: 1, digestChecks: 1 })).toMatchObject({ limit: 'digest' });
    expect(limiter.charge(PUBLIC, '192.0.2.1', { verifications: 1, digestChecks: 0 })).toBeNull();
  });

  it('tells a request larger than the burst to split itself', () => {
    const limiter = new RateLimiter({ digest: { burst: 10, perSecond: 0.1 } });
    const refusal = limiter.charge(AGENCY, '192.0.2.1', { verifications: 20, digestChecks: 20 });
    expect(refusal).toMatchObject({ limit: 'digest', retryAfterSeconds: 100 });
    expect(refusal!.message).toMatch(/20 digest checks, more than the 10 one client may make at once; split it/);
  });
});

describe('clientAddress', () => {
  it('is the socket peer, and X-Forwarded-For is ignored when the peer is not a trusted proxy', () => {
    expect(clientAddress(request('192.0.2.7', '203.0.113.5'), new Set())).toBe('192.0.2.7');
    expect(clientAddress(request('192.0.2.7', '203.0.113.5'), trustedProxySet(['192.0.2.8']))).toBe('192.0.2.7');
  });

  it('behind trusted proxies is the right-most forwarded address that is not one of them', () => {
    const proxies = trustedProxySet(['10.0.0.1', '10.0.0.2']);
    expect(clientAddress(request('10.0.0.1', '203.0.113.5'), proxies)).toBe('203.0.113.5');
    // What the client wrote itself stays to the left of what the proxies saw.
    expect(clientAddress(request('10.0.0.1', '198.51.100.1, 203.0.113.5, 10.0.0.2'), proxies)).toBe('203.0.113.5');
    // Garbage where an address should be: the last address a trusted proxy vouched for.
    expect(clientAddress(request('10.0.0.1', 'not-an-address'), proxies)).toBe('10.0.0.1');
  });

  it('reads IPv4-mapped IPv6 as IPv4 and keys IPv6 by its /64', () => {
    expect(canonicalAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientAddress(request('::ffff:192.0.2.7'), new Set())).toBe('192.0.2.7');
    expect(clientAddress(request('2001:db8:1:2::1'), new Set())).toBe('2001:db8:1:2::/64');
    expect(clientAddress(request('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), new Set())).toBe('2001:db8:1:2::/64');
    expect(clientAddress(request('::1'), trustedProxySet(['::1']))).toBe('0:0:0:0::/64');
    expect(() => trustedProxySet(['proxy.example'])).toThrow(/not an IP address/);
  });
});
