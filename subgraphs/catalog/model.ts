import type { CatalogItem, CatalogType } from '../../lib/catalog-lookup.js';
import type { CertificateTypeRow } from './db/schema.js';

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

/** A type whose fields are all at hand: a row of this node's catalog, or another node's answer. */
export type DescribedCertificateType = CertificateTypeRow | RemoteCertificateType;

/** What CertificateType resolvers receive (the codegen mapper). */
export type CertificateTypeModel = DescribedCertificateType | CertificateTypeKey;

/** An item definition, from this node's table or inside another node's answer. */
export type ItemDefinitionModel = CatalogItem;

export const isRemoteType = (type: DescribedCertificateType): type is RemoteCertificateType => 'source' in type;

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
