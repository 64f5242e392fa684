/** The CSRF guard on its own: every state-changing method is checked (Origin, JSON); reads are not. */
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.ts';
import { guardPosts } from './request-guard.ts';

const OWN = 'https://meet.example.com';
const guard = guardPosts(OWN);
const run = (method: string, headers: Record<string, string>) => guard({ method, headers } as unknown as FastifyRequest, undefined as never);
const good = { origin: OWN, 'content-type': 'application/json' };

describe('guardPosts', () => {
  it.each(['POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'])('%s must come from the own origin, as JSON', async (method) => {
    await expect(run(method, good)).resolves.toBeUndefined();
    await expect(run(method, { ...good, 'content-type': 'application/json; charset=utf-8' })).resolves.toBeUndefined();
    await expect(run(method, { ...good, origin: 'HTTPS://MEET.EXAMPLE.COM' })).resolves.toBeUndefined();
    for (const headers of [
      { 'content-type': 'application/json' },
      { ...good, origin: 'https://evil.example' },
      { ...good, origin: 'null' },
      { ...good, origin: 'https://meet.example.com.evil.example' },
    ]) {
      await expect(run(method, headers)).rejects.toMatchObject({ type: 'forbidden-error', reason: 'wrong-origin' });
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const refused = run(method, { ...good, 'content-type': type });
      await expect(refused).rejects.toBeInstanceOf(ApiError);
      await expect(refused).rejects.toMatchObject({ type: 'invalid-request-error' });
    }
    await expect(run(method, { origin: OWN })).rejects.toMatchObject({ type: 'invalid-request-error' });
  });

  it.each(['GET', 'HEAD'])('%s only reads: no Origin or content type needed', async (method) => {
    await expect(run(method, {})).resolves.toBeUndefined();
    await expect(run(method, { origin: 'https://evil.example' })).resolves.toBeUndefined();
  });
});
