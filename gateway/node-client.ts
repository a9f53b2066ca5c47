import { Agent } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { HUB_CONTEXT_HEADER } from '../lib/hub-context.js';
import type { Topology } from './topology.js';

export interface SubgraphRequest {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
}

export interface SubgraphError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: SubgraphError[];
}

/** A node did not answer in time, or not with GraphQL: it costs only its own part. */
export class NodeUnavailableError extends Error {
  constructor(
    readonly node: string,
    readonly reason: string,
  ) {
    super(`node ${node} is unavailable: ${reason}`);
  }
}

/**
 * Sends subgraph operations to nodes over HTTP with keep-alive connections and a per-node
 * timeout. Nothing here retries: a mutation must never run twice.
 */
export class NodeClient {
  private readonly httpAgent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly topology: Topology,
    private readonly timeoutMs: number,
  ) {}

  send(node: string, subgraph: string, body: SubgraphRequest, contextToken: string, requestId: string): Promise<SubgraphResponse> {
    const url = new URL(`${this.topology.node(node).url}/${subgraph}`);
    const payload = JSON.stringify(body);
    const isHttps = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const fail = (reason: string) => reject(new NodeUnavailableError(node, reason));
      const req = (isHttps ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: isHttps ? this.httpsAgent : this.httpAgent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            [HUB_CONTEXT_HEADER]: contextToken,
            'x-request-id': requestId,
          },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => fail(error.message));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 401) return fail("it refused the gateway's credentials");
            try {
              const parsed = JSON.parse(text) as SubgraphResponse;
              if (typeof parsed !== 'object' || parsed === null || (!('data' in parsed) && !('errors' in parsed))) {
                return fail(`HTTP ${res.statusCode} without a GraphQL answer`);
              }
              resolve(parsed);
            } catch {
              fail(`HTTP ${res.statusCode} without a GraphQL answer`);
            }
          });
        },
      );
      // The whole exchange, not only the idle socket, must finish within the node's timeout.
      const timer = setTimeout(() => {
        req.destroy();
        fail(`no answer within ${this.timeoutMs} ms`);
      }, this.timeoutMs);
      req.on('close', () => clearTimeout(timer));
      req.on('timeout', () => req.destroy());
      req.on('error', (error) => fail((error as NodeJS.ErrnoException).code ?? error.message));
      req.end(payload);
    });
  }

  /** GET <node>/healthz, for the gateway's own /healthz. */
  async health(node: string): Promise<{ status: 'ok' | 'unavailable'; ms: number; reason?: string }> {
    const started = performance.now();
    try {
      const response = await fetch(`${this.topology.node(node).url}/healthz`, { signal: AbortSignal.timeout(this.timeoutMs) });
      const ms = Math.round(performance.now() - started);
      return response.ok ? { status: 'ok', ms } : { status: 'unavailable', ms, reason: `HTTP ${response.status}` };
    } catch (error) {
      return { status: 'unavailable', ms: Math.round(performance.now() - started), reason: (error as Error).name };
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
