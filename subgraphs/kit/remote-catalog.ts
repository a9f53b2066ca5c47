import { GraphQLError } from 'graphql';
import type { CatalogLookup, CatalogType } from './catalog-lookup.js';

const TYPE_QUERY = /* GraphQL */ `
  query HubCatalogLookup($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on CertificateType {
        code name definingAuthority holderKind sharing validityYears issuers items { code name required sensitive } node
      }
    }
  }
`;

/** Asks another node's catalog subgraph on this node's own account (subgraphs/peers.ts). */
export type CatalogRequest = (
  node: string,
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: { _entities?: Array<CatalogType | null> } | null; errors?: Array<{ message: string }> }>;

export interface RemoteCatalogOptions {
  /** The node whose catalog keeps a type. */
  locate(typeCode: string): string;
  request: CatalogRequest;
  /** How long a type stays cached; a steward's redefinition reaches issuance and grants within this. */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * Reads certificate types from the catalog subgraph of the type's node over HTTP, as this node
 * (catalog entries are the same for every authenticated principal), with a small TTL cache
 * shared by all requests and one request in flight per type.
 */
export function createRemoteCatalog(options: RemoteCatalogOptions): CatalogLookup {
  const ttl = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const cache = new Map<string, { type: CatalogType; expires: number }>();
  const inFlight = new Map<string, Promise<CatalogType | null>>();

  async function fetchType(code: string): Promise<CatalogType | null> {
    const node = options.locate(code);
    const body = await options.request(node, TYPE_QUERY, { r: [{ __typename: 'CertificateType', code }] });
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

  return {
    getType(code) {
      const cached = cache.get(code);
      if (cached && cached.expires > Date.now()) return Promise.resolve(cached.type);
      let pending = inFlight.get(code);
      if (!pending) {
        pending = fetchType(code).finally(() => inFlight.delete(code));
        inFlight.set(code, pending);
      }
      return pending;
    },
  };
}
