/**
 * Test helpers: a fetch that answers from a table of canned responses and records every request, and
 * one that forwards to an in-process Fastify app (`inject`), so the CLI runs whole without a network.
 */
import type { FastifyInstance } from 'fastify';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface CannedResponse {
  status?: number;
  body?: unknown;
  /** Sent as is instead of JSON (for a server that is not Foyer). */
  text?: string;
  headers?: Record<string, string>;
}

function recordOf(input: string | URL | Request, init: RequestInit | undefined): RecordedRequest {
  const url = new URL(String(input));
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  const raw = typeof init?.body === 'string' ? init.body : undefined;
  return { method: init?.method ?? 'GET', url: `${url.pathname}${url.search}`, headers, body: raw === undefined ? undefined : JSON.parse(raw) };
}

/**
 * `routes` maps `"METHOD /path"` (the query left out) to the answer, or to a list of answers given in
 * turn; an unknown route answers Foyer's 404. `'unreachable'` makes every request fail as fetch does
 * when nothing listens.
 */
export function fakeFetch(routes: Record<string, CannedResponse | CannedResponse[]> | 'unreachable') {
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const req = recordOf(input, init);
    requests.push(req);
    if (routes === 'unreachable') throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const key = `${req.method} ${req.url.split('?')[0]}`;
    const entry = routes[key];
    const n = served.get(key) ?? 0;
    served.set(key, n + 1);
    const canned = Array.isArray(entry) ? entry[Math.min(n, entry.length - 1)] : entry;
    const answer = canned ?? { status: 404, body: { error: 'not-found', info: `no such endpoint: ${key}` } };
    const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    return new Response(text, { status: answer.status ?? 200, headers: { 'content-type': 'application/json', ...answer.headers } });
  }) as typeof fetch;
  return { fetch: fetchFn, requests };
}

/** A fetch served by `app.inject`: the real routes, in process. */
export function injectFetch(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const req = recordOf(input, init);
    const res = await app.inject({
      method: req.method as 'GET' | 'POST' | 'DELETE',
      url: req.url,
      headers: req.headers,
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, String(v));
    return new Response(res.body, { status: res.statusCode, headers });
  }) as typeof fetch;
}
