import { SignJWT } from 'jose';
import type { SigningKey } from '../lib/keys.js';
import type { Role } from '../lib/principal.js';

/** The development identity provider of the embedded hub; production hubs trust a real one. */
export const DEV_IDP_ISSUER = 'ecert-hub-dev-idp';
export const HUB_AUDIENCE = 'ecert-hub';

export interface TokenRequest {
  sub: string;
  kind: 'agency' | 'holder';
  roles?: Role[];
  name?: string;
  ttlSeconds?: number;
}

/** Mints a bearer token as the development identity provider. */
export function mintToken(key: SigningKey, request: TokenRequest): Promise<string> {
  return new SignJWT({
    kind: request.kind,
    ...(request.kind === 'agency' ? { roles: request.roles ?? [] } : {}),
    ...(request.name ? { name: request.name } : {}),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(DEV_IDP_ISSUER)
    .setAudience(HUB_AUDIENCE)
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 3600}s`)
    .sign(key.privateKey);
}
