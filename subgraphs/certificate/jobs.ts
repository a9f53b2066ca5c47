/**
 * A node's certificate bookkeeping in the background, beside its subgraphs: scheduled status
 * changes written on their day (scheduled.ts), and follow-ups of every node's registry changes
 * (follow-ups.ts). One pass does both; a loop runs a pass every `pollMs` when idle and at once
 * again while a pass finds work, giving way to requests the node is serving (kit/foreground.ts).
 * Everything it knows is in the database: a restarted node goes on where it stopped, and any
 * number of processes of one node may run it.
 */
import { isoDate } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { foreground } from '../kit/foreground.js';
import { complainOnce, Loop } from '../kit/loop.js';
import { followRegistries, type RegistrySources } from './follow-ups.js';
import { applyScheduledStatusChanges } from './scheduled.js';

/** How a node runs its certificate jobs. */
export interface CertificateJobOptions {
  /** Whether the loop runs (default true); tests run passes themselves (`runOnce`). */
  run?: boolean;
  /** The time between passes when there is nothing to do (default 30 s). */
  pollMs?: number;
}

/** The longest a pass waits for a moment without requests before it runs anyway. */
const MAX_GIVE_WAY_MS = 2_000;

/** What one pass did. */
export interface JobPass {
  /** Scheduled status changes written. */
  statusChanges: number;
  /** Registry changes read from every node. */
  registryChanges: number;
  /** Nodes whose registry changes could not be read this time. */
  unreachable: string[];
}

export class CertificateJobs {
  readonly #loop: Loop;

  constructor(
    private readonly db: HubDatabase,
    private readonly sources: RegistrySources,
    private readonly options: CertificateJobOptions = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#loop = new Loop(
      async () => {
        await foreground.idle(MAX_GIVE_WAY_MS);
        const pass = await this.runOnce();
        return pass.statusChanges + pass.registryChanges;
      },
      () => this.options.pollMs ?? 30_000,
      complainOnce('certificate jobs'),
    );
  }

  /** One pass now: due scheduled changes, then what every node's registry changed since the last pass. */
  async runOnce(): Promise<JobPass> {
    const at = this.now();
    const today = isoDate(at);
    const statusChanges = await applyScheduledStatusChanges(this.db, today, at);
    const { read, unreachable } = await followRegistries(this.db, this.sources, today);
    return { statusChanges, registryChanges: read, unreachable };
  }

  start(): void {
    if (this.options.run !== false) this.#loop.start();
  }

  /** Runs a pass soon (a registry change was just recorded here). */
  wake(): void {
    this.#loop.wake();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
