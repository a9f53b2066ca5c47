import DataLoader from 'dataloader';
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

/** The most codes asked in one `_entities` request. */
const MAX_CODES_PER_REQUEST = 100;

/**
 * Reads catalog entries of one kind from the catalog subgraph of the node that keeps each,
 * over HTTP, as this node (catalog entries are the same for every authenticated principal),
 * with a small TTL cache shared by all requests and one request in flight per code. The codes
 * missed together (one tick: a 免提交 check's types) are asked in one `_entities` request per
 * node. Misses are not cached: an entry a steward has just defined must be usable at once.
 */
function remoteEntries<T>(typename: string, selection: string, options: RemoteCatalogOptions): (code: string) => Promise<T | null> {
  const query = entitiesQuery(typename, selection);
  const ttl = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const cache = new Map<string, { entry: T; expires: number }>();
  const inFlight = new Map<string, Promise<T | null>>();

  /** The entries of `codes` at `node`, in order: null where it keeps none, an error for each when it does not answer. */
  async function fetchAt(node: string, codes: readonly string[]): Promise<Array<T | null | Error>> {
    let entities: unknown[] | undefined;
    try {
      const body = await options.request(node, query, { r: codes.map((code) => ({ __typename: typename, code })) });
      entities = body.data?._entities ?? undefined;
    } catch (error) {
      return codes.map(() => error as Error);
    }
    return codes.map((code, i) => {
      const entry = entities?.[i] as T | null | undefined;
      if (entry === undefined) {
        return new GraphQLError(`the catalog of node ${node} did not answer`, { extensions: { code: 'NODE_UNAVAILABLE', node } });
      }
      if (entry) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
        cache.set(code, { entry, expires: Date.now() + ttl });
      }
      return entry;
    });
  }

  // A loader shared by every request of the node: catalog entries are the same for all of them.
  // It only batches; the TTL cache and the in-flight map above do the caching.
  const loader = new DataLoader<string, T | null>(
    async (codes) => {
      const byNode = new Map<string, string[]>();
      const answers = new Map<string, T | null | Error>();
      for (const code of codes) {
        let node: string;
        try {
          node = options.locate(code);
        } catch (error) {
          answers.set(code, error as Error);
          continue;
        }
        byNode.set(node, [...(byNode.get(node) ?? []), code]);
      }
      await Promise.all(
        [...byNode].map(async ([node, group]) => {
          const entries = await fetchAt(node, group);
          group.forEach((code, i) => answers.set(code, entries[i]!));
        }),
      );
      return codes.map((code) => answers.get(code)!);
    },
    { cache: false, maxBatchSize: MAX_CODES_PER_REQUEST },
  );

  return (code) => {
    const cached = cache.get(code);
    if (cached && cached.expires > Date.now()) return Promise.resolve(cached.entry);
    let pending = inFlight.get(code);
    if (!pending) {
      pending = loader.load(code).finally(() => inFlight.delete(code));
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
