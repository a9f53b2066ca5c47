/**
 * npm run --silent token -- --sub CODE --kind agency|holder [--role R]... [--name NAME] [--ttl SECONDS]
 * Prints one bearer token from the development identity provider of HUB_DATA_DIR; redirected to
 * a file, it is what the other commands read with --token-file. Exits (README › Scripts › Exit
 * codes) 2 when called wrongly.
 */
import { join } from 'node:path';
import { DEFAULT_MAX_TOKEN_LIFETIME_S } from '../gateway/auth.js';
import { residentIdProblem, usccProblem } from '../lib/codes.js';
import { mintToken } from '../hub/dev-idp.js';
import { loadOrCreateSigningKey } from '../lib/keys.js';
import { isRole, ROLES, type Role } from '../lib/principal.js';
import { AGENCIES } from './demo/data.js';
import { cliArgs, dataDir, EXIT, failUsage } from './args.js';

const USAGE = `usage: npm run --silent token -- --sub CODE --kind agency|holder [--role R]... [--name NAME] [--ttl SECONDS]
  roles: ${ROLES.join(', ')}
  --ttl: lifetime in seconds, 1 to ${DEFAULT_MAX_TOKEN_LIFETIME_S} (12 h; default 3600)`;

const { values } = cliArgs(USAGE, {
  sub: { type: 'string' },
  kind: { type: 'string' },
  role: { type: 'string', multiple: true },
  name: { type: 'string' },
  ttl: { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(EXIT.OK);
}
const sub = values.sub ?? failUsage(`--sub is required\n${USAGE}`);
const kind = values.kind;
if (kind !== 'agency' && kind !== 'holder') failUsage(`--kind must be agency or holder\n${USAGE}`);
if (kind === 'agency' && usccProblem(sub)) failUsage(`--sub: an agency is named by its USCC: ${usccProblem(sub)}`);
if (kind === 'holder' && usccProblem(sub) && residentIdProblem(sub)) failUsage('--sub: a holder is named by a USCC or a resident ID number');
const roles = (values.role ?? []).map((role) => (isRole(role) ? role : failUsage(`unknown role ${role}; roles are ${ROLES.join(', ')}`)));
if (kind === 'holder' && roles.length) failUsage('--role: roles belong to agencies, not holders');
const ttl = values.ttl === undefined ? 3600 : Number(values.ttl);
if (!Number.isInteger(ttl) || ttl <= 0) failUsage(`--ttl: a whole number of seconds, from 1 to ${DEFAULT_MAX_TOKEN_LIFETIME_S}`);
// The gateway refuses tokens that live longer (gateway/auth.ts): minting one would only fail later.
if (ttl > DEFAULT_MAX_TOKEN_LIFETIME_S) {
  failUsage(`--ttl: at most ${DEFAULT_MAX_TOKEN_LIFETIME_S} seconds (12 h): the hub refuses tokens that live longer, so a stolen one is worth little; mint a new one when it expires`);
}

const key = await loadOrCreateSigningKey(join(dataDir(), 'keys'), 'idp');
const name = values.name ?? AGENCIES.find((agency) => agency.code === sub)?.name;
console.log(await mintToken(key, { sub, kind, roles: roles as Role[], ttlSeconds: ttl, ...(name ? { name } : {}) }));
