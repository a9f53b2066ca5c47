import { GraphQLError } from 'graphql';

export interface DigestGuardOptions {
  /** Wrong digests one certificate may be checked with in a window before it refuses more (default 10). */
  maxMismatches?: number;
  /** The window, in milliseconds (default one hour). */
  windowMs?: number;
  /** Certificates remembered at once (default 100,000); the oldest window is forgotten first. */
  maxEntries?: number;
  now?: () => number;
}

/** What a node has seen of digest checks since it started: for operators. */
export interface DigestCheckCounts {
  checks: number;
  mismatches: number;
  refused: number;
}

/**
 * Counts the public digest checks of each certificate (verifyCertificate with a digest) and
 * refuses more after too many wrong digests in a window: guessing a withheld item of a seal made
 * before salts means trying digest after digest against one certificate, from however many
 * addresses; a holder's QR code matches the first time. The gateway also limits digest checks
 * per client; this limit holds across clients and gateways.
 */
export class DigestGuard {
  private readonly maxMismatches: number;
  private readonly windowMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly windows = new Map<string, { since: number; mismatches: number }>();
  readonly counts: DigestCheckCounts = { checks: 0, mismatches: 0, refused: 0 };

  constructor(options: DigestGuardOptions = {}) {
    this.maxMismatches = options.maxMismatches ?? 10;
    this.windowMs = options.windowMs ?? 3_600_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Refuses (RATE_LIMITED) a digest check of `certificateId` while its window holds too many mismatches. */
  admit(certificateId: string): void {
    const window = this.windowOf(certificateId);
    if (window && window.mismatches >= this.maxMismatches) {
      this.counts.refused++;
      const retryAfter = Math.ceil((window.since + this.windowMs - this.now()) / 1000);
      throw new GraphQLError(`too many wrong digests for ${certificateId}: digest checks of it resume in ${retryAfter} s`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
      });
    }
    this.counts.checks++;
  }

  /** Notes a digest check's outcome. */
  note(certificateId: string, matched: boolean): void {
    if (matched) return;
    this.counts.mismatches++;
    let window = this.windowOf(certificateId);
    if (!window) {
      if (this.windows.size >= this.maxEntries) this.windows.delete(this.windows.keys().next().value!);
      window = { since: this.now(), mismatches: 0 };
      this.windows.set(certificateId, window);
    }
    window.mismatches++;
  }

  private windowOf(certificateId: string) {
    const window = this.windows.get(certificateId);
    if (window && window.since + this.windowMs <= this.now()) {
      this.windows.delete(certificateId);
      return undefined;
    }
    return window;
  }
}
