/**
 * npm run audit:verify -- --hub URL --token TOKEN [--no-anchor]
 * Asks the hub (through its gateway, as an auditor) to anchor every node's access log at the
 * province node now (unless --no-anchor), then to verify every chain — its keyed hashes and
 * links, and against every anchor kept of it — and prints one line per node with its head (last
 * sequence number and hash) and last anchor, naming the first broken record. Keep the output:
 * the heads it prints are one more anchor, outside the hub. Exits 0 when every chain is intact,
 * 1 otherwise: a chain broken, a node that did not answer or could not be anchored, the request
 * refused or failed.
 */
import { cliArgs, fail } from './args.js';

const USAGE = "usage: npm run audit:verify -- --hub URL --token TOKEN [--no-anchor]   (TOKEN: an auditor agency's bearer token)";

const { values } = cliArgs(USAGE, { hub: { type: 'string' }, token: { type: 'string' }, 'no-anchor': { type: 'boolean' } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const hub = values.hub ?? fail(`--hub is required\n${USAGE}`);
const token = values.token ?? fail(`--token is required\n${USAGE}`);

interface ChainStatus {
  node: string;
  records: number;
  intact: boolean;
  firstBrokenSeq: number | null;
  reason: string | null;
  lastSeq: number | null;
  lastHash: string | null;
  lastAnchorAt: string | null;
  anchorsChecked: number;
  anchorsAvailable: boolean;
}
type Errors = Array<{ message: string; extensions?: { code?: string; node?: string } }>;
interface Answer<T> {
  data?: T | null;
  errors?: Errors;
}

const ANCHOR = /* GraphQL */ `mutation { anchorAuditChains { node seq hash } }`;
const QUERY = /* GraphQL */ `{ auditChain { node records intact firstBrokenSeq reason lastSeq lastHash lastAnchorAt anchorsChecked anchorsAvailable } }`;

let endpoint: URL;
try {
  endpoint = new URL(hub);
} catch {
  fail(`--hub: not a URL: ${hub}`);
}
if (!endpoint.pathname.endsWith('/graphql')) endpoint.pathname = `${endpoint.pathname.replace(/\/$/, '')}/graphql`;

async function ask<T>(query: string): Promise<Answer<T>> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const answer = (await response.json()) as Answer<T>;
    if (!response.ok && !answer.errors) fail(`${endpoint}: HTTP ${response.status}`);
    return answer;
  } catch (error) {
    fail(`${endpoint}: ${(error as Error).message}`);
  }
}

let healthy = true;
const report = (errors: Errors | undefined, what: string) => {
  for (const error of errors ?? []) {
    healthy = false;
    const code = error.extensions?.code ?? 'ERROR';
    console.log(code === 'NODE_UNAVAILABLE' ? `${error.extensions?.node ?? '?'}  UNAVAILABLE  ${what}: ${error.message}` : `${code}  ${what}: ${error.message}`);
  }
};

if (!values['no-anchor']) {
  const anchored = await ask<{ anchorAuditChains: Array<{ node: string; seq: number; hash: string }> | null }>(ANCHOR);
  report(anchored.errors, 'anchoring');
}
const answer = await ask<{ auditChain: ChainStatus[] | null }>(QUERY);
for (const status of answer.data?.auditChain ?? []) {
  const head = status.lastSeq === null ? 'empty' : `head seq ${status.lastSeq} hash ${status.lastHash}`;
  const anchors = status.anchorsAvailable
    ? `${status.anchorsChecked} anchors, last ${status.lastAnchorAt ?? 'never'}`
    : 'anchors UNAVAILABLE (links checked only)';
  if (status.intact) {
    console.log(`${status.node}  intact  ${status.records} records, ${head}, ${anchors}`);
  } else {
    healthy = false;
    console.log(`${status.node}  BROKEN  first broken record: seq ${status.firstBrokenSeq} (${status.reason}), ${status.records} records, ${head}, ${anchors}`);
  }
  if (!status.anchorsAvailable) healthy = false;
}
report(answer.errors, 'verification');
if (!answer.data?.auditChain?.length) healthy = false;
process.exit(healthy ? 0 : 1);
