import { parseArgs } from 'node:util';

/** Parses command-line options, printing usage and exiting on a mistake. */
export function cliArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(usage: string, options: T) {
  try {
    return parseArgs({ options: { ...options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** A mistake in how the command was called: the message, and exit 2. */
export function failUsage(message: string): never {
  console.error(message);
  process.exit(2);
}

/** HUB_DATA_DIR, default `.data` in the working directory. */
export const dataDir = () => process.env['HUB_DATA_DIR'] || '.data';

export function portOption(value: string | undefined, fallback: number): number {
  const port = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`not a port: ${value}`);
  return port;
}

/**
 * Stops the process in order on SIGINT/SIGTERM: `stop` runs once, then the process exits;
 * a second signal while stopping exits at once.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      console.log('stopping…');
      void stop().then(() => process.exit(0));
    });
  }
}
