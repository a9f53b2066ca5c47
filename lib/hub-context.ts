import { createHash, createPublicKey, KeyObject, randomUUID, sign, verify } from 'node:crypto';
import type { JWK } from 'jose';
import { unauthenticated } from './errors.js';
import type { SigningKey } from './keys.js';
import type { GrantClaim, HubContextClaims, Principal } from './principal.js';

/** The header that carries a signed request context to a subgraph. */
export const HUB_CONTEXT_HEADER = 'x-hub-context';
/**
 * Long enough for a slow write (a batch of the paper stock may take 30 s), short enough that
 * the nodes remember every context they have used until it expires.
 */
export const HUB_CONTEXT_TTL_SECONDS = 60;
/** How far a signer's clock may run ahead of a node's. */
const CLOCK_SKEW_SECONDS = 30;
const TYP = 'hub-context+jwt';

/** The `iss` of contexts the gateway signs for the requests of its clients. */
export const GATEWAY_ISSUER = 'ecert-hub-gateway';
/** The `iss` of contexts a node signs for its own calls to other nodes (catalog lookups, audit anchors). */
export const nodeIssuer = (node: string): string => `ecert-hub-node:${node}`;

/** The one subgraph of one node a context is good for. */
export interface ContextTarget {
  node: string;
  subgraph: string;
}

const audienceOf = (target: ContextTarget): string => `ecert-hub:${target.node}/${target.subgraph}`;

/** SHA-256 of the exact request body, base64url: binds a context to the operation and variables it came with. */
export function bodyDigest(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** Signs one fetch: the request's claims, bound to this target and this body. */
export type FetchSigner = (target: ContextTarget, body: string | Uint8Array) => string;

export interface ContextSigner {
  /**
   * The signer of one request's fetches. The claims are serialised once; each fetch adds its
   * own audience (node and subgraph), body digest, id and lifetime and is signed on its own, so
   * a context captured from one fetch opens nothing else.
   */
  prepare(claims: HubContextClaims): FetchSigner;
}

/**
 * Signs request contexts with `key` as `issuer` (the gateway, or a node for its own calls):
 * compact JWS, synchronously with node:crypto on a key object made once — a fetch costs one
 * Ed25519 (or P-256) signature, no more.
 */
export function contextSigner(key: SigningKey, issuer: string, ttlSeconds = HUB_CONTEXT_TTL_SECONDS): ContextSigner {
  const keyObject = key.privateKey instanceof KeyObject ? key.privateKey : KeyObject.from(key.privateKey as CryptoKey);
  const header = Buffer.from(JSON.stringify({ alg: key.alg, kid: key.kid, typ: TYP })).toString('base64url');
  const signWith =
    key.alg === 'EdDSA'
      ? (data: Buffer) => sign(null, data, keyObject)
      : (data: Buffer) => sign('sha256', data, { key: keyObject, dsaEncoding: 'ieee-p1363' });
  return {
    prepare(claims) {
      // Everything but the per-fetch members, without its closing brace.
      const common = JSON.stringify({
        principal: claims.principal,
        purpose: claims.purpose,
        rid: claims.requestId,
        crid: claims.clientRequestId ?? null,
        case: claims.caseNumber ?? null,
        grants: claims.grants,
        og: claims.grantsForOtherPurposes ?? [],
        iss: issuer,
      }).slice(0, -1);
      return (target, body) => {
        const iat = Math.floor(Date.now() / 1000);
        const bound = JSON.stringify({ aud: audienceOf(target), dig: bodyDigest(body), jti: randomUUID(), iat, exp: iat + ttlSeconds });
        const input = `${header}.${Buffer.from(`${common},${bound.slice(1)}`).toString('base64url')}`;
        return `${input}.${signWith(Buffer.from(input)).toString('base64url')}`;
      };
    },
  };
}

/** Whose contexts a node accepts: the gateway's keys, and each other node's keys for its own calls. */
export interface TrustedSigners {
  gateway: readonly JWK[];
  nodes: ReadonlyMap<string, readonly JWK[]>;
}

/** A context whose signature, audience and lifetime hold, not yet bound to its body. */
export interface CheckedContext {
  claims: HubContextClaims;
  /** The signer: the gateway, or the node that made the call. */
  signer: 'gateway' | { node: string };
  digest: string;
  jti: string;
  /** Milliseconds. */
  expiresAt: number;
}

interface TrustedKey {
  key: KeyObject;
  alg: 'EdDSA' | 'ES256';
  issuer: string;
  signer: CheckedContext['signer'];
}

const PRINCIPAL_KINDS = new Set(['agency', 'holder', 'public', 'service']);
const invalid = (reason: string) => unauthenticated(`the request context is not valid: ${reason}`);

/**
 * What a node checks of every request before it reads the body: the context is signed by the
 * gateway (or, for a node's own calls, by that node), meant for this node and this subgraph,
 * within its lifetime, and then — once the body is read — made for exactly this body and never
 * used before. A context captured on the wire therefore opens nothing but the one operation it
 * was signed for, once, at the one subgraph it was sent to.
 */
export class HubContextVerifier {
  private readonly byKid = new Map<string, TrustedKey>();
  private readonly withoutKid: TrustedKey[] = [];
  /** jti → expiry (ms), in the order used: the oldest expire first. */
  private readonly used = new Map<string, number>();

  constructor(
    private readonly node: string,
    trusted: TrustedSigners,
    private readonly now: () => number = Date.now,
  ) {
    const add = (jwk: JWK, issuer: string, signer: TrustedKey['signer']) => {
      if ('d' in jwk) throw new Error('a trusted context key must be a public key');
      const alg = jwk.kty === 'EC' ? 'ES256' : 'EdDSA';
      const entry = { key: createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }), alg, issuer, signer } as const;
      if (jwk.kid) {
        if (this.byKid.has(jwk.kid)) throw new Error(`two trusted context keys share the kid ${jwk.kid}`);
        this.byKid.set(jwk.kid, entry);
      } else {
        this.withoutKid.push(entry);
      }
    };
    for (const jwk of trusted.gateway) add(jwk, GATEWAY_ISSUER, 'gateway');
    for (const [code, keys] of trusted.nodes) for (const jwk of keys) add(jwk, nodeIssuer(code), { node: code });
  }

  /** Signature, signer, audience (this node, `subgraph`) and lifetime; throws UNAUTHENTICATED. */
  check(header: string | undefined, subgraph: string): CheckedContext {
    if (!header) throw unauthenticated('this subgraph answers only requests forwarded by the hub gateway');
    const parts = header.split('.');
    if (parts.length !== 3) throw invalid('not a compact JWS');
    const [head, body, signature] = parts as [string, string, string];
    let protectedHeader: { alg?: unknown; kid?: unknown; typ?: unknown };
    let payload: Record<string, unknown>;
    try {
      protectedHeader = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid('not JSON');
    }
    if (protectedHeader.typ !== TYP) throw invalid('not a hub context');
    const candidates = typeof protectedHeader.kid === 'string' ? [this.byKid.get(protectedHeader.kid)].filter((k) => k !== undefined) : this.withoutKid;
    const data = Buffer.from(`${head}.${body}`);
    const bytes = Buffer.from(signature, 'base64url');
    const trusted = candidates.find(
      (candidate) =>
        candidate.alg === protectedHeader.alg &&
        (candidate.alg === 'EdDSA' ? verify(null, data, candidate.key, bytes) : verify('sha256', data, { key: candidate.key, dsaEncoding: 'ieee-p1363' }, bytes)),
    );
    if (!trusted) throw invalid('not signed by a key this node trusts');
    if (payload['iss'] !== trusted.issuer) throw invalid('signed by a key of another issuer');
    if (payload['aud'] !== audienceOf({ node: this.node, subgraph })) throw invalid(`meant for another subgraph or node, not ${this.node}/${subgraph}`);
    const { exp, iat, jti, dig } = payload;
    const nowSeconds = this.now() / 1000;
    if (typeof exp !== 'number' || typeof iat !== 'number' || typeof jti !== 'string' || typeof dig !== 'string') throw invalid('incomplete');
    if (exp <= nowSeconds) throw invalid('expired');
    if (iat > nowSeconds + CLOCK_SKEW_SECONDS || exp - iat > HUB_CONTEXT_TTL_SECONDS) throw invalid('lifetime out of bounds');
    const principal = payload['principal'] as Principal | undefined;
    if (!principal || typeof principal !== 'object' || !PRINCIPAL_KINDS.has(principal.kind)) throw invalid('no principal');
    // The gateway speaks for its clients and for itself, a node only for itself.
    if (trusted.signer === 'gateway' ? principal.kind === 'service' && principal.code !== 'gateway' : principal.kind !== 'service' || principal.code !== trusted.signer.node) {
      throw invalid('a principal its signer may not speak for');
    }
    return {
      claims: {
        principal,
        purpose: typeof payload['purpose'] === 'string' ? payload['purpose'] : null,
        requestId: typeof payload['rid'] === 'string' ? payload['rid'] : jti,
        clientRequestId: typeof payload['crid'] === 'string' ? payload['crid'] : null,
        // A context from a gateway that did not forward case numbers yet has none: null.
        caseNumber: typeof payload['case'] === 'string' ? payload['case'] : null,
        grants: Array.isArray(payload['grants']) ? (payload['grants'] as GrantClaim[]) : [],
        grantsForOtherPurposes: Array.isArray(payload['og']) ? (payload['og'] as Array<{ type: string; items: string[] }>) : [],
      },
      signer: trusted.signer,
      digest: dig,
      jti,
      expiresAt: exp * 1000,
    };
  }

  /**
   * Binds a checked context to the body it came with and uses it up: the body must be the one
   * it was signed for, and a context is accepted once — a replay within its lifetime is refused.
   */
  consume(context: CheckedContext, body: Uint8Array): void {
    if (bodyDigest(body) !== context.digest) throw invalid('signed for another operation');
    const now = this.now();
    // Contexts are used in about the order they expire: forget those that can no longer be replayed.
    for (const [jti, expiresAt] of this.used) {
      if (expiresAt > now) break;
      this.used.delete(jti);
    }
    if (this.used.has(context.jti)) throw invalid('already used');
    this.used.set(context.jti, context.expiresAt);
  }
}
