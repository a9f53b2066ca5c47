import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLOutputType, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { IMiddlewareFieldMap, IMiddlewareTypeMap } from 'graphql-middleware';
import type { SubgraphContext } from '../kit/context.js';
import { appendAuditRecords, type AuditSubject } from './log.js';

/**
 * Which fields of a subgraph return personal data, and whom an object of each type is about.
 * Functions take the object a field was resolved on (a Drizzle row, a reference); they are
 * typed `never` here so that each subgraph can name its own row types.
 */
export interface AuditedFields {
  /**
   * What an object of each type is about: used for its personal fields and for a mutation that
   * returns it (`certificateId`/`holderCode` of the change's record).
   */
  subjects: Record<string, (object: never) => AuditSubject>;
  /**
   * Each type's personal fields. `true` records the field under its own name; a function names
   * the recorded fields from the object (e.g. `items.<code>`), and `[]` records only whom the
   * object is about, for other entries of the same certificate to be merged into.
   */
  personal: Record<string, Record<string, true | ((object: never) => string[])>>;
  /**
   * Mutations that are not recorded: the hub's own bookkeeping of the log itself (anchoring
   * it), which touches no one's data and would otherwise add a record to every chain every minute.
   */
  quiet?: readonly string[];
}

/** The same functions, callable on whatever the resolver's parent is. */
type SubjectOf = (object: unknown) => AuditSubject;
type FieldsOf = (object: unknown) => string[];

/** A field middleware, as graphql-middleware calls it: the next resolver, then the resolver's arguments. */
type FieldMiddleware = (
  resolve: (parent: unknown, args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => unknown,
  parent: unknown,
  args: unknown,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => Promise<unknown>;

/** A value that says something: not null, and not an empty list. */
const returned = (value: unknown): boolean => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

/**
 * The audit middleware of a subgraph, for graphql-middleware: every personal field that
 * returns a value, and every Mutation field that succeeds, adds an entry to the request's
 * AuditRecorder (`ctx.audit`). Applied after graphql-shield, it sees only fields the rules let
 * through; a field the rules deny never reaches it, so it is never recorded. Nothing is written
 * here: the records are written once, when the request ends (auditPlugin).
 */
export function auditMiddleware(schema: GraphQLSchema, audited: AuditedFields): IMiddlewareTypeMap {
  const middleware: IMiddlewareTypeMap = {};
  for (const [typeName, fields] of Object.entries(audited.personal)) {
    const subjectOf = audited.subjects[typeName] as SubjectOf | undefined;
    if (!subjectOf) throw new Error(`audit: personal fields of ${typeName} are declared, but not whom a ${typeName} is about`);
    const map: IMiddlewareFieldMap = {};
    for (const [fieldName, names] of Object.entries(fields)) {
      const fieldsOf: FieldsOf = names === true ? () => [fieldName] : (names as FieldsOf);
      const resolver: FieldMiddleware = async (resolve, parent, args, ctx, info) => {
        const value: unknown = await resolve(parent, args, ctx, info);
        if (returned(value)) ctx.audit.record(subjectOf(parent), fieldsOf(parent));
        return value;
      };
      map[fieldName] = resolver;
    }
    middleware[typeName] = map;
  }

  const mutations = schema.getMutationType()?.getFields() ?? {};
  const changes: IMiddlewareFieldMap = {};
  for (const [name, field] of Object.entries(mutations)) {
    if (audited.quiet?.includes(name)) continue;
    const subjectOf = audited.subjects[namedTypeName(field.type)] as SubjectOf | undefined;
    const resolver: FieldMiddleware = async (resolve, parent, args, ctx, info) => {
      const value: unknown = await resolve(parent, args, ctx, info);
      ctx.audit.recordChange(name, subjectOf && isObject(value) ? subjectOf(value) : {});
      return value;
    };
    changes[name] = resolver;
  }
  if (Object.keys(changes).length > 0) middleware[schema.getMutationType()!.name] = changes;
  return middleware;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The name of a field's type without its list and non-null wrappers. Unwrapped by shape, not
 * with graphql's getNamedType: @apollo/subgraph may build the schema with another copy of
 * graphql (CommonJS beside ESM), whose instanceof checks would fail.
 */
function namedTypeName(type: GraphQLOutputType): string {
  let named: GraphQLOutputType = type;
  while ('ofType' in named) named = named.ofType;
  return named.name;
}

/** The error a client gets in place of what could not be recorded. */
const AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE';

/**
 * Writes the request's access records when it ends, in one transaction, before the answer
 * leaves the node (willSendResponse is awaited). When they cannot be written the error is
 * logged, and the answer says so — never silently:
 * - a read fails closed: its data is withheld (`data: null`) with an AUDIT_UNAVAILABLE error,
 *   because personal data must not leave the node without its record;
 * - a change keeps its result, with an AUDIT_UNAVAILABLE error: it is already committed, and
 *   answering as if it had failed would invite a retry that makes it twice. issueCertificate
 *   and changeCertificateStatus write their record inside their own transaction instead
 *   (AuditRecorder.writeChange), so for them the change and its record cannot part.
 */
export function auditPlugin<TContext extends SubgraphContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation }) {
          const entries = contextValue.audit.take();
          if (entries.length === 0) return;
          try {
            await appendAuditRecords(contextValue.db, contextValue.audit.chain, entries);
          } catch (error) {
            console.error(`audit: ${entries.length} access record(s) of request ${contextValue.requestId} could not be written:`, error);
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            const change = operation?.operation === 'mutation';
            if (!change) result.data = null;
            const message = change
              ? 'the change was made, but its access record could not be written'
              : 'the access record could not be written, so no personal data is returned';
            result.errors = [...(result.errors ?? []), { message, extensions: { code: AUDIT_UNAVAILABLE } }];
          }
        },
      };
    },
  };
}

/** For a subgraph without personal data: only its changes are recorded. */
export const NO_PERSONAL_FIELDS: AuditedFields = { subjects: {}, personal: {} };
