import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenRequest } from '../../hub/dev-idp.js';
import { startEmbeddedHub, type EmbeddedHub, type EmbeddedHubOptions } from '../../hub/embedded-hub.js';
import { freshDatabaseOptions } from './databases.js';

export const TEST_NODES = [
  { code: '350000', name: '福建省' },
  { code: '350100', name: '福州市' },
  { code: '350200', name: '厦门市' },
];

export interface GraphQLAnswer {
  status: number;
  /** The gateway's own id of the request (its x-request-id header), which access records carry. */
  requestId?: string;
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface TestHub extends EmbeddedHub {
  /** Where the hub's development keys are (the gateway's, each node's). */
  keysDir: string;
  /** POSTs an operation to the gateway, with a bearer token when given. */
  request(token: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer>;
  as(request: TokenRequest): Promise<(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>>;
}

/**
 * Starts the whole hub — three nodes and the gateway, on port 0, over real HTTP — on fresh
 * databases named after `name` (PGlite, or PostgreSQL when DATABASE_URL is set).
 */
export async function startTestHub(
  name: string,
  options: Pick<
    EmbeddedHubOptions,
    'nodeTimeoutMs' | 'grantTtlMs' | 'catalogCacheTtlMs' | 'registryTypeCode' | 'scanQuota' | 'anchorIntervalMs' | 'nodeTls' | 'webhooks' | 'publicUrl' | 'correctionDays' | 'certificateJobs' | 'now' | 'beforeOpen' | 'logger' | 'nodeMetricsToken' | 'tracing'
  > = {},
): Promise<TestHub> {
  const keysDir = mkdtempSync(join(tmpdir(), 'ecert-hub-test-'));
  const nodes = await Promise.all(
    TEST_NODES.map(async (node) => ({ ...node, database: await freshDatabaseOptions(`${name}_${node.code}`) })),
  );
  // No anchoring on a timer: a suite anchors when it means to (hub.gateway.anchorAuditChains()).
  // No webhook delivery or certificate jobs either unless the suite configures them: their polls
  // would land in the SQL statements other suites count per request (a suite runs a pass itself).
  const hub = await startEmbeddedHub({
    keysDir,
    nodes,
    anchorIntervalMs: 0,
    ...options,
    webhooks: options.webhooks ?? { deliver: false },
    certificateJobs: options.certificateJobs ?? { run: false },
  });
  const request: TestHub['request'] = async (token, query, variables = {}, headers = {}) => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLAnswer, 'status'>;
    return { status: response.status, requestId: response.headers.get('x-request-id') ?? undefined, ...body };
  };
  return {
    ...hub,
    keysDir,
    request,
    async as(tokenRequest) {
      const token = await hub.token(tokenRequest);
      return (query, variables, headers) => request(token, query, variables, headers);
    },
    async stop() {
      await hub.stop();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
}
