import pino from 'pino';

/**
 * The hub's logger: pino, one JSON object a line. The entry points make it (scripts/args.ts
 * hubLogger: LOG_LEVEL, pretty on a terminal) and hand it down as an option; everything else
 * defaults to {@link SILENT_LOGGER}, so tests and benchmarks that pass none print nothing.
 */
export type Logger = pino.Logger;
/** Anything a line can be written to: pino's destinations, or `{ write(line) }` of a test. */
export type LogDestination = pino.DestinationStream;

/** The levels LOG_LEVEL may name, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whether `value` is one of {@link LOG_LEVELS}. */
export const isLogLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

export interface LoggerOptions {
  /** Default `info`. */
  level?: LogLevel;
  /**
   * Where the lines go (default standard output). Tests pass a stream of their own to read the
   * lines back.
   */
  destination?: LogDestination;
  /** Lines for a person at a terminal instead of JSON (see {@link prettyDestination}). */
  pretty?: boolean;
}

/**
 * A logger writing JSON lines — `level` (as pino's numbers: 30 info, 50 error), `time` (ISO
 * 8601), `msg`, and the fields of each call — to `destination`, or lines for a person when
 * `pretty`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const out = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level ?? 'info',
      // An ISO time reads in a terminal and in a log store alike; pino's default is epoch ms.
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.pretty ? prettyDestination(out) : out,
  );
}

/** A logger that writes nothing: the default of every component that is given none. */
export const SILENT_LOGGER: Logger = pino({ level: 'silent' });

const LEVEL_LABELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLOURS: Record<number, string> = { 10: '90', 20: '90', 30: '32', 40: '33', 50: '31', 60: '35' };

/**
 * The built-in pretty printer, instead of the pino-pretty transport: one dependency fewer in a
 * data centre's build, and no worker thread. Each JSON line becomes `HH:MM:SS.mmm LEVEL msg
 * key=value …` (an error's stack on the lines below), the level coloured. Only for a person at
 * a terminal: it parses every line again, which a log store does not need.
 */
export function prettyDestination(out: LogDestination): LogDestination {
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { level, time, msg, err, pid: _pid, hostname: _hostname, ...fields } = record;
      const number = typeof level === 'number' ? level : 30;
      const clock = typeof time === 'string' ? time.slice(11, 23) : '';
      const label = `\u001b[${LEVEL_COLOURS[number] ?? '0'}m${(LEVEL_LABELS[number] ?? String(level)).padEnd(5)}\u001b[0m`;
      const pairs = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
      let text = [clock, label, typeof msg === 'string' ? msg : '', ...pairs].filter((part) => part !== '').join(' ');
      const stack = err && typeof err === 'object' && 'stack' in err ? (err as { stack: unknown }).stack : undefined;
      if (typeof stack === 'string') text += `\n  ${stack.split('\n').join('\n  ')}`;
      out.write(`${text}\n`);
    },
  };
}

/**
 * Logs an error a client is answered only "internal error" for, with its stack: a GraphQL
 * error's original error where it wraps one (the stack worth reading), and `fields` (e.g. the
 * request id) to find it by.
 */
export function logInternalError(logger: Logger, error: unknown, fields: Record<string, unknown> = {}): void {
  const original = typeof error === 'object' && error !== null && 'originalError' in error && error.originalError ? error.originalError : error;
  logger.error({ ...fields, err: original }, 'internal error');
}
