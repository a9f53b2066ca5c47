import { GraphQLError } from 'graphql';
import type { CatalogLookup, CatalogType } from './catalog-lookup.js';

const TYPE_SELECTION = 'code name definingAuthority holderKind sharing validityYears issuers items { code name required sensitive } node';
const MATTER_SELECTION = 'code name agencyCode agencyName materials { certificateType items required note } node';

/** `_entities` of one catalog entity type, by code. */
const entitiesQuery = (typename: string, selection: string) => /* GraphQL */ `
  query HubCatalogLookup($r: [_Any!]!) {
    _entities(representations: $r) { ... on ${typename} { ${selection} } }
  }
`;

/** Asks another node's catalog subgraph on this node's own account (subgraphs/peers.ts). */
export type CatalogRequest = (
  node: string,
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: { _entities?: Array<unknown> } | null; errors?: Array<{ message: string }> }>;

export interface RemoteCatalogOptions {
  /** The node whose catalog keeps an entry (a type, a matter) with this code. */
  locate(code: string): string;
  request: CatalogRequest;
  /** How long an entry stays cached; a steward's redefinition reaches the other nodes within this. */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * Reads catalog entries of one kind from the catalog subgraph of the node that keeps each,
 * over HTTP, as this node (catalog entries are the same for every authenticated principal),
 * with a small TTL cache shared by all requests and one request in flight per code. Misses are
 * not cached: an entry a steward has just defined must be usable at once.
 */
function remoteEntries<T>(typename: string, selection: string, options: RemoteCatalogOptions): (code: string) => Promise<T | null> {
  const query = entitiesQuery(typename, selection);
  const ttl = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const cache = new Map<string, { entry: T; expires: number }>();
  const inFlight = new Map<string, Promise<T | null>>();

  async function fetchEntry(code: string): Promise<T | null> {
    const node = options.locate(code);
    const body = await options.request(node, query, { r: [{ __typename: typename, code }] });
    const entry = body.data?._entities?.[0] as T | null | undefined;
    if (entry === undefined) {
      throw new GraphQLError(`the catalog of node ${node} did not answer`, { extensions: { code: 'NODE_UNAVAILABLE', node } });
    }
    if (entry) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(code, { entry, expires: Date.now() + ttl });
    }
    return entry;
  }

  return (code) => {
    const cached = cache.get(code);
    if (cached && cached.expires > Date.now()) return Promise.resolve(cached.entry);
    let pending = inFlight.get(code);
    if (!pending) {
      pending = fetchEntry(code).finally(() => inFlight.delete(code));
      inFlight.set(code, pending);
    }
    return pending;
  };
}

/** Certificate types, from the catalog of each type's node (see remoteEntries). */
export function createRemoteCatalog(options: RemoteCatalogOptions): CatalogLookup {
  const getType = remoteEntries<CatalogType>('CertificateType', TYPE_SELECTION, options);
  return { getType };
}

/** A matter (事项) as its agency's node describes it: what a counter's check needs of it. */
export interface CatalogMatter {
  code: string;
  name: string;
  agencyCode: string;
  agencyName: string;
  materials: Array<{ certificateType: string; items: string[]; required: boolean; note: string | null }>;
  node: string;
}

/** How a subgraph reads matters it does not keep itself. */
export interface MatterLookup {
  getMatter(code: string): Promise<CatalogMatter | null>;
}

/** Matters, from the catalog of each matter's node (see remoteEntries). */
export function createRemoteMatters(options: RemoteCatalogOptions): MatterLookup {
  const getMatter = remoteEntries<CatalogMatter>('Matter', MATTER_SELECTION, options);
  return { getMatter };
}
