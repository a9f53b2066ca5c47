import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { request as httpRequest, type Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import { logInternalError, type Logger } from './log.js';

/**
 * Largest request body a node reads; larger is answered 413 before any parsing. Twice the
 * gateway's client limit (16 MiB, gateway/limits.ts): a node reads a body only once the
 * gateway's signed context is verified, and a forwarded operation carries the client's
 * variables plus the planner's query text, which fragments expand.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'BAD_REQUEST',
  ) {
    super(message);
  }
}

/**
 * Reads a request body up to `limit` bytes: a larger declared length is refused before a byte
 * is read, a chunked body as soon as it passes the limit, so no more than `limit` is held.
 */
export async function readBodyBytes(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `request body larger than ${limit} bytes`, 'PAYLOAD_TOO_LARGE');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new HttpError(413, `request body larger than ${limit} bytes`, 'PAYLOAD_TOO_LARGE');
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client went away mid-body: nobody is left to read the answer, but it is not our fault.
    throw new HttpError(400, 'the request body was cut off');
  }
  return Buffer.concat(chunks);
}

/** readBodyBytes as UTF-8 text. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(req, limit)).toString('utf8');
}

/** The path a request asks for; 400 for a target that is not one (e.g. `/////`, which `new URL` refuses). */
export function requestPath(req: IncomingMessage): string {
  const target = req.url ?? '/';
  if (!URL.canParse(target, 'http://hub')) throw new HttpError(400, 'the request target is not a path');
  return new URL(target, 'http://hub').pathname;
}

/** Parses a JSON body, answering 400 (not a crash) for anything that is not JSON. */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
}

export function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Answers an HttpError (or anything else, as a 500 with no detail) in GraphQL's error shape;
 * anything else is logged to `logger` with its stack, which the client never sees.
 */
export function sendError(res: ServerResponse, error: unknown, logger: Logger, fields: Record<string, unknown> = {}): void {
  if (error instanceof HttpError) {
    sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
    return;
  }
  logInternalError(logger, error, fields);
  sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

/**
 * Runs one HTTP request through an Apollo Server: the small adapter every Apollo integration
 * is, so the node and the gateway can serve several servers and plain routes on one port.
 */
export async function executeApollo<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<TContext>,
  body?: unknown,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? 'GET',
      headers: headerMap(req),
      search: url.search,
      body: body ?? (req.method === 'POST' ? parseJsonBody(await readBody(req)) : undefined),
    },
    context,
  });
  const headers: Record<string, string> = {};
  for (const [key, value] of response.headers) headers[key] = value;
  res.writeHead(response.status ?? 200, headers);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** What a POST got back: the status and the body as text. */
export interface PostAnswer {
  status: number;
  text: string;
  /** The answer's Content-Type, when it named one. */
  contentType?: string;
}

/**
 * POSTs `payload` to an http(s) URL through `agent` (keep-alive, and for https the CA the
 * nodes' certificates chain to) and reads the whole answer; the whole exchange, not only an
 * idle socket, must finish within `timeoutMs`. Rejects with a short reason (an errno code,
 * "no answer within … ms") for the caller to report.
 */
export function postBytes(
  url: URL,
  payload: Buffer,
  headers: Record<string, string>,
  options: { agent: Agent | HttpsAgent; timeoutMs: number },
): Promise<PostAnswer> {
  const isHttps = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => reject(new Error(reason));
    const req = (isHttps ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: options.agent,
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => fail(error.message));
        res.on('end', () => {
          const contentType = res.headers['content-type'];
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ...(contentType ? { contentType } : {}) });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      fail(`no answer within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy());
    req.on('error', (error) => fail((error as NodeJS.ErrnoException).code ?? error.message));
    req.end(payload);
  });
}

/** The status of a GET to an http(s) URL through `agent`, the body discarded; rejects as postBytes. */
export function getStatus(url: URL, agent: Agent | HttpsAgent, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'GET', agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (error) => reject(error));
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error) => reject(new Error((error as NodeJS.ErrnoException).code ?? error.message)));
    req.end();
  });
}
