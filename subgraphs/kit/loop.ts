/**
 * A loop that runs `step` every `idleMs`, at once again while a step finds work, and at once
 * when woken; never two steps at a time.
 */
export class Loop {
  #timer: NodeJS.Timeout | null = null;
  #step: Promise<number> | null = null;
  #again = false;
  #running = false;

  constructor(
    private readonly run: () => Promise<number>,
    private readonly idleMs: () => number,
    private readonly complain: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  wake(): void {
    if (!this.#running) return;
    if (this.#step) this.#again = true;
    else this.#schedule(0);
  }

  /** One step now (or the one under way); resolves with what it did. */
  once(): Promise<number> {
    this.#step ??= this.run().finally(() => (this.#step = null));
    return this.#step;
  }

  #schedule(delay: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#tick();
    }, delay);
  }

  async #tick(): Promise<void> {
    let delay = this.idleMs();
    try {
      if ((await this.once()) > 0) delay = 0;
    } catch (error) {
      this.complain(error);
    }
    if (!this.#running) return;
    if (this.#again) delay = 0;
    this.#again = false;
    this.#schedule(delay);
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#step?.catch(() => undefined);
  }
}


/**
 * A Loop's complaint that logs `label: message` once per new problem, not once per pass: a node
 * that cannot reach another says so when it starts failing and when the reason changes.
 */
export function complainOnce(label: string): (error: unknown) => void {
  let last: string | null = null;
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (message === last) return;
    last = message;
    console.error(`${label}: ${message}`);
  };
}
