/** A signing thread of lib/seal-pool.ts: signs each batch it is sent and answers in order. */
import { parentPort } from 'node:worker_threads';
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

// Loaded, and the comb table built: the pool may send work now.
prepareSigning();
parentPort?.postMessage({ ready: true });
