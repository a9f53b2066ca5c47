import autocannon from 'autocannon';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts, non-2xx answers, and 2xx answers whose body was not the expected one. */
  errors: number;
  non2xx: number;
  mismatches: number;
}

/**
 * Drives `url` with `connections` keep-alive connections for `seconds`, POSTing the same
 * GraphQL operation. Every answer must equal `expectBody` (the answer fetched before the
 * run), so a GraphQL error inside an HTTP 200 counts as a mismatch, not as a success.
 * `headersPerRequest`, when given, adds headers made afresh for every request sent — a signed
 * context, which a node accepts only once.
 */
export async function load(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  headersPerRequest?: () => Record<string, string>;
  connections: number;
  seconds: number;
  expectBody: string;
}): Promise<LoadResult> {
  const { headersPerRequest } = options;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    // autocannon rebuilds a request that has a setupRequest each time it sends it.
    ...(headersPerRequest ? { requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...headersPerRequest() } }) }] } : {}),
    connections: options.connections,
    duration: options.seconds,
    // The same check as autocannon's expectBody, which it refuses beside `requests`.
    verifyBody: (body) => body === options.expectBody,
    // A request still unanswered after 30 s counts as an error (autocannon's default is 10 s).
    timeout: 30,
  });
  return {
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}

/** The raw body a gateway answers for an operation, to check every answer under load against. */
export async function answerOf(url: string, body: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  if (!response.ok || (JSON.parse(text) as { errors?: unknown }).errors) throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return text;
}
