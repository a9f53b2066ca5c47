/**
 * npm run audit:verify -- --hub URL --token-file FILE [--no-anchor]
 * Asks the hub (through its gateway, as an auditor) to anchor every node's access log at the
 * province node now (unless --no-anchor), then to verify every chain — its keyed hashes and
 * links, and against every anchor kept of it — and prints one line per node with its head (last
 * sequence number and hash) and last anchor, naming the first broken record. Keep the output:
 * the heads it prints are one more anchor, outside the hub. Exits (README › Scripts › Exit codes)
 * 0 when every chain is intact and was checked against its anchors; 1 when a chain is broken or
 * the request was refused or failed; 3 when no chain was found broken but not everything could be
 * checked (a node that did not answer or could not be anchored, anchors that could not be read);
 * 2 when called wrongly.
 */
import type { ChainStatus } from '../subgraphs/audit/verify.js';
import { cliArgs, EXIT, fail, hubOption, requireToken, TOKEN_OPTIONS, TOKEN_USAGE } from './args.js';

const USAGE = `usage: npm run audit:verify -- --hub URL (${TOKEN_USAGE}) [--no-anchor]   (TOKEN: an auditor agency's bearer token)`;

const { values } = cliArgs(USAGE, { hub: { type: 'string' }, ...TOKEN_OPTIONS, 'no-anchor': { type: 'boolean' } });
if (values.help) {
  console.log(USAGE);
  process.exit(EXIT.OK);
}
const endpoint = hubOption(values.hub, USAGE);
const token = requireToken(values, USAGE);

type Errors = Array<{ message: string; extensions?: { code?: string; node?: string } }>;
interface Answer<T> {
  data?: T | null;
  errors?: Errors;
}

const ANCHOR = /* GraphQL */ `mutation { anchorAuditChains { node seq hash } }`;
const QUERY = /* GraphQL */ `{ auditChain { node records intact firstBrokenSeq reason lastSeq lastHash lastAnchorAt anchorsChecked anchorsAvailable } }`;

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

/** Something was found wrong or refused (exit 1). */
let failed = false;
/** Something could not be checked, a node or its anchors unavailable (exit 3 unless `failed`). */
let unchecked = false;
const report = (errors: Errors | undefined, what: string) => {
  for (const error of errors ?? []) {
    const code = error.extensions?.code ?? 'ERROR';
    if (code === 'NODE_UNAVAILABLE') unchecked = true;
    else failed = true;
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
    failed = true;
    console.log(`${status.node}  BROKEN  first broken record: seq ${status.firstBrokenSeq} (${status.reason}), ${status.records} records, ${head}, ${anchors}`);
  }
  if (!status.anchorsAvailable) unchecked = true;
}
report(answer.errors, 'verification');
if (!answer.data?.auditChain?.length) failed = true;
process.exit(failed ? EXIT.FAILED : unchecked ? EXIT.PARTIAL : EXIT.OK);
