import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { GraphQLError } from 'graphql';
import { contextSigner, HUB_CONTEXT_HEADER, nodeIssuer } from '../../lib/hub-context.js';
import { postBytes } from '../../lib/http.js';
import type { SigningKey } from '../../lib/keys.js';

/** A GraphQL answer from another node's subgraph. */
export interface PeerAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/**
 * How a node asks another node's subgraph something on its own account — a catalog entry kept
 * there, an audit anchor — never on a client's: the context it signs names the node itself as
 * the principal (`{ kind: 'service', code }`), and the other node's rules decide what a node may
 * read or write.
 */
export interface PeerClient {
  /** This node's code. */
  readonly self: string;
  /**
   * One operation at `node`'s `subgraph`; NODE_UNAVAILABLE when the node does not answer in
   * GraphQL's shape within the timeout.
   */
  request<T>(node: string, subgraph: string, query: string, variables?: Record<string, unknown>, options?: PeerRequestOptions): Promise<PeerAnswer<T>>;
  close(): void;
}

export interface PeerRequestOptions {
  /** The purpose (用证事由) the other node records its reads under, e.g. SUPERVISION; none by default. */
  purpose?: string | null;
  /** How long to wait for this answer, instead of the client's timeout. */
  timeoutMs?: number;
}

export interface PeerClientOptions {
  /** This node's code, and the key its contexts are signed with (the other nodes trust its public half). */
  self: string;
  key: SigningKey;
  /** Where each node is served. */
  nodeUrl(node: string): string;
  /** CA certificates (PEM) of nodes served over https, when they are not from a public CA. */
  ca?: string | Buffer | undefined;
  timeoutMs?: number;
}

export function createPeerClient(options: PeerClientOptions): PeerClient {
  const signer = contextSigner(options.key, nodeIssuer(options.self));
  const httpAgent = new Agent({ keepAlive: true, maxSockets: 16, timeout: 30_000 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16, timeout: 30_000, ...(options.ca ? { ca: options.ca } : {}) });
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    self: options.self,
    async request<T>(node: string, subgraph: string, query: string, variables: Record<string, unknown> = {}, requestOptions: PeerRequestOptions = {}): Promise<PeerAnswer<T>> {
      const unavailable = (reason: string) =>
        new GraphQLError(`node ${node} is unavailable: ${reason}`, { extensions: { code: 'NODE_UNAVAILABLE', node } });
      const url = new URL(`${options.nodeUrl(node)}/${subgraph}`);
      const payload = Buffer.from(JSON.stringify({ query, variables }));
      const requestId = randomUUID();
      const sign = signer.prepare({ principal: { kind: 'service', code: options.self }, purpose: requestOptions.purpose ?? null, requestId, grants: [] });
      let answer: { status: number; text: string };
      try {
        answer = await postBytes(url, payload, { [HUB_CONTEXT_HEADER]: sign({ node, subgraph }, payload), 'x-request-id': requestId }, {
          agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
          timeoutMs: requestOptions.timeoutMs ?? timeoutMs,
        });
      } catch (error) {
        throw unavailable((error as Error).message);
      }
      try {
        const parsed = JSON.parse(answer.text) as PeerAnswer<T>;
        if (typeof parsed === 'object' && parsed !== null && ('data' in parsed || 'errors' in parsed)) return parsed;
      } catch {
        // reported below
      }
      throw unavailable(`HTTP ${answer.status} without a GraphQL answer`);
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
