/**
 * How the hub drives a headless Chromium (the monthly report's PDF, the browser tests): Debian's
 * build, since playwright cannot download one here, started with the switches a server needs.
 */

/** Where Debian's `chromium` package puts the browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** No sandbox (containers run it as root), and no calls home: a closed network refuses them, many at a time. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
