/** Assertions on REST answers: Daily's success (exactly 200, JSON) and error (`{error, info}`) shapes. */
import type { LightMyRequestResponse } from 'fastify';

/** Success is exactly HTTP 200 with a JSON body (never 201 or 204). Returns the parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectOk(res: LightMyRequestResponse): any {
  if (res.statusCode !== 200) throw new Error(`expected 200, got ${res.statusCode}: ${res.body}`);
  const type = res.headers['content-type'];
  if (typeof type !== 'string' || !/^application\/json\b/.test(type)) throw new Error(`expected application/json, got ${String(type)}`);
  return res.json();
}

/** A Daily-shaped error: the status, `{error: type, info}` with a non-empty info, as JSON. Returns the parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectError(res: LightMyRequestResponse, status: number, type: string): any {
  const body = res.json();
  const problems: string[] = [];
  if (res.statusCode !== status) problems.push(`status ${res.statusCode} (wanted ${status})`);
  if (body.error !== type) problems.push(`error ${JSON.stringify(body.error)} (wanted ${type})`);
  if (typeof body.info !== 'string' || body.info.length === 0) problems.push('no info');
  if (!/^application\/json\b/.test(String(res.headers['content-type']))) problems.push(`content-type ${res.headers['content-type']}`);
  if (problems.length) throw new Error(`${problems.join(', ')}: ${res.body}`);
  return body;
}
