/**
 * Public verifications counted per day, type and outcome (usageStatistics, KIND VERIFY), without
 * anything about who asked. A verification is a public read that must stay cheap and never wait
 * on a write: counts gather in memory and are added to `verification_counts` in one upsert a few
 * seconds later, before usageStatistics reads them, and when the node stops. A crash loses at most
 * the counts of those seconds; the verifications themselves were answered.
 */
import { sql } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import { verificationCounts } from './db/schema.js';

/** How a public verification ended. */
export type VerificationOutcome = 'VALID' | 'NOT_VALID' | 'TAMPERED' | 'NOT_FOUND';

export const VERIFICATION_OUTCOME_LABELS: Readonly<Record<VerificationOutcome, string>> = {
  VALID: '有效',
  NOT_VALID: '状态非有效',
  TAMPERED: '签章或摘要不符',
  NOT_FOUND: '未找到',
};

/** The outcome of a verification's answer: a broken seal or digest first, then the status. */
export function verificationOutcome(answer: { found: boolean; status: string | null; signatureValid: boolean | null; digestMatches: boolean | null }): VerificationOutcome {
  if (!answer.found) return 'NOT_FOUND';
  if (answer.signatureValid === false || answer.digestMatches === false) return 'TAMPERED';
  return answer.status === 'VALID' ? 'VALID' : 'NOT_VALID';
}

interface Pending {
  day: string;
  typeCode: string;
  outcome: VerificationOutcome;
  count: number;
}

export class VerificationTally {
  #pending = new Map<string, Pending>();
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();

  /** `flushMs`: how long counts wait in memory before they are written. */
  constructor(
    private readonly db: HubDatabase,
    private readonly flushMs = 5_000,
  ) {}

  /** Counts one verification of `day` (China time); `typeCode` '' for an id this node does not keep. */
  note(day: string, typeCode: string, outcome: VerificationOutcome): void {
    this.#add({ day, typeCode, outcome, count: 1 });
  }

  #add(row: Pending): void {
    const key = `${row.day} ${row.typeCode} ${row.outcome}`;
    const pending = this.#pending.get(key);
    if (pending) pending.count += row.count;
    else this.#pending.set(key, { ...row });
    if (this.#timer === null) {
      this.#timer = setTimeout(() => void this.flush().catch(() => undefined), this.flushMs);
      this.#timer.unref();
    }
  }

  /**
   * Writes every count gathered so far, after any write under way; counts that fail to be written
   * are kept for the next flush, which the caller learns of by the rejection.
   */
  flush(): Promise<void> {
    const next = this.#flushing.catch(() => undefined).then(() => this.#write());
    this.#flushing = next;
    return next;
  }

  async #write(): Promise<void> {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#pending.size === 0) return;
    const rows = [...this.#pending.values()];
    this.#pending = new Map();
    try {
      await this.db
        .insert(verificationCounts)
        .values(rows)
        .onConflictDoUpdate({
          target: [verificationCounts.day, verificationCounts.typeCode, verificationCounts.outcome],
          set: { count: sql`${verificationCounts.count} + excluded.count` },
        });
    } catch (error) {
      for (const row of rows) this.#add(row);
      throw error;
    }
  }
}
