/**
 * A webhook receiver for tests: an HTTP server on 127.0.0.1 that keeps every delivery it is
 * sent (headers and the exact body), answers each as the test says — a status, or never (the
 * request is held until released or the server closes) — and counts how many deliveries of one
 * event to one path it was handling at the same moment.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { close, listen } from '../../hub/listen.js';

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as sent, decoded as UTF-8. */
  body: string;
  json: Record<string, unknown>;
  eventId: string;
  /** What the receiver answered; null while held or if never answered. */
  status: number | null;
  /** When it arrived and when it was answered (performance.now()); answeredAt null until then. */
  arrivedAt: number;
  answeredAt: number | null;
}

/**
 * How to answer a delivery: a status, after a delay or once `after` settles, or `hold` to
 * keep it open until releaseHeld() or close().
 */
export type Answer = number | { status: number; delayMs?: number; after?: Promise<unknown> } | 'hold';

export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  /** The most deliveries of one event to one path being handled at once, by path. */
  readonly maxOverlap = new Map<string, number>();
  readonly #open = new Map<string, number>();
  readonly #held = new Set<ServerResponse>();
  #answers = new Map<string, (delivery: ReceivedDelivery) => Answer>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver!: WebhookReceiver;
    const server = createServer((req, res) => void receiver.#handle(req, res));
    const url = await listen(server, 0, '127.0.0.1');
    receiver = new WebhookReceiver(server, url);
    return receiver;
  }

  /** Deliveries to `path` are answered by `answer` (default: 204). */
  answer(path: string, answer: (delivery: ReceivedDelivery) => Answer): void {
    this.#answers.set(path, answer);
  }

  /** The deliveries sent to `path`, in the order they arrived. */
  at(path: string): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.path === path);
  }

  /** Ends every held request without an answer (the connection is cut). */
  releaseHeld(): void {
    for (const res of this.#held) res.destroy();
    this.#held.clear();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const eventId = String(req.headers['x-ecert-event-id'] ?? '');
    const delivery: ReceivedDelivery = {
      path,
      headers: req.headers,
      body,
      json: JSON.parse(body) as Record<string, unknown>,
      eventId,
      status: null,
      arrivedAt: performance.now(),
      answeredAt: null,
    };
    this.received.push(delivery);
    const key = `${path} ${eventId}`;
    const open = (this.#open.get(key) ?? 0) + 1;
    this.#open.set(key, open);
    this.maxOverlap.set(path, Math.max(this.maxOverlap.get(path) ?? 0, open));
    const done = () => this.#open.set(key, (this.#open.get(key) ?? 1) - 1);
    const answer = this.#answers.get(path)?.(delivery) ?? 204;
    if (answer === 'hold') {
      this.#held.add(res);
      res.on('close', () => {
        this.#held.delete(res);
        done();
      });
      return;
    }
    const { status, delayMs = 0, after } = typeof answer === 'number' ? { status: answer } : answer;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    await after;
    delivery.status = status;
    delivery.answeredAt = performance.now();
    done();
    res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
  }

  async close(): Promise<void> {
    this.releaseHeld();
    this.server.closeAllConnections();
    await close(this.server);
  }
}
