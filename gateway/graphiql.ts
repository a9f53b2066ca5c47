import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The analyst's IDE: GraphiQL 3 on React 18 with the explorer plugin, one HTML page
 * (`graphiql.html`, with a bar for the bearer token and the purpose of use 用证事由) into which
 * the builds from node_modules are inlined, because the network is closed: no CDN.
 */

const require = createRequire(import.meta.url);

/**
 * Read at start, so that a gateway without its page fails when it starts rather than when the
 * first analyst opens it. The HTML parser reads CR LF and lone CR as LF before the browser checks
 * a script against its hash: the hashes must be taken over what the parser sees.
 */
const TEMPLATE = readFileSync(new URL('./graphiql.html', import.meta.url), 'utf8').replace(/\r\n?/g, '\n');

/** The builds the page's `data-inline` placeholders name. React's exports hide its UMD builds from require.resolve. */
function inlinedFiles(): Record<string, string> {
  const react = dirname(require.resolve('react/package.json'));
  const reactDom = dirname(require.resolve('react-dom/package.json'));
  return {
    'react.js': join(react, 'umd/react.production.min.js'),
    'react-dom.js': join(reactDom, 'umd/react-dom.production.min.js'),
    'graphiql.js': require.resolve('graphiql/graphiql.min.js'),
    'graphiql.css': require.resolve('graphiql/graphiql.min.css'),
    'plugin-explorer.js': require.resolve('@graphiql/plugin-explorer/dist/index.umd.js'),
    'plugin-explorer.css': require.resolve('@graphiql/plugin-explorer/dist/style.css'),
  };
}

const PLACEHOLDER = /<(script|style) data-inline="([^"]*)"><\/\1>/g;

/**
 * Inline scripts must not end early or switch the HTML parser's script state, and must read
 * as the parser will see them: it turns CR LF and lone CR into LF (GraphiQL's bundle has some)
 * before the browser checks the script against its CSP hash.
 */
function inlineScript(source: string): string {
  return source
    .replace(/\r\n?/g, '\n')
    .replace(/<\/script/gi, '<\\/script')
    .replace(/<!--/g, '<\\!--')
    .replace(/\n\/\/# sourceMappingURL=.*$/m, '');
}

/** Inline styles must not end the style element early. */
function inlineStyle(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/<\/style/gi, '<\\/style').replace(/\/\*# sourceMappingURL=.*?\*\//g, '');
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

interface BuiltPage {
  html: string;
  raw: Buffer;
  gzipped?: Buffer;
  etag: string;
  headers: Record<string, string>;
}

let built: BuiltPage | undefined;

function build(): BuiltPage {
  const files = inlinedFiles();
  const html = TEMPLATE.replace(PLACEHOLDER, (_element, tag: string, name: string) => {
    const path = files[name];
    if (path === undefined) throw new Error(`gateway/graphiql.html asks for "${name}", which is none of ${Object.keys(files).join(', ')}`);
    const source = readFileSync(path, 'utf8');
    return tag === 'script' ? `<script>${inlineScript(source)}</script>` : `<style>${inlineStyle(source)}</style>`;
  });
  // Every script of the page, its own and the inlined builds, all plain <script> elements. None
  // can end early (inlineScript), so the first "</script" after an opening tag is its end.
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  // Hashes, not 'unsafe-inline': only these exact scripts run. GraphiQL 3 and its explorer need no eval. Their
  // fonts are data: URLs inside its CSS; React and GraphiQL set inline styles.
  const contentSecurityPolicy = [
    "default-src 'self'",
    `script-src 'self' ${scripts.map(sha256).join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    html,
    raw: Buffer.from(html, 'utf8'),
    etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
      // GET /graphql answers HTML to browsers and JSON to GraphQL clients.
      vary: 'Accept, Accept-Encoding',
    },
  };
}

function page(): BuiltPage {
  return (built ??= build());
}

/** The GraphiQL page: self-contained HTML, built from graphiql.html and node_modules once and cached. */
export function graphiqlPage(): string {
  return page().html;
}

/** The headers the page is served with, its Content-Security-Policy first among them. */
export function graphiqlHeaders(): Record<string, string> {
  return { ...page().headers };
}

/** Whether a request is a browser opening the endpoint: GET, asking for HTML, with no operation. */
export function wantsGraphiql(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const accept = req.headers.accept ?? '';
  if (!/\btext\/html\b/i.test(accept)) return false;
  return !new URL(req.url ?? '/', 'http://gateway').searchParams.has('query');
}

/** Serves the page: gzipped when the browser takes it (4.1 MB become 1.1 MB), 304 when unchanged. */
export function sendGraphiql(req: IncomingMessage, res: ServerResponse): void {
  const built = page();
  const headers: Record<string, string> = { ...built.headers, etag: built.etag };
  if (req.headers['if-none-match'] === built.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? (built.gzipped ??= gzipSync(built.raw)) : built.raw;
  res.writeHead(200, { ...headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
  res.end(body);
}
