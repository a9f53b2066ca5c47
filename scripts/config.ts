/**
 * The configuration of the servers' entry points (npm start, npm run node, npm run gateway), from
 * three sources: the command line, the environment and a JSON file (`--config FILE`). Precedence:
 * command line > environment > config file > the command's default. Every option is `--name` on
 * the command line, `name` in the file and `HUB_NAME` (upper snake case) in the environment, plus
 * the older variable names it has always honoured (PORT, HOST, HUB_DRAIN_TIMEOUT_MS, LOG_LEVEL…).
 *
 * Every value is checked before the command opens anything, and every problem is reported at once,
 * one line each naming its source, the value (never a secret's) and the reason; then exit 2.
 * Secrets stay in files: the config file may name a file (`--…-file`), never hold a token or key.
 *
 * Nothing here reads process.env or process.argv: the entry points pass them in.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LOG_LEVELS, isLogLevel } from '../lib/log.js';
import { webhookOptionsFromText } from '../subgraphs/events/webhooks/options.js';
import { trustedProxySet } from '../gateway/rate-limit.js';
import { EXIT } from './args.js';

/** One option of a command: how it is written in each source and what a good value is. */
export interface OptionSpec {
  /** A flag with a value, or a switch (`--migrate`; `1`/`0`, `true`/`false` in the environment, true/false in the file). */
  readonly type: 'string' | 'boolean';
  /** Repeatable on the command line; comma-separated in the environment; an array (or comma-separated string) in the file. */
  readonly multiple?: boolean;
  /** Older environment variables honoured after `HUB_<NAME>`, first one first. */
  readonly aliases?: readonly string[];
  /** The reason a value is wrong, or undefined when it is right. */
  readonly check?: (value: string) => string | undefined;
  /** The value names a file that must be readable at start (a key, a certificate, a registry). */
  readonly file?: boolean;
  /** The value may carry a secret (a database URL's password): never echoed, refused inline in the file. */
  readonly secret?: boolean;
}

/** A command's options by long flag name. */
export type ConfigSpec = Readonly<Record<string, OptionSpec>>;

/** The values of a spec's options, as strings (numbers already checked), switches and lists; undefined when no source gives one. */
export type ConfigValues<S extends ConfigSpec> = {
  [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : S[K]['multiple'] extends true ? string[] : string;
};

/** Where the values come from: the arguments after the script name, the environment, and how to read the files they name. */
export interface ConfigSources {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** A path the user typed, made absolute (args.ts userPath); default: as given. */
  resolvePath?: (path: string) => string;
  /** Default: fs.readFileSync as UTF-8. */
  readText?: (path: string) => string;
  /** Throws when the file cannot be read; default: fs.accessSync(R_OK). */
  checkReadable?: (path: string) => void;
}

/** What {@link resolveConfig} found. */
export interface ResolvedConfig<S extends ConfigSpec> {
  values: ConfigValues<S>;
  /** `--help` was given. */
  help: boolean;
  /** Each problem on one line, in the order of the spec; empty when the configuration is good. */
  problems: string[];
  /** Where each given value came from: `--port`, `HUB_PORT`, `hub.json › port`. */
  sources: { [K in keyof S]?: string };
}

/** `HUB_` and the flag's name in upper snake case: `node-timeout` → `HUB_NODE_TIMEOUT`. */
export function envName(flag: string): string {
  return `HUB_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** The environment variables an option is read from, the first that is set (and not empty) winning. */
export function envNames(flag: string, spec: OptionSpec): string[] {
  return [envName(flag), ...(spec.aliases ?? [])];
}

/** Check: a whole number of `unit` (`milliseconds`, `seconds`, or `a whole number`) of at least `least`. */
export function whole(least: number, unit = 'a whole number'): (value: string) => string | undefined {
  return (value) => {
    const number = Number(value);
    return value.trim() !== '' && Number.isInteger(number) && number >= least ? undefined : `${unit}, at least ${least}`;
  };
}

/** Check: a number (a rate, which may have a fraction) above 0. */
export const positiveNumber = (value: string): string | undefined =>
  value.trim() !== '' && Number.isFinite(Number(value)) && Number(value) > 0 ? undefined : 'a number above 0';

/** Check: a TCP port, 0 (any free one) to 65535. */
export const port = (value: string): string | undefined => whole(0, 'a port number')(value) ?? (Number(value) > 65535 ? 'a port number, at most 65535' : undefined);

/** Check: an http or https URL. */
export const httpUrl = (value: string): string | undefined =>
  URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) ? undefined : 'an http or https URL';

/** Check: a PostgreSQL URL. */
export const postgresUrl = (value: string): string | undefined =>
  URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol) ? undefined : 'a postgres:// or postgresql:// URL';

/** Check: a 6-digit region code. */
export const regionCode = (value: string): string | undefined => (/^\d{6}$/.test(value) ? undefined : 'a 6-digit region code such as 350200');

/** Check: a log level. */
export const logLevel = (value: string): string | undefined => (isLogLevel(value) ? undefined : `one of ${LOG_LEVELS.join(', ')}`);

/** Check: one address of a trusted reverse proxy. */
export const proxyAddress = (value: string): string | undefined => {
  try {
    trustedProxySet([value]);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

/** The options every server takes: `--port` and `--host` (with the old PORT and HOST, when the command honoured them), logging, draining. */
export function serverOptions(options: { portAliases: readonly string[] }) {
  return {
    port: { type: 'string', check: port, aliases: options.portAliases },
    host: { type: 'string', aliases: ['HOST'] },
    'drain-timeout': { type: 'string', check: whole(0, 'milliseconds'), aliases: ['HUB_DRAIN_TIMEOUT_MS'] },
    'log-level': { type: 'string', check: logLevel, aliases: ['LOG_LEVEL'] },
  } as const satisfies ConfigSpec;
}

const webhookMilliseconds = (value: string) => whole(1, 'a whole number of milliseconds')(value)?.replace('at least 1', 'more than 0');

/** The options of `npm start` and `npm run node` that say how a node delivers webhooks. */
export const WEBHOOK_SPEC = {
  'webhook-allow': {
    type: 'string',
    check: (value) => {
      try {
        webhookOptionsFromText({ allow: value });
        return undefined;
      } catch (error) {
        return (error as Error).message.replace(/^--webhook-allow: /, '');
      }
    },
  },
  'webhook-timeout': { type: 'string', check: webhookMilliseconds, aliases: ['HUB_WEBHOOK_TIMEOUT_MS'] },
  'webhook-retry-window': { type: 'string', check: webhookMilliseconds, aliases: ['HUB_WEBHOOK_RETRY_WINDOW_MS'] },
} as const satisfies ConfigSpec;

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The known name nearest to `name` (a typo, or `_` for `-`), when one is near enough to be meant. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const wanted = name.toLowerCase().replace(/_/g, '-');
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const d = distance(wanted, candidate);
    if (!best || d < best.distance) best = { name: candidate, distance: d };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.name : undefined;
}

/** A name that says it holds a secret itself (`token`, `metrics-token`, `gateway-key`), not a file that holds one. */
const SECRET_NAME = /(^|-)(token|secret|password|passphrase|kek|key|private-key|jwks)($|-)/;

/** A value that is the secret itself, not a file's name: a PEM block, or text of several lines. */
const INLINE_PEM = /-----BEGIN |\n/;

function shown(value: string, spec: OptionSpec | undefined): string {
  return spec?.secret ? '' : `, not ${JSON.stringify(value)}`;
}

/**
 * Reads the options of `spec` from the command line, the environment and the config file
 * (`--config FILE` / HUB_CONFIG), checks every value and reports every problem; reads no file
 * but the config file and does not exit. See the module's comment for the rules.
 */
export function resolveConfig<S extends ConfigSpec>(spec: S, sources: ConfigSources): ResolvedConfig<S> {
  const resolvePath = sources.resolvePath ?? ((path: string) => path);
  const readText = sources.readText ?? ((path: string) => readFileSync(path, 'utf8'));
  const checkReadable = sources.checkReadable ?? ((path: string) => accessSync(path, constants.R_OK));
  const problems: string[] = [];
  const names = Object.keys(spec);
  const flagNames = [...names, 'config', 'help'];

  // The command line, leniently, so that every mistake in it is listed, not only the first.
  const cliOptions: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = { config: { type: 'string' }, help: { type: 'boolean' } };
  for (const [name, option] of Object.entries(spec)) cliOptions[name] = { type: option.type, ...(option.multiple ? { multiple: true } : {}) };
  const { values: cli, tokens } = parseArgs({ args: [...sources.argv], options: cliOptions, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = cliOptions[token.name];
    if (!option) {
      const near = nearestName(token.name, flagNames);
      problems.push(`${token.rawName}: not an option of this command${near ? ` (did you mean --${near}?)` : ''}`);
    } else if (option.type === 'string' && token.value === undefined) {
      problems.push(`${token.rawName}: needs a value`);
    } else if (option.type === 'boolean' && token.inlineValue) {
      problems.push(`${token.rawName}: a switch, it takes no value`);
    }
  }

  // The config file: a JSON object whose keys are the long flag names.
  const file: Record<string, unknown> = {};
  let fileLabel = '';
  const configFlag = typeof cli['config'] === 'string' ? cli['config'] : undefined;
  const configEnv = sources.env['HUB_CONFIG'] || undefined;
  const configPath = configFlag ?? configEnv;
  if (configPath !== undefined) {
    const source = configFlag !== undefined ? '--config' : 'HUB_CONFIG';
    const path = resolvePath(configPath);
    fileLabel = configPath;
    let text: string | undefined;
    try {
      text = readText(path);
    } catch (error) {
      problems.push(`${source} ${configPath}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (text !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        problems.push(`${source} ${configPath}: not JSON (${(error as Error).message})`);
      }
      if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
        problems.push(`${source} ${configPath}: a JSON object of options by their flag names, not ${Array.isArray(parsed) ? 'an array' : typeof parsed}`);
      } else if (parsed !== undefined) {
        for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
          const where = `${configPath} › ${key}`;
          const option = spec[key];
          if (key === 'config') {
            problems.push(`${where}: a config file cannot name another`);
          } else if (!option && SECRET_NAME.test(key) && !key.endsWith('-file')) {
            const asFile = names.find((name) => name === `${key}-file`);
            problems.push(`${where}: a secret is never written in the config file; put it in a file readable only by the hub and give ${asFile ? `"${asFile}"` : 'its path'} instead (value not shown)`);
          } else if (!option) {
            const near = nearestName(key, names);
            problems.push(`${where}: not an option of this command${near ? ` (did you mean "${near}"?)` : ''}`);
          } else if (option.type === 'boolean') {
            if (typeof value === 'boolean') file[key] = value;
            else problems.push(`${where}: wrong type, true or false, not ${JSON.stringify(value)}`);
          } else if (option.multiple && Array.isArray(value) && value.every((item) => typeof item === 'string')) {
            file[key] = value;
          } else if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
            const text = String(value);
            if (option.file && INLINE_PEM.test(text)) {
              problems.push(`${where}: holds a key or certificate itself; put it in a file and give the file's path (value not shown)`);
            } else if (option.secret && URL.canParse(text) && new URL(text).password) {
              problems.push(`${where}: a password is never written in the config file; give the URL without it and the password in a file (PGPASSFILE) or set ${envNames(key, option).join(' or ')} instead (value not shown)`);
            } else file[key] = option.multiple ? splitList(text) : text;
          } else {
            problems.push(`${where}: wrong type, a ${option.multiple ? 'string or an array of strings' : 'string or number'}, not ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
          }
        }
      }
    }
  }

  // Each option from the first source that gives it, then checked.
  const values: Record<string, string | boolean | string[]> = {};
  const where: Record<string, string> = {};
  for (const [name, option] of Object.entries(spec)) {
    const fromCli = cli[name];
    const env = envNames(name, option).find((variable) => (sources.env[variable] ?? '') !== '');
    let value: string | boolean | string[] | undefined;
    let source: string;
    if (fromCli !== undefined && !(option.type === 'string' && typeof fromCli === 'boolean') && !(Array.isArray(fromCli) && fromCli.some((item) => typeof item !== 'string'))) {
      value = fromCli as string | boolean | string[];
      source = `--${name}`;
    } else if (env !== undefined) {
      const text = sources.env[env]!;
      source = env;
      if (option.type === 'boolean') {
        if (['1', 'true'].includes(text)) value = true;
        else if (['0', 'false'].includes(text)) value = false;
        else {
          problems.push(`${env}: 1 to switch on, 0 or unset not to${shown(text, option)}`);
          continue;
        }
      } else value = option.multiple ? splitList(text) : text;
    } else if (file[name] !== undefined) {
      value = file[name] as string | boolean | string[];
      source = `${fileLabel} › ${name}`;
    } else continue;
    for (const item of Array.isArray(value) ? value : typeof value === 'string' ? [value] : []) {
      const reason = option.check?.(item);
      if (reason !== undefined) {
        problems.push(`${source}: ${reason}${shown(item, option)}`);
        continue;
      }
      if (option.file) {
        try {
          // As the command reads it: relative to the working directory.
          checkReadable(item);
        } catch (error) {
          problems.push(`${source}: cannot read the file ${JSON.stringify(item)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
      }
    }
    values[name] = value;
    where[name] = source;
  }
  return { values: values as ConfigValues<S>, help: cli['help'] === true, problems, sources: where as ResolvedConfig<S>['sources'] };
}

function splitList(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter(Boolean);
}

/**
 * {@link resolveConfig} for an entry point: prints `usage` and exits 0 on `--help`; prints every
 * problem, one a line, and exits 2 (EXIT.USAGE) when there is any; else the values.
 */
export function configOrExit<S extends ConfigSpec>(spec: S, usage: string, sources: ConfigSources): ConfigValues<S> {
  const config = resolveConfig(spec, sources);
  if (config.help) {
    console.log(usage);
    process.exit(EXIT.OK);
  }
  if (config.problems.length > 0) {
    console.error(
      `${config.problems.length === 1 ? 'a problem' : `${config.problems.length} problems`} in the configuration (command line > environment > config file):\n` +
        config.problems.map((problem) => `  ${problem}`).join('\n') +
        '\n(--help lists the options)',
    );
    process.exit(EXIT.USAGE);
  }
  return config.values;
}

/** How the servers' usage lines describe the configuration sources. */
export const CONFIG_USAGE = `Every option may also be given as the environment variable HUB_<OPTION_IN_UPPER_SNAKE> (e.g. HUB_DRAIN_TIMEOUT) or as a key
of the JSON file --config FILE (HUB_CONFIG); command line > environment > config file > default. Secrets only as files.`;
