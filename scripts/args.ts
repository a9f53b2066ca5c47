import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { webhookOptionsFromText, type WebhookOptions } from '../subgraphs/events/webhooks/options.js';
import { createLogger, isLogLevel, LOG_LEVELS, type Logger } from '../lib/log.js';

/**
 * The exit codes every command-line tool uses (README › Scripts › Exit codes), so a script that
 * runs them can tell a mistake in its own call from a hub that failed, and a partial result from both.
 */
export const EXIT = {
  /** Everything asked for was done (and, for a verification, every check passed). */
  OK: 0,
  /** It failed: the hub refused or could not be reached, a check failed, something was not found. */
  FAILED: 1,
  /** The command was called wrongly, or its input cannot be read (a file missing, not UTF-8, a bad header). */
  USAGE: 2,
  /** Partly done: rows rejected, or a verification that passed but could not check everything (a key, an anchor). */
  PARTIAL: 3,
} as const;

/** Parses command-line options, printing usage and exiting on a mistake. */
export function cliArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(usage: string, options: T) {
  try {
    return parseArgs({ options: { ...options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(EXIT.USAGE);
  }
}

/** Something failed that the caller did not get wrong: the message, and exit 1. */
export function fail(message: string): never {
  console.error(message);
  process.exit(EXIT.FAILED);
}

/** A mistake in how the command was called, or input it cannot read: the message, and exit 2. */
export function failUsage(message: string): never {
  console.error(message);
  process.exit(EXIT.USAGE);
}

/**
 * A path the user typed, made absolute against the directory they typed it in. `npm run` starts
 * scripts in the repository root and says where the user was in INIT_CWD; run directly (tsx,
 * node), the working directory is already the user's.
 */
export function userPath(path: string): string {
  return resolve(process.env['INIT_CWD'] || process.cwd(), path);
}

/** The hub's GraphQL endpoint: `hub` with `/graphql` appended unless it already ends so; null when `hub` is not a URL. */
export function graphqlUrl(hub: string): URL | null {
  let endpoint: URL;
  try {
    endpoint = new URL(hub);
  } catch {
    return null;
  }
  if (!endpoint.pathname.endsWith('/graphql')) endpoint.pathname = `${endpoint.pathname.replace(/\/$/, '')}/graphql`;
  return endpoint;
}

/** `--hub` as the hub's GraphQL endpoint ({@link graphqlUrl}); exits 2 when it is missing or not a URL. */
export function hubOption(hub: string | undefined, usage: string): URL {
  if (hub === undefined) failUsage(`--hub is required\n${usage}`);
  return graphqlUrl(hub) ?? failUsage(`--hub: not a URL: ${hub}`);
}

/** The options a command that calls the hub takes for its bearer token (see {@link bearerToken}). */
export const TOKEN_OPTIONS = { token: { type: 'string' }, 'token-file': { type: 'string' } } as const;

/** How a usage line names the ways to pass a token. */
export const TOKEN_USAGE = '--token-file FILE | --token TOKEN | ECERT_TOKEN=TOKEN';

/**
 * The bearer token from `--token-file FILE` (its one line; FILE resolved with {@link userPath}),
 * `--token`, or else the ECERT_TOKEN environment variable; undefined when none is given. The file
 * and the variable exist because `--token` shows the token in npm's echo of the command, in the
 * shell's history and to every user of the machine in `ps`. An option beats the variable, as a
 * command line beats the environment; both options at once is a usage error. Exits 2 when the
 * file cannot be read or does not hold one token.
 */
export function bearerToken(values: { token?: string | undefined; 'token-file'?: string | undefined }): string | undefined {
  if (values.token !== undefined && values['token-file'] !== undefined) failUsage('--token and --token-file: one of them, please');
  if (values['token-file'] !== undefined) {
    const path = userPath(values['token-file']);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      failUsage(`--token-file ${path}: ${(error as Error).message}`);
    }
    const token = text.trim();
    if (token === '' || /\s/.test(token)) failUsage(`--token-file ${path}: expected one bearer token on one line`);
    return token;
  }
  return values.token ?? (process.env['ECERT_TOKEN']?.trim() || undefined);
}

/** {@link bearerToken}, exiting 2 with `usage` when none is given. */
export function requireToken(values: Parameters<typeof bearerToken>[0], usage: string): string {
  return bearerToken(values) ?? failUsage(`a token is required: ${TOKEN_USAGE}\n${usage}`);
}

/** Option `--name` as a whole number of at least `least` (`fallback` when absent), or a usage mistake (exit 2) showing `usage`. */
export function wholeOption(name: string, value: string | undefined, fallback: number, least: number, usage: string): number {
  const number = Number(value ?? fallback);
  if (!Number.isInteger(number) || number < least) failUsage(`--${name}: a whole number, at least ${least}\n${usage}`);
  return number;
}

/** How the servers' usage lines name their logging. */
export const LOG_USAGE = `--log-level, HUB_LOG_LEVEL or LOG_LEVEL (${LOG_LEVELS.join(', ')}; default info): JSON lines on standard output, lines for a person on a terminal`;

/**
 * The logger of a server's entry point (npm start, npm run gateway, npm run node): `--log-level`
 * (HUB_LOG_LEVEL, LOG_LEVEL; default info); JSON lines, or lines for a person when standard output
 * is a terminal. Exits 2 on a level it does not know.
 */
export function hubLogger(level = 'info'): Logger {
  if (!isLogLevel(level)) failUsage(`LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}, not ${level}`);
  return createLogger({ level, pretty: process.stdout.isTTY === true });
}

/** HUB_DATA_DIR, default `.data` in the working directory. */
export const dataDir = () => process.env['HUB_DATA_DIR'] || '.data';

export function portOption(value: string | undefined, fallback: number): number {
  const port = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`not a port: ${value}`);
  return port;
}

/**
 * Stops the process in order on SIGINT/SIGTERM: `stop` runs once — it drains the servers,
 * giving requests in flight up to `graceMs` (hub/listen.ts drain), then stops the rest — and the
 * process exits 0 (1 if stopping failed); a second signal while stopping exits 1 at once. One
 * line when draining starts, one when it is done, naming the requests cut at the deadline.
 */
export function stopOnSignals(graceMs: number, stop: () => Promise<{ cut: number }>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        console.log(`${signal} again: exiting at once`);
        process.exit(EXIT.FAILED);
      }
      stopping = true;
      const started = performance.now();
      console.log(`${signal}: draining — no new connections, up to ${graceMs / 1000} s for requests in flight (a second signal exits at once)`);
      stop().then(
        ({ cut }) => {
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          console.log(
            cut === 0
              ? `drained in ${seconds} s, stopped`
              : `stopped after ${seconds} s: ${cut} request${cut === 1 ? '' : 's'} still open at the deadline, cut`,
          );
          process.exit(EXIT.OK);
        },
        (error: unknown) => {
          console.error('stopping failed:', error);
          process.exit(EXIT.FAILED);
        },
      );
    });
  }
}

/** The options of `npm start` and `npm run node` that say how a node delivers webhooks. */
export const WEBHOOK_OPTIONS = {
  'webhook-allow': { type: 'string' },
  'webhook-timeout': { type: 'string' },
  'webhook-retry-window': { type: 'string' },
} as const;

/** Their usage lines, indented under a command's usage. */
export const WEBHOOK_USAGE = `  --webhook-allow         the hosts and networks webhooks may reach, comma-separated host names and CIDR networks
                          (default: HUB_WEBHOOK_ALLOW, else loopback only: 127.0.0.0/8,::1,localhost)
  --webhook-timeout       how long one webhook POST may take, in ms (default: HUB_WEBHOOK_TIMEOUT, HUB_WEBHOOK_TIMEOUT_MS, else 10000)
  --webhook-retry-window  how long a webhook delivery is retried before it is FAILED, in ms
                          (default: HUB_WEBHOOK_RETRY_WINDOW, HUB_WEBHOOK_RETRY_WINDOW_MS, else 86400000, 24 h)`;

/** The webhook options as resolved by scripts/config.ts (command line, environment, config file); a usage error (exit 2) names the flag at fault. */
export function webhookOptions(values: { [name in keyof typeof WEBHOOK_OPTIONS]?: string | undefined }): WebhookOptions {
  try {
    return webhookOptionsFromText({
      allow: values['webhook-allow'],
      timeoutMs: values['webhook-timeout'],
      retryWindowMs: values['webhook-retry-window'],
    });
  } catch (error) {
    return failUsage((error as Error).message);
  }
}
