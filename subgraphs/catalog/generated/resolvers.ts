import type { GraphQLResolveInfo } from 'graphql';
import type { CertificateTypeRow, ItemDefinitionRow } from '../db/schema.js';
import type { CatalogContext } from '../context.js';
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
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * A kind of certificate in the catalog (电子证照目录), defined by an authority and kept at the
 * node of that authority's region. Its code is the authority's USCC followed by three digits.
 */
export type CertificateType = {
  __typename?: 'CertificateType';
  code: Scalars['ID']['output'];
  /** Name of the authority that defined the type (e.g. 国家市场监督管理总局). */
  definingAuthority: Scalars['String']['output'];
  holderKind: HolderKind;
  /** The items printed on the face of the certificate (照面信息项), in printed order. */
  items: Array<ItemDefinition>;
  name: Scalars['String']['output'];
  /** Code of the node that keeps this type. */
  node: Scalars['String']['output'];
  sharing: SharingLevel;
  /** Years a certificate of this type stays valid, when the type has a fixed term. */
  validityYears?: Maybe<Scalars['Int']['output']>;
};

export type DefineCertificateTypeInput = {
  code: Scalars['ID']['input'];
  definingAuthority: Scalars['String']['input'];
  holderKind: HolderKind;
  items: Array<ItemDefinitionInput>;
  name: Scalars['String']['input'];
  sharing: SharingLevel;
  validityYears?: InputMaybe<Scalars['Int']['input']>;
};

/** Whether a certificate's holder is a person or an organisation. */
export type HolderKind =
  | 'ORGANIZATION'
  | 'PERSON';

/** One item on the face of a certificate (照面信息项). */
export type ItemDefinition = {
  __typename?: 'ItemDefinition';
  code: Scalars['String']['output'];
  name: Scalars['String']['output'];
  required: Scalars['Boolean']['output'];
  /** Personal or confidential: readable only through a grant that names it. */
  sensitive: Scalars['Boolean']['output'];
};

export type ItemDefinitionInput = {
  code: Scalars['String']['input'];
  name: Scalars['String']['input'];
  required?: Scalars['Boolean']['input'];
  sensitive?: Scalars['Boolean']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Defines a certificate type, or redefines one of this node (data stewards only). */
  defineCertificateType: CertificateType;
};


export type MutationDefineCertificateTypeArgs = {
  input: DefineCertificateTypeInput;
};

export type Query = {
  __typename?: 'Query';
  certificateType?: Maybe<CertificateType>;
  /** Every certificate type of the nodes in scope, ordered by code. */
  certificateTypes: Array<CertificateType>;
};


export type QueryCertificateTypeArgs = {
  code: Scalars['ID']['input'];
};

/** How widely a certificate type is shared: openly, only through a grant, or not at all. */
export type SharingLevel =
  | 'CONDITIONAL'
  | 'NOT_SHARED'
  | 'UNCONDITIONAL';



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
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  CertificateType:
    ( { __typename: 'CertificateType' }
    & GraphQLRecursivePick<FederationTypes['CertificateType'], {"code":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CertificateType: ResolverTypeWrapper<CertificateTypeRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DefineCertificateTypeInput: DefineCertificateTypeInput;
  HolderKind: HolderKind;
  ItemDefinition: ResolverTypeWrapper<ItemDefinitionRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ItemDefinitionInput: ItemDefinitionInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SharingLevel: SharingLevel;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CertificateType: CertificateTypeRow;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  DefineCertificateTypeInput: DefineCertificateTypeInput;
  ItemDefinition: ItemDefinitionRow;
  Boolean: Scalars['Boolean']['output'];
  ItemDefinitionInput: ItemDefinitionInput;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
};

export type CertificateTypeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['CertificateType'] = ResolversParentTypes['CertificateType'], FederationReferenceType extends FederationReferenceTypes['CertificateType'] = FederationReferenceTypes['CertificateType']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CertificateType']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  definingAuthority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  holderKind?: Resolver<ResolversTypes['HolderKind'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['ItemDefinition']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sharing?: Resolver<ResolversTypes['SharingLevel'], ParentType, ContextType>;
  validityYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type ItemDefinitionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ItemDefinition'] = ResolversParentTypes['ItemDefinition']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sensitive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  defineCertificateType?: Resolver<ResolversTypes['CertificateType'], ParentType, ContextType, RequireFields<MutationDefineCertificateTypeArgs, 'input'>>;
};

export type QueryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  certificateType?: Resolver<Maybe<ResolversTypes['CertificateType']>, ParentType, ContextType, RequireFields<QueryCertificateTypeArgs, 'code'>>;
  certificateTypes?: Resolver<Array<ResolversTypes['CertificateType']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = CatalogContext> = {
  CertificateType?: CertificateTypeResolvers<ContextType>;
  ItemDefinition?: ItemDefinitionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

