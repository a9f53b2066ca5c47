import DataLoader from 'dataloader';
import { asc, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { CatalogLookup, CatalogType } from '../kit/catalog-lookup.js';
import type { HubDatabase } from '../kit/db.js';
import { groupInKeyOrder, rowsInKeyOrder } from '../kit/loaders.js';
import type { PeerClient } from '../kit/peers.js';
import type { GrantClaim } from '../../lib/principal.js';
import {
  certificateTypes,
  certificateTypeVersions,
  itemDefinitions,
  matters,
  type CertificateTypeRow,
  type ItemDefinitionRow,
  type MatterRow,
} from './db/schema.js';
import type { AgencyGrantsBatch } from './readiness.js';
import { isRemoteType, remoteType, type CertificateTypeVersionModel, type DescribedCertificateType } from './model.js';

/** A type's version history as the node that keeps it answers. */
export interface TypeHistory {
  version: number;
  versions: CertificateTypeVersionModel[];
}

const HISTORY_QUERY = /* GraphQL */ `
  query HubTypeHistory($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on CertificateType {
        code version
        versions { version name definingAuthority holderKind sharing validityYears issuers items { code name required sensitive } definedAt definedBy }
      }
    }
  }
`;

const unavailable = (node: string, reason: string) =>
  new GraphQLError(`the catalog of node ${node} did not answer: ${reason}`, { extensions: { code: 'NODE_UNAVAILABLE', node } });

/**
 * Per-request loaders: each batch is one SQL statement, answers in key order. `remote` reads
 * the types this node does not keep from the catalogs of the nodes that do; `peers` asks those
 * nodes for what a CatalogLookup does not describe (a type's versions); `agencyGrants` reads
 * agencies' grants, which decide whether their matters are paperless-ready.
 */
export function createCatalogLoaders(db: HubDatabase, remote: CatalogLookup, agencyGrants: AgencyGrantsBatch, peers?: PeerClient) {
  const typeByCode = new DataLoader<string, CertificateTypeRow | null>(async (codes) => {
    const rows = await db
      .select()
      .from(certificateTypes)
      .where(sql`${certificateTypes.code} = ANY(${sql.param([...codes])})`);
    return rowsInKeyOrder(codes, rows, (row) => row.code);
  });
  const itemsByType = new DataLoader<string, ItemDefinitionRow[]>(async (codes) => {
    const rows = await db
      .select()
      .from(itemDefinitions)
      .where(sql`${itemDefinitions.typeCode} = ANY(${sql.param([...codes])})`)
      .orderBy(asc(itemDefinitions.typeCode), asc(itemDefinitions.position));
    return groupInKeyOrder(codes, rows, (row) => row.typeCode);
  });
  /**
   * Any type, wherever it is kept: this node's own rows in one statement (the row, not another
   * node's possibly cached answer, is the truth for a type kept here), then the rest from
   * their nodes in parallel. A node that does not answer fails only its own types.
   */
  const describedType = new DataLoader<string, DescribedCertificateType | null>(async (codes) => {
    const rows = await typeByCode.loadMany(codes);
    return Promise.all(
      codes.map(async (code, i): Promise<DescribedCertificateType | Error | null> => {
        const row = rows[i];
        if (row instanceof Error) return row;
        if (row) return row;
        try {
          const type = await remote.getType(code);
          return type && remoteType(type);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
  });
  const versionsByType = new DataLoader<string, CertificateTypeVersionModel[]>(async (codes) => {
    const rows = await db
      .select()
      .from(certificateTypeVersions)
      .where(sql`${certificateTypeVersions.typeCode} = ANY(${sql.param([...codes])})`)
      .orderBy(asc(certificateTypeVersions.typeCode), asc(certificateTypeVersions.version));
    return groupInKeyOrder(codes, rows, (row) => row.typeCode).map((versions) =>
      versions.map(({ version, definition, definedAt, definedBy }) => ({ ...definition, version, definedAt, definedBy })),
    );
  });
  /**
   * The history of types kept at other nodes (a grant at the province names them), asked of
   * each node once per batch. A node that does not answer fails only its own types.
   */
  const remoteHistory = new DataLoader<string, TypeHistory | null>(async (codes) => {
    const described = await describedType.loadMany(codes);
    const byNode = new Map<string, string[]>();
    codes.forEach((code, i) => {
      const type = described[i];
      if (type && !(type instanceof Error) && isRemoteType(type)) byNode.set(type.node, [...(byNode.get(type.node) ?? []), code]);
    });
    const answers = new Map<string, TypeHistory | null | Error>();
    await Promise.all(
      [...byNode].map(async ([node, nodeCodes]) => {
        try {
          if (!peers) throw unavailable(node, 'this node has no way to reach other nodes');
          const answer = await peers.request<{ _entities: Array<(TypeHistory & { code: string }) | null> }>(node, 'catalog', HISTORY_QUERY, {
            r: nodeCodes.map((code) => ({ __typename: 'CertificateType', code })),
          });
          const entities = answer.data?._entities;
          if (!entities) throw unavailable(node, answer.errors?.[0]?.message ?? 'no answer');
          nodeCodes.forEach((code, i) => answers.set(code, entities[i] ?? null));
        } catch (error) {
          for (const code of nodeCodes) answers.set(code, error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return codes.map((code, i) => {
      const type = described[i];
      if (type instanceof Error) return type;
      return answers.get(code) ?? null;
    });
  });
  const matterByCode = new DataLoader<string, MatterRow | null>(async (codes) => {
    const rows = await db
      .select()
      .from(matters)
      .where(sql`${matters.code} = ANY(${sql.param([...codes])})`);
    return rowsInKeyOrder(codes, rows, (row) => row.code);
  });
  return {
    typeByCode,
    itemsByType,
    describedType,
    versionsByType,
    remoteHistory,
    matterByCode,
    /** Each agency's grants read once per request, however many of its matters and materials ask. */
    agencyGrants: new DataLoader<string, GrantClaim[]>(agencyGrants),
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;

/**
 * The catalog as a CatalogLookup seen from this node, items included: a type kept here from
 * its own tables (no HTTP round trip to itself), any other from the node that keeps it.
 */
export function localFirstLookup(loaders: CatalogLoaders, node: string): CatalogLookup {
  return {
    async getType(code): Promise<CatalogType | null> {
      const type = await loaders.describedType.load(code);
      if (!type || isRemoteType(type)) return type;
      const items = await loaders.itemsByType.load(code);
      return {
        code: type.code,
        name: type.name,
        definingAuthority: type.definingAuthority,
        holderKind: type.holderKind,
        sharing: type.sharing,
        validityYears: type.validityYears,
        issuers: type.issuers,
        items: items.map(({ code: item, name, required, sensitive }) => ({ code: item, name, required, sensitive })),
        node,
      };
    },
  };
}
