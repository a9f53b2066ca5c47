import type { DeliveryStatusValue, EventType } from '../events/db/schema.js';
import type { CertificateItemRow, CertificateRow } from './db/schema.js';
import type { CertificateStatus } from './generated/resolvers.js';

/** A LegalEntity as this subgraph knows it: only its key; the legal-entity subgraph owns the rest. */
export interface LegalEntityRef {
  uscc: string;
}

/** A CertificateType reference, resolved by the catalog subgraph. */
export interface CertificateTypeRef {
  code: string;
}

export interface CertificateEdgeModel {
  cursor: string;
  node: CertificateRow;
}

/** An external certificate's scan with the digest its seal covers (certificates.scan_digest). */
export interface ScanModel {
  certificateId: string;
  mediaType: string;
  size: number;
  content: Uint8Array;
  /** The sealed digest, not one computed from the content: Scan.contentBase64 compares the two. */
  digest: string;
}

export interface VerificationModel {
  id: string;
  found: boolean;
  status: CertificateStatus | null;
  signatureValid: boolean | null;
  digestMatches: boolean | null;
  typeName: string | null;
  issuerName: string | null;
  origin: 'ISSUED' | 'CONVERTED' | 'EXTERNAL' | null;
  issuerCode: string | null;
  sealedBy: string | null;
  declaredTypeName: string | null;
  declaredIssuerName: string | null;
  statement: string | null;
  salted: boolean | null;
  checkedAt: string;
  /** The newest version's id: `id` when current; null when not found. */
  currentId: string | null;
}

/** Which certificates a list names, already validated. Null members do not restrict. */
export interface CertificateFilterModel {
  holderCode: string | null;
  typeCode: string | null;
  statuses: readonly CertificateStatus[] | null;
  /** Whether versions a newer version replaced are listed too. */
  includeSuperseded: boolean;
}

/** A validated list request: filter, page size, position after which the page starts. */
export interface CertificateQuery {
  filter: CertificateFilterModel;
  first: number;
  after: { issuedOn: string; id: string } | null;
  /** The calendar day the request's effective statuses are computed for. */
  today: string;
}

/** The rows of one page, and whether more follow. */
export interface PageWindow {
  rows: CertificateRow[];
  hasNextPage: boolean;
}

export interface PageSource {
  window(): Promise<PageWindow>;
  count(): Promise<number>;
}

/**
 * One page of a certificate list (CertificateConnection). Nothing is read until a field needs
 * it: edges and pageInfo share one statement, totalCount is another, so a query selecting only
 * totalCount (or only edges) costs one statement.
 */
export class CertificatePage {
  #window: Promise<PageWindow> | undefined;
  #count: Promise<number> | undefined;

  constructor(
    /** What the page lists; null when the request's node filter leaves this node out. */
    readonly query: CertificateQuery | null,
    private readonly source: PageSource,
  ) {}

  /** A page of a list that does not include this node: no rows, no statement. */
  static empty(): CertificatePage {
    return new CertificatePage(null, { window: async () => ({ rows: [], hasNextPage: false }), count: async () => 0 });
  }

  window(): Promise<PageWindow> {
    return (this.#window ??= this.source.window());
  }

  totalCount(): Promise<number> {
    return (this.#count ??= this.source.count());
  }
}

/** Whether the holder received and read the message announcing a certificate (Certificate.delivery). */
export interface DeliveryModel {
  deliveredAt: Date | null;
  readAt: Date | null;
}

/** A webhook delivery with what it delivers (WebhookDelivery). */
export interface WebhookDeliveryModel {
  id: number;
  webhookId: string;
  eventSeq: number;
  eventType: EventType;
  certificateId: string | null;
  status: DeliveryStatusValue;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  responseStatus: number | null;
  lastError: string | null;
}

/** A presentation made (Mutation.presentCertificate), with whom it is about for the access log. */
export interface PresentationModel {
  token: string;
  url: string;
  expiresAt: Date;
  certificateId: string;
  holderCode: string;
}

/** What a presentation check answers (Query.verifyPresentation); items are the disclosed ones only. */
export interface PresentationCheckModel {
  valid: boolean;
  reason: string | null;
  status: CertificateStatus | null;
  typeName: string | null;
  issuerName: string | null;
  holderName: string | null;
  items: CertificateItemRow[];
  expiresAt: Date | null;
}
