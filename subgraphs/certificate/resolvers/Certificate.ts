import type { CertificateResolvers, ScanResolvers } from '../generated/resolvers.js';
import { scanIntact, scanTampered } from '../scan.js';
import { SEAL_ALGORITHM, signedPayloadOf } from '../sealing.js';
import { effectiveStatus, NATIONAL_STATUS_CODE } from '../status.js';
import { chainKey, versionId, versionNumber } from '../version-chain.js';

export const Certificate: CertificateResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.certificateById.load(reference.id),
  type: (certificate) => ({ code: certificate.typeCode }),
  // Only organisations are in the legal-entity registry; a person holder has no entity to link.
  holder: (certificate) => (certificate.holderKind === 'ORGANIZATION' ? { uscc: certificate.holderCode } : null),
  status: (certificate, _args, ctx) => effectiveStatus.of(certificate, ctx.today),
  statusCode: (certificate, _args, ctx) => NATIONAL_STATUS_CODE[effectiveStatus.of(certificate, ctx.today)],
  // A schedule whose day has come is the status already (status.ts), not pending any more.
  pendingStatus: (certificate, _args, ctx) =>
    certificate.pendingEffectiveOn !== null && certificate.pendingEffectiveOn > ctx.today ? certificate.pendingStatus : null,
  pendingEffectiveOn: (certificate, _args, ctx) =>
    certificate.pendingEffectiveOn !== null && certificate.pendingEffectiveOn > ctx.today ? certificate.pendingEffectiveOn : null,
  version: (certificate) => versionNumber(certificate),
  versions: (certificate, _args, ctx) => ctx.loaders.versionsByChain.load(chainKey(certificate)),
  previousVersion: (certificate, _args, ctx) => {
    const version = versionNumber(certificate);
    return version === 1 ? null : ctx.loaders.certificateById.load(versionId(certificate, version - 1));
  },
  nextVersion: (certificate, _args, ctx) =>
    certificate.status === 'SUPERSEDED' ? ctx.loaders.certificateById.load(versionId(certificate, versionNumber(certificate) + 1)) : null,
  items: async (certificate, _args, ctx) => {
    const items = await ctx.loaders.itemsByCertificate.load(certificate.id);
    // A 免提交 check shows only the items its matter needs (access.ts scopeItems).
    const scope = ctx.itemScopes.get(certificate.id);
    return scope ? items.filter((item) => scope.has(item.code)) : items;
  },
  statusHistory: (certificate, _args, ctx) => ctx.loaders.historyByCertificate.load(certificate.id),
  node: (_certificate, _args, ctx) => ctx.node.code,
  // Keys and items through their loaders: a list of sealed certificates costs no statement per row.
  seal: async (certificate, _args, ctx) => {
    if (certificate.sealKeyId === null || certificate.sealSignature === null) return null;
    const [items, key] = await Promise.all([
      ctx.loaders.itemsByCertificate.load(certificate.id),
      ctx.loaders.sealKeyById.load(certificate.sealKeyId),
    ]);
    if (!key) return null;
    return {
      algorithm: SEAL_ALGORITHM,
      keyId: key.keyId,
      publicKey: key.publicKey,
      signature: certificate.sealSignature,
      salt: certificate.sealSalt,
      signedPayload: signedPayloadOf(certificate, items),
    };
  },
  delivery: (certificate, _args, ctx) => ctx.loaders.deliveryByCertificate.load(certificate.id),
  scan: async (certificate, _args, ctx) => {
    if (certificate.scanDigest === null) return null;
    const scan = await ctx.loaders.scanByCertificate.load(certificate.id);
    return scan && { ...scan, digest: certificate.scanDigest };
  },
};

export const Scan: ScanResolvers = {
  // The document is handed out only while it is the one that was sealed.
  contentBase64: (scan) => {
    if (!scanIntact(scan.content, scan.digest)) throw scanTampered(scan.certificateId);
    return Buffer.from(scan.content.buffer, scan.content.byteOffset, scan.content.byteLength).toString('base64');
  },
};
