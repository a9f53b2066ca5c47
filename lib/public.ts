/**
 * What the public — a caller without a token — may ask the hub, and nothing else: verifying a
 * certificate (亮证核验) or a holder's presentation of one (亮证), at the certificate subgraph; the
 * published annual reports (年报公示) and the abnormal operations list (经营异常名录), at the
 * legal-entity subgraph. The gateway lets only these root fields through without a token and
 * meters them (gateway/rate-limit.ts), shows the public only these in its contract, and each
 * subgraph allows its own to everyone; each reads these lists.
 *
 * One list per subgraph, because graphql-shield refuses a rule for a field its subgraph does not
 * have.
 */

/** The certificate subgraph's public root fields (its shield allows exactly these to everyone). */
export const PUBLIC_QUERY_FIELDS: readonly string[] = ['verifyCertificate', 'verifyPresentation'];

/** The legal-entity subgraph's public root fields: annual reports and the abnormal operations list. */
export const PUBLIC_REGISTRY_QUERY_FIELDS: readonly string[] = ['annualReports', 'abnormalOperations'];

/** Every root field of a query the public may ask, of every subgraph. */
export const ALL_PUBLIC_QUERY_FIELDS: readonly string[] = [...PUBLIC_QUERY_FIELDS, ...PUBLIC_REGISTRY_QUERY_FIELDS];

/** Whether a root field of a query may be asked without a token (`__typename` always may). */
export const isPublicQueryField = (name: string): boolean => name === '__typename' || ALL_PUBLIC_QUERY_FIELDS.includes(name);
