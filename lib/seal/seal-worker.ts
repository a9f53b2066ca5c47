/** A signing thread of lib/seal-pool.ts: signs each batch it is sent and answers in order. */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { signSeals } from './seal.js';
import { prepareSigning } from './sm2-sign.js';

interface Request {
  id: number;
  privateKey: string;
  payloads: string[];
}

parentPort?.on('message', ({ id, privateKey, payloads }: Request) => {
  try {
    parentPort?.postMessage({ id, signatures: signSeals(privateKey, payloads) });
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message });
  }
});

// A background pool's thread yields the cores to the threads serving requests (on Linux the
// nice value is per thread; where it cannot be set, the thread runs at the usual priority).
const niceness = (workerData as { niceness?: number } | null)?.niceness ?? 0;
if (niceness > 0) {
  try {
    setPriority(niceness);
  } catch {
    // Not allowed here: signing goes on at the usual priority.
  }
}

// Loaded, and the comb table built: the pool may send work now.
prepareSigning();
parentPort?.postMessage({ ready: true });
