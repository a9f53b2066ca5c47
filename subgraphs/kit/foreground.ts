/**
 * The requests this process's nodes are serving, so that background work (webhook deliveries)
 * can give way to them: it waits for a moment without requests before it starts another batch,
 * though never longer than it was told, so that a node that is never idle still delivers.
 */
export class Foreground {
  #active = 0;
  #waiters: Array<() => void> = [];

  /** Runs `work` as a request: background work waits for it to end. */
  async serve<T>(work: () => Promise<T>): Promise<T> {
    this.#active++;
    try {
      return await work();
    } finally {
      this.#active--;
      if (this.#active === 0) this.#wakeAll();
    }
  }

  get busy(): boolean {
    return this.#active > 0;
  }

  /** Resolves once no request is being served, or after `maxWaitMs` at most. */
  idle(maxWaitMs: number): Promise<void> {
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.#waiters.push(done);
    });
  }

  #wakeAll(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

/** The process's requests: every node in it serves through this one (the embedded hub runs three). */
export const foreground = new Foreground();
