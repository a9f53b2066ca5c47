import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The analyst's IDE: GraphiQL 3 on React 18, inlined into one HTML page built from the files
 * in node_modules (the network is closed, so no CDN), with a bar for the bearer token and the
 * purpose of use (用证事由) that every request carries.
 */

const require = createRequire(import.meta.url);

/** The UMD builds, in load order: React, then ReactDOM, then GraphiQL, which expect them as globals. */
function assetPaths() {
  const react = dirname(require.resolve('react/package.json'));
  const reactDom = dirname(require.resolve('react-dom/package.json'));
  return {
    scripts: [
      join(react, 'umd/react.production.min.js'),
      join(reactDom, 'umd/react-dom.production.min.js'),
      require.resolve('graphiql/graphiql.min.js'),
    ],
    style: require.resolve('graphiql/graphiql.min.css'),
  };
}

const TOKEN_KEY = 'ecert-hub:token';
const PURPOSE_KEY = 'ecert-hub:purpose';

const DEFAULT_QUERY = `# ecert-hub: paste a bearer token and the purpose of use (用证事由) above.
# The schema shown is the part of the hub your token could ever be allowed to read.
#
# Without a token only public verification answers, e.g.
#   { verifyCertificate(id: "1.2.156.3005.2…") { found status typeName issuerName } }

{
  certificateTypes {
    code
    name
    sharing
  }
}
`;

/**
 * The page's own script. Plain browser JavaScript: it remembers the token and the purpose for
 * the browser tab (sessionStorage: gone when the tab closes, never shared with other tabs or
 * kept on disk for the next person at the machine), sends them with every operation, and gives GraphiQL a new fetcher whenever they change so
 * that GraphiQL introspects again and shows the new principal's contract.
 */
const APP_SCRIPT = `(() => {
  'use strict';
  const TOKEN_KEY = ${JSON.stringify(TOKEN_KEY)};
  const PURPOSE_KEY = ${JSON.stringify(PURPOSE_KEY)};
  const form = document.getElementById('credentials');
  const tokenInput = document.getElementById('token');
  const purposeInput = document.getElementById('purpose');
  const who = document.getElementById('who');

  const load = (key) => { try { return sessionStorage.getItem(key) || ''; } catch { return ''; } };
  const save = (key, value) => {
    try { if (value) sessionStorage.setItem(key, value); else sessionStorage.removeItem(key); } catch { /* storage off: nothing is remembered */ }
  };
  // Earlier versions of this page kept them in localStorage, on disk until removed: remove them.
  try { localStorage.removeItem(TOKEN_KEY); localStorage.removeItem(PURPOSE_KEY); } catch { /* storage off: nothing to remove */ }
  tokenInput.value = load(TOKEN_KEY);
  purposeInput.value = load(PURPOSE_KEY);

  // The gateway decodes X-Purpose with decodeURIComponent. A header value must be ASCII, and a
  // "%" that is part of the reason must not be read as an escape: encode exactly those.
  const purposeHeader = (purpose) => (/[^\\x20-\\x7e]|%/.test(purpose) ? encodeURIComponent(purpose) : purpose);

  // Shown, not trusted: the gateway verifies the token; this only says whose it looks like.
  function describe(token) {
    if (!token) return 'public: verification only';
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
      const roles = Array.isArray(claims.roles) && claims.roles.length ? ' · ' + claims.roles.join(', ') : '';
      const expiry = typeof claims.exp === 'number' ? ' · until ' + new Date(claims.exp * 1000).toLocaleString() : '';
      return String(claims.kind || '?') + ' ' + String(claims.sub || '?') + roles + expiry;
    } catch {
      return 'not a JWT';
    }
  }

  function fetcherFor(token, purpose) {
    return async (params, options) => {
      const headers = new Headers((options && options.headers) || {});
      headers.set('content-type', 'application/json');
      headers.set('accept', 'application/graphql-response+json, application/json');
      if (token) headers.set('authorization', 'Bearer ' + token);
      if (purpose) headers.set('x-purpose', purposeHeader(purpose));
      const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params), credentials: 'same-origin' });
      const text = await response.text();
      try {
        return JSON.parse(text);
      } catch {
        return { errors: [{ message: 'HTTP ' + response.status + ': ' + text.slice(0, 200) }] };
      }
    };
  }

  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  let applied = null;
  function apply() {
    const token = tokenInput.value.trim().replace(/^Bearer\\s+/i, '');
    const purpose = purposeInput.value.trim();
    if (applied && applied.token === token && applied.purpose === purpose) return;
    applied = { token, purpose };
    save(TOKEN_KEY, token);
    save(PURPOSE_KEY, purpose);
    who.textContent = describe(token);
    root.render(React.createElement(GraphiQL, {
      fetcher: fetcherFor(token, purpose),
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      shouldPersistHeaders: false,
    }));
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); apply(); });
  tokenInput.addEventListener('change', apply);
  purposeInput.addEventListener('change', apply);
  apply();
})();`;

const PAGE_STYLE = `
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; }
#credentials { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding: 6px 12px; background: #0d3b66; color: #fff; font-size: 13px; }
#credentials strong { font-size: 14px; letter-spacing: .02em; }
#credentials label { display: flex; align-items: center; gap: 6px; }
#credentials input { font: 12px ui-monospace, monospace; padding: 4px 6px; border: 1px solid #7aa5cc; border-radius: 4px; background: #fff; color: #111; }
#token { width: 22em; }
#purpose { width: 16em; }
#credentials button { font: inherit; padding: 3px 10px; border: 1px solid #7aa5cc; border-radius: 4px; background: #1d5f96; color: #fff; cursor: pointer; }
#who { opacity: .85; font: 12px ui-monospace, monospace; }
#graphiql { flex: 1; min-height: 0; }
`;

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
  const { scripts, style } = assetPaths();
  const sources = [...scripts.map((path) => inlineScript(readFileSync(path, 'utf8'))), inlineScript(APP_SCRIPT)];
  const html = [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>ecert-hub · GraphiQL</title>',
    // Or the browser asks the gateway for /favicon.ico.
    '<link rel="icon" href="data:,">',
    `<style>${inlineStyle(readFileSync(style, 'utf8'))}</style>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<form id="credentials" autocomplete="off">',
    '<strong>ecert-hub</strong>',
    '<label>Token <input id="token" type="password" placeholder="Bearer token (JWT)" spellcheck="false"></label>',
    '<label>用证事由 X-Purpose <input id="purpose" type="text" maxlength="200" placeholder="matter code or reason"></label>',
    '<button type="submit">Apply</button>',
    '<span id="who"></span>',
    '</form>',
    '<div id="graphiql"></div>',
    ...sources.map((source) => `<script>${source}</script>`),
    '</body>',
    '</html>',
  ].join('\n');
  // Hashes, not 'unsafe-inline': only these exact scripts run. GraphiQL 3 needs no eval. Its
  // fonts are data: URLs inside its CSS; React and GraphiQL set inline styles.
  const contentSecurityPolicy = [
    "default-src 'self'",
    `script-src 'self' ${sources.map(sha256).join(' ')}`,
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

/** The GraphiQL page: self-contained HTML, built from node_modules once and cached. */
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

/** Serves the page: gzipped when the browser takes it (4 MB become under 1 MB), 304 when unchanged. */
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
