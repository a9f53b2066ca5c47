import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LegalEntityRow } from '../db/schema.js';
import type { LegalEntityContext } from '../context.js';
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
  _FieldSet: { input: unknown; output: unknown; }
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
};


export type MutationRegisterLegalEntityArgs = {
  input: RegisterLegalEntityInput;
};

export type Query = {
  __typename?: 'Query';
  /**
   * One legal entity of the registry (法人库) by its USCC, read at the node of the region it
   * registered in; null when that node does not have it. An invalid USCC is BAD_USER_INPUT.
   */
  legalEntity?: Maybe<LegalEntity>;
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
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  EntityStatus: EntityStatus;
  LegalEntity: ResolverTypeWrapper<LegalEntityRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  LegalEntityField: LegalEntityField;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterLegalEntityInput: RegisterLegalEntityInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Date: Scalars['Date']['output'];
  LegalEntity: LegalEntityRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  RegisterLegalEntityInput: RegisterLegalEntityInput;
  Boolean: Scalars['Boolean']['output'];
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
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
};

export type QueryResolvers<ContextType = LegalEntityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  legalEntity?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType, RequireFields<QueryLegalEntityArgs, 'uscc'>>;
};

export type Resolvers<ContextType = LegalEntityContext> = {
  Date?: GraphQLScalarType;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

