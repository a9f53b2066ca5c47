import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CertificateTypeModel, ItemDefinitionModel, CertificateTypeVersionModel, CertificateTypeChangeModel, MatterMaterialModel } from '../model.js';
import type { GrantRow, MatterRow, PermitRuleRow, TargetRow } from '../db/schema.js';
import type { MatterPage } from '../matters.js';
import type { ConsentModel } from '../consents.js';
import type { NodeSeqPage, NodeSeqEdge } from '../../kit/node-seq-page.js';
import type { CatalogContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A point in time, ISO 8601. */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * A kind of certificate in the catalog (电子证照目录), defined by an authority and kept at the
 * node of that authority's region. Its code is the authority's USCC followed by three digits.
 */
export type CertificateType = {
  __typename?: 'CertificateType';
  /**
   * The change the defineCertificateType call that returned this type made or, with `dryRun`,
   * would make; null when the type was read otherwise.
   */
  change?: Maybe<CertificateTypeChange>;
  /** 证照类型代码 certificate type code: the defining authority's 18-character USCC followed by 3 digits (21 characters). */
  code: Scalars['ID']['output'];
  /** Name of the authority that defined the type (e.g. 国家市场监督管理总局). */
  definingAuthority: Scalars['String']['output'];
  /** Whether certificates of this type are held by persons or by organisations; fixed once the type is defined. */
  holderKind: HolderKind;
  /**
   * Who may issue, convert or amend certificates of this type besides the defining authority (the
   * first 18 characters of the code), which always may: USCCs of issuing authorities, or
   * `region:<6-digit code>` for every agency registered in that region (a province or city code
   * covers its cities and districts). Empty: only the defining authority.
   */
  issuers: Array<Scalars['String']['output']>;
  /** The items printed on the face of the certificate (照面信息项), in printed order. */
  items: Array<ItemDefinition>;
  /** 证照类型名称 the type's name (e.g. 营业执照, 食品经营许可证). */
  name: Scalars['String']['output'];
  /** Code of the node that keeps this type. */
  node: Scalars['String']['output'];
  /** 共享属性 how widely certificates of this type are shared with other agencies. */
  sharing: SharingLevel;
  /** Years a certificate of this type stays valid, when the type has a fixed term. */
  validityYears?: Maybe<Scalars['Int']['output']>;
  /** The current version of the definition: 1 when first defined, one more for each redefinition that changed it. */
  version: Scalars['Int']['output'];
  /** Every version of the definition the catalog keeps, oldest first, the current one included. */
  versions: Array<CertificateTypeVersion>;
};

/**
 * What a defineCertificateType call changes — or, with `dryRun`, would change — for the
 * certificates already issued and the grants on the type, so that a steward sees it first.
 */
export type CertificateTypeChange = {
  __typename?: 'CertificateTypeChange';
  /**
   * The grants in force on the type whose meaning changes: every one when the sharing level
   * changes (NOT_SHARED ends them), else those naming an item dropped, renamed or made more or
   * less sensitive. Read from the province node, which keeps the grants.
   */
  affectedGrants: Array<Grant>;
  /** Why it needs confirming: sharing widened, items dropped, items no longer sensitive. Empty when it does not. */
  confirmationReasons: Array<Scalars['String']['output']>;
  /** The differences from the current version, field by field; empty for a new type or an unchanged definition. */
  differences: Array<DefinitionDifference>;
  /** Whether this is what the call would change: nothing was stored. */
  dryRun: Scalars['Boolean']['output'];
  /** What changes for certificates already issued of the type, in words. */
  effects: Array<Scalars['String']['output']>;
  /** The version redefined; null for a new type. */
  fromVersion?: Maybe<Scalars['Int']['output']>;
  /** Whether the redefinition opens data that was closed, so that it is made only with `confirm: true`. */
  requiresConfirmation: Scalars['Boolean']['output'];
  /** The version the type has after the call (the same as fromVersion when the definition is the current one). */
  toVersion: Scalars['Int']['output'];
};

/** One version of a certificate type's definition, as it was defined. */
export type CertificateTypeVersion = {
  __typename?: 'CertificateTypeVersion';
  /** When this version was defined. */
  definedAt: Scalars['DateTime']['output'];
  /** USCC of the data steward who defined it; null for a version written outside the API (the demo seed, or a type defined before versions were kept). */
  definedBy?: Maybe<Scalars['String']['output']>;
  /** Name of the defining authority in this version. */
  definingAuthority: Scalars['String']['output'];
  /** Whether certificates of the type are held by persons or by organisations (the same in every version). */
  holderKind: HolderKind;
  /** Who besides the defining authority could issue certificates of the type under this version. */
  issuers: Array<Scalars['String']['output']>;
  /** The face items (照面信息项) of this version, in printed order. */
  items: Array<ItemDefinition>;
  /** 证照类型名称 in this version. */
  name: Scalars['String']['output'];
  /** 共享属性 in this version. */
  sharing: SharingLevel;
  /** Years a certificate stays valid under this version; null for no fixed term. */
  validityYears?: Maybe<Scalars['Int']['output']>;
  /** 1 for the first definition, one more for each redefinition that changed it. */
  version: Scalars['Int']['output'];
};

/**
 * A holder's consent (授权用证): the holder allows one agency to use some of its certificates for
 * one matter (事项), and for one application (办件号) when it names one, until it expires or the
 * holder revokes it. Kept at the province node. It covers each certificate's whole version chain:
 * given for version 1, it still covers version 2 after an amendment. While it is live, that agency
 * reading those certificates for the matter (X-Purpose = the matter code, and the case number when
 * the consent names one) reads them as the holder would. Seen by the holder who gave it and the
 * agency it allows, nobody else.
 */
export type Consent = {
  __typename?: 'Consent';
  /** USCC of the agency allowed to use the certificates. */
  agency: Scalars['String']['output'];
  /** 实施机构名称 of that agency, as its matter names it; null when the matter's node cannot be read or no longer keeps it. */
  agencyName?: Maybe<Scalars['String']['output']>;
  /** 办件号 of the one application the consent is for; null when it is for any application of the matter. */
  caseNumber?: Maybe<Scalars['String']['output']>;
  /** 证照标识 of the certificates, as the holder named them; each stands for every version of its certificate. */
  certificateIds: Array<Scalars['ID']['output']>;
  /** When it stops applying (at most 90 days after it was given). */
  expiresAt: Scalars['DateTime']['output'];
  /** When the holder gave it. */
  grantedAt: Scalars['DateTime']['output'];
  /** The holder who gave it: a resident ID number or a USCC. */
  holderCode: Scalars['String']['output'];
  /** The consent's id: the province node's code and a number (e.g. 350000-17). */
  id: Scalars['ID']['output'];
  /** Whether it applies now: neither revoked nor expired. */
  live: Scalars['Boolean']['output'];
  /** 事项编码 of the matter the certificates may be used for. */
  matter: Scalars['ID']['output'];
  /** 事项名称 of the matter; null when the matter's node cannot be read or no longer keeps it. */
  matterName?: Maybe<Scalars['String']['output']>;
  /** When the holder revoked it; null when it was not revoked. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** A page of consents, newest first. */
export type ConsentConnection = {
  __typename?: 'ConsentConnection';
  /** The consents of the page, each with its cursor. */
  edges: Array<ConsentEdge>;
  /** Whether more consents follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** How many consents match, over every page. */
  totalCount: Scalars['Int']['output'];
};

/** A consent in a page, with its position. */
export type ConsentEdge = {
  __typename?: 'ConsentEdge';
  /** An opaque cursor of this position: pass it as `after` to continue. */
  cursor: Scalars['String']['output'];
  /** The consent. */
  node: Consent;
};

/** A certificate type to define or redefine in the catalog (电子证照目录). */
export type DefineCertificateTypeInput = {
  /** 证照类型代码: the defining authority's 18-character USCC followed by 3 digits; the type is kept at the node of that USCC's region. */
  code: Scalars['ID']['input'];
  /** Name of the defining authority, at most 100 characters. */
  definingAuthority: Scalars['String']['input'];
  /** Who holds certificates of this type; it cannot change when the type is redefined. */
  holderKind: HolderKind;
  /**
   * Who may issue certificates of the type besides the defining authority: USCCs, or
   * `region:<6-digit code>` for every agency registered in that region; at most 500. Absent or
   * empty: only the defining authority. A redefinition replaces the list.
   */
  issuers?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The face items (照面信息项) in printed order: 1 to 200, each code at most once. They replace the type's items. */
  items: Array<ItemDefinitionInput>;
  /** 证照类型名称, at most 100 characters. */
  name: Scalars['String']['input'];
  /** 共享属性 how widely certificates of this type are shared. */
  sharing: SharingLevel;
  /** 1 to 100 years; null for a type without a fixed term. */
  validityYears?: InputMaybe<Scalars['Int']['input']>;
};

/** A matter (事项) to define or redefine, with its materials. */
export type DefineMatterInput = {
  /**
   * 实施机构名称, at most 100 characters, one line. Absent when the agency defines its own matter:
   * the name its token carries. A data steward defining another agency's matter must give it.
   */
  agencyName?: InputMaybe<Scalars['String']['input']>;
  /** 事项编码: the USCC of the agency that handles it followed by 4 digits; the matter is kept at the node of that USCC's region. */
  code: Scalars['ID']['input'];
  /** The certificates the matter needs (申请材料), 1 to 50, each type at most once. They replace the matter's materials. */
  materials: Array<MatterMaterialInput>;
  /** 事项名称, at most 100 characters, one line. */
  name: Scalars['String']['input'];
};

/** A permit rule (后置审批) to define or redefine. */
export type DefinePermitRuleInput = {
  /** 经营项目 the activity, e.g. 食品销售: one line, at most 50 characters. */
  activity: Scalars['String']['input'];
  /** 证照类型代码 of the type the activity needs: a type the catalog keeps, held by organisations. */
  certificateType: Scalars['ID']['input'];
  /** The rule's code: 2 to 32 characters of A–Z, 0–9 and '-' (e.g. FOOD-SALE). An existing code is redefined. */
  code: Scalars['ID']['input'];
  /**
   * 1 to 20 words to look for in business scopes, e.g. 食品销售, 食品经营: each one line of 2 to 20
   * characters, none the same as another once full-width forms, white space and the case of ASCII
   * letters are set aside.
   */
  keywords: Array<Scalars['String']['input']>;
  /** What a supervisor should know about the rule: one line, at most 200 characters; absent or blank for nothing. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** One field a redefinition changes. */
export type DefinitionDifference = {
  __typename?: 'DefinitionDifference';
  /** The value after, as text; null when the field or item is gone. */
  after?: Maybe<Scalars['String']['output']>;
  /** The value before, as text; null when the field or item was absent. */
  before?: Maybe<Scalars['String']['output']>;
  /**
   * What changes: name, definingAuthority, sharing, validityYears, issuers, items (their printed
   * order), items.<code> (an item added or dropped), items.<code>.name, items.<code>.required or
   * items.<code>.sensitive.
   */
  field: Scalars['String']['output'];
};

/**
 * Access a data steward has granted an agency: to the holder identity and the named items of
 * certificates of one type, for the named purposes (用证事由), until it expires. Grants are kept
 * in the province node's catalog.
 */
export type Grant = {
  __typename?: 'Grant';
  /** USCC of the agency the grant is for. */
  agency: Scalars['String']['output'];
  /** The type whose certificates the grant opens; it may be kept at another node than the grant. */
  certificateType: CertificateType;
  /** When the steward granted it. */
  createdAt: Scalars['DateTime']['output'];
  /** USCC of the steward who granted it. */
  createdBy: Scalars['String']['output'];
  /** When the grant stops applying; null when it has no end. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The grant's id, a UUID. */
  id: Scalars['ID']['output'];
  /** Codes of the items the grant opens; empty when it opens only the holder's identity. */
  items: Array<Scalars['String']['output']>;
  /** The purposes the grant applies to: a request opens it only when it states one of them. */
  purposes: Array<Scalars['String']['output']>;
};

/** Access to grant an agency (data stewards only). */
export type GrantAccessInput = {
  /** USCC of the agency to grant access to. */
  agency: Scalars['String']['input'];
  /** Code of the certificate type; a NOT_SHARED type cannot be granted. */
  certificateType: Scalars['ID']['input'];
  /** When the grant stops applying, in the future; null for no end. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Item codes of that type to open, each at most once; empty opens only the holder's identity. */
  items: Array<Scalars['String']['input']>;
  /** At least one purpose and at most 50, each at most 200 characters (用证事由, matched exactly against a request's X-Purpose); repeated ones are kept once. */
  purposes: Array<Scalars['String']['input']>;
};

/** A consent (授权用证) to give: the calling holder allows an agency to use certificates for a matter. */
export type GrantConsentInput = {
  /** USCC of the agency allowed: the agency that handles the matter. */
  agency: Scalars['String']['input'];
  /** 办件号 of the one application the consent is for, 1 to 64 characters, one line; absent for any application of the matter. */
  caseNumber?: InputMaybe<Scalars['String']['input']>;
  /** 证照标识 of 1 to 20 of the holder's own certificates, each certificate once; each stands for every version of it. */
  certificateIds: Array<Scalars['ID']['input']>;
  /** When the consent stops applying: in the future, at most 90 days ahead. */
  expiresAt: Scalars['DateTime']['input'];
  /** 事项编码 of a matter the catalog keeps, handled by `agency` (its first 18 characters). */
  matter: Scalars['ID']['input'];
};

/** Whether a certificate's holder (持证主体) is a person or an organisation. */
export type HolderKind =
  /** An organisation (法人或其他组织), identified by its unified social credit code (统一社会信用代码, USCC). */
  | 'ORGANIZATION'
  /** A natural person (自然人), identified by a resident ID number (居民身份证号码). */
  | 'PERSON';

/** One item on the face of a certificate (照面信息项). */
export type ItemDefinition = {
  __typename?: 'ItemDefinition';
  /** The item's code, unique within its type: a letter followed by up to 63 letters, digits or _ (e.g. legalRepresentative). */
  code: Scalars['String']['output'];
  /** 照面信息项名称 the item's name as printed (e.g. 法定代表人). */
  name: Scalars['String']['output'];
  /** Whether every certificate of the type must carry a non-empty value for this item when it is issued or converted. */
  required: Scalars['Boolean']['output'];
  /** Personal or confidential: readable only through a grant that names it. */
  sensitive: Scalars['Boolean']['output'];
};

/** One item on the face of a certificate type (照面信息项) being defined. */
export type ItemDefinitionInput = {
  /** A letter followed by up to 63 letters, digits or _, unique within the type. */
  code: Scalars['String']['input'];
  /** 照面信息项名称, at most 100 characters. */
  name: Scalars['String']['input'];
  /** Whether every certificate of the type must carry a non-empty value for it. */
  required?: Scalars['Boolean']['input'];
  /** Whether it is personal or confidential: then readable only through a grant that names it. */
  sensitive?: Scalars['Boolean']['input'];
};

/**
 * A matter (事项): a government service one agency handles (e.g. 食品经营许可（新办）), with the
 * certificates it needs as application materials (申请材料). Kept at the node of the agency's
 * region, as certificate types are at their defining authority's.
 */
export type Matter = {
  __typename?: 'Matter';
  /** USCC of the agency that handles the matter (实施机构): the first 18 characters of the code. */
  agencyCode: Scalars['String']['output'];
  /** 实施机构名称 name of the agency that handles the matter (e.g. 福州市市场监督管理局). */
  agencyName: Scalars['String']['output'];
  /** 事项编码 matter code: the USCC of the agency that handles it followed by 4 digits (22 characters). */
  code: Scalars['ID']['output'];
  /** The certificates the matter needs (申请材料), in the order the agency lists them. */
  materials: Array<MatterMaterial>;
  /** 事项名称 the matter's name (e.g. 食品经营许可（新办）). */
  name: Scalars['String']['output'];
  /** Code of the node that keeps the matter. */
  node: Scalars['String']['output'];
  /**
   * 免提交就绪 paperless-ready: true when the agency may read every required material itself, for
   * this matter, without the holder's consent — by the type's sharing level and the agency's grants
   * that name the matter code among their purposes (see `MatterMaterial.readable`). A type the
   * catalog cannot find, or grants that cannot be read when one is needed, count as not readable.
   */
  paperlessReady: Scalars['Boolean']['output'];
};

/** A page of matters (事项), in code order across every node. */
export type MatterConnection = {
  __typename?: 'MatterConnection';
  /** The matters of the page, each with its cursor. */
  edges: Array<MatterEdge>;
  /** Whether more matters follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** How many matters match at every node, over every page. */
  totalCount: Scalars['Int']['output'];
};

/** A matter in a page, with its position. */
export type MatterEdge = {
  __typename?: 'MatterEdge';
  /** An opaque cursor of this position, the same on every node: pass it as `after` to continue. */
  cursor: Scalars['String']['output'];
  /** The matter. */
  node: Matter;
};

/** One application material (申请材料) of a matter: a certificate of one type, and the items of it the matter needs. */
export type MatterMaterial = {
  __typename?: 'MatterMaterial';
  /** 证照类型代码 of the certificate that serves as the material. */
  certificateType: Scalars['ID']['output'];
  /** Codes of the type's items (照面信息项) the matter needs; empty when it needs the certificate as such (who holds it, whether it is valid). */
  items: Array<Scalars['String']['output']>;
  /** What the material is for, or when it is needed, for the counter clerk; null when nothing is said. */
  note?: Maybe<Scalars['String']['output']>;
  /**
   * Whether the matter's agency may read the items this material needs without the holder's
   * consent: never for a NOT_SHARED type or one the catalog cannot find; for an UNCONDITIONAL
   * type when every needed item is not sensitive or is named by a live grant of the agency on the
   * type for the matter code; for a CONDITIONAL type when such grants exist and name every needed
   * item (any such grant when it needs no item).
   */
  readable: Scalars['Boolean']['output'];
  /** Whether the matter cannot be handled without this material (必要材料). */
  required: Scalars['Boolean']['output'];
  /** The certificate type, as the catalog describes it now; null when no catalog keeps it (any more). */
  type?: Maybe<CertificateType>;
};

/** One application material (申请材料) of a matter being defined. */
export type MatterMaterialInput = {
  /** 证照类型代码 of a type the catalog keeps. */
  certificateType: Scalars['ID']['input'];
  /** Codes of that type's items (照面信息项) the matter needs, each at most once; absent or empty when it needs the certificate as such. */
  items?: InputMaybe<Array<Scalars['String']['input']>>;
  /** What the material is for, or when it is needed: at most 200 characters, one line. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** Whether the matter cannot be handled without it (必要材料). */
  required: Scalars['Boolean']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Defines a certificate type, or redefines one of this node (data stewards only). It is kept at
   * the node of the defining authority's region; a redefinition replaces the name, sharing,
   * validity, issuers and every item, but never the holder kind. The answer's `change` says what
   * the call changed for existing certificates and grants. A redefinition that widens sharing,
   * drops an item or makes an item non-sensitive is made only with `confirm: true`: without it,
   * BAD_USER_INPUT naming `confirm` with the reasons, and nothing is stored. Every definition
   * is recorded in the access log with the definition before and after; the catalog keeps every
   * version.
   */
  defineCertificateType: CertificateType;
  /**
   * Defines a matter (事项) with its materials, or redefines one: the same code replaces its name,
   * agency name and materials. Allowed to data stewards, and to the agency that handles the matter
   * (the first 18 characters of the code) with the issuer role. Each material names a type the
   * catalog keeps and items of that type. Recorded in the access log with the definition before
   * and after; kept at the node of the agency's region.
   */
  defineMatter: Matter;
  /**
   * Defines a permit rule (后置审批), or redefines one: the same code replaces its activity, keywords,
   * certificate type and note (data stewards only). The type must be one the catalog keeps, at any
   * node, held by organisations. Every problem is a BAD_USER_INPUT naming its field
   * (`input.keywords[2]`) and nothing is written. Recorded in the access log with the rule before
   * and after; kept at the province node.
   */
  definePermitRule: PermitRule;
  /**
   * Deletes a permit rule that no longer applies (data stewards only): true once done; an unknown
   * code is NOT_FOUND. Recorded in the access log with the rule as it was.
   */
  deletePermitRule: Scalars['Boolean']['output'];
  /** Grants an agency access to certificates of a type (data stewards only). */
  grantAccess: Grant;
  /**
   * Gives a consent (授权用证): the calling holder allows an agency to use some of its own
   * certificates for one of the agency's matters (holders only). Every certificate is looked up at
   * the node that keeps it: one that is not the caller's, or not found, is refused alike
   * (BAD_USER_INPUT naming it), and a node that does not answer is NODE_UNAVAILABLE; nothing is
   * written then. Kept at the province node and recorded in its access log.
   */
  grantConsent: Consent;
  /**
   * Revokes a consent the calling holder gave (holders only): true when this call revoked it, false
   * when it was already revoked. Another holder's consent, or an unknown id, is NOT_FOUND. The nodes
   * stop applying it within seconds.
   */
  revokeConsent: Scalars['Boolean']['output'];
  /**
   * Revokes a grant: true once done; an unknown or already revoked grant is NOT_FOUND (data
   * stewards only). Nodes stop applying it as soon as the gateway reads the agency's grants again.
   */
  revokeGrant: Scalars['Boolean']['output'];
  /**
   * Sets what a department must reach for a metric over a period (data stewards only), replacing
   * the target it had for the same metric and period: a count of certificates for STOCK_CONVERTED,
   * a share from 0 to 1 for the others. Kept at the province node; recorded in the access log with
   * the target before and after. Every problem is a BAD_USER_INPUT naming its field.
   */
  setTarget: Target;
};


export type MutationDefineCertificateTypeArgs = {
  confirm?: InputMaybe<Scalars['Boolean']['input']>;
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  input: DefineCertificateTypeInput;
};


export type MutationDefineMatterArgs = {
  input: DefineMatterInput;
};


export type MutationDefinePermitRuleArgs = {
  input: DefinePermitRuleInput;
};


export type MutationDeletePermitRuleArgs = {
  code: Scalars['ID']['input'];
};


export type MutationGrantAccessArgs = {
  input: GrantAccessInput;
};


export type MutationGrantConsentArgs = {
  input: GrantConsentInput;
};


export type MutationRevokeConsentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeGrantArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetTargetArgs = {
  input: SetTargetInput;
};

/** Where a page ends: of any list the hub pages (certificates, messages, reports, matters …). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the page's last row; null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more rows follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * A permit rule (后置审批): an activity of a business scope (经营范围) that needs a certificate (a
 * licence) of one type, e.g. 食品销售 → 食品经营许可证. A legal entity's business scope matches the
 * rule when one of its keywords occurs in it, full-width and half-width forms alike, white space
 * and the case of ASCII letters ignored (README › Permit rules). Kept at the province node and
 * maintained by data stewards; supervision reads them to find entities that carry on an activity
 * without its licence.
 */
export type PermitRule = {
  __typename?: 'PermitRule';
  /** 经营项目 the activity the rule is about, e.g. 食品销售. */
  activity: Scalars['String']['output'];
  /** The type of certificate the activity needs; it may be kept at another node than the rule. */
  certificateType: CertificateType;
  /** The rule's code: 2 to 32 characters of A–Z, 0–9 and '-' (e.g. FOOD-SALE). */
  code: Scalars['ID']['output'];
  /** When the rule's current definition was made. */
  definedAt: Scalars['DateTime']['output'];
  /** USCC of the data steward who made the current definition; null for one written outside the API (the demo seed). */
  definedBy?: Maybe<Scalars['String']['output']>;
  /** The words looked for in a business scope, as the steward gave them, in order: any one of them makes a match. */
  keywords: Array<Scalars['String']['output']>;
  /** What a supervisor should know about the rule (its legal basis, what it leaves out); null when nothing is said. */
  note?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * One certificate type of the catalog (电子证照目录) by its code, read at the node of the defining
   * authority's region; null when that node does not keep it. A malformed code is BAD_USER_INPUT.
   */
  certificateType?: Maybe<CertificateType>;
  /** Every certificate type of the nodes in scope, ordered by code. */
  certificateTypes: Array<CertificateType>;
  /**
   * The live consents (neither revoked nor expired) holders gave the calling agency, newest first:
   * the certificates it may use, for which matter and application (agencies only).
   */
  consentsGiven: ConsentConnection;
  /** Grants not revoked (expired ones included), of one agency or of all, newest first (data stewards only). */
  grants: Array<Grant>;
  /**
   * The grants in force on one type, of every agency, newest first: for the hub's own use (a node
   * redefining a type asks the province which grants the change affects) and for data stewards.
   */
  grantsOfType: Array<Grant>;
  /**
   * The live consents (neither revoked nor expired now) of one agency for one matter that cover any
   * of the certificates named — any version of them — newest first: read by the nodes on their own
   * account to apply consents, never by a client. Whether a consent's holder holds the certificate
   * read, and whether its case number matches, the node decides.
   */
  liveConsents: Array<Consent>;
  /**
   * One matter (事项) by its code, read at the node of its agency's region; null when that node
   * does not keep it. A malformed code is BAD_USER_INPUT.
   */
  matter?: Maybe<Matter>;
  /** The matters (事项) of every node, or of one agency, in code order. */
  matters: MatterConnection;
  /** The consents (授权用证) the calling holder gave, live or not, newest first (holders only). */
  myConsents: Array<Consent>;
  /** The calling agency's own grants that are neither revoked nor expired, newest first. */
  myGrants: Array<Grant>;
  /**
   * Every permit rule (后置审批), in code order: read by agencies, and by the hub's nodes on their own
   * account to find entities whose business scope matches a rule.
   */
  permitRules: Array<PermitRule>;
  /**
   * The targets (工作目标) departments must reach, kept at the province node, for the monthly
   * progress report (每月通报): those of one period (YYYY or YYYY-MM) or of every period, of one
   * department or of every one, in the order of agency, metric and period (analysts, auditors and
   * stewards).
   */
  targets: Array<Target>;
};


export type QueryCertificateTypeArgs = {
  code: Scalars['ID']['input'];
};


export type QueryConsentsGivenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  matter?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryGrantsArgs = {
  agency?: InputMaybe<Scalars['String']['input']>;
};


export type QueryGrantsOfTypeArgs = {
  code: Scalars['ID']['input'];
};


export type QueryLiveConsentsArgs = {
  agency: Scalars['String']['input'];
  certificateIds: Array<Scalars['ID']['input']>;
  matter: Scalars['ID']['input'];
};


export type QueryMatterArgs = {
  code: Scalars['ID']['input'];
};


export type QueryMattersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  agency?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTargetsArgs = {
  agency?: InputMaybe<Scalars['String']['input']>;
  period?: InputMaybe<Scalars['String']['input']>;
};

/** A target to set (Mutation.setTarget). */
export type SetTargetInput = {
  /** USCC of the department. */
  agency: Scalars['String']['input'];
  /** The department's name, 1 to 100 characters, for the report; absent keeps the name it had. */
  agencyName?: InputMaybe<Scalars['String']['input']>;
  /** What the target measures. */
  metric: TargetMetric;
  /** YYYY (the whole year) or YYYY-MM (one month), from 2000 to 2099. */
  period: Scalars['String']['input'];
  /** A whole number from 0 to 100,000,000 for STOCK_CONVERTED; a share greater than 0 and at most 1 for the others. */
  value: Scalars['Float']['input'];
};

/** How widely a certificate type is shared: openly, only through a grant, or not at all. */
export type SharingLevel =
  /** 有条件共享 shared conditionally: an agency reads the holder's identity and items only through a grant for the request's purpose, and only the items it names. */
  | 'CONDITIONAL'
  /** 不予共享 not shared: only the issuing authority and the holder read more than the metadata; such a type cannot be granted. */
  | 'NOT_SHARED'
  /** 无条件共享 shared unconditionally: any agency reads the holder's identity and the items not marked sensitive; sensitive items only through a grant that names them. */
  | 'UNCONDITIONAL';

/** A department's target for one metric and period. */
export type Target = {
  __typename?: 'Target';
  /** USCC of the department. */
  agency: Scalars['String']['output'];
  /** The department's name as the steward gave it; null when none was given. */
  agencyName?: Maybe<Scalars['String']['output']>;
  /** What the target measures. */
  metric: TargetMetric;
  /** YYYY (the whole year) or YYYY-MM (one month). */
  period: Scalars['String']['output'];
  /** When it was set. */
  setAt: Scalars['DateTime']['output'];
  /** USCC of the steward who set it. */
  setBy: Scalars['String']['output'];
  /** A whole number of certificates for STOCK_CONVERTED; a share from 0 to 1 for the others. */
  value: Scalars['Float']['output'];
};

/** What a department's target measures (README › Statistics › Targets). */
export type TargetMetric =
  /** 电子证照签发率: of the certificates the department issued in the period (issuedOn), the share issued electronically (ISSUED) rather than converted from paper afterwards (CONVERTED). */
  | 'ISSUED_ELECTRONIC_SHARE'
  /** 非现场监管占比: of the department's supervision in the period, the share done by online checks (reads for the purpose SUPERVISION) rather than on site (objects drawn for inspection). */
  | 'ONLINE_CHECK_SHARE'
  /** 事项免提交就绪率: the share of the department's matters (事项) that are paperlessReady. */
  | 'PAPERLESS_MATTERS_SHARE'
  /** 存量证照转换数: paper certificates of the department converted into the hub (origin CONVERTED), counted by the day they came in, from the start of the target's period. */
  | 'STOCK_CONVERTED';



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
  CertificateType: CertificateType;
  Matter: Matter;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  CertificateType:
    ( { __typename: 'CertificateType' }
    & GraphQLRecursivePick<FederationTypes['CertificateType'], {"code":true}> );
  Matter:
    ( { __typename: 'Matter' }
    & GraphQLRecursivePick<FederationTypes['Matter'], {"code":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CertificateType: ResolverTypeWrapper<CertificateTypeModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CertificateTypeChange: ResolverTypeWrapper<CertificateTypeChangeModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CertificateTypeVersion: ResolverTypeWrapper<CertificateTypeVersionModel>;
  Consent: ResolverTypeWrapper<ConsentModel>;
  ConsentConnection: ResolverTypeWrapper<NodeSeqPage<ConsentModel>>;
  ConsentEdge: ResolverTypeWrapper<NodeSeqEdge<ConsentModel>>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DefineCertificateTypeInput: DefineCertificateTypeInput;
  DefineMatterInput: DefineMatterInput;
  DefinePermitRuleInput: DefinePermitRuleInput;
  DefinitionDifference: ResolverTypeWrapper<DefinitionDifference>;
  Grant: ResolverTypeWrapper<GrantRow>;
  GrantAccessInput: GrantAccessInput;
  GrantConsentInput: GrantConsentInput;
  HolderKind: HolderKind;
  ItemDefinition: ResolverTypeWrapper<ItemDefinitionModel>;
  ItemDefinitionInput: ItemDefinitionInput;
  Matter: ResolverTypeWrapper<MatterRow>;
  MatterConnection: ResolverTypeWrapper<MatterPage>;
  MatterEdge: ResolverTypeWrapper<Omit<MatterEdge, 'node'> & { node: ResolversTypes['Matter'] }>;
  MatterMaterial: ResolverTypeWrapper<MatterMaterialModel>;
  MatterMaterialInput: MatterMaterialInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PermitRule: ResolverTypeWrapper<PermitRuleRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SetTargetInput: SetTargetInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  SharingLevel: SharingLevel;
  Target: ResolverTypeWrapper<TargetRow>;
  TargetMetric: TargetMetric;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CertificateType: CertificateTypeModel;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  CertificateTypeChange: CertificateTypeChangeModel;
  Boolean: Scalars['Boolean']['output'];
  CertificateTypeVersion: CertificateTypeVersionModel;
  Consent: ConsentModel;
  ConsentConnection: NodeSeqPage<ConsentModel>;
  ConsentEdge: NodeSeqEdge<ConsentModel>;
  DateTime: Scalars['DateTime']['output'];
  DefineCertificateTypeInput: DefineCertificateTypeInput;
  DefineMatterInput: DefineMatterInput;
  DefinePermitRuleInput: DefinePermitRuleInput;
  DefinitionDifference: DefinitionDifference;
  Grant: GrantRow;
  GrantAccessInput: GrantAccessInput;
  GrantConsentInput: GrantConsentInput;
  ItemDefinition: ItemDefinitionModel;
  ItemDefinitionInput: ItemDefinitionInput;
  Matter: MatterRow;
  MatterConnection: MatterPage;
  MatterEdge: Omit<MatterEdge, 'node'> & { node: ResolversParentTypes['Matter'] };
  MatterMaterial: MatterMaterialModel;
  MatterMaterialInput: MatterMaterialInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PermitRule: PermitRuleRow;
  Query: Record<PropertyKey, never>;
  SetTargetInput: SetTargetInput;
  Float: Scalars['Float']['output'];
  Target: TargetRow;
};

export type CertificateTypeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['CertificateType'] = ResolversParentTypes['CertificateType'], FederationReferenceType extends FederationReferenceTypes['CertificateType'] = FederationReferenceTypes['CertificateType']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CertificateType']> | FederationReferenceType, FederationReferenceType, ContextType>;
  change?: Resolver<Maybe<ResolversTypes['CertificateTypeChange']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  definingAuthority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  holderKind?: Resolver<ResolversTypes['HolderKind'], ParentType, ContextType>;
  issuers?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['ItemDefinition']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sharing?: Resolver<ResolversTypes['SharingLevel'], ParentType, ContextType>;
  validityYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['CertificateTypeVersion']>, ParentType, ContextType>;
};

export type CertificateTypeChangeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['CertificateTypeChange'] = ResolversParentTypes['CertificateTypeChange']> = {
  affectedGrants?: Resolver<Array<ResolversTypes['Grant']>, ParentType, ContextType>;
  confirmationReasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  differences?: Resolver<Array<ResolversTypes['DefinitionDifference']>, ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  effects?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  fromVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  requiresConfirmation?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  toVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CertificateTypeVersionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['CertificateTypeVersion'] = ResolversParentTypes['CertificateTypeVersion']> = {
  definedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  definedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  definingAuthority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  holderKind?: Resolver<ResolversTypes['HolderKind'], ParentType, ContextType>;
  issuers?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['ItemDefinition']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sharing?: Resolver<ResolversTypes['SharingLevel'], ParentType, ContextType>;
  validityYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConsentResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Consent'] = ResolversParentTypes['Consent']> = {
  agency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  agencyName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  caseNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  certificateIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  grantedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  holderCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  live?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  matter?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  matterName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ConsentConnectionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ConsentConnection'] = ResolversParentTypes['ConsentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ConsentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConsentEdgeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ConsentEdge'] = ResolversParentTypes['ConsentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Consent'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DefinitionDifferenceResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['DefinitionDifference'] = ResolversParentTypes['DefinitionDifference']> = {
  after?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GrantResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Grant'] = ResolversParentTypes['Grant']> = {
  agency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  certificateType?: Resolver<ResolversTypes['CertificateType'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  purposes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ItemDefinitionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ItemDefinition'] = ResolversParentTypes['ItemDefinition']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sensitive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MatterResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Matter'] = ResolversParentTypes['Matter'], FederationReferenceType extends FederationReferenceTypes['Matter'] = FederationReferenceTypes['Matter']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Matter']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  agencyName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  materials?: Resolver<Array<ResolversTypes['MatterMaterial']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paperlessReady?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MatterConnectionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['MatterConnection'] = ResolversParentTypes['MatterConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MatterEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MatterEdgeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['MatterEdge'] = ResolversParentTypes['MatterEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Matter'], ParentType, ContextType>;
};

export type MatterMaterialResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['MatterMaterial'] = ResolversParentTypes['MatterMaterial']> = {
  certificateType?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  readable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['CertificateType']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  defineCertificateType?: Resolver<ResolversTypes['CertificateType'], ParentType, ContextType, RequireFields<MutationDefineCertificateTypeArgs, 'confirm' | 'dryRun' | 'input'>>;
  defineMatter?: Resolver<ResolversTypes['Matter'], ParentType, ContextType, RequireFields<MutationDefineMatterArgs, 'input'>>;
  definePermitRule?: Resolver<ResolversTypes['PermitRule'], ParentType, ContextType, RequireFields<MutationDefinePermitRuleArgs, 'input'>>;
  deletePermitRule?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeletePermitRuleArgs, 'code'>>;
  grantAccess?: Resolver<ResolversTypes['Grant'], ParentType, ContextType, RequireFields<MutationGrantAccessArgs, 'input'>>;
  grantConsent?: Resolver<ResolversTypes['Consent'], ParentType, ContextType, RequireFields<MutationGrantConsentArgs, 'input'>>;
  revokeConsent?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeConsentArgs, 'id'>>;
  revokeGrant?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeGrantArgs, 'id'>>;
  setTarget?: Resolver<ResolversTypes['Target'], ParentType, ContextType, RequireFields<MutationSetTargetArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PermitRuleResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PermitRule'] = ResolversParentTypes['PermitRule']> = {
  activity?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  certificateType?: Resolver<ResolversTypes['CertificateType'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  definedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  definedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  keywords?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  certificateType?: Resolver<Maybe<ResolversTypes['CertificateType']>, ParentType, ContextType, RequireFields<QueryCertificateTypeArgs, 'code'>>;
  certificateTypes?: Resolver<Array<ResolversTypes['CertificateType']>, ParentType, ContextType>;
  consentsGiven?: Resolver<ResolversTypes['ConsentConnection'], ParentType, ContextType, RequireFields<QueryConsentsGivenArgs, 'first'>>;
  grants?: Resolver<Array<ResolversTypes['Grant']>, ParentType, ContextType, Partial<QueryGrantsArgs>>;
  grantsOfType?: Resolver<Array<ResolversTypes['Grant']>, ParentType, ContextType, RequireFields<QueryGrantsOfTypeArgs, 'code'>>;
  liveConsents?: Resolver<Array<ResolversTypes['Consent']>, ParentType, ContextType, RequireFields<QueryLiveConsentsArgs, 'agency' | 'certificateIds' | 'matter'>>;
  matter?: Resolver<Maybe<ResolversTypes['Matter']>, ParentType, ContextType, RequireFields<QueryMatterArgs, 'code'>>;
  matters?: Resolver<ResolversTypes['MatterConnection'], ParentType, ContextType, RequireFields<QueryMattersArgs, 'first'>>;
  myConsents?: Resolver<Array<ResolversTypes['Consent']>, ParentType, ContextType>;
  myGrants?: Resolver<Array<ResolversTypes['Grant']>, ParentType, ContextType>;
  permitRules?: Resolver<Array<ResolversTypes['PermitRule']>, ParentType, ContextType>;
  targets?: Resolver<Array<ResolversTypes['Target']>, ParentType, ContextType, Partial<QueryTargetsArgs>>;
};

export type TargetResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Target'] = ResolversParentTypes['Target']> = {
  agency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  agencyName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['TargetMetric'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  setAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  setBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type Resolvers<ContextType = CatalogContext> = {
  CertificateType?: CertificateTypeResolvers<ContextType>;
  CertificateTypeChange?: CertificateTypeChangeResolvers<ContextType>;
  CertificateTypeVersion?: CertificateTypeVersionResolvers<ContextType>;
  Consent?: ConsentResolvers<ContextType>;
  ConsentConnection?: ConsentConnectionResolvers<ContextType>;
  ConsentEdge?: ConsentEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DefinitionDifference?: DefinitionDifferenceResolvers<ContextType>;
  Grant?: GrantResolvers<ContextType>;
  ItemDefinition?: ItemDefinitionResolvers<ContextType>;
  Matter?: MatterResolvers<ContextType>;
  MatterConnection?: MatterConnectionResolvers<ContextType>;
  MatterEdge?: MatterEdgeResolvers<ContextType>;
  MatterMaterial?: MatterMaterialResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PermitRule?: PermitRuleResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Target?: TargetResolvers<ContextType>;
};

