/**
 * Signing seals on every core. One SM2 signature costs about a millisecond of one core (the
 * scalar multiplication k·G dominates), so a batch of hundreds — a page of the paper stock being
 * converted — is signed by worker threads while the node's own thread goes on serving requests
 * and writing to its database. Single issuances sign inline: a round trip to a worker would cost
 * more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { signSeals } from './seal.js';

/** Signs many payloads with one private key, returning DER hex signatures in payload order. */
export type BatchSigner = (privateKey: string, payloads: readonly string[]) => Promise<string[]>;

/** Batches smaller than this are signed inline. */
const INLINE_BELOW = 16;

/**
 * The worker's entry: it registers tsx's loader so that it can import lib/seal-worker.ts
 * whether the process runs under tsx, vitest or plain Node with the loader.
 */
const BOOTSTRAP = `
  const { workerData } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

interface Job {
  resolve: (signatures: string[]) => void;
  reject: (error: Error) => void;
}

interface PooledWorker {
  worker: Worker;
  jobs: Map<number, Job>;
  /** Whether the worker has loaded the signing code (it says so once). */
  ready: boolean;
  loaded: Promise<void>;
}

export interface SealPoolOptions {
  /** Worker threads; default: the number of cores (HUB_SEAL_WORKERS overrides). */
  workers?: number;
  /**
   * The nice value of the worker threads (0, the default, to 19): a pool for background work
   * (webhook deliveries) runs at a lower priority than the threads that serve requests, so that
   * it takes the cores only when they would otherwise be idle. (Linux: per thread.)
   */
  niceness?: number;
}

/**
 * A fixed set of signing workers, started on first use. A batch is split into one chunk per
 * worker; a worker that dies fails its chunks (the caller's transaction is not written) and is
 * replaced at the next batch.
 */
export class SealPool {
  readonly size: number;
  readonly #niceness: number;
  #workers: PooledWorker[] = [];
  #nextJob = 0;
  #closed = false;

  constructor(options: SealPoolOptions = {}) {
    const configured = Number(process.env['HUB_SEAL_WORKERS'] ?? Number.NaN);
    this.size = Math.max(1, Math.floor(options.workers ?? (Number.isFinite(configured) ? configured : availableParallelism())));
    this.#niceness = Math.min(19, Math.max(0, Math.floor(options.niceness ?? 0)));
  }

  /**
   * Signs `payloads` with `privateKey`: on the workers that are ready, else inline — small
   * batches, and the first batches while the workers are still starting (they start at the
   * first large batch and take a moment to load), never wait for a worker.
   */
  sign: BatchSigner = async (privateKey, payloads) => {
    if (this.#closed) throw new Error('seal pool closed');
    if (payloads.length < INLINE_BELOW) return signSeals(privateKey, payloads);
    this.#start();
    const ready = this.#workers.filter((pooled) => pooled.ready);
    if (ready.length === 0) return signSeals(privateKey, payloads);
    const chunk = Math.ceil(payloads.length / ready.length);
    const parts = ready.map((pooled, i) => this.#run(pooled, privateKey, payloads.slice(i * chunk, (i + 1) * chunk)));
    return (await Promise.all(parts)).flat();
  };

  /** Starts the workers, resolving when every one of them can sign. */
  async warm(): Promise<void> {
    this.#start();
    await Promise.all(this.#workers.map((pooled) => pooled.loaded));
  }

  /** Stops the workers; pending batches fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const workers = this.#workers;
    this.#workers = [];
    await Promise.all(workers.map((pooled) => pooled.worker.terminate()));
  }

  #start(): void {
    while (this.#workers.length < this.size) this.#workers.push(this.#spawn());
  }

  #spawn(): PooledWorker {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { entry: new URL('./seal-worker.ts', import.meta.url).href, niceness: this.#niceness } });
    // The pool must not keep a process alive that has nothing else to do.
    worker.unref();
    let loaded!: () => void;
    const pooled: PooledWorker = { worker, jobs: new Map(), ready: false, loaded: new Promise<void>((resolve) => (loaded = resolve)) };
    worker.on('message', (message: { ready?: true; id: number; signatures?: string[]; error?: string }) => {
      if (message.ready) {
        pooled.ready = true;
        loaded();
        return;
      }
      const job = pooled.jobs.get(message.id);
      if (!job) return;
      pooled.jobs.delete(message.id);
      if (message.signatures) job.resolve(message.signatures);
      else job.reject(new Error(message.error ?? 'seal worker failed'));
    });
    const fail = (error: Error) => {
      loaded();
      for (const job of pooled.jobs.values()) job.reject(error);
      pooled.jobs.clear();
      this.#workers = this.#workers.filter((other) => other !== pooled);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`seal worker exited with code ${code}`)));
    return pooled;
  }

  #run(pooled: PooledWorker, privateKey: string, payloads: string[]): Promise<string[]> {
    if (payloads.length === 0) return Promise.resolve([]);
    const id = this.#nextJob++;
    return new Promise<string[]>((resolve, reject) => {
      pooled.jobs.set(id, { resolve, reject });
      pooled.worker.postMessage({ id, privateKey, payloads });
    });
  }
}

let shared: SealPool | null = null;
let background: SealPool | null = null;

/** The process's pool, shared by every node in it (the embedded hub runs three). */
export function sharedSealPool(): SealPool {
  shared ??= new SealPool();
  return shared;
}

/**
 * The process's pool for signing that no request waits for (webhook deliveries): its threads
 * run at nice 10, below the threads serving requests and the sealing pool.
 */
export function backgroundSealPool(): SealPool {
  background ??= new SealPool({ niceness: 10 });
  return background;
}
