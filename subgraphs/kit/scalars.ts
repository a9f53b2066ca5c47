import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isRealDate } from '../../lib/codes.js';

/** Date: a real calendar date written YYYY-MM-DD (the Drizzle `date` column in string mode). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isRealDate(value)) return value;
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue: (value) => {
    if (typeof value === 'string' && isRealDate(value)) return value;
    throw new GraphQLError(`${JSON.stringify(value)} is not a real date (YYYY-MM-DD)`);
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING && isRealDate(ast.value)) return ast.value;
    throw new GraphQLError('a Date is a string YYYY-MM-DD naming a real date');
  },
});

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): string {
  if (typeof value === 'string' && ISO_DATE_TIME.test(value) && isRealDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  throw new GraphQLError(`${JSON.stringify(value)} is not an ISO 8601 date-time with a time zone`);
}

/** DateTime: an ISO 8601 instant; always answered in UTC. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'A point in time, ISO 8601.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return parseDateTime(value);
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return parseDateTime(ast.value);
    throw new GraphQLError('a DateTime is an ISO 8601 string');
  },
});
