import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LegalEntityRow, AnnualReportRow } from '../db/schema.js';
import type { AbnormalOperationModel, AbnormalPage } from '../abnormal.js';
import type { LegalEntityContext } from '../context.js';
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
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** A point in time, ISO 8601. */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** An entity on the abnormal operations list (经营异常名录). */
export type AbnormalOperation = {
  __typename?: 'AbnormalOperation';
  /** 列入日期: 1 July after the deadline it missed. */
  listedOn: Scalars['Date']['output'];
  /** The registered name. */
  name: Scalars['String']['output'];
  /** 列入原因, e.g. 未按规定报送2025年度年报. */
  reason: Scalars['String']['output'];
  /** The region it registered in: characters 3–8 of the USCC. */
  region: Scalars['String']['output'];
  /** 统一社会信用代码. */
  uscc: Scalars['ID']['output'];
  /** The report year it missed. */
  year: Scalars['Int']['output'];
};

/** A page of the abnormal operations list. */
export type AbnormalOperationConnection = {
  __typename?: 'AbnormalOperationConnection';
  /** The entries of the page, each with its cursor. */
  edges: Array<AbnormalOperationEdge>;
  /** Whether more entries follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** How many entries the list holds at every node, over every page. */
  totalCount: Scalars['Int']['output'];
};

/** An entry in a page of the abnormal operations list, with its position. */
export type AbnormalOperationEdge = {
  __typename?: 'AbnormalOperationEdge';
  /** An opaque cursor of this position, the same on every node: pass it as `after` to continue. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: AbnormalOperation;
};

/**
 * One version of a legal entity's annual report (年报). Everyone reads the published fields;
 * `phone` and `revenue` are read by the company itself (an agency or another holder gets null with
 * FORBIDDEN; the public, which is not shown them, gets null).
 */
export type AnnualReport = {
  __typename?: 'AnnualReport';
  /** 通信地址. */
  address: Scalars['String']['output'];
  /** 电子邮箱. */
  email: Scalars['String']['output'];
  /** 从业人数. */
  employees: Scalars['Int']['output'];
  /** When this version was filed. */
  filedAt: Scalars['DateTime']['output'];
  /** The first filing came after 30 June (补报): accepted, and not changed after. */
  filedLate: Scalars['Boolean']['output'];
  /** The entity's registered name when the version was filed. */
  name: Scalars['String']['output'];
  /** Code of the node that keeps the report, with the entity's registry. */
  node: Scalars['String']['output'];
  /** 经营状态. */
  operatingStatus: OperatingStatus;
  /** 联系电话: the company's own (not published). */
  phone?: Maybe<Scalars['String']['output']>;
  /** 营业总收入 in yuan, two decimals: the company's own (not published). */
  revenue?: Maybe<Scalars['String']['output']>;
  /** The node's seal over this version. */
  seal: AnnualReportSeal;
  /** 统一社会信用代码 of the entity. */
  uscc: Scalars['ID']['output'];
  /** 1 for the first filing of the year, one more for each filing that replaced it. */
  version: Scalars['Int']['output'];
  /** 网站; null for none. */
  website?: Maybe<Scalars['String']['output']>;
  /** The year the report is about. */
  year: Scalars['Int']['output'];
};

/** An annual report (年度报告) as filed: one version of the report of one year. */
export type AnnualReportInput = {
  /** 通信地址, one line, at most 200 characters. */
  address: Scalars['String']['input'];
  /** 电子邮箱, an email address. Published. */
  email: Scalars['String']['input'];
  /** 从业人数, a whole number from 0 to 10,000,000. */
  employees: Scalars['Int']['input'];
  /** 经营状态. */
  operatingStatus: OperatingStatus;
  /** 联系电话, 5 to 20 digits in groups joined by single dashes (0592-5551234). Not published. */
  phone: Scalars['String']['input'];
  /** 营业总收入 in yuan as a decimal string, not negative, at most two decimals (1250000.50). Not published. */
  revenue: Scalars['String']['input'];
  /** 网站, an http or https URL; absent, null or blank for none. */
  website?: InputMaybe<Scalars['String']['input']>;
  /** The year the report is about: the previous year (China time), filed from 1 January. */
  year: Scalars['Int']['input'];
};

/**
 * The seal of an annual report version: an SM2-SM3 signature by the node's own key (Query.nodeKeys)
 * over `signedPayload`, the RFC 8785 canonical JSON of the published fields and `withheldDigest`, the
 * SM3 of the unpublished fields with a salt. One signature covers every field while the public reads
 * only the published ones.
 */
export type AnnualReportSeal = {
  __typename?: 'AnnualReportSeal';
  /** SM2-SM3. */
  algorithm: Scalars['String']['output'];
  /** SM3 (hex) of signedPayload. */
  digest: Scalars['String']['output'];
  /** The node key that signed (nodeKeys(node)). */
  keyId: Scalars['String']['output'];
  /** The public half of that key (04 + x + y, hex); null when the node no longer has it. */
  publicKey?: Maybe<Scalars['String']['output']>;
  /** DER, hex; signer ID 1234567812345678. */
  signature: Scalars['String']['output'];
  /** What was signed, recomputed from the stored version now. */
  signedPayload: Scalars['String']['output'];
  /** Whether the signature verifies over signedPayload with the node's key: false once a stored field was changed behind the hub's back. */
  valid: Scalars['Boolean']['output'];
  /** SM3 (hex) of the canonical JSON {phone, revenue, salt} of the unpublished fields, as signedPayload holds it. */
  withheldDigest: Scalars['String']['output'];
  /** The salt (hex) of the unpublished fields: the company's own, like phone and revenue. */
  withheldSalt?: Maybe<Scalars['String']['output']>;
};

/** Registry status of a legal entity: operating, licence revoked (吊销), or deregistered (注销). */
export type EntityStatus =
  /** 存续 operating. */
  | 'ACTIVE'
  /** 注销 deregistered. */
  | 'CANCELLED'
  /** 吊销 business licence revoked. */
  | 'REVOKED';

/**
 * A company or other organisation in the registry (法人库), keyed by its unified social credit
 * code (统一社会信用代码) and kept at the node of the region it registered in.
 */
export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** 住所 the registered address. */
  address?: Maybe<Scalars['String']['output']>;
  /** 经营范围. */
  businessScope?: Maybe<Scalars['String']['output']>;
  /** 成立日期 date of establishment. */
  establishedOn?: Maybe<Scalars['Date']['output']>;
  /** 法定代表人 (or 负责人). Personal data: every read is recorded in the node's access log (用证记录). */
  legalRepresentative?: Maybe<Scalars['String']['output']>;
  /**
   * Resident ID number (居民身份证号码) of the legal representative: personal data, readable only by
   * the entity itself, or by an agency through a grant, for the request's purpose, on the
   * registry's catalog entry that names legalRepresentativeIdNumber; else null with FORBIDDEN.
   * Every read is recorded in the node's access log.
   */
  legalRepresentativeIdNumber?: Maybe<Scalars['String']['output']>;
  /** 名称 the registered name. */
  name?: Maybe<Scalars['String']['output']>;
  /** Code of the node that keeps this entity. */
  node: Scalars['String']['output'];
  /** 登记状态 registry status. */
  status?: Maybe<EntityStatus>;
  /** 统一社会信用代码 (USCC, GB 32100-2015), 18 characters; characters 3–8 are the region it registered in. */
  uscc: Scalars['ID']['output'];
};

/** A registry field that a change of registration may clear: only the optional ones. */
export type LegalEntityField =
  /** businessScope, 经营范围. */
  | 'BUSINESS_SCOPE'
  /** legalRepresentativeIdNumber, the legal representative's resident ID number. */
  | 'LEGAL_REPRESENTATIVE_ID_NUMBER';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Registers a legal entity (设立登记), or records a change to one already registered (变更登记),
   * by a registrar of the entity's region (registrars only): the entity's region (characters 3–8
   * of its USCC) must lie within the registrar's own (characters 3–8 of the registrar's USCC): a
   * province registrar covers the province, a city's its districts, a district's only itself;
   * otherwise FORBIDDEN. A new entity needs name, legalRepresentative, address and establishedOn.
   * A change keeps every field the input leaves out (absent or null), the status included, and
   * clears an optional field only when `clear` names it.
   */
  registerLegalEntity: LegalEntity;
  /**
   * Files the calling organisation's annual report (年报), as a holder signed in with its own USCC
   * (organisations only: anyone else is FORBIDDEN), at the node of its registry, where it must be
   * registered (else NOT_FOUND) and not deregistered. The report of a year is filed from 1 January
   * of the next year (China time) and may be filed again until 30 June, each filing a new version
   * that replaces the one before (every version is kept and recorded in the access log); a first
   * filing after 30 June is accepted as late (补报, filedLate) and is not changed after. An entity
   * founded in a year owes its first report the year after. Sealed with the node's own key. Each
   * problem with the input is BAD_USER_INPUT naming its field.
   */
  submitAnnualReport: AnnualReport;
};


export type MutationRegisterLegalEntityArgs = {
  input: RegisterLegalEntityInput;
};


export type MutationSubmitAnnualReportArgs = {
  input: AnnualReportInput;
};

/** 经营状态 as an annual report states it. */
export type OperatingStatus =
  /** 清算 in liquidation. */
  | 'LIQUIDATING'
  /** 开业 operating. */
  | 'OPERATING'
  /** 歇业 business suspended. */
  | 'SUSPENDED_BUSINESS';

/** Where a page ends: of any list the hub pages (certificates, messages, reports, matters …). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the page's last row; null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more rows follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * The abnormal operations list (经营异常名录): operating (ACTIVE) entities that missed the
   * deadline of the annual report of the year the list stands for — the previous year's from
   * 1 July (China time), the one before it until 30 June — founded by the end of that year, in
   * USCC order (by code unit) across every node, with exact paging and totalCount. A late report
   * (补报) takes its company off the list. Public: callable without a token (rate limited as
   * verifyCertificate).
   */
  abnormalOperations: AbnormalOperationConnection;
  /**
   * The annual reports (年报) of a legal entity, the current version of each year, the latest year
   * first; empty when it filed none. Public: callable without a token (rate limited as
   * verifyCertificate). Everyone reads the published fields; `phone`, `revenue` and the seal's
   * `withheldSalt` are the company's own (README › Annual reports). Read at the node of the region
   * the USCC names; an invalid USCC is BAD_USER_INPUT.
   */
  annualReports: Array<AnnualReport>;
  /**
   * One legal entity of the registry (法人库) by its USCC, read at the node of the region it
   * registered in; null when that node does not have it. An invalid USCC is BAD_USER_INPUT.
   */
  legalEntity?: Maybe<LegalEntity>;
};


export type QueryAbnormalOperationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAnnualReportsArgs = {
  uscc: Scalars['ID']['input'];
};


export type QueryLegalEntityArgs = {
  uscc: Scalars['ID']['input'];
};

/** A registration (设立登记) or a change of registration (变更登记) of a legal entity. */
export type RegisterLegalEntityInput = {
  /** 住所, at most 300 characters: every registered entity has one; required for a new entity, absent or null keeps the current one. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** 经营范围, at most 2000 characters; absent, null or blank keeps the current one (none for a new entity). */
  businessScope?: InputMaybe<Scalars['String']['input']>;
  /** Optional fields the change removes from the registry record; a field cannot be both given and cleared. */
  clear?: InputMaybe<Array<LegalEntityField>>;
  /** 成立日期, not in the future; required for a new entity, absent or null keeps the current one. */
  establishedOn?: InputMaybe<Scalars['Date']['input']>;
  /** 法定代表人 (or 负责人), at most 50 characters; required for a new entity, absent or null keeps the current one. */
  legalRepresentative?: InputMaybe<Scalars['String']['input']>;
  /** The legal representative's resident ID number (居民身份证号码, GB 11643-1999), checked; absent, null or blank keeps the current one (none for a new entity). */
  legalRepresentativeIdNumber?: InputMaybe<Scalars['String']['input']>;
  /** 名称, at most 200 characters; required for a new entity, absent or null keeps the current one. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Records a revocation (吊销) or deregistration (注销); absent keeps the current status (ACTIVE when new). */
  status?: InputMaybe<EntityStatus>;
  /** 统一社会信用代码 (USCC) with a valid check character; its region decides the node that keeps the entity. */
  uscc: Scalars['ID']['input'];
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
  LegalEntity: LegalEntity;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  LegalEntity:
    ( { __typename: 'LegalEntity' }
    & GraphQLRecursivePick<FederationTypes['LegalEntity'], {"uscc":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AbnormalOperation: ResolverTypeWrapper<AbnormalOperationModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AbnormalOperationConnection: ResolverTypeWrapper<AbnormalPage>;
  AbnormalOperationEdge: ResolverTypeWrapper<Omit<AbnormalOperationEdge, 'node'> & { node: ResolversTypes['AbnormalOperation'] }>;
  AnnualReport: ResolverTypeWrapper<AnnualReportRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AnnualReportInput: AnnualReportInput;
  AnnualReportSeal: ResolverTypeWrapper<AnnualReportRow>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EntityStatus: EntityStatus;
  LegalEntity: ResolverTypeWrapper<LegalEntityRow>;
  LegalEntityField: LegalEntityField;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OperatingStatus: OperatingStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterLegalEntityInput: RegisterLegalEntityInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AbnormalOperation: AbnormalOperationModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AbnormalOperationConnection: AbnormalPage;
  AbnormalOperationEdge: Omit<AbnormalOperationEdge, 'node'> & { node: ResolversParentTypes['AbnormalOperation'] };
  AnnualReport: AnnualReportRow;
  Boolean: Scalars['Boolean']['output'];
  AnnualReportInput: AnnualReportInput;
  AnnualReportSeal: AnnualReportRow;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  LegalEntity: LegalEntityRow;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RegisterLegalEntityInput: RegisterLegalEntityInput;
};

export type AbnormalOperationResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['AbnormalOperation'] = ResolversParentTypes['AbnormalOperation']> = {
  listedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AbnormalOperationConnectionResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['AbnormalOperationConnection'] = ResolversParentTypes['AbnormalOperationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AbnormalOperationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AbnormalOperationEdgeResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['AbnormalOperationEdge'] = ResolversParentTypes['AbnormalOperationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AbnormalOperation'], ParentType, ContextType>;
};

export type AnnualReportResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['AnnualReport'] = ResolversParentTypes['AnnualReport']> = {
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  employees?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  filedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  filedLate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operatingStatus?: Resolver<ResolversTypes['OperatingStatus'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revenue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seal?: Resolver<ResolversTypes['AnnualReportSeal'], ParentType, ContextType>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  website?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AnnualReportSealResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['AnnualReportSeal'] = ResolversParentTypes['AnnualReportSeal']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  digest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signedPayload?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  withheldDigest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  withheldSalt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LegalEntityResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  businessScope?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  establishedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  legalRepresentative?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  legalRepresentativeIdNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['EntityStatus']>, ParentType, ContextType>;
  uscc?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  registerLegalEntity?: Resolver<ResolversTypes['LegalEntity'], ParentType, ContextType, RequireFields<MutationRegisterLegalEntityArgs, 'input'>>;
  submitAnnualReport?: Resolver<ResolversTypes['AnnualReport'], ParentType, ContextType, RequireFields<MutationSubmitAnnualReportArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  abnormalOperations?: Resolver<ResolversTypes['AbnormalOperationConnection'], ParentType, ContextType, RequireFields<QueryAbnormalOperationsArgs, 'first'>>;
  annualReports?: Resolver<Array<ResolversTypes['AnnualReport']>, ParentType, ContextType, RequireFields<QueryAnnualReportsArgs, 'uscc'>>;
  legalEntity?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType, RequireFields<QueryLegalEntityArgs, 'uscc'>>;
};

export type Resolvers<ContextType = LegalEntityContext> = {
  AbnormalOperation?: AbnormalOperationResolvers<ContextType>;
  AbnormalOperationConnection?: AbnormalOperationConnectionResolvers<ContextType>;
  AbnormalOperationEdge?: AbnormalOperationEdgeResolvers<ContextType>;
  AnnualReport?: AnnualReportResolvers<ContextType>;
  AnnualReportSeal?: AnnualReportSealResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

