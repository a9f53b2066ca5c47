/**
 * What the public — a caller without a token — may ask the hub: verifying a certificate
 * (亮证核验) or a holder's presentation of one (亮证), and nothing else. The gateway lets only these root fields through without a token,
 * shows the public only these in its contract, and the certificate subgraph allows them to
 * everyone; each reads this one list.
 */
export const PUBLIC_QUERY_FIELDS: readonly string[] = ['verifyCertificate', 'verifyPresentation'];

/** Whether a root field of a query may be asked without a token (`__typename` always may). */
export const isPublicQueryField = (name: string): boolean => name === '__typename' || PUBLIC_QUERY_FIELDS.includes(name);
