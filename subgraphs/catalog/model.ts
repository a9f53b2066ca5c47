import type { CatalogItem, CatalogType } from '../kit/catalog-lookup.js';
import type { CertificateTypeRow, MatterRow, StoredMaterial } from './db/schema.js';
import type { DefinitionComparison, TypeDefinition } from './definition.js';

/** A type kept at another node, as the catalog subgraph of that node described it. */
export interface RemoteCertificateType extends CatalogType {
  source: 'remote';
  definingAuthority: string;
  node: string;
}

/**
 * A type a grant names, known only by its code until a field other than `code` is read. The
 * gateway reads every agency's grants with `certificateType { code }` on its requests; that
 * must neither wait for nor depend on the node that keeps the type.
 */
export interface CertificateTypeKey {
  source: 'key';
  code: string;
}

/**
 * The change a defineCertificateType call made or, with dryRun, would make: what
 * CertificateTypeChange resolvers receive. The grants it affects are read only when asked for
 * (they are kept at the province node), by `affects`.
 */
export interface CertificateTypeChangeModel extends Omit<DefinitionComparison, 'affectedGrants'> {
  dryRun: boolean;
  /** The version redefined; null for a new type. */
  fromVersion: number | null;
  toVersion: number;
  requiresConfirmation: boolean;
  typeCode: string;
  affects: DefinitionComparison['affectedGrants'];
}

/**
 * A type as a defineCertificateType call defined it — or, with dryRun, would define it — with
 * its items and the change at hand: a dry run's type is in no table.
 */
export interface DefinedCertificateType extends TypeDefinition {
  source: 'defined';
  code: string;
  version: number;
  change: CertificateTypeChangeModel;
}

/** One version of a type (the CertificateTypeVersion mapper), from this node's table or another node's answer. */
export interface CertificateTypeVersionModel extends TypeDefinition {
  version: number;
  /** A Date from this node's table, ISO 8601 text from another node's answer. */
  definedAt: Date | string;
  definedBy: string | null;
}

/** A type whose fields are all at hand: a row of this node's catalog, another node's answer, or one just defined. */
export type DescribedCertificateType = CertificateTypeRow | RemoteCertificateType | DefinedCertificateType;

/** What CertificateType resolvers receive (the codegen mapper). */
export type CertificateTypeModel = DescribedCertificateType | CertificateTypeKey;

/** An item definition, from this node's table or inside another node's answer. */
export type ItemDefinitionModel = CatalogItem;

export const isRemoteType = (type: DescribedCertificateType): type is RemoteCertificateType => 'source' in type && type.source === 'remote';

export const isDefinedType = (type: DescribedCertificateType): type is DefinedCertificateType => 'source' in type && type.source === 'defined';

export const isTypeKey = (type: CertificateTypeModel): type is CertificateTypeKey => 'source' in type && type.source === 'key';

/**
 * Another node's description as a RemoteCertificateType. The catalog subgraph always answers
 * `definingAuthority` and `node`; a lookup that leaves them out cannot stand in for a catalog.
 */
export function remoteType(type: CatalogType): RemoteCertificateType {
  const { definingAuthority, node } = type;
  if (definingAuthority === undefined || node === undefined) {
    throw new Error(`the catalog lookup described type ${type.code} without its defining authority or node`);
  }
  return { ...type, source: 'remote', definingAuthority, node };
}

/** A material of a matter as its resolvers receive it: with the matter it belongs to, whose agency and code decide `readable`. */
export interface MatterMaterialModel extends StoredMaterial {
  matter: Pick<MatterRow, 'code' | 'agencyCode'>;
}
