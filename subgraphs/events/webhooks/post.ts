/**
 * One POST to a receiver: through keep-alive agents whose sockets resolve names with the allow
 * list's lookup (allow-list.ts), so that a connection can only be made to an allowed address;
 * the whole exchange bounded by a timeout; the answer's body read and thrown away.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AllowList } from './allow-list.js';

/** What an attempt came to: the receiver's status, or why there was none. */
export type PostOutcome = { status: number } | { error: string };

/**
 * Keep-alive agents for receivers, at most `total` sockets. The sender's own limits (per
 * webhook, overall) decide what is in flight; the agents never queue a request behind another
 * webhook's to the same host, where it would wait out its timeout.
 */
export class ReceiverAgents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;

  constructor(total: number) {
    const options = { keepAlive: true, maxSockets: total, maxTotalSockets: total, scheduling: 'lifo' as const };
    this.http = new HttpAgent(options);
    this.https = new HttpsAgent(options);
  }

  destroy(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

/** A POST under way: its outcome, and a way to abandon it (the worker is stopping). */
export interface PostInFlight {
  outcome: Promise<PostOutcome>;
  abort(): void;
}

/**
 * POSTs `body` to `url` with `headers`, never to an address outside `allow`. Resolves (never
 * rejects) with the answer's status, or with a short reason: an errno code, "no answer within …".
 */
export function postDelivery(
  url: URL,
  body: Buffer,
  headers: Record<string, string>,
  options: { agents: ReceiverAgents; allow: AllowList; timeoutMs: number },
): PostInFlight {
  const literal = options.allow.literalProblem(url.hostname);
  if (literal) return { outcome: Promise.resolve({ error: literal }), abort: () => {} };
  let req: ClientRequest | undefined;
  const outcome = new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const settle = (value: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const isHttps = url.protocol === 'https:';
    req = (isHttps ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: isHttps ? options.agents.https : options.agents.http,
        lookup: options.allow.lookup,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        res.on('error', (error) => settle({ error: error.message }));
        res.on('end', () => settle({ status: res.statusCode ?? 0 }));
        res.resume();
      },
    );
    const timer = setTimeout(() => {
      settle({ error: `no answer within ${options.timeoutMs} ms` });
      req?.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code === 'ENOTALLOWED' ? error.message : (error.code ?? error.message) }));
    req.end(body);
  });
  return { outcome, abort: () => req?.destroy(new Error('the worker stopped')) };
}
