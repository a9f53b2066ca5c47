import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CertificateRow, CertificateItemRow, StatusChangeRow, PublishedSealKey, CorrectionRequestRow, FollowUpRow } from '../db/schema.js';
import type { LegalEntityRef, CertificateTypeRef, CertificatePage, CertificateEdgeModel, VerificationModel, ScanModel, DeliveryModel, WebhookDeliveryModel, PresentationModel, PresentationCheckModel } from '../model.js';
import type { AccessRecordRow } from '../../audit/db/schema.js';
import type { ChainStatus, AnchorModel } from '../../audit/verify.js';
import type { InboxPage, InboxEdgeModel } from '../../events/inbox.js';
import type { EventRow, WebhookRow } from '../../events/db/schema.js';
import type { NodeSeqPage, NodeSeqEdge } from '../../kit/node-seq-page.js';
import type { RegistryChangeModel } from '../../events/registry-changes.js';
import type { MaterialCheckModel, MaterialResultModel } from '../material-check.js';
import type { FindingPage, FindingEdgeModel } from '../supervision/page.js';
import type { FindingModel } from '../supervision/findings.js';
import type { PermitRule } from '../supervision/rules.js';
import type { HeldCertificate } from '../supervision/holdings.js';
import type { CertificateContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** A point in time, ISO 8601. */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * One access record (用证记录) of a node's tamper-evident log: who read or changed whose
 * personal data, when, for what purpose, and which fields were actually returned.
 */
export type AccessRecord = {
  __typename?: 'AccessRecord';
  /** The actor's code: the agency's USCC, or the holder's own code when a holder read its data. */
  agency: Scalars['String']['output'];
  /**
   * The actor's name as its token gave it when the record was written (the agency's name, or the
   * holder's own); null for the public, the hub itself, a token without a name, and records
   * written before names were recorded. Covered by the record's hash.
   */
  agencyName?: Maybe<Scalars['String']['output']>;
  /** When the data was read or changed. */
  at: Scalars['DateTime']['output'];
  /**
   * 办件号: the case number of the application the read or change served (the request's
   * X-Case-Number, or the case number an operation was given); null without one, and on records
   * written before case numbers were recorded. Covered by the record's hash.
   */
  caseNumber?: Maybe<Scalars['String']['output']>;
  /** 证照标识 of the certificate the record is about; null when it is about none (a registry record, a seal key). */
  certificateId?: Maybe<Scalars['ID']['output']>;
  /** Name of the certificate's type (e.g. 道路运输经营许可证), as the node keeping the certificate has it; null when the record is about no certificate. */
  certificateTypeName?: Maybe<Scalars['String']['output']>;
  /**
   * The id of the holder's consent (授权用证) the read was allowed under; null when it needed none.
   * Covered by the record's hash.
   */
  consentId?: Maybe<Scalars['ID']['output']>;
  /**
   * The record's place in the hub's order of access records (newest first across all nodes):
   * pass it as accessLog's `after` to read the records that follow it.
   */
  cursor: Scalars['String']['output'];
  /** What a change changed, as JSON (e.g. a certificate type's definition before and after); null for reads. */
  detail?: Maybe<Scalars['String']['output']>;
  /** The fields returned (holderName, items.idNumber, …) or the change made (issueCertificate, …). */
  fields: Array<Scalars['String']['output']>;
  /** 持证主体代码 of the holder whose data it is; null when it is about no holder. */
  holderCode?: Maybe<Scalars['String']['output']>;
  /** Code of the node that keeps the record (and the data it is about). */
  node: Scalars['String']['output'];
  /** 用证事由, as the request stated it. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The record's sequence number in its node's chain: compare it with the chain's anchors (AuditChainStatus). */
  seq?: Maybe<Scalars['Int']['output']>;
};

/** What changes in a new version of a certificate, and why. */
export type AmendCertificateInput = {
  /** 持证主体名称 the holder's new name, at most 200 characters. Not with REISSUE. */
  holderName?: InputMaybe<Scalars['String']['input']>;
  /**
   * Items whose value changes, by code, each at most once; an empty value removes an optional item.
   * Items not given keep their value. Not with REISSUE.
   */
  items?: InputMaybe<Array<CertificateItemInput>>;
  /** 变更 AMEND, 延续 RENEW or 补发·换发 REISSUE. */
  kind: AmendmentKind;
  /** Why, 1 to 500 characters: kept in the history of both versions. */
  reason: Scalars['String']['input'];
  /** 有效期起始 the new first day of validity. Not with REISSUE. */
  validFrom?: InputMaybe<Scalars['Date']['input']>;
  /**
   * 有效期截止 the new last day of validity. RENEW must extend it (when absent, it is computed from
   * the type's validity years, counted from the day after the previous end). Not with REISSUE.
   */
  validUntil?: InputMaybe<Scalars['Date']['input']>;
};

/** What a new version of a certificate is (amendCertificate). */
export type AmendmentKind =
  /** 变更 amended: something on the face changed (items, the holder's name, the dates). */
  | 'AMEND'
  /** 补发·换发 reissued: the same face again, e.g. for a lost or damaged copy; nothing but the reason is given. */
  | 'REISSUE'
  /** 延续 renewed: the term is extended (validUntil later than the previous version's). */
  | 'RENEW';

/**
 * An anchor of a node's access log: the chain's head (last sequence number and hash) as it was when
 * anchored, kept at the province node, outside the node it is about. A chain that no longer has
 * that record with that hash was rewritten or truncated.
 */
export type AuditAnchor = {
  __typename?: 'AuditAnchor';
  /** When this head was first anchored. */
  anchoredAt: Scalars['DateTime']['output'];
  /** When this head was last found unchanged. */
  confirmedAt: Scalars['DateTime']['output'];
  /** That record's hash. */
  hash: Scalars['String']['output'];
  /** Code of the node whose chain was anchored. */
  node: Scalars['String']['output'];
  /** The sequence number of the chain's last record when anchored. */
  seq: Scalars['Int']['output'];
};

/** Whether a node's access log is intact: every record's hash recomputed, every link checked. */
export type AuditChainStatus = {
  __typename?: 'AuditChainStatus';
  /** Whether the anchors could be read; when not, only the chain's own links were checked. */
  anchorsAvailable: Scalars['Boolean']['output'];
  /** How many anchors the chain was compared with. */
  anchorsChecked: Scalars['Int']['output'];
  /** The first record whose content or link to the one before does not hold. */
  firstBrokenSeq?: Maybe<Scalars['Int']['output']>;
  /** Whether every record's hash and link hold (a truncated tail cannot be seen this way). */
  intact: Scalars['Boolean']['output'];
  /** When the chain's head was last anchored at the province node; null when never. */
  lastAnchorAt?: Maybe<Scalars['DateTime']['output']>;
  /** The hash (HMAC with the node's audit key) of the chain's last record; null for an empty chain. */
  lastHash?: Maybe<Scalars['String']['output']>;
  /** The sequence number of the chain's last record; null for an empty chain. */
  lastSeq?: Maybe<Scalars['Int']['output']>;
  /** Code of the node whose log was verified. */
  node: Scalars['String']['output'];
  /** Why the chain breaks there (a record rewritten, deleted or not keyed, or an anchor contradicted); null when intact. */
  reason?: Maybe<Scalars['String']['output']>;
  /** How many records its log holds. */
  records: Scalars['Int']['output'];
};

/**
 * An electronic certificate (电子证照), kept at the node of its issuing authority's region.
 * Its id is the 证照标识: 1.2.156.3005.2.{type code}.{issuer USCC}.{serial}.{version}.{check}.
 */
export type Certificate = {
  __typename?: 'Certificate';
  /**
   * Whether the holder has the certificate (政务通): when the message announcing it first reached
   * the holder's inbox, and when the holder read it. The issuing authority and the holder only.
   */
  delivery?: Maybe<Delivery>;
  /** The holder's registry record, for organisation holders. */
  holder?: Maybe<LegalEntity>;
  /**
   * 持证主体代码 the holder's resident ID number (PERSON) or USCC (ORGANIZATION). Like holderName,
   * holder and statusHistory: readable by the holder, the issuing authority, any agency when the
   * type is UNCONDITIONAL, and an agency with a grant for the request's purpose when it is
   * CONDITIONAL; else null with FORBIDDEN.
   */
  holderCode?: Maybe<Scalars['String']['output']>;
  /** Whether the holder (持证主体) is a person or an organisation. */
  holderKind?: Maybe<HolderKind>;
  /** 持证主体名称 the holder's name, as on the certificate. */
  holderName?: Maybe<Scalars['String']['output']>;
  /** 证照标识 the certificate's identifier, with its ISO 7064 MOD 37,36 check character. */
  id: Scalars['ID']['output'];
  /** 发证日期 date of issue. */
  issuedOn?: Maybe<Scalars['Date']['output']>;
  /**
   * USCC of the issuing authority. For an EXTERNAL certificate (外来证照): the agency that registered
   * it, which keeps and seals it; issuerName then names the authority outside the province, as the
   * registering agency read it from the scan.
   */
  issuerCode?: Maybe<Scalars['String']['output']>;
  /** 发证机关 name of the issuing authority, as on the certificate (for an EXTERNAL certificate: as on the scan, unverified). */
  issuerName?: Maybe<Scalars['String']['output']>;
  /**
   * The items on the face of the certificate (照面信息), in the type's printed order. Null with
   * FORBIDDEN when no item is open to the caller; an item that is not open keeps its code and
   * name but its value is null with FORBIDDEN.
   */
  items?: Maybe<Array<CertificateItem>>;
  /** The version that replaced this one; null for the newest. */
  nextVersion?: Maybe<Certificate>;
  /** Code of the node that keeps this certificate. */
  node: Scalars['String']['output'];
  /** The number printed on the certificate. */
  number?: Maybe<Scalars['String']['output']>;
  /** How the certificate came into the hub: issued, converted from paper, or registered from outside the province. */
  origin?: Maybe<CertificateOrigin>;
  /** The day pendingStatus takes effect; null when none is scheduled. */
  pendingEffectiveOn?: Maybe<Scalars['Date']['output']>;
  /**
   * A status change the issuing authority scheduled for a later day (changeCertificateStatus with
   * effectiveOn): the status the certificate takes on pendingEffectiveOn; null when none is scheduled.
   */
  pendingStatus?: Maybe<CertificateStatus>;
  /** The version this one replaced; null for the first. */
  previousVersion?: Maybe<Certificate>;
  /**
   * For an EXTERNAL certificate: the name of the agency that registered it from its scan (the
   * agency of issuerCode), which its seal vouches for; null for certificates issued or converted
   * in the province, and for external certificates registered before it was kept.
   */
  registrarName?: Maybe<Scalars['String']['output']>;
  /**
   * The scanned document of an EXTERNAL certificate (外来证照); null for certificates issued or
   * converted in the province. Readable by whoever may read every item of the certificate; its
   * SM3 digest is part of the seal.
   */
  scan?: Maybe<Scan>;
  /**
   * The electronic seal (电子印章): the issuing authority's SM2 signature over the canonical face. Only
   * for whoever may read every item of the certificate (the signed payload contains them all);
   * null for a certificate stored before seals.
   */
  seal?: Maybe<Seal>;
  /** 证照状态 the status today: EXPIRED is computed from validUntil, the others are as last set. */
  status?: Maybe<CertificateStatus>;
  /**
   * The national code of the status today (电子证照状态代码): 01 有效 VALID, 02 暂扣 SUSPENDED,
   * 03 撤销 WITHDRAWN, 04 注销 CANCELLED, 05 失效 EXPIRED and SUPERSEDED, 07 吊销 REVOKED.
   */
  statusCode?: Maybe<Scalars['String']['output']>;
  /** Every status change: who, when, from, to and why. */
  statusHistory?: Maybe<Array<StatusChange>>;
  /** 证照类型 the certificate's type in the catalog (电子证照目录). */
  type?: Maybe<CertificateType>;
  /**
   * The type's name as it was when the certificate was issued (a later rename in the catalog does
   * not change a certificate); for an EXTERNAL certificate, the name it was registered under.
   */
  typeName?: Maybe<Scalars['String']['output']>;
  /** 有效期起始 first day of validity. */
  validFrom?: Maybe<Scalars['Date']['output']>;
  /** 有效期截止 last day of validity; null when the certificate is valid without end. */
  validUntil?: Maybe<Scalars['Date']['output']>;
  /** The version in the 证照标识: 1 as first issued, one more for each amendCertificate. */
  version: Scalars['Int']['output'];
  /** Every version of the certificate, oldest first, this one included; each read under the same rules as a certificate. */
  versions: Array<Certificate>;
};

/** One page of a certificate list, in the order issuedOn descending then id ascending, across the nodes in scope. */
export type CertificateConnection = {
  __typename?: 'CertificateConnection';
  /** The certificates of the page, each with its cursor. */
  edges: Array<CertificateEdge>;
  /** Whether more certificates follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** How many certificates match the filter at all the nodes in scope, over every page. */
  totalCount: Scalars['Int']['output'];
};

/** What certificateStatistics groups by. */
export type CertificateDimension =
  /** The month it came into the hub (China time), YYYY-MM: when its first version was issued, converted or registered; a later version keeps its first version's month. */
  | 'ENTERED_MONTH'
  /** The issuing authority's USCC; label: its name. */
  | 'ISSUER'
  /** The month it was issued (issuedOn), YYYY-MM. */
  | 'MONTH'
  /** The node that keeps it; label: its name. */
  | 'NODE'
  /** How it came to the hub (ISSUED, CONVERTED, EXTERNAL); label: in Chinese. */
  | 'ORIGIN'
  /** The 6-digit region its issuer is registered in (characters 3–8 of the issuer's USCC), not the holder's: every certificate has one, a holder may live outside the province; label: the city, with the district's code. */
  | 'REGION'
  /** Its status today; label: the status in Chinese. */
  | 'STATUS'
  /** The certificate type's code; label: its name. */
  | 'TYPE'
  /** The year it was issued (issuedOn), YYYY. */
  | 'YEAR';

/** A certificate in a list, with its position. */
export type CertificateEdge = {
  __typename?: 'CertificateEdge';
  /** An opaque cursor of this position, the same on every node: pass it as `after` to continue. */
  cursor: Scalars['String']['output'];
  /** The certificate. */
  node: Certificate;
};

/** Which certificates a list holds; absent members do not restrict it. */
export type CertificateFilter = {
  /**
   * 持证主体代码: a resident ID number or a USCC. A holder may name only itself; its lists are always
   * its own certificates. An agency's list by holder holds (and counts) only the certificates whose
   * holder it may read — issued by it, of an UNCONDITIONAL type, or of a CONDITIONAL type it holds a
   * grant for, for the request's purpose — and the query is recorded in the access log as a read of
   * the holder.
   */
  holderCode?: InputMaybe<Scalars['String']['input']>;
  /**
   * Also list versions a newer version replaced (SUPERSEDED); absent or false lists only current
   * versions, unless `status` names SUPERSEDED.
   */
  includeSuperseded?: InputMaybe<Scalars['Boolean']['input']>;
  /** Codes of the nodes to search; all nodes when absent. */
  nodes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only certificates in one of these statuses (EXPIRED as computed for today). */
  status?: InputMaybe<Array<CertificateStatus>>;
  /** 证照类型代码 of the type: the defining authority's USCC followed by 3 digits. */
  typeCode?: InputMaybe<Scalars['ID']['input']>;
};

/** Who holds one certificate, for the hub's own checks (Query.certificateHolders). */
export type CertificateHolding = {
  __typename?: 'CertificateHolding';
  /** Whether it is the current version of its certificate (not SUPERSEDED); null when not found. */
  current?: Maybe<Scalars['Boolean']['output']>;
  /** Whether the node keeps a certificate with this id. */
  found: Scalars['Boolean']['output'];
  /** The holder's code (resident ID number or USCC); null when not found. */
  holderCode?: Maybe<Scalars['String']['output']>;
  /** Whether the holder is a person or an organisation; null when not found. */
  holderKind?: Maybe<HolderKind>;
  /** 证照标识 as asked. */
  id: Scalars['ID']['output'];
};

/** One item on the face of a certificate (照面信息项) with its value. */
export type CertificateItem = {
  __typename?: 'CertificateItem';
  /** The item's code in the type's catalog entry. */
  code: Scalars['String']['output'];
  /** 照面信息项名称 the item's name, as the type named it when the certificate was issued. */
  name: Scalars['String']['output'];
  /** The value on the face; null with FORBIDDEN when the item is not open to the caller (see Certificate.items). */
  value?: Maybe<Scalars['String']['output']>;
};

/** The value of one item on the face of a certificate (照面信息项). */
export type CertificateItemInput = {
  /** The item's code, one of the type's items. */
  code: Scalars['String']['input'];
  /** The value, at most 2000 characters. */
  value: Scalars['String']['input'];
};

/** Issued here, converted from the paper stock (存量证照), or brought in from outside the province (外来证照). */
export type CertificateOrigin =
  /** 存量证照电子化转换 converted from the paper stock (importCertificates). */
  | 'CONVERTED'
  /** 外来证照 issued outside the province and registered with its scan (registerExternalCertificate). */
  | 'EXTERNAL'
  /** 颁发 issued electronically by an authority of the province (issueCertificate). */
  | 'ISSUED';

/** Which certificates certificateStatistics counts: each list keeps those with one of its values; absent or empty lists and dates keep all. */
export type CertificateStatisticsFilter = {
  /** Only certificates that came into the hub on or after this day (China time; see ENTERED_MONTH). */
  enteredFrom?: InputMaybe<Scalars['Date']['input']>;
  /** Only certificates that came into the hub on or before this day (China time). */
  enteredTo?: InputMaybe<Scalars['Date']['input']>;
  /** Only certificates issued on or after this day. */
  issuedFrom?: InputMaybe<Scalars['Date']['input']>;
  /** Only certificates issued on or before this day. */
  issuedTo?: InputMaybe<Scalars['Date']['input']>;
  /** Only certificates issued by these authorities (USCCs). */
  issuers?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only the certificates these nodes keep. */
  nodes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only certificates of these origins. */
  origins?: InputMaybe<Array<CertificateOrigin>>;
  /** Only certificates whose issuer is registered in one of these 6-digit regions (a city covers its districts, 350000 the province). */
  regions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only certificates with one of these statuses today. */
  statuses?: InputMaybe<Array<CertificateStatus>>;
  /** Only certificates of these types. */
  typeCodes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/**
 * 有效 暂扣 过期 吊销 撤销 注销 失效. EXPIRED is never stored: it is computed from validUntil.
 * Certificate.statusCode gives each its national code (01 … 07).
 */
export type CertificateStatus =
  /** 注销 cancelled: final. */
  | 'CANCELLED'
  /** 过期 expired: a VALID or SUSPENDED certificate whose validUntil lies before today (China time); never stored, never set. */
  | 'EXPIRED'
  /** 吊销 revoked: final. */
  | 'REVOKED'
  /** 失效 superseded: a newer version of the certificate replaced it (amendCertificate); final, national code 05 as EXPIRED. */
  | 'SUPERSEDED'
  /** 暂扣 suspended: setting VALID again lifts the suspension. */
  | 'SUSPENDED'
  /** 有效 valid. */
  | 'VALID'
  /** 撤销 withdrawn: final. */
  | 'WITHDRAWN';

/**
 * A kind of certificate in the catalog (电子证照目录), defined by an authority and kept at the
 * node of that authority's region. Its code is the authority's USCC followed by three digits.
 */
export type CertificateType = {
  __typename?: 'CertificateType';
  /** 证照类型代码 certificate type code: the defining authority's 18-character USCC followed by 3 digits (21 characters). */
  code: Scalars['ID']['output'];
};

/** An error report (纠错) about a certificate, kept at the certificate's node. */
export type CorrectionRequest = {
  __typename?: 'CorrectionRequest';
  /** The certificate reported, read under its own rules. */
  certificate?: Maybe<Certificate>;
  /** 证照标识 of the certificate reported. */
  certificateId: Scalars['ID']['output'];
  /** For CORRECTED: the version that corrects it. */
  correctedVersion?: Maybe<Certificate>;
  /** When it was reported. */
  createdAt: Scalars['DateTime']['output'];
  /** What is wrong, as reported. */
  description: Scalars['String']['output'];
  /** The last day to answer: 5 working days (weekends skipped) after the report, by default. */
  dueOn: Scalars['Date']['output'];
  /** {node code}-{number}. */
  id: Scalars['ID']['output'];
  /** The codes of the items reported wrong. */
  items: Array<Scalars['String']['output']>;
  /** Code of the node that keeps it. */
  node: Scalars['String']['output'];
  /** Open after dueOn (China time). */
  overdue: Scalars['Boolean']['output'];
  /** Who reported it: the holder's code, or the agency's USCC. */
  reporter: Scalars['String']['output'];
  /** The issuing authority's answer; null while OPEN. */
  resolution?: Maybe<Scalars['String']['output']>;
  /** When it was answered; null while OPEN. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** USCC of the agency that answered; null while OPEN. */
  resolvedBy?: Maybe<Scalars['String']['output']>;
  /** Where it stands. */
  status: CorrectionStatus;
};

/** One page of error reports. */
export type CorrectionRequestConnection = {
  __typename?: 'CorrectionRequestConnection';
  /** The requests of the page, each with its cursor. */
  edges: Array<CorrectionRequestEdge>;
  /** Whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** How many match at every node in scope, over every page. */
  totalCount: Scalars['Int']['output'];
};

/** An error report in a page, with its position. */
export type CorrectionRequestEdge = {
  __typename?: 'CorrectionRequestEdge';
  /** An opaque cursor of this position: pass it as `after` to continue. */
  cursor: Scalars['String']['output'];
  /** The request. */
  node: CorrectionRequest;
};

/** Where an error report (纠错) stands. */
export type CorrectionStatus =
  /** The issuing authority made a newer version that corrects it. */
  | 'CORRECTED'
  /** Waiting for the issuing authority. */
  | 'OPEN'
  /** The issuing authority found nothing to correct, and said why. */
  | 'REJECTED';

/** Subscribes an agency to events. */
export type CreateWebhookInput = {
  /** Only events about these certificates and their newer versions (at most 1,000); absent for any. */
  certificateIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Which kinds of event, at least one. */
  events: Array<EventType>;
  /** The purpose the agency relies on the certificates for (as X-Purpose): its grants for it open holders' identity. */
  purpose?: InputMaybe<Scalars['String']['input']>;
  /** Only events about certificates of these types (at most 100); absent for any. */
  typeCodes?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** http or https URL on a host the operator allows (--webhook-allow), at most 2,000 characters, no user name or password. */
  url: Scalars['String']['input'];
};

/** How a certificate reached its holder: its announcement in the holder's inbox. */
export type Delivery = {
  __typename?: 'Delivery';
  /** When the holder first fetched the message announcing the certificate through `inbox`; null until then. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the holder marked that message read; null until then. */
  readAt?: Maybe<Scalars['DateTime']['output']>;
};

/** Where a delivery stands. */
export type DeliveryStatus =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Every attempt of its retry window failed, or its webhook no longer opens it to the agency. */
  | 'FAILED'
  /** Not yet received: due now, or waiting for its next attempt. */
  | 'PENDING';

/** What happened to data a node keeps. Every change appends one event, in the change's own transaction. */
export type EventType =
  /** A paper certificate was converted (存量证照电子化转换): importCertificates. */
  | 'CERTIFICATE_CONVERTED'
  /** A certificate issued outside the province was registered (外来证照): registerExternalCertificate. */
  | 'CERTIFICATE_EXTERNAL_REGISTERED'
  /** A certificate was issued (颁发): issueCertificate. */
  | 'CERTIFICATE_ISSUED'
  /** A certificate was replaced by a new version (变更 延续 补发): amendCertificate; about the new version. */
  | 'CERTIFICATE_NEW_VERSION'
  /** A certificate's status changed: changeCertificateStatus. */
  | 'CERTIFICATE_STATUS_CHANGED'
  /** An error report (纠错) about a certificate was answered: resolveCorrection. */
  | 'CORRECTION_RESOLVED'
  /** A legal entity was registered, or its registry record or status changed: registerLegalEntity. */
  | 'LEGAL_ENTITY_CHANGED'
  /** An agency sent a holder a notice: sendNotice. */
  | 'NOTICE';

/** One supervision finding (监管发现). */
export type Finding = {
  __typename?: 'Finding';
  /** The certificate it is about: the expired or revoked one, or one still valid of a closed entity; null otherwise. */
  certificate?: Maybe<FindingCertificate>;
  /** What was found, in words. */
  detail: Scalars['String']['output'];
  /** The entity it is about, as its node's registry has it. */
  entity: FindingEntity;
  /** `{USCC}/{kind}/{permit rule code, or the report year}`: stable while the situation lasts. */
  id: Scalars['ID']['output'];
  /** What it is. */
  kind: FindingKind;
  /** The permit rule that requires the licence (UNLICENSED, LICENCE_EXPIRED, LICENCE_REVOKED); null otherwise. */
  rule?: Maybe<FindingRule>;
  /** Since when: the day the certificate stopped being valid, the entity closed, the report was due (1 July), or the entity was established (UNLICENSED). */
  since?: Maybe<Scalars['Date']['output']>;
};

/** What supervision sees of a certificate: its metadata, never its items. */
export type FindingCertificate = {
  __typename?: 'FindingCertificate';
  /** Code of the holder. */
  holderCode: Scalars['String']['output'];
  /** 证照标识. */
  id: Scalars['ID']['output'];
  /** USCC of the issuing authority. */
  issuerCode: Scalars['String']['output'];
  /** Name of the issuing authority. */
  issuerName: Scalars['String']['output'];
  /** Code of the node that keeps it. */
  node: Scalars['String']['output'];
  /** 证照编号. */
  number: Scalars['String']['output'];
  /** The day it stopped being valid; null while it is valid. */
  since?: Maybe<Scalars['Date']['output']>;
  /** Its status today. */
  status: CertificateStatus;
  /** Code of its type. */
  typeCode: Scalars['String']['output'];
  /** Name of its type. */
  typeName: Scalars['String']['output'];
  /** 有效期截止; null when valid without end. */
  validUntil?: Maybe<Scalars['Date']['output']>;
};

/** A page of supervision findings, in id order across every node. */
export type FindingConnection = {
  __typename?: 'FindingConnection';
  /** The findings of the page, each with its cursor. */
  edges: Array<FindingEdge>;
  /** Whether more findings follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** How many findings match at every node, over every page: reads them all. */
  totalCount: Scalars['Int']['output'];
};

/** A finding in a page, with its position. */
export type FindingEdge = {
  __typename?: 'FindingEdge';
  /** Where the page stands after this finding. */
  cursor: Scalars['String']['output'];
  /** The finding. */
  node: Finding;
};

/** An entity a finding is about. */
export type FindingEntity = {
  __typename?: 'FindingEntity';
  /** 名称 its registered name. */
  name: Scalars['String']['output'];
  /** Code of the node whose registry keeps it. */
  node: Scalars['String']['output'];
  /** 登记状态 its status in the registry: ACTIVE, REVOKED or CANCELLED. */
  status: Scalars['String']['output'];
  /** 统一社会信用代码 (USCC). */
  uscc: Scalars['ID']['output'];
};

/** What a supervision finding is. */
export type FindingKind =
  /** 未按时报送年报: an operating entity, established by the end of the report year, without that year's annual report after 30 June of the next. */
  | 'ANNUAL_REPORT_MISSING'
  /** An entity revoked (吊销) or cancelled (注销) in the registry that still holds VALID certificates: their issuers should act. */
  | 'CLOSED_WITH_VALID_LICENCES'
  /** 许可过期后继续经营: an operating entity whose required certificate has expired (its latest), with none valid. */
  | 'LICENCE_EXPIRED'
  /** 吊销·撤销·注销（或暂扣）后继续经营: an operating entity whose required certificate was revoked, withdrawn, cancelled or suspended (its latest), with none valid. */
  | 'LICENCE_REVOKED'
  /** 无证经营: an operating entity whose business scope matches a permit rule holds no certificate of the type the rule requires, on any node. */
  | 'UNLICENSED';

/** The permit rule (后置审批) behind a finding. */
export type FindingRule = {
  __typename?: 'FindingRule';
  /** The activity it is about (e.g. 食品销售). */
  activity: Scalars['String']['output'];
  /** Code of the certificate type it requires. */
  certificateType: Scalars['String']['output'];
  /** Name of that type. */
  certificateTypeName?: Maybe<Scalars['String']['output']>;
  /** The rule's code (e.g. FOOD-SALE). */
  code: Scalars['String']['output'];
};

/**
 * A certificate whose holder changed in the registry (法人库) after it was issued: its issuing
 * authority should amend it, or end it, or say why not (dismissFollowUp).
 */
export type FollowUp = {
  __typename?: 'FollowUp';
  /** What changed. */
  cause: FollowUpCause;
  /** The certificate, read under its own rules. */
  certificate?: Maybe<Certificate>;
  /** 证照标识 of the certificate. */
  certificateId: Scalars['ID']['output'];
  /** When it closed; null while OPEN. */
  doneAt?: Maybe<Scalars['DateTime']['output']>;
  /** USCC of the holder. */
  holderCode: Scalars['String']['output'];
  /** {node code}-{number}. */
  id: Scalars['ID']['output'];
  /** Code of the node that keeps it. */
  node: Scalars['String']['output'];
  /** How it closed: the new version or final status, or the authority's note. */
  note?: Maybe<Scalars['String']['output']>;
  /** When the registry recorded the change. */
  since: Scalars['DateTime']['output'];
  /** Where it stands. */
  status: FollowUpStatus;
};

/** What changed in the registry about a certificate's holder. */
export type FollowUpCause =
  /** The holder was deregistered (注销). */
  | 'HOLDER_CANCELLED'
  /** The holder's name changed (名称变更): the certificate shows the old one. */
  | 'HOLDER_RENAMED'
  /** The holder's business licence was revoked (吊销). */
  | 'HOLDER_REVOKED';

/** One page of follow-ups. */
export type FollowUpConnection = {
  __typename?: 'FollowUpConnection';
  /** The follow-ups of the page, each with its cursor. */
  edges: Array<FollowUpEdge>;
  /** Whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** How many match, over every page. */
  totalCount: Scalars['Int']['output'];
};

/** A follow-up in a page, with its position. */
export type FollowUpEdge = {
  __typename?: 'FollowUpEdge';
  /** An opaque cursor of this position: pass it as `after` to continue. */
  cursor: Scalars['String']['output'];
  /** The follow-up. */
  node: FollowUp;
};

/** Whether a follow-up still needs the issuing authority. */
export type FollowUpStatus =
  /** A new version or a final status followed, or the authority dismissed it. */
  | 'DONE'
  /** The certificate still shows what the registry no longer says. */
  | 'OPEN';

/** Whether a certificate's holder (持证主体) is a person or an organisation. */
export type HolderKind =
  /** An organisation (法人或其他组织), identified by its unified social credit code (统一社会信用代码, USCC). */
  | 'ORGANIZATION'
  /** A natural person (自然人), identified by a resident ID number (居民身份证号码). */
  | 'PERSON';

/**
 * Certificates as supervision needs them (FindingCertificate's fields), as a table: the answer
 * between nodes to Query.supervisionHoldingTable.
 */
export type HoldingTable = {
  __typename?: 'HoldingTable';
  /** The name of each column, in the order of the values of a row: FindingCertificate's fields id, holderCode, typeCode, typeName, number, status, validUntil, since, issuerCode, issuerName. */
  columns: Array<Scalars['String']['output']>;
  /** One row per certificate: its values in the order of columns, null where it has none (validUntil, since). */
  rows: Array<Array<Maybe<Scalars['String']['output']>>>;
};

/** A row the rules of issueCertificate refuse. */
export type ImportRejection = {
  __typename?: 'ImportRejection';
  /** The input field at fault (number, holderCode, items …), as in issueCertificate without 'input.'. */
  field?: Maybe<Scalars['String']['output']>;
  /** The row's line, as the caller gave it. */
  line: Scalars['Int']['output'];
  /** Why the row was refused. */
  reason: Scalars['String']['output'];
};

/** What an importCertificates call did with its rows. */
export type ImportResult = {
  __typename?: 'ImportResult';
  /** Rows stored as new certificates. */
  imported: Scalars['Int']['output'];
  /** Rows the rules refused, with the reason for each; the others were not held back by them. */
  rejected: Array<ImportRejection>;
  /** Rows whose type and number this agency already holds: imported before, left as they are. */
  skipped: Scalars['Int']['output'];
};

/** One paper certificate to convert; `line` is the caller's reference (its CSV line), echoed in rejections. */
export type ImportRowInput = {
  /** Resident ID number (PERSON) or unified social credit code (ORGANIZATION). */
  holderCode: Scalars['String']['input'];
  /** Whether the holder (持证主体) is a person or an organisation; must be the type's. */
  holderKind: HolderKind;
  /** 持证主体名称 the holder's name. */
  holderName: Scalars['String']['input'];
  /** 发证日期, not after today. */
  issuedOn: Scalars['Date']['input'];
  /** The items on the face (照面信息) by code; the type's required items must have a value. */
  items: Array<CertificateItemInput>;
  /** The caller's reference for the row, e.g. its line in the CSV file. */
  line: Scalars['Int']['input'];
  /** The number printed on the paper certificate; a number this agency already holds for the type skips the row. */
  number: Scalars['String']['input'];
  /** 有效期起始 first day of validity. */
  validFrom: Scalars['Date']['input'];
  /** Absent: computed from the type's validity years, or no end for types without a fixed term. */
  validUntil?: InputMaybe<Scalars['Date']['input']>;
};

/** One page of an inbox, newest first. */
export type InboxConnection = {
  __typename?: 'InboxConnection';
  /** The messages of the page, each with its cursor. */
  edges: Array<InboxEdge>;
  /** Whether more messages follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** How many messages match at all nodes, over every page. */
  totalCount: Scalars['Int']['output'];
};

/** A message in an inbox page, with its position. */
export type InboxEdge = {
  __typename?: 'InboxEdge';
  /** An opaque cursor of this position, the same on every node: pass it as `after` to continue. */
  cursor: Scalars['String']['output'];
  /** The message. */
  node: InboxMessage;
};

/** A message in a holder's inbox (政务通): about one change to its data, or a notice. */
export type InboxMessage = {
  __typename?: 'InboxMessage';
  /** When the change was made, or the notice sent. */
  at: Scalars['DateTime']['output'];
  /** More: the certificate's number and authority, the reason of a status change, a notice's text. */
  body?: Maybe<Scalars['String']['output']>;
  /** The certificate it is about, read as the holder reads its own; null for a notice or a registry change. */
  certificate?: Maybe<Certificate>;
  /** {node code}-{sequence number}: unique in the province. */
  id: Scalars['ID']['output'];
  /** Code of the node that keeps it. */
  node: Scalars['String']['output'];
  /** When the holder marked it read; null while unread. */
  readAt?: Maybe<Scalars['DateTime']['output']>;
  /** One line, in Chinese, e.g. 您的食品经营许可证已签发. */
  title: Scalars['String']['output'];
  /** The EventType of the change: CERTIFICATE_ISSUED, CERTIFICATE_STATUS_CHANGED, NOTICE … */
  type: Scalars['String']['output'];
};

/** An electronic certificate (电子证照) to issue in the name of the calling agency. */
export type IssueCertificateInput = {
  /** Resident ID number (PERSON) or unified social credit code (ORGANIZATION), with a valid check character. */
  holderCode: Scalars['String']['input'];
  /** Whether the holder (持证主体) is a person or an organisation; must be the type's. */
  holderKind: HolderKind;
  /** 持证主体名称 the holder's name, at most 200 characters. */
  holderName: Scalars['String']['input'];
  /** 发证日期, not after today. */
  issuedOn: Scalars['Date']['input'];
  /** The items on the face (照面信息) by code, each at most once; the type's required items must have a value. */
  items: Array<CertificateItemInput>;
  /** The number printed on the certificate, at most 64 characters, unique for the type and issuing authority. */
  number: Scalars['String']['input'];
  /** 证照类型代码 of a type in the catalog (电子证照目录). */
  typeCode: Scalars['ID']['input'];
  /** 有效期起始 first day of validity. */
  validFrom: Scalars['Date']['input'];
  /** Absent: computed from the type's validity years, or no end for types without a fixed term. */
  validUntil?: InputMaybe<Scalars['Date']['input']>;
};

/**
 * A company or other organisation in the registry (法人库), keyed by its unified social credit
 * code (统一社会信用代码) and kept at the node of the region it registered in.
 */
export type LegalEntity = {
  __typename?: 'LegalEntity';
  /**
   * Certificates held by this entity, at every node, newest first: for the entity itself all of
   * them; for a consumer agency only those whose holder it may read (issued by it, of an
   * UNCONDITIONAL type, or of a CONDITIONAL type it holds a grant for, for the request's purpose),
   * and the read is recorded in the access log. What each certificate shows still depends on its
   * own rules.
   */
  certificates?: Maybe<Array<Certificate>>;
  /** 统一社会信用代码 (USCC, GB 32100-2015), 18 characters; characters 3–8 are the region it registered in. */
  uscc: Scalars['ID']['output'];
};


/**
 * A company or other organisation in the registry (法人库), keyed by its unified social credit
 * code (统一社会信用代码) and kept at the node of the region it registered in.
 */
export type LegalEntityCertificatesArgs = {
  status?: InputMaybe<Array<CertificateStatus>>;
};

/** What a 免提交 check found for one application (Query.checkMaterials). */
export type MaterialCheck = {
  __typename?: 'MaterialCheck';
  /** Whether every required material is ELECTRONIC: the application needs no paper certificate at all. */
  allPaperless: Scalars['Boolean']['output'];
  /** The applicant's code, as checked. */
  applicant: Scalars['String']['output'];
  /** 办件号 of the application. */
  caseNumber: Scalars['String']['output'];
  /** When the check was made (the latest of the nodes' answers). */
  checkedAt: Scalars['DateTime']['output'];
  /** One result per material, in the order the matter lists them. */
  materials: Array<MaterialCheckResult>;
  /** 事项编码 of the matter. */
  matter: Scalars['ID']['output'];
  /** The matter's name (e.g. 食品经营许可（新办）). */
  matterName: Scalars['String']['output'];
};

/** The 免提交 checks of one matter over some days (Query.materialCheckCounts). */
export type MaterialCheckCounts = {
  __typename?: 'MaterialCheckCounts';
  /** How many of them needed no paper certificate at all (allPaperless). */
  allPaperless: Scalars['Int']['output'];
  /** How many applications were checked. */
  checks: Scalars['Int']['output'];
  /** Per material type and outcome, how many checks ended so; types and outcomes in order, none with 0. */
  materials: Array<MaterialOutcomeCount>;
  /** 事项编码 of the matter. */
  matter: Scalars['ID']['output'];
};

/**
 * The outcome for one material, best first: a certificate that can be used electronically beats
 * one that needs the holder's consent, which beats an expired one, then one no longer valid; none
 * found is the last.
 */
export type MaterialCheckOutcome =
  /** 免提交: a VALID certificate whose seal verifies and whose needed items the agency may read for the matter; no paper needed. */
  | 'ELECTRONIC'
  /** A certificate of the type that has expired (过期), and none better: the applicant must renew it. */
  | 'EXPIRED'
  /** A VALID certificate whose seal verifies, but the agency may read the needed items only with the holder's consent (授权用证). */
  | 'NEEDS_CONSENT'
  /** The applicant holds no certificate of the type on any node that answered. */
  | 'NOT_FOUND'
  /** The certificate is revoked, withdrawn, cancelled, suspended, or its seal does not verify. */
  | 'NOT_VALID';

/** One material of a 免提交 check. */
export type MaterialCheckResult = {
  __typename?: 'MaterialCheckResult';
  /**
   * The certificate the outcome is about, when the agency may read whose it is for this matter:
   * its metadata and exactly the needed items it may read — no other item of it. Null when none
   * was found, or when the holder's consent is needed to read it.
   */
  certificate?: Maybe<Certificate>;
  /** Code of the certificate type the material is. */
  certificateType: Scalars['String']['output'];
  /** The type's name as the catalog has it; null when the catalog cannot be read. */
  certificateTypeName?: Maybe<Scalars['String']['output']>;
  /** Codes of the items the matter needs of it (empty: the certificate as such). */
  items: Array<Scalars['String']['output']>;
  /** The outcome. */
  outcome: MaterialCheckOutcome;
  /** Why the outcome is what it is, in words for the clerk (e.g. which status, until when). */
  reason: Scalars['String']['output'];
  /** Whether the matter cannot be handled without it. */
  required: Scalars['Boolean']['output'];
};

/** How many checks found one outcome for one material type. */
export type MaterialOutcomeCount = {
  __typename?: 'MaterialOutcomeCount';
  /** Code of the certificate type. */
  certificateType: Scalars['String']['output'];
  /** How many checks. */
  count: Scalars['Int']['output'];
  /** The outcome. */
  outcome: MaterialCheckOutcome;
};

/** One material's outcome in a check, as the gateway reports it (recordMaterialCheck). */
export type MaterialOutcomeInput = {
  /** Code of the certificate type. */
  certificateType: Scalars['String']['input'];
  /** The outcome the check answered. */
  outcome: MaterialCheckOutcome;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Makes the next version of a certificate the calling authority issued (issuers only): same
   * type, issuer and serial, the version segment one more, a new check character and a new seal,
   * checked by every rule of issueCertificate. The version amended becomes SUPERSEDED in the same
   * transaction. Only the newest version of a VALID (or, to renew it, EXPIRED) certificate can be
   * amended. Every input problem is BAD_USER_INPUT naming the field, and nothing is stored.
   */
  amendCertificate: Certificate;
  /**
   * Anchors every node's access log now (auditors; the gateway does it every minute): each node's
   * chain head is kept at the province node, where later verification compares the chain with it.
   */
  anchorAuditChains: Array<AuditAnchor>;
  /**
   * Changes the status of a certificate the calling agency issued (issuers only), recorded in its
   * history, today or on a later day (effectiveOn). REVOKED, WITHDRAWN and CANCELLED are final; an
   * expired certificate can only be revoked, withdrawn or cancelled; only the newest version of a
   * certificate changes status (SUPERSEDED is set by amendCertificate alone). A change made today
   * replaces a scheduled one; a new schedule replaces the one before.
   */
  changeCertificateStatus: Certificate;
  /**
   * Subscribes the calling agency to changes it relies on: every node POSTs each matching event to
   * `url`, signed (README › Webhooks). The agency receives only events about data whose metadata
   * it may read, and the holder's code only where it may read the holder.
   */
  createWebhook: Webhook;
  /** Deletes one of the calling agency's webhooks; its pending deliveries are dropped. False when there was none. */
  deleteWebhook: Scalars['Boolean']['output'];
  /** Closes a follow-up of the calling authority without a new version or status (issuers only). */
  dismissFollowUp: FollowUp;
  /**
   * Converts paper certificates of one type (存量证照电子化转换) in the name of the calling agency
   * (issuers only), at most 500 rows a call: each row is checked by the rules of issueCertificate
   * and stored as a CONVERTED, sealed certificate. A row whose number this agency already holds
   * for the type is skipped, so the same rows may be sent again; a row the rules refuse is
   * rejected, with its line, and does not stop the others.
   */
  importCertificates: ImportResult;
  /**
   * Issues a certificate in the name of the calling agency (issuers only): checked against the
   * type's catalog entry, stored VALID with origin ISSUED at the agency's node and sealed with its
   * current key. Every input problem is BAD_USER_INPUT naming the field, and nothing is stored.
   */
  issueCertificate: Certificate;
  /**
   * Marks messages of the calling holder's inbox read (holders only); ids of other holders' messages
   * are ignored. Returns how many messages changed from unread to read.
   */
  markRead: Scalars['Int']['output'];
  /**
   * Presents one of the calling holder's certificates (亮证): a token signed by the certificate's
   * node that verifyPresentation accepts until it expires, disclosing only the items chosen.
   * Holders only, of their own VALID certificates; recorded in the holder's access log.
   */
  presentCertificate: Presentation;
  /**
   * Keeps one anchor of a node's chain at the province node: called by that node itself (never by a
   * client) when anchorAuditChains asks it to.
   */
  recordAuditAnchor: AuditAnchor;
  /**
   * Records a random inspection draw (双随机抽查) the calling supervisor made from the supervision
   * findings (`npm run draw`), in the access log of the node of its region: the algorithm, the seed,
   * what was drawn from, and digests from which anybody can check the draw (README › Random
   * inspection draws). Supervisors only; every field is checked (BAD_USER_INPUT naming it).
   */
  recordInspectionDraw: Scalars['Boolean']['output'];
  /**
   * Counts a 免提交 check of a matter kept at this node (its outcomes per material and whether it
   * needed no paper): sent by the hub's gateway after it merged the nodes' answers, never by a
   * client. Nothing about the applicant is sent or kept.
   */
  recordMaterialCheck: Scalars['Boolean']['output'];
  /**
   * Sends a delivery of one of the calling agency's webhooks again: it becomes PENDING, due now,
   * with a new retry window; the receiver sees the same X-Ecert-Event-Id.
   */
  redeliver: WebhookDelivery;
  /**
   * Records a certificate issued outside the province (外来证照) in the name of the calling agency
   * (agencies with the external-registrar role), with its scanned document: stored at the agency's
   * node with origin EXTERNAL, type code = the agency's USCC + "000", sealed by the agency's key over
   * its face, the scan's SM3 digest and the agency's own name. Verification shows it as registered
   * by this agency from a scan, never as issued by the authority the scan names. The agency and
   * the holder read it; others only through a catalog entry for that type code (its sharing level
   * and grants). Scans count against the agency's daily quota (QUOTA_EXCEEDED beyond it).
   */
  registerExternalCertificate: Certificate;
  /**
   * Reports an error on a certificate (纠错): its holder, or an agency that may read it (its issuer,
   * a consumer agency). Kept at the certificate's node, due 5 working days later; the issuer
   * answers with resolveCorrection. At most 20 open requests per reporter and certificate.
   */
  reportCertificateError: CorrectionRequest;
  /**
   * Answers an error report about a certificate the calling authority issued (issuers only):
   * CORRECTED names the newer version that corrects it (made after the report), REJECTED says why
   * not. The holder's inbox gets a message.
   */
  resolveCorrection: CorrectionRequest;
  /**
   * Retires the calling authority's current seal key and makes a new one (issuers only). Later
   * certificates are sealed with the new key; earlier seals still verify with the retired one.
   */
  rotateSealKey: SealKey;
  /**
   * Sends a notice (通知) to a holder's inbox in the name of the calling agency (issuers only):
   * title at most 100 characters, body at most 2,000.
   */
  sendNotice: InboxMessage;
};


export type MutationAmendCertificateArgs = {
  id: Scalars['ID']['input'];
  input: AmendCertificateInput;
};


export type MutationChangeCertificateStatusArgs = {
  effectiveOn?: InputMaybe<Scalars['Date']['input']>;
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  status: CertificateStatus;
};


export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDismissFollowUpArgs = {
  id: Scalars['ID']['input'];
  note: Scalars['String']['input'];
};


export type MutationImportCertificatesArgs = {
  rows: Array<ImportRowInput>;
  typeCode: Scalars['ID']['input'];
};


export type MutationIssueCertificateArgs = {
  input: IssueCertificateInput;
};


export type MutationMarkReadArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationPresentCertificateArgs = {
  id: Scalars['ID']['input'];
  items?: InputMaybe<Array<Scalars['String']['input']>>;
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationRecordAuditAnchorArgs = {
  hash: Scalars['String']['input'];
  node: Scalars['String']['input'];
  seq: Scalars['Int']['input'];
};


export type MutationRecordInspectionDrawArgs = {
  input: RecordInspectionDrawInput;
};


export type MutationRecordMaterialCheckArgs = {
  allPaperless: Scalars['Boolean']['input'];
  matter: Scalars['ID']['input'];
  outcomes: Array<MaterialOutcomeInput>;
};


export type MutationRedeliverArgs = {
  delivery: Scalars['ID']['input'];
};


export type MutationRegisterExternalCertificateArgs = {
  input: RegisterExternalCertificateInput;
};


export type MutationReportCertificateErrorArgs = {
  input: ReportCertificateErrorInput;
};


export type MutationResolveCorrectionArgs = {
  correctedVersion?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  outcome: CorrectionStatus;
  reason: Scalars['String']['input'];
};


export type MutationSendNoticeArgs = {
  input: SendNoticeInput;
};

/** Where a page ends: of any list the hub pages (certificates, messages, reports, matters …). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the page's last row; null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more rows follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A certificate presented by its holder (亮证), to show as a QR code. */
export type Presentation = {
  __typename?: 'Presentation';
  /** When the token stops being accepted. */
  expiresAt: Scalars['DateTime']['output'];
  /**
   * The token: {payload}.{signature}, both base64url — the payload JSON names the node, its key,
   * the certificate, the disclosed item codes, a random nonce and the expiry; the signature is the
   * node's SM2-SM3 signature over the payload's bytes. verifyPresentation(token) checks it.
   */
  token: Scalars['String']['output'];
  /** A link on the hub's public URL that checks the token ({hub}/presentation?token=…): what the QR code shows. */
  url: Scalars['String']['output'];
};

/**
 * What verifyPresentation found: only what the holder chose to show, and only while the token is
 * valid. A token the node did not sign answers nothing; an expired one only when it expired.
 */
export type PresentationCheck = {
  __typename?: 'PresentationCheck';
  /** When the token expires (or expired); null when it is not genuine. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The holder's name; null unless valid. */
  holderName?: Maybe<Scalars['String']['output']>;
  /** The issuing authority's name, as verifyCertificate shows it (null for an EXTERNAL certificate); null as status is. */
  issuerName?: Maybe<Scalars['String']['output']>;
  /** The items the holder disclosed, with their values now, in the certificate's order; empty unless valid. */
  items: Array<CertificateItem>;
  /**
   * Why not, null when valid: BAD_SIGNATURE (not signed by a key of the node the token names, or
   * altered), EXPIRED, NOT_FOUND (the node no longer keeps the certificate) or
   * CERTIFICATE_NOT_VALID (its status now is not VALID). An unreadable token is BAD_USER_INPUT.
   */
  reason?: Maybe<Scalars['String']['output']>;
  /** The certificate's status now; null unless the token is genuine, unexpired and its certificate found. */
  status?: Maybe<CertificateStatus>;
  /** The certificate's type name, as verifyCertificate shows it (null for an EXTERNAL certificate); null as status is. */
  typeName?: Maybe<Scalars['String']['output']>;
  /** True when the token is genuine and unexpired and the certificate is VALID now. */
  valid: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * Access records, newest first across all nodes (`at` descending, then node code, then seq
   * descending), at most 500 at a time: auditors read any, a holder those about itself. To read
   * further, pass the last record's `cursor` as `after`; a page shorter than `first` is the last.
   */
  accessLog: Array<AccessRecord>;
  /**
   * The anchors kept of a node's access log, oldest first (auditors, and the node itself). Kept at
   * the province node.
   */
  auditAnchors: Array<AuditAnchor>;
  /** Verifies each node's access log against its keyed hashes and its anchors (auditors only): one status per node. */
  auditChain: Array<AuditChainStatus>;
  /**
   * One electronic certificate (电子证照) by its 证照标识, read at the node of its issuer's region;
   * null when that node does not keep it. A malformed id is BAD_USER_INPUT.
   */
  certificate?: Maybe<Certificate>;
  /**
   * Who holds each of the certificates named, one answer per id in the order given: read by the
   * province node on its own account (never by a client) to check that a holder gives consent
   * (授权用证) only for its own certificates. A certificate this node does not keep is not found.
   */
  certificateHolders: Array<CertificateHolding>;
  /**
   * How many certificates the nodes keep (统计), grouped by the dimensions of `groupBy` in that
   * order (none: one row, the total), for analysts, auditors and stewards: the current version of
   * each certificate (a replaced version is not counted again), its status as of today. Counts only:
   * nothing about any holder is returned or read, so no access record is written. Each node counts
   * its own in one SQL statement; the gateway adds the nodes' counts up. Rows come in the order of
   * their keys' values.
   */
  certificateStatistics: Array<StatisticsRow>;
  /** Certificates of the nodes in scope, issuedOn descending then id ascending. */
  certificates: CertificateConnection;
  /**
   * The 免提交 check a service counter runs for an application (办件): for each material the matter
   * (事项) needs, whether the applicant's certificate of that type can be used electronically, so
   * that the clerk asks for no paper copy of it. Only the matter's own agency (the first 18
   * characters of the matter code), in the consumer role. The reads are made for the matter: the
   * request's purpose (X-Purpose) is the matter code, and the case number goes into every access
   * record the request writes. Each node answers for the certificates it keeps (current versions
   * only); the gateway keeps, per material, the best outcome of every node.
   */
  checkMaterials: MaterialCheck;
  /**
   * Error reports (纠错) about the certificates the calling authority issued (issuers), kept at its
   * node, newest first.
   */
  correctionRequests: CorrectionRequestConnection;
  /**
   * Follow-ups (待核查) of the calling authority (issuers): its current certificates whose holder was
   * renamed, revoked (吊销) or cancelled (注销) in the registry, newest first.
   */
  followUps: FollowUpConnection;
  /**
   * The calling holder's inbox (政务通 / 卡包), newest first across every node (`at` descending,
   * then node code, then sequence descending): one message for each change to a certificate or
   * registry record of the holder, and each notice an agency sent it. Holders only. Fetching a
   * message marks it delivered.
   */
  inbox: InboxConnection;
  /**
   * How the 免提交 checks of a matter ended, day by day (China time) from `from` to `to` inclusive
   * (at most 366 days): counts only, nothing about who applied. Read at the node of the matter's
   * agency, which keeps them; for the matter's own agency, stewards, analysts and auditors.
   */
  materialCheckCounts: MaterialCheckCounts;
  /** The error reports (纠错) the caller made, holder or agency, newest first across every node. */
  myCorrectionRequests: CorrectionRequestConnection;
  /**
   * The keys a node signs its webhook deliveries and presentations with (SM2-SM3), oldest first:
   * public information, as sealKeys.
   */
  nodeKeys: Array<SealKey>;
  /**
   * The registry changes a node recorded that certificates follow (a holder renamed, revoked or
   * cancelled), after `after` in the node's event order: read by the other nodes on their own
   * account (never by a client) to make their follow-ups.
   */
  registryChanges: Array<RegistryChange>;
  /** The seal keys an issuing authority ever used, oldest first: public information. */
  sealKeys: Array<SealKey>;
  /**
   * Supervision findings (监管发现) over every node (supervisors only): businesses operating without
   * the licence their business scope needs (permit rules), on an expired or revoked one, closed with
   * licences still valid, or without their annual report — in the order of their ids (the entity's
   * USCC first). Each node finds them for the entities of its own registry, asking the other nodes
   * about those entities' certificates once per round of entities. The reads are made for the
   * purpose SUPERVISION. totalCount, when asked for, reads every finding: ask it only when needed.
   */
  supervisionFindings: FindingConnection;
  /**
   * The current certificates some holders hold at one node, for another node's supervision
   * findings, as a compact table (one row per certificate, no field resolved per value): asked by
   * the nodes on their own account, never by a client.
   */
  supervisionHoldingTable: HoldingTable;
  /**
   * The current certificates some holders hold at one node, for another node's supervision
   * findings: asked by the nodes on their own account, never by a client.
   * @deprecated Nodes ask supervisionHoldingTable: the same certificates, answered at a fraction of the cost. Kept for nodes of hub versions before it.
   */
  supervisionHoldings: Array<FindingCertificate>;
  /**
   * How the certificates the nodes keep were used (用证统计), grouped by the dimensions of `groupBy`
   * in that order (none: one row, the total), for analysts, auditors and stewards: agencies' reads
   * of shared data (READ, from the access log), public verifications (VERIFY, counted per type and
   * outcome without anyone's identity), 免提交 checks of materials (MATERIAL_CHECK, with their
   * outcome), inbox messages delivered to and read by holders (DELIVERY, READ_RECEIPT), and the
   * objects of random inspection draws (INSPECTION: how many were drawn for on-site checks). Counts
   * only: nothing about any holder is returned or read, so no access record is written. Each node
   * counts the uses of what it keeps in one SQL statement; the gateway adds the nodes' counts up.
   * Days are China time. Rows come in the order of their keys' values.
   */
  usageStatistics: Array<StatisticsRow>;
  /** Public: answers without a token. `digest`: SM3 hex of the signed payload, e.g. from a QR code. */
  verifyCertificate: Verification;
  /**
   * Public: checks a presentation (亮证) a holder made with presentCertificate — its node's
   * signature, its expiry, and the certificate's status now — and answers the disclosed items and
   * nothing else. Each check of a genuine token is recorded in the holder's access log, as the
   * checking agency when a token is sent, else as the public. Routed to the node the token names.
   */
  verifyPresentation: PresentationCheck;
  /**
   * Deliveries of one of the calling agency's webhooks, newest first across every node (each node
   * delivers the events of the data it keeps).
   */
  webhookDeliveries: Array<WebhookDelivery>;
  /** Every webhook, for the nodes that deliver events (kept at the province node; never a client's). */
  webhookSubscriptions: Array<WebhookSubscription>;
  /** The calling agency's webhooks, oldest first. Kept at the province node. */
  webhooks: Array<Webhook>;
};


export type QueryAccessLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  certificateId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  holderCode?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAuditAnchorsArgs = {
  node: Scalars['String']['input'];
};


export type QueryCertificateArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCertificateHoldersArgs = {
  ids: Array<Scalars['ID']['input']>;
  node: Scalars['String']['input'];
};


export type QueryCertificateStatisticsArgs = {
  filter?: InputMaybe<CertificateStatisticsFilter>;
  groupBy: Array<CertificateDimension>;
};


export type QueryCertificatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CertificateFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCheckMaterialsArgs = {
  applicant: Scalars['String']['input'];
  caseNumber: Scalars['String']['input'];
  matter: Scalars['ID']['input'];
};


export type QueryCorrectionRequestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<CorrectionStatus>;
};


export type QueryFollowUpsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<FollowUpStatus>;
};


export type QueryInboxArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  unreadOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryMaterialCheckCountsArgs = {
  from: Scalars['Date']['input'];
  matter: Scalars['ID']['input'];
  to: Scalars['Date']['input'];
};


export type QueryMyCorrectionRequestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<CorrectionStatus>;
};


export type QueryNodeKeysArgs = {
  node: Scalars['String']['input'];
};


export type QueryRegistryChangesArgs = {
  after: Scalars['Int']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  node: Scalars['String']['input'];
};


export type QuerySealKeysArgs = {
  issuer: Scalars['String']['input'];
};


export type QuerySupervisionFindingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SupervisionFindingsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySupervisionHoldingTableArgs = {
  holders: Array<Scalars['String']['input']>;
  node: Scalars['String']['input'];
  types?: InputMaybe<Array<Scalars['String']['input']>>;
  validOnly: Scalars['Boolean']['input'];
};


export type QuerySupervisionHoldingsArgs = {
  holders: Array<Scalars['String']['input']>;
  node: Scalars['String']['input'];
  types?: InputMaybe<Array<Scalars['String']['input']>>;
  validOnly: Scalars['Boolean']['input'];
};


export type QueryUsageStatisticsArgs = {
  filter?: InputMaybe<UsageStatisticsFilter>;
  groupBy: Array<UsageDimension>;
};


export type QueryVerifyCertificateArgs = {
  digest?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type QueryVerifyPresentationArgs = {
  token: Scalars['String']['input'];
};


export type QueryWebhookDeliveriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<DeliveryStatus>;
  webhook: Scalars['ID']['input'];
};

/** A random inspection draw (双随机) to record: what it was drawn from, and how. */
export type RecordInspectionDrawInput = {
  /** The published algorithm, e.g. ecert-hub-draw/1. */
  algorithm: Scalars['String']['input'];
  /** How many were drawn: the smaller of size and population. */
  drawn: Scalars['Int']['input'];
  /** SHA-256 (lowercase hex) of the drawn ids in draw order, each followed by a line feed. */
  drawnDigest: Scalars['String']['input'];
  /** How many inspectors were drawn from, at least 2; absent when none were assigned. */
  inspectors?: InputMaybe<Scalars['Int']['input']>;
  /** SHA-256 (lowercase hex) of the inspectors' ids in code point order, each followed by a line feed; with inspectors only. */
  inspectorsDigest?: InputMaybe<Scalars['String']['input']>;
  /** The kind of findings drawn from; absent for findings of every kind. */
  kind?: InputMaybe<FindingKind>;
  /** How many findings the population held. */
  population: Scalars['Int']['input'];
  /** SHA-256 (lowercase hex) of the population's ids in code point order, each followed by a line feed. */
  populationDigest: Scalars['String']['input'];
  /** The 6-digit region the findings were limited to; absent for every region. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** The published seed, exactly as used: 1 to 200 characters, no control characters, no white space at either end, NFC. */
  seed: Scalars['String']['input'];
  /** How many objects were asked for, 1 to 100,000. */
  size: Scalars['Int']['input'];
  /** Codes of the nodes that did not answer, so that their findings are missing from the population; absent or empty when every node answered. */
  unavailableNodes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A certificate issued outside the province (外来证照) to register, as printed on it. */
export type RegisterExternalCertificateInput = {
  /** Resident ID number (PERSON) or unified social credit code (ORGANIZATION). */
  holderCode: Scalars['String']['input'];
  /** Whether the holder (持证主体) is a person or an organisation. */
  holderKind: HolderKind;
  /** 持证主体名称 the holder's name, at most 200 characters. */
  holderName: Scalars['String']['input'];
  /** 发证日期, not after today; also the first day of validity. */
  issuedOn: Scalars['Date']['input'];
  /** The issuing authority outside the province, as printed. */
  issuerName: Scalars['String']['input'];
  /** The number printed on the certificate. */
  number: Scalars['String']['input'];
  /** The scanned document of the certificate. */
  scan: ScanInput;
  /** The certificate's type as printed, e.g. 营业执照 (上海市). */
  typeName: Scalars['String']['input'];
  /** Absent: valid without end. */
  validUntil?: InputMaybe<Scalars['Date']['input']>;
};

/** A change in a node's registry that certificates follow (Query.registryChanges). */
export type RegistryChange = {
  __typename?: 'RegistryChange';
  /** When it was recorded. */
  at: Scalars['DateTime']['output'];
  /** What changed: one or more causes. */
  causes: Array<FollowUpCause>;
  /** The event's sequence number at its node. */
  seq: Scalars['Int']['output'];
  /** USCC of the entity. */
  uscc: Scalars['ID']['output'];
};

/** An error on a certificate to report. */
export type ReportCertificateErrorInput = {
  /** 证照标识 of the certificate. */
  certificateId: Scalars['ID']['input'];
  /** What is wrong, 1 to 1,000 characters. */
  description: Scalars['String']['input'];
  /** Codes of the items that are wrong, each one of the certificate type's items; empty when the error is elsewhere. */
  items: Array<Scalars['String']['input']>;
};

/** A scanned document (PDF or image) kept with an external certificate. */
export type Scan = {
  __typename?: 'Scan';
  /** The document, base64 (RFC 4648, with padding). */
  contentBase64: Scalars['String']['output'];
  /** SM3 of the document, hex: the scanDigest of the certificate's signed payload. */
  digest: Scalars['String']['output'];
  /** application/pdf, image/jpeg, image/png, image/tiff or image/webp. */
  mediaType: Scalars['String']['output'];
  /** Size in bytes (at most 10 MB). */
  size: Scalars['Int']['output'];
};

/** A scanned document (PDF or image) to keep with an external certificate. */
export type ScanInput = {
  /** The document, base64; at most 10 MB decoded. */
  contentBase64: Scalars['String']['input'];
  /** application/pdf, image/jpeg, image/png, image/tiff or image/webp; the content must match it. */
  mediaType: Scalars['String']['input'];
};

/** An SM2 signature (GM/T 0003, SM3 digest, signer ID 1234567812345678) over a certificate's face. */
export type Seal = {
  __typename?: 'Seal';
  /** Always SM2-SM3. */
  algorithm: Scalars['String']['output'];
  /** The issuing authority's key that signed (see Query.sealKeys). */
  keyId: Scalars['String']['output'];
  /** The key's public key, uncompressed: '04' + 128 hex digits. */
  publicKey: Scalars['String']['output'];
  /**
   * The random salt (128 bits, hex) sealed with the face, so that a digest cannot be confirmed by
   * guessing a withheld value; null for a seal made before salts (unsalted).
   */
  salt?: Maybe<Scalars['String']['output']>;
  /** DER, hex. */
  signature: Scalars['String']['output'];
  /**
   * The RFC 8785 canonical JSON of the face — id, number, typeCode, holderKind, holderCode,
   * holderName, issuerCode, issuerName, issuedOn, validFrom, validUntil, items (code → value), and
   * salt, scanDigest and registrarName where the certificate has them — recomputed from the
   * certificate as it is stored now. Its SM3 hex is the verification digest.
   */
  signedPayload: Scalars['String']['output'];
};

/** A seal key of an issuing authority: every key ever used stays published, retired or not. */
export type SealKey = {
  __typename?: 'SealKey';
  /** Always SM2-SM3. */
  algorithm: Scalars['String']['output'];
  /** When the key was made: at the authority's first sealing, or when it was rotated in. */
  createdAt: Scalars['DateTime']['output'];
  /** USCC of the issuing authority. */
  issuer: Scalars['String']['output'];
  /** The key's id: {issuer USCC}-{yyyymmdd of creation}-{n}. */
  keyId: Scalars['ID']['output'];
  /** The public key, uncompressed: '04' + 128 hex digits. The private key never leaves the node. */
  publicKey: Scalars['String']['output'];
  /** Null for the authority's current key. */
  retiredAt?: Maybe<Scalars['DateTime']['output']>;
};

/** A notice to a holder's inbox. */
export type SendNoticeInput = {
  /** At most 2,000 characters. */
  body: Scalars['String']['input'];
  /** The holder's resident ID number or USCC. */
  holderCode: Scalars['String']['input'];
  /** At most 100 characters. */
  title: Scalars['String']['input'];
};

/** The value of one dimension for a group of statistics. */
export type StatisticsKey = {
  __typename?: 'StatisticsKey';
  /** The dimension (a value of CertificateDimension or UsageDimension). */
  dimension: Scalars['String']['output'];
  /** What a reader calls it: the name of the type, issuer, agency, node or region, the status, kind or outcome in Chinese; the value itself for a purpose, day, month or year. */
  label: Scalars['String']['output'];
  /** Its value: a code, a status, a kind, a purpose, YYYY-MM-DD, YYYY-MM or YYYY. */
  value: Scalars['String']['output'];
};

/** One group of certificateStatistics or usageStatistics: its keys, in the order of groupBy, and how many certificates (or uses) it holds. */
export type StatisticsRow = {
  __typename?: 'StatisticsRow';
  /** How many certificates (or uses) the group holds, over every node asked. */
  count: Scalars['Int']['output'];
  /** The group's value of each dimension of groupBy, in its order. */
  keys: Array<StatisticsKey>;
};

/** One entry of a certificate's status history: its issuance, or a change of status. */
export type StatusChange = {
  __typename?: 'StatusChange';
  /** Code of the agency that made the change. */
  actor: Scalars['String']['output'];
  /** When the change was made. */
  at: Scalars['DateTime']['output'];
  /** The day the change took effect (China time): the day it was made, or the effectiveOn it was given or scheduled for. */
  effectiveOn: Scalars['Date']['output'];
  /** Null for the issuance itself. */
  from?: Maybe<CertificateStatus>;
  /** Why: the reason the issuing authority gave, or 颁发 issued / 存量转换 converted / 外来证照登记 registered for the first entry. */
  reason: Scalars['String']['output'];
  /** The status set (VALID for the issuance, SUPERSEDED when a newer version replaced it). */
  to: CertificateStatus;
};

/** Which supervision findings to list. */
export type SupervisionFindingsFilter = {
  /** Only these kinds; every kind when absent or empty. */
  kinds?: InputMaybe<Array<FindingKind>>;
  /** Only the entities of these nodes' registries; every node when absent. */
  nodes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only entities of this 6-digit region (by their USCC): a city covers its districts. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** Only findings whose `since` is on or after this day. */
  since?: InputMaybe<Scalars['Date']['input']>;
};

/** What usageStatistics groups by. A use without a value of the dimension (a verification has no agency) has the value '' (label —). */
export type UsageDimension =
  /** The agency's USCC: the reader (READ), the drawing supervisor (INSPECTION), the matter's agency (MATERIAL_CHECK), the agency whose change the message told of (DELIVERY, READ_RECEIPT); label: its name where recorded. */
  | 'AGENCY'
  /** The day of the use (China time), YYYY-MM-DD. */
  | 'DAY'
  /** The kind of use (a value of UsageKind); label: in Chinese. */
  | 'KIND'
  /** The month of the use (China time), YYYY-MM. */
  | 'MONTH'
  /** The node that keeps what was used; label: its name. */
  | 'NODE'
  /** How it ended: VERIFY — VALID, NOT_VALID (found, not valid today), TAMPERED (signature or digest does not match), NOT_FOUND; MATERIAL_CHECK — the outcome of the material (ELECTRONIC, NEEDS_CONSENT, EXPIRED, NOT_VALID, NOT_FOUND); label: in Chinese. */
  | 'OUTCOME'
  /** 用证事由 as the request stated it (READ, INSPECTION). */
  | 'PURPOSE'
  /** The certificate type's code; label: its name. */
  | 'TYPE';

/** The uses usageStatistics counts. */
export type UsageKind =
  /** An inbox message fetched by its holder for the first time. */
  | 'DELIVERY'
  /** An object drawn for on-site inspection by a random draw (双随机) recorded with recordInspectionDraw. */
  | 'INSPECTION'
  /** A material of a 免提交 check of an application (one per material). */
  | 'MATERIAL_CHECK'
  /** An agency's request that returned personal data of a certificate or holder (one access record). */
  | 'READ'
  /** An inbox message its holder marked read. */
  | 'READ_RECEIPT'
  /** A public verification of a certificate (verifyCertificate). */
  | 'VERIFY';

/** Which uses usageStatistics counts: each list keeps those with one of its values; absent or empty lists and days keep all. */
export type UsageStatisticsFilter = {
  /** Only uses by (or, for MATERIAL_CHECK, for matters of) these agencies (USCCs). */
  agencies?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only uses on or after this day (China time). */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** Only these kinds of use. */
  kinds?: InputMaybe<Array<UsageKind>>;
  /** Only uses of what these nodes keep. */
  nodes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only uses stating one of these purposes, exactly as recorded. */
  purposes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only uses on or before this day (China time). */
  to?: InputMaybe<Scalars['Date']['input']>;
  /** Only uses of certificates of these types. */
  typeCodes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/**
 * The public answer to 'is this certificate genuine and in force, and who vouches for it?': no
 * holder data, no items. The hub vouches only for what a province authority sealed: an EXTERNAL
 * certificate is shown as registered by the agency that sealed it from a scan, never as issued by
 * the authority the scan names.
 */
export type Verification = {
  __typename?: 'Verification';
  /** When the node checked. */
  checkedAt: Scalars['DateTime']['output'];
  /**
   * 证照标识 of the certificate's newest version: the id asked about when it is current, the version
   * that replaced it when it is SUPERSEDED; null when it was not found.
   */
  currentId?: Maybe<Scalars['ID']['output']>;
  /** For an EXTERNAL certificate: the issuing authority printed on the scan, as the registering agency read it (unverified by the hub); else null. */
  declaredIssuerName?: Maybe<Scalars['String']['output']>;
  /** For an EXTERNAL certificate: the type printed on the scan, as the registering agency read it (unverified by the hub); else null. */
  declaredTypeName?: Maybe<Scalars['String']['output']>;
  /**
   * Whether the digest given to verifyCertificate is the SM3 of the certificate's signed payload
   * as stored now (the digest a QR code on a copy carries); null when no digest was given.
   */
  digestMatches?: Maybe<Scalars['Boolean']['output']>;
  /** Whether the node of the id's issuer region keeps a certificate with this id. */
  found: Scalars['Boolean']['output'];
  /** The 证照标识 that was asked about. */
  id: Scalars['ID']['output'];
  /** USCC of the agency whose seal the certificate carries: the issuing authority, or for an EXTERNAL certificate the agency that registered it. */
  issuerCode?: Maybe<Scalars['String']['output']>;
  /**
   * 发证机关 the issuing authority's name on the certificate; null when it was not found, and for an
   * EXTERNAL certificate (see declaredIssuerName and sealedBy).
   */
  issuerName?: Maybe<Scalars['String']['output']>;
  /** How the certificate came into the hub: ISSUED, CONVERTED, or EXTERNAL (registered from a scan); null when it was not found. */
  origin?: Maybe<CertificateOrigin>;
  /** Whether the seal is salted (a digest cannot be confirmed by guessing a withheld value); false for seals made before salts; null without a seal. */
  salted?: Maybe<Scalars['Boolean']['output']>;
  /** Name of the agency whose seal vouches for the certificate (the agency of issuerCode). */
  sealedBy?: Maybe<Scalars['String']['output']>;
  /** Whether the stored face still matches its seal; null for a certificate stored before seals. */
  signatureValid?: Maybe<Scalars['Boolean']['output']>;
  /**
   * What the hub vouches for, in one sentence (Chinese, then English): who issued and sealed it, or
   * for an EXTERNAL certificate who registered it from a scan of a certificate issued by whom.
   */
  statement?: Maybe<Scalars['String']['output']>;
  /** 证照状态 the status today (EXPIRED computed from validUntil); null when it was not found. */
  status?: Maybe<CertificateStatus>;
  /**
   * The type's name on the certificate; null when it was not found, and for an EXTERNAL
   * certificate (see declaredTypeName): the hub has no type of its own for it.
   */
  typeName?: Maybe<Scalars['String']['output']>;
};

/** An agency's subscription to events (README › Webhooks). */
export type Webhook = {
  __typename?: 'Webhook';
  /** Only events about these certificates and their newer versions (amendCertificate); null for any certificate. */
  certificateIds?: Maybe<Array<Scalars['ID']['output']>>;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Which kinds of event. */
  events: Array<EventType>;
  /** Its id. */
  id: Scalars['ID']['output'];
  /** The purpose the agency relies on the certificates for: its grants for this purpose open holders' identity in deliveries. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** Only events about certificates of these types; null for any type. */
  typeCodes?: Maybe<Array<Scalars['ID']['output']>>;
  /** Where every node POSTs the matching events: http or https, on a host the operator allows. */
  url: Scalars['String']['output'];
};

/** One event on its way to one webhook. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Attempts made so far. */
  attempts: Scalars['Int']['output'];
  /** The certificate the event is about; null for a registry change or a notice. */
  certificateId?: Maybe<Scalars['ID']['output']>;
  /** When the event was matched to the webhook. */
  createdAt: Scalars['DateTime']['output'];
  /** When the receiver answered 2xx; null until then. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** Id of the event: the X-Ecert-Event-Id header, the same on every attempt. */
  eventId: Scalars['ID']['output'];
  /** The kind of event. */
  eventType: EventType;
  /** {node code}-{number}. */
  id: Scalars['ID']['output'];
  /** When the last attempt was made; null before the first. */
  lastAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the last attempt failed; null after a success. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** When the next attempt is due; null unless PENDING. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** Code of the node that delivers it. */
  node: Scalars['String']['output'];
  /** The HTTP status of the last answer; null when there was none (timeout, refused connection). */
  responseStatus?: Maybe<Scalars['Int']['output']>;
  /** Where it stands. */
  status: DeliveryStatus;
  /** Id of the webhook. */
  webhook: Scalars['ID']['output'];
};

/** A webhook with its owner, as the nodes that deliver events read it. */
export type WebhookSubscription = {
  __typename?: 'WebhookSubscription';
  /** USCC of the agency that owns it. */
  agency: Scalars['String']['output'];
  /** The agency's name. */
  agencyName?: Maybe<Scalars['String']['output']>;
  /** The roles the agency's token had when it created the webhook. */
  roles: Array<Scalars['String']['output']>;
  /** The webhook. */
  webhook: Webhook;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Certificate: Certificate;
  LegalEntity: LegalEntity;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Certificate:
    ( { __typename: 'Certificate' }
    & GraphQLRecursivePick<FederationTypes['Certificate'], {"id":true}> );
  LegalEntity:
    ( { __typename: 'LegalEntity' }
    & GraphQLRecursivePick<FederationTypes['LegalEntity'], {"uscc":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccessRecord: ResolverTypeWrapper<AccessRecordRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AmendCertificateInput: AmendCertificateInput;
  AmendmentKind: AmendmentKind;
  AuditAnchor: ResolverTypeWrapper<AnchorModel>;
  AuditChainStatus: ResolverTypeWrapper<ChainStatus>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Certificate: ResolverTypeWrapper<CertificateRow>;
  CertificateConnection: ResolverTypeWrapper<CertificatePage>;
  CertificateDimension: CertificateDimension;
  CertificateEdge: ResolverTypeWrapper<CertificateEdgeModel>;
  CertificateFilter: CertificateFilter;
  CertificateHolding: ResolverTypeWrapper<CertificateHolding>;
  CertificateItem: ResolverTypeWrapper<CertificateItemRow>;
  CertificateItemInput: CertificateItemInput;
  CertificateOrigin: CertificateOrigin;
  CertificateStatisticsFilter: CertificateStatisticsFilter;
  CertificateStatus: CertificateStatus;
  CertificateType: ResolverTypeWrapper<CertificateTypeRef>;
  CorrectionRequest: ResolverTypeWrapper<CorrectionRequestRow>;
  CorrectionRequestConnection: ResolverTypeWrapper<NodeSeqPage<CorrectionRequestRow>>;
  CorrectionRequestEdge: ResolverTypeWrapper<NodeSeqEdge<CorrectionRequestRow>>;
  CorrectionStatus: CorrectionStatus;
  CreateWebhookInput: CreateWebhookInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Delivery: ResolverTypeWrapper<DeliveryModel>;
  DeliveryStatus: DeliveryStatus;
  EventType: EventType;
  Finding: ResolverTypeWrapper<FindingModel>;
  FindingCertificate: ResolverTypeWrapper<HeldCertificate>;
  FindingConnection: ResolverTypeWrapper<FindingPage>;
  FindingEdge: ResolverTypeWrapper<FindingEdgeModel>;
  FindingEntity: ResolverTypeWrapper<FindingEntity>;
  FindingKind: FindingKind;
  FindingRule: ResolverTypeWrapper<PermitRule>;
  FollowUp: ResolverTypeWrapper<FollowUpRow>;
  FollowUpCause: FollowUpCause;
  FollowUpConnection: ResolverTypeWrapper<NodeSeqPage<FollowUpRow>>;
  FollowUpEdge: ResolverTypeWrapper<NodeSeqEdge<FollowUpRow>>;
  FollowUpStatus: FollowUpStatus;
  HolderKind: HolderKind;
  HoldingTable: ResolverTypeWrapper<HoldingTable>;
  ImportRejection: ResolverTypeWrapper<ImportRejection>;
  ImportResult: ResolverTypeWrapper<ImportResult>;
  ImportRowInput: ImportRowInput;
  InboxConnection: ResolverTypeWrapper<InboxPage>;
  InboxEdge: ResolverTypeWrapper<InboxEdgeModel>;
  InboxMessage: ResolverTypeWrapper<EventRow>;
  IssueCertificateInput: IssueCertificateInput;
  LegalEntity: ResolverTypeWrapper<LegalEntityRef>;
  MaterialCheck: ResolverTypeWrapper<MaterialCheckModel>;
  MaterialCheckCounts: ResolverTypeWrapper<MaterialCheckCounts>;
  MaterialCheckOutcome: MaterialCheckOutcome;
  MaterialCheckResult: ResolverTypeWrapper<MaterialResultModel>;
  MaterialOutcomeCount: ResolverTypeWrapper<MaterialOutcomeCount>;
  MaterialOutcomeInput: MaterialOutcomeInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Presentation: ResolverTypeWrapper<PresentationModel>;
  PresentationCheck: ResolverTypeWrapper<PresentationCheckModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordInspectionDrawInput: RecordInspectionDrawInput;
  RegisterExternalCertificateInput: RegisterExternalCertificateInput;
  RegistryChange: ResolverTypeWrapper<RegistryChangeModel>;
  ReportCertificateErrorInput: ReportCertificateErrorInput;
  Scan: ResolverTypeWrapper<ScanModel>;
  ScanInput: ScanInput;
  Seal: ResolverTypeWrapper<Seal>;
  SealKey: ResolverTypeWrapper<PublishedSealKey>;
  SendNoticeInput: SendNoticeInput;
  StatisticsKey: ResolverTypeWrapper<StatisticsKey>;
  StatisticsRow: ResolverTypeWrapper<StatisticsRow>;
  StatusChange: ResolverTypeWrapper<StatusChangeRow>;
  SupervisionFindingsFilter: SupervisionFindingsFilter;
  UsageDimension: UsageDimension;
  UsageKind: UsageKind;
  UsageStatisticsFilter: UsageStatisticsFilter;
  Verification: ResolverTypeWrapper<VerificationModel>;
  Webhook: ResolverTypeWrapper<WebhookRow>;
  WebhookDelivery: ResolverTypeWrapper<WebhookDeliveryModel>;
  WebhookSubscription: ResolverTypeWrapper<WebhookRow>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccessRecord: AccessRecordRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AmendCertificateInput: AmendCertificateInput;
  AuditAnchor: AnchorModel;
  AuditChainStatus: ChainStatus;
  Boolean: Scalars['Boolean']['output'];
  Certificate: CertificateRow;
  CertificateConnection: CertificatePage;
  CertificateEdge: CertificateEdgeModel;
  CertificateFilter: CertificateFilter;
  CertificateHolding: CertificateHolding;
  CertificateItem: CertificateItemRow;
  CertificateItemInput: CertificateItemInput;
  CertificateStatisticsFilter: CertificateStatisticsFilter;
  CertificateType: CertificateTypeRef;
  CorrectionRequest: CorrectionRequestRow;
  CorrectionRequestConnection: NodeSeqPage<CorrectionRequestRow>;
  CorrectionRequestEdge: NodeSeqEdge<CorrectionRequestRow>;
  CreateWebhookInput: CreateWebhookInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Delivery: DeliveryModel;
  Finding: FindingModel;
  FindingCertificate: HeldCertificate;
  FindingConnection: FindingPage;
  FindingEdge: FindingEdgeModel;
  FindingEntity: FindingEntity;
  FindingRule: PermitRule;
  FollowUp: FollowUpRow;
  FollowUpConnection: NodeSeqPage<FollowUpRow>;
  FollowUpEdge: NodeSeqEdge<FollowUpRow>;
  HoldingTable: HoldingTable;
  ImportRejection: ImportRejection;
  ImportResult: ImportResult;
  ImportRowInput: ImportRowInput;
  InboxConnection: InboxPage;
  InboxEdge: InboxEdgeModel;
  InboxMessage: EventRow;
  IssueCertificateInput: IssueCertificateInput;
  LegalEntity: LegalEntityRef;
  MaterialCheck: MaterialCheckModel;
  MaterialCheckCounts: MaterialCheckCounts;
  MaterialCheckResult: MaterialResultModel;
  MaterialOutcomeCount: MaterialOutcomeCount;
  MaterialOutcomeInput: MaterialOutcomeInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Presentation: PresentationModel;
  PresentationCheck: PresentationCheckModel;
  Query: Record<PropertyKey, never>;
  RecordInspectionDrawInput: RecordInspectionDrawInput;
  RegisterExternalCertificateInput: RegisterExternalCertificateInput;
  RegistryChange: RegistryChangeModel;
  ReportCertificateErrorInput: ReportCertificateErrorInput;
  Scan: ScanModel;
  ScanInput: ScanInput;
  Seal: Seal;
  SealKey: PublishedSealKey;
  SendNoticeInput: SendNoticeInput;
  StatisticsKey: StatisticsKey;
  StatisticsRow: StatisticsRow;
  StatusChange: StatusChangeRow;
  SupervisionFindingsFilter: SupervisionFindingsFilter;
  UsageStatisticsFilter: UsageStatisticsFilter;
  Verification: VerificationModel;
  Webhook: WebhookRow;
  WebhookDelivery: WebhookDeliveryModel;
  WebhookSubscription: WebhookRow;
};

export type AccessRecordResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['AccessRecord'] = ResolversParentTypes['AccessRecord']> = {
  agency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  agencyName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  caseNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  certificateId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  certificateTypeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  consentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  holderCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type AuditAnchorResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['AuditAnchor'] = ResolversParentTypes['AuditAnchor']> = {
  anchoredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  confirmedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditChainStatusResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['AuditChainStatus'] = ResolversParentTypes['AuditChainStatus']> = {
  anchorsAvailable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  anchorsChecked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBrokenSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  intact?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lastAnchorAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CertificateResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Certificate'] = ResolversParentTypes['Certificate'], FederationReferenceType extends FederationReferenceTypes['Certificate'] = FederationReferenceTypes['Certificate']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Certificate']> | FederationReferenceType, FederationReferenceType, ContextType>;
  delivery?: Resolver<Maybe<ResolversTypes['Delivery']>, ParentType, ContextType>;
  holder?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType>;
  holderCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  holderKind?: Resolver<Maybe<ResolversTypes['HolderKind']>, ParentType, ContextType>;
  holderName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  issuerCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  issuerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  items?: Resolver<Maybe<Array<ResolversTypes['CertificateItem']>>, ParentType, ContextType>;
  nextVersion?: Resolver<Maybe<ResolversTypes['Certificate']>, ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  origin?: Resolver<Maybe<ResolversTypes['CertificateOrigin']>, ParentType, ContextType>;
  pendingEffectiveOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  pendingStatus?: Resolver<Maybe<ResolversTypes['CertificateStatus']>, ParentType, ContextType>;
  previousVersion?: Resolver<Maybe<ResolversTypes['Certificate']>, ParentType, ContextType>;
  registrarName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scan?: Resolver<Maybe<ResolversTypes['Scan']>, ParentType, ContextType>;
  seal?: Resolver<Maybe<ResolversTypes['Seal']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['CertificateStatus']>, ParentType, ContextType>;
  statusCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  statusHistory?: Resolver<Maybe<Array<ResolversTypes['StatusChange']>>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['CertificateType']>, ParentType, ContextType>;
  typeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['Certificate']>, ParentType, ContextType>;
};

export type CertificateConnectionResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['CertificateConnection'] = ResolversParentTypes['CertificateConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CertificateEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CertificateEdgeResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['CertificateEdge'] = ResolversParentTypes['CertificateEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Certificate'], ParentType, ContextType>;
};

export type CertificateHoldingResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['CertificateHolding'] = ResolversParentTypes['CertificateHolding']> = {
  current?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  found?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  holderCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  holderKind?: Resolver<Maybe<ResolversTypes['HolderKind']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CertificateItemResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['CertificateItem'] = ResolversParentTypes['CertificateItem']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CertificateTypeResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['CertificateType'] = ResolversParentTypes['CertificateType']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CorrectionRequestResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['CorrectionRequest'] = ResolversParentTypes['CorrectionRequest']> = {
  certificate?: Resolver<Maybe<ResolversTypes['Certificate']>, ParentType, ContextType>;
  certificateId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  correctedVersion?: Resolver<Maybe<ResolversTypes['Certificate']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dueOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reporter?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resolution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  resolvedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CorrectionStatus'], ParentType, ContextType>;
};

export type CorrectionRequestConnectionResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['CorrectionRequestConnection'] = ResolversParentTypes['CorrectionRequestConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CorrectionRequestEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CorrectionRequestEdgeResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['CorrectionRequestEdge'] = ResolversParentTypes['CorrectionRequestEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CorrectionRequest'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeliveryResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Delivery'] = ResolversParentTypes['Delivery']> = {
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  readAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type FindingResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Finding'] = ResolversParentTypes['Finding']> = {
  certificate?: Resolver<Maybe<ResolversTypes['FindingCertificate']>, ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  entity?: Resolver<ResolversTypes['FindingEntity'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['FindingKind'], ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['FindingRule']>, ParentType, ContextType>;
  since?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type FindingCertificateResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['FindingCertificate'] = ResolversParentTypes['FindingCertificate']> = {
  holderCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuerCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  issuerName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  since?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CertificateStatus'], ParentType, ContextType>;
  typeCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  typeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type FindingConnectionResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['FindingConnection'] = ResolversParentTypes['FindingConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FindingEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FindingEdgeResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['FindingEdge'] = ResolversParentTypes['FindingEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Finding'], ParentType, ContextType>;
};

export type FindingEntityResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['FindingEntity'] = ResolversParentTypes['FindingEntity']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type FindingRuleResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['FindingRule'] = ResolversParentTypes['FindingRule']> = {
  activity?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  certificateType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  certificateTypeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FollowUpResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['FollowUp'] = ResolversParentTypes['FollowUp']> = {
  cause?: Resolver<ResolversTypes['FollowUpCause'], ParentType, ContextType>;
  certificate?: Resolver<Maybe<ResolversTypes['Certificate']>, ParentType, ContextType>;
  certificateId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  doneAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  holderCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['FollowUpStatus'], ParentType, ContextType>;
};

export type FollowUpConnectionResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['FollowUpConnection'] = ResolversParentTypes['FollowUpConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FollowUpEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FollowUpEdgeResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['FollowUpEdge'] = ResolversParentTypes['FollowUpEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['FollowUp'], ParentType, ContextType>;
};

export type HoldingTableResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['HoldingTable'] = ResolversParentTypes['HoldingTable']> = {
  columns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<Array<Array<Maybe<ResolversTypes['String']>>>, ParentType, ContextType>;
};

export type ImportRejectionResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['ImportRejection'] = ResolversParentTypes['ImportRejection']> = {
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  line?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImportResultResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['ImportResult'] = ResolversParentTypes['ImportResult']> = {
  imported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<Array<ResolversTypes['ImportRejection']>, ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InboxConnectionResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['InboxConnection'] = ResolversParentTypes['InboxConnection']> = {
  edges?: Resolver<Array<ResolversTypes['InboxEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InboxEdgeResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['InboxEdge'] = ResolversParentTypes['InboxEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['InboxMessage'], ParentType, ContextType>;
};

export type InboxMessageResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['InboxMessage'] = ResolversParentTypes['InboxMessage']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  body?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  certificate?: Resolver<Maybe<ResolversTypes['Certificate']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  readAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LegalEntityResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  certificates?: Resolver<Maybe<Array<ResolversTypes['Certificate']>>, ParentType, ContextType, Partial<LegalEntityCertificatesArgs>>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MaterialCheckResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['MaterialCheck'] = ResolversParentTypes['MaterialCheck']> = {
  allPaperless?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  applicant?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  caseNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  materials?: Resolver<Array<ResolversTypes['MaterialCheckResult']>, ParentType, ContextType>;
  matter?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  matterName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MaterialCheckCountsResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['MaterialCheckCounts'] = ResolversParentTypes['MaterialCheckCounts']> = {
  allPaperless?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  materials?: Resolver<Array<ResolversTypes['MaterialOutcomeCount']>, ParentType, ContextType>;
  matter?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MaterialCheckResultResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['MaterialCheckResult'] = ResolversParentTypes['MaterialCheckResult']> = {
  certificate?: Resolver<Maybe<ResolversTypes['Certificate']>, ParentType, ContextType>;
  certificateType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  certificateTypeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['MaterialCheckOutcome'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MaterialOutcomeCountResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['MaterialOutcomeCount'] = ResolversParentTypes['MaterialOutcomeCount']> = {
  certificateType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['MaterialCheckOutcome'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  amendCertificate?: Resolver<ResolversTypes['Certificate'], ParentType, ContextType, RequireFields<MutationAmendCertificateArgs, 'id' | 'input'>>;
  anchorAuditChains?: Resolver<Array<ResolversTypes['AuditAnchor']>, ParentType, ContextType>;
  changeCertificateStatus?: Resolver<ResolversTypes['Certificate'], ParentType, ContextType, RequireFields<MutationChangeCertificateStatusArgs, 'id' | 'reason' | 'status'>>;
  createWebhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType, RequireFields<MutationCreateWebhookArgs, 'input'>>;
  deleteWebhook?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteWebhookArgs, 'id'>>;
  dismissFollowUp?: Resolver<ResolversTypes['FollowUp'], ParentType, ContextType, RequireFields<MutationDismissFollowUpArgs, 'id' | 'note'>>;
  importCertificates?: Resolver<ResolversTypes['ImportResult'], ParentType, ContextType, RequireFields<MutationImportCertificatesArgs, 'rows' | 'typeCode'>>;
  issueCertificate?: Resolver<ResolversTypes['Certificate'], ParentType, ContextType, RequireFields<MutationIssueCertificateArgs, 'input'>>;
  markRead?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationMarkReadArgs, 'ids'>>;
  presentCertificate?: Resolver<ResolversTypes['Presentation'], ParentType, ContextType, RequireFields<MutationPresentCertificateArgs, 'id' | 'ttlSeconds'>>;
  recordAuditAnchor?: Resolver<ResolversTypes['AuditAnchor'], ParentType, ContextType, RequireFields<MutationRecordAuditAnchorArgs, 'hash' | 'node' | 'seq'>>;
  recordInspectionDraw?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRecordInspectionDrawArgs, 'input'>>;
  recordMaterialCheck?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRecordMaterialCheckArgs, 'allPaperless' | 'matter' | 'outcomes'>>;
  redeliver?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType, RequireFields<MutationRedeliverArgs, 'delivery'>>;
  registerExternalCertificate?: Resolver<ResolversTypes['Certificate'], ParentType, ContextType, RequireFields<MutationRegisterExternalCertificateArgs, 'input'>>;
  reportCertificateError?: Resolver<ResolversTypes['CorrectionRequest'], ParentType, ContextType, RequireFields<MutationReportCertificateErrorArgs, 'input'>>;
  resolveCorrection?: Resolver<ResolversTypes['CorrectionRequest'], ParentType, ContextType, RequireFields<MutationResolveCorrectionArgs, 'id' | 'outcome' | 'reason'>>;
  rotateSealKey?: Resolver<ResolversTypes['SealKey'], ParentType, ContextType>;
  sendNotice?: Resolver<ResolversTypes['InboxMessage'], ParentType, ContextType, RequireFields<MutationSendNoticeArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PresentationResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Presentation'] = ResolversParentTypes['Presentation']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PresentationCheckResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['PresentationCheck'] = ResolversParentTypes['PresentationCheck']> = {
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  holderName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  issuerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['CertificateItem']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['CertificateStatus']>, ParentType, ContextType>;
  typeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  accessLog?: Resolver<Array<ResolversTypes['AccessRecord']>, ParentType, ContextType, RequireFields<QueryAccessLogArgs, 'first'>>;
  auditAnchors?: Resolver<Array<ResolversTypes['AuditAnchor']>, ParentType, ContextType, RequireFields<QueryAuditAnchorsArgs, 'node'>>;
  auditChain?: Resolver<Array<ResolversTypes['AuditChainStatus']>, ParentType, ContextType>;
  certificate?: Resolver<Maybe<ResolversTypes['Certificate']>, ParentType, ContextType, RequireFields<QueryCertificateArgs, 'id'>>;
  certificateHolders?: Resolver<Array<ResolversTypes['CertificateHolding']>, ParentType, ContextType, RequireFields<QueryCertificateHoldersArgs, 'ids' | 'node'>>;
  certificateStatistics?: Resolver<Array<ResolversTypes['StatisticsRow']>, ParentType, ContextType, RequireFields<QueryCertificateStatisticsArgs, 'groupBy'>>;
  certificates?: Resolver<ResolversTypes['CertificateConnection'], ParentType, ContextType, RequireFields<QueryCertificatesArgs, 'first'>>;
  checkMaterials?: Resolver<ResolversTypes['MaterialCheck'], ParentType, ContextType, RequireFields<QueryCheckMaterialsArgs, 'applicant' | 'caseNumber' | 'matter'>>;
  correctionRequests?: Resolver<ResolversTypes['CorrectionRequestConnection'], ParentType, ContextType, RequireFields<QueryCorrectionRequestsArgs, 'first'>>;
  followUps?: Resolver<ResolversTypes['FollowUpConnection'], ParentType, ContextType, RequireFields<QueryFollowUpsArgs, 'first'>>;
  inbox?: Resolver<ResolversTypes['InboxConnection'], ParentType, ContextType, RequireFields<QueryInboxArgs, 'first'>>;
  materialCheckCounts?: Resolver<ResolversTypes['MaterialCheckCounts'], ParentType, ContextType, RequireFields<QueryMaterialCheckCountsArgs, 'from' | 'matter' | 'to'>>;
  myCorrectionRequests?: Resolver<ResolversTypes['CorrectionRequestConnection'], ParentType, ContextType, RequireFields<QueryMyCorrectionRequestsArgs, 'first'>>;
  nodeKeys?: Resolver<Array<ResolversTypes['SealKey']>, ParentType, ContextType, RequireFields<QueryNodeKeysArgs, 'node'>>;
  registryChanges?: Resolver<Array<ResolversTypes['RegistryChange']>, ParentType, ContextType, RequireFields<QueryRegistryChangesArgs, 'after' | 'first' | 'node'>>;
  sealKeys?: Resolver<Array<ResolversTypes['SealKey']>, ParentType, ContextType, RequireFields<QuerySealKeysArgs, 'issuer'>>;
  supervisionFindings?: Resolver<ResolversTypes['FindingConnection'], ParentType, ContextType, RequireFields<QuerySupervisionFindingsArgs, 'first'>>;
  supervisionHoldingTable?: Resolver<ResolversTypes['HoldingTable'], ParentType, ContextType, RequireFields<QuerySupervisionHoldingTableArgs, 'holders' | 'node' | 'validOnly'>>;
  supervisionHoldings?: Resolver<Array<ResolversTypes['FindingCertificate']>, ParentType, ContextType, RequireFields<QuerySupervisionHoldingsArgs, 'holders' | 'node' | 'validOnly'>>;
  usageStatistics?: Resolver<Array<ResolversTypes['StatisticsRow']>, ParentType, ContextType, RequireFields<QueryUsageStatisticsArgs, 'groupBy'>>;
  verifyCertificate?: Resolver<ResolversTypes['Verification'], ParentType, ContextType, RequireFields<QueryVerifyCertificateArgs, 'id'>>;
  verifyPresentation?: Resolver<ResolversTypes['PresentationCheck'], ParentType, ContextType, RequireFields<QueryVerifyPresentationArgs, 'token'>>;
  webhookDeliveries?: Resolver<Array<ResolversTypes['WebhookDelivery']>, ParentType, ContextType, RequireFields<QueryWebhookDeliveriesArgs, 'first' | 'webhook'>>;
  webhookSubscriptions?: Resolver<Array<ResolversTypes['WebhookSubscription']>, ParentType, ContextType>;
  webhooks?: Resolver<Array<ResolversTypes['Webhook']>, ParentType, ContextType>;
};

export type RegistryChangeResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['RegistryChange'] = ResolversParentTypes['RegistryChange']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  causes?: Resolver<Array<ResolversTypes['FollowUpCause']>, ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ScanResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Scan'] = ResolversParentTypes['Scan']> = {
  contentBase64?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  digest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SealResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Seal'] = ResolversParentTypes['Seal']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  salt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signedPayload?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SealKeyResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['SealKey'] = ResolversParentTypes['SealKey']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  publicKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type StatisticsKeyResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['StatisticsKey'] = ResolversParentTypes['StatisticsKey']> = {
  dimension?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StatisticsRowResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['StatisticsRow'] = ResolversParentTypes['StatisticsRow']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  keys?: Resolver<Array<ResolversTypes['StatisticsKey']>, ParentType, ContextType>;
};

export type StatusChangeResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['StatusChange'] = ResolversParentTypes['StatusChange']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  effectiveOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['CertificateStatus']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['CertificateStatus'], ParentType, ContextType>;
};

export type VerificationResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Verification'] = ResolversParentTypes['Verification']> = {
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  declaredIssuerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  declaredTypeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  digestMatches?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  found?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuerCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  issuerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  origin?: Resolver<Maybe<ResolversTypes['CertificateOrigin']>, ParentType, ContextType>;
  salted?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  sealedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signatureValid?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  statement?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['CertificateStatus']>, ParentType, ContextType>;
  typeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type WebhookResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['Webhook'] = ResolversParentTypes['Webhook']> = {
  certificateIds?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['EventType']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  typeCodes?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  certificateId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  responseStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DeliveryStatus'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type WebhookSubscriptionResolvers<ContextType = CertificateContext, ParentType extends ResolversParentTypes['WebhookSubscription'] = ResolversParentTypes['WebhookSubscription']> = {
  agency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  agencyName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
};

export type Resolvers<ContextType = CertificateContext> = {
  AccessRecord?: AccessRecordResolvers<ContextType>;
  AuditAnchor?: AuditAnchorResolvers<ContextType>;
  AuditChainStatus?: AuditChainStatusResolvers<ContextType>;
  Certificate?: CertificateResolvers<ContextType>;
  CertificateConnection?: CertificateConnectionResolvers<ContextType>;
  CertificateEdge?: CertificateEdgeResolvers<ContextType>;
  CertificateHolding?: CertificateHoldingResolvers<ContextType>;
  CertificateItem?: CertificateItemResolvers<ContextType>;
  CertificateType?: CertificateTypeResolvers<ContextType>;
  CorrectionRequest?: CorrectionRequestResolvers<ContextType>;
  CorrectionRequestConnection?: CorrectionRequestConnectionResolvers<ContextType>;
  CorrectionRequestEdge?: CorrectionRequestEdgeResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Delivery?: DeliveryResolvers<ContextType>;
  Finding?: FindingResolvers<ContextType>;
  FindingCertificate?: FindingCertificateResolvers<ContextType>;
  FindingConnection?: FindingConnectionResolvers<ContextType>;
  FindingEdge?: FindingEdgeResolvers<ContextType>;
  FindingEntity?: FindingEntityResolvers<ContextType>;
  FindingRule?: FindingRuleResolvers<ContextType>;
  FollowUp?: FollowUpResolvers<ContextType>;
  FollowUpConnection?: FollowUpConnectionResolvers<ContextType>;
  FollowUpEdge?: FollowUpEdgeResolvers<ContextType>;
  HoldingTable?: HoldingTableResolvers<ContextType>;
  ImportRejection?: ImportRejectionResolvers<ContextType>;
  ImportResult?: ImportResultResolvers<ContextType>;
  InboxConnection?: InboxConnectionResolvers<ContextType>;
  InboxEdge?: InboxEdgeResolvers<ContextType>;
  InboxMessage?: InboxMessageResolvers<ContextType>;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  MaterialCheck?: MaterialCheckResolvers<ContextType>;
  MaterialCheckCounts?: MaterialCheckCountsResolvers<ContextType>;
  MaterialCheckResult?: MaterialCheckResultResolvers<ContextType>;
  MaterialOutcomeCount?: MaterialOutcomeCountResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Presentation?: PresentationResolvers<ContextType>;
  PresentationCheck?: PresentationCheckResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RegistryChange?: RegistryChangeResolvers<ContextType>;
  Scan?: ScanResolvers<ContextType>;
  Seal?: SealResolvers<ContextType>;
  SealKey?: SealKeyResolvers<ContextType>;
  StatisticsKey?: StatisticsKeyResolvers<ContextType>;
  StatisticsRow?: StatisticsRowResolvers<ContextType>;
  StatusChange?: StatusChangeResolvers<ContextType>;
  Verification?: VerificationResolvers<ContextType>;
  Webhook?: WebhookResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookSubscription?: WebhookSubscriptionResolvers<ContextType>;
};

