import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Registry } from 'prom-client';

/*
 * What the gateway's and the nodes' metrics share (README › Operating the hub › Metrics). Each
 * component keeps its own prom-client Registry — never the library's global one: `npm start`
 * runs the gateway and three nodes in one process, and each must answer /metrics with its own.
 */

/**
 * Buckets of the latency histograms, in seconds: a cached read at a node takes a few ms, a
 * list over three nodes tens, a batch of the paper stock seconds, and the node timeout is 3 s
 * (a write's 30 s).
 */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A registry whose every sample carries `labels` (a node's registry: `{ node: '350200' }`). */
export function componentRegistry(labels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  if (Object.keys(labels).length > 0) registry.setDefaultLabels(labels);
  return registry;
}

/** Answers a scrape: the registry in Prometheus' text format, never cached. */
export async function sendMetrics(res: ServerResponse, registry: Registry): Promise<void> {
  const text = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/** Shortest metrics token a node accepts: 32 characters, e.g. `openssl rand -hex 32` (64). */
export const MIN_METRICS_TOKEN_LENGTH = 32;

/** Why `token` cannot be a node's metrics token, or null. */
export function metricsTokenProblem(token: string): string | null {
  if (token.length < MIN_METRICS_TOKEN_LENGTH) return `at least ${MIN_METRICS_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32)`;
  if (!/^[\x21-\x7e]+$/.test(token)) return 'printable ASCII without spaces';
  return null;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether `authorization` is `Bearer <expected>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the length or the first wrong character of a guess.
 */
export function metricsTokenMatches(expected: string, authorization: string | undefined): boolean {
  const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(expected), digest(given)) && given !== '';
}
