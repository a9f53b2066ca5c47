import type { PeerClient } from '../../kit/peers.js';
import { readProvincePermitRules, type ProvincePermitRule } from '../../kit/province-permit-rules.js';

/** A permit rule (后置审批) as the province catalog keeps it: an activity's keywords and the type it requires. */
export type PermitRule = ProvincePermitRule;

/**
 * The permit rules, read from the province catalog on this node's own account and kept for
 * `ttlMs` (30 s: a steward's new rule counts in findings within that), one read in flight at a
 * time. NODE_UNAVAILABLE when the province does not answer: findings that depend on rules cannot
 * be made without them.
 */
export function permitRuleSource(peers: PeerClient | undefined, province: string, ttlMs = 30_000): () => Promise<PermitRule[]> {
  let kept: { rules: PermitRule[]; until: number } | null = null;
  let reading: Promise<PermitRule[]> | null = null;
  const read = async (): Promise<PermitRule[]> => {
    if (!peers) throw new Error('this node has no way to reach the province node');
    const rules = await readProvincePermitRules(peers, province);
    kept = { rules, until: Date.now() + ttlMs };
    return rules;
  };
  return () => {
    if (kept && kept.until > Date.now()) return Promise.resolve(kept.rules);
    reading ??= read().finally(() => (reading = null));
    return reading;
  };
}
