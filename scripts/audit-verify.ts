/**
 * npm run audit:verify -- --hub URL --token TOKEN
 * Asks the hub (through its gateway, as an auditor) to verify every node's access log, prints
 * one line per node and names the first broken record. Exits 0 when every chain is intact,
 * 1 otherwise: a chain broken, a node that did not answer, the request refused or failed.
 */
import { cliArgs, fail } from './args.js';

const USAGE = 'usage: npm run audit:verify -- --hub URL --token TOKEN   (TOKEN: an auditor agency\'s bearer token)';

const { values } = cliArgs(USAGE, { hub: { type: 'string' }, token: { type: 'string' } });
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
}
interface Answer {
  data?: { auditChain?: ChainStatus[] | null } | null;
  errors?: Array<{ message: string; extensions?: { code?: string; node?: string } }>;
}

const QUERY = /* GraphQL */ `{ auditChain { node records intact firstBrokenSeq reason } }`;

let endpoint: URL;
try {
  endpoint = new URL(hub);
} catch {
  fail(`--hub: not a URL: ${hub}`);
}
if (!endpoint.pathname.endsWith('/graphql')) endpoint.pathname = `${endpoint.pathname.replace(/\/$/, '')}/graphql`;

let answer: Answer;
try {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
  answer = (await response.json()) as Answer;
  if (!response.ok && !answer.errors) fail(`${endpoint}: HTTP ${response.status}`);
} catch (error) {
  fail(`${endpoint}: ${(error as Error).message}`);
}

let healthy = true;
for (const status of answer.data?.auditChain ?? []) {
  if (status.intact) {
    console.log(`${status.node}  intact  ${status.records} records`);
  } else {
    healthy = false;
    console.log(`${status.node}  BROKEN  first broken record: seq ${status.firstBrokenSeq} (${status.reason}), ${status.records} records`);
  }
}
for (const error of answer.errors ?? []) {
  healthy = false;
  const code = error.extensions?.code ?? 'ERROR';
  console.log(code === 'NODE_UNAVAILABLE' ? `${error.extensions?.node ?? '?'}  UNAVAILABLE  ${error.message}` : `${code}  ${error.message}`);
}
if (!answer.data?.auditChain?.length) healthy = false;
process.exit(healthy ? 0 : 1);
