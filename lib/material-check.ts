/**
 * The outcomes of a 免提交 check (Query.checkMaterials), shared by the nodes that compute them and
 * the gateway that merges the nodes' answers: each node says what it found among the
 * certificates it keeps, and the check's answer for a material is the best of them.
 */
export type MaterialCheckOutcome = 'ELECTRONIC' | 'NEEDS_CONSENT' | 'EXPIRED' | 'NOT_VALID' | 'NOT_FOUND';

/**
 * Best first: a certificate usable as it is; one usable once the holder consents (the clerk asks
 * for consent rather than paper); an expired one (the applicant must renew); one no longer valid;
 * nothing at all.
 */
export const OUTCOME_ORDER: readonly MaterialCheckOutcome[] = ['ELECTRONIC', 'NEEDS_CONSENT', 'EXPIRED', 'NOT_VALID', 'NOT_FOUND'];

const RANK = new Map(OUTCOME_ORDER.map((outcome, rank) => [outcome, rank]));

/** Negative when `a` is the better outcome, 0 when they are the same. Unknown values rank last. */
export const compareOutcomes = (a: string, b: string): number => (RANK.get(a as MaterialCheckOutcome) ?? OUTCOME_ORDER.length) - (RANK.get(b as MaterialCheckOutcome) ?? OUTCOME_ORDER.length);

/** Whether an application needs no paper certificate: every required material is ELECTRONIC. */
export const allPaperless = (materials: ReadonlyArray<{ required: boolean; outcome: string }>): boolean =>
  materials.every((material) => !material.required || material.outcome === 'ELECTRONIC');
