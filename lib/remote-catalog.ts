import { GraphQLError } from 'graphql';
import type { CatalogLookup, CatalogType } from './catalog-lookup.js';
import { HUB_CONTEXT_HEADER } from './hub-context.js';

const TYPE_QUERY = /* GraphQL */ `
  query HubCatalogLookup($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on CertificateType {
        code name definingAuthority holderKind sharing validityYears items { code name required sensitive } node
      }
    }
  }
`;

export interface RemoteCatalogOptions {
  /** The node whose catalog keeps a type, and that node's catalog subgraph URL. */
  locate(typeCode: string): { node: string; url: string };
  /** How long a type stays cached; a steward's redefinition reaches issuance and grants within this. */
  ttlMs?: number;
  timeoutMs?: number;
  maxEntries?: number;
}

/**
 * Reads certificate types from the catalog subgraph of the type's node over HTTP, on behalf of
 * the request (its signed gateway context is forwarded), with a small TTL cache shared by all
 * requests: catalog entries are the same for every authenticated principal.
 */
export function createRemoteCatalog(options: RemoteCatalogOptions): (token: string | undefined) => CatalogLookup {
  const ttl = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const cache = new Map<string, { type: CatalogType; expires: number }>();
  const inFlight = new Map<string, Promise<CatalogType | null>>();

  async function fetchType(code: string, token: string): Promise<CatalogType | null> {
    const { node, url } = options.locate(code);
    let body: { data?: { _entities?: Array<CatalogType | null> }; errors?: Array<{ message: string }> };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HUB_CONTEXT_HEADER]: token },
        body: JSON.stringify({ query: TYPE_QUERY, variables: { r: [{ __typename: 'CertificateType', code }] } }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      body = (await response.json()) as typeof body;
    } catch {
      throw new GraphQLError(`the catalog of node ${node} is unavailable`, { extensions: { code: 'NODE_UNAVAILABLE', node } });
    }
    const type = body.data?._entities?.[0];
    if (type === undefined) {
      throw new GraphQLError(`the catalog of node ${node} did not answer`, { extensions: { code: 'NODE_UNAVAILABLE', node } });
    }
    // Misses are not cached: a type a steward has just defined must be usable at once.
    if (type) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(code, { type, expires: Date.now() + ttl });
    }
    return type;
  }

  return (token) => ({
    getType(code) {
      const cached = cache.get(code);
      if (cached && cached.expires > Date.now()) return Promise.resolve(cached.type);
      if (!token) return Promise.reject(new Error('a catalog lookup needs the request context'));
      let pending = inFlight.get(code);
      if (!pending) {
        pending = fetchType(code, token).finally(() => inFlight.delete(code));
        inFlight.set(code, pending);
      }
      return pending;
    },
  });
}
