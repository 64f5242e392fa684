import Fastify, { type FastifyInstance } from 'fastify';
import { AccessToken, type WebhookEvent } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../http/errors.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { webhookRoutes } from './webhooks.ts';

const KEYS = { apiKey: 'foyer_hook', apiSecret: 'webhook-test-secret-0123456789abcdef012345' };

let app: FastifyInstance;
let events: WebhookEvent[];
beforeEach(async () => {
  events = [];
  app = Fastify();
  installErrorHandling(app);
  webhookRoutes(app, KEYS, (e) => {
    events.push(e);
  });
  await app.ready();
});
afterEach(() => app.close());

const body = JSON.stringify({
  event: 'participant_left',
  id: 'EV_1',
  createdAt: '1735689600',
  room: { sid: 'RM_1', name: 'room-id-1' },
  participant: { sid: 'PA_1', identity: 'p_owner' },
});

/** LiveKit's signature: a JWT from the key pair whose `sha256` claim is the body's digest. */
async function sign(payload: string, keys = KEYS): Promise<string> {
  const at = new AccessToken(keys.apiKey, keys.apiSecret);
  at.sha256 = createHash('sha256').update(payload).digest('base64');
  return at.toJwt();
}

const post = (payload: string, authorization?: string) =>
  app.inject({
    method: 'POST',
    url: '/webhooks/livekit',
    payload,
    headers: { 'content-type': 'application/webhook+json', ...(authorization ? { authorization } : {}) },
  });

describe('POST /webhooks/livekit', () => {
  it('accepts a webhook signed with the key pair and hands the event on', async () => {
    expect(expectOk(await post(body, await sign(body)))).toEqual({ ok: true });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: 'participant_left', room: { name: 'room-id-1' }, participant: { identity: 'p_owner' } });
  });

  it.each([
    ['no Authorization', async () => undefined, body],
    ['a signature from another secret', () => sign(body, { ...KEYS, apiSecret: 'another-secret-0123456789abcdef0123456789' }), body],
    ['a signature from another key', () => sign(body, { ...KEYS, apiKey: 'someone_else' }), body],
    ['a body altered after signing', () => sign(body), body.replace('p_owner', 'p_other')],
    ['garbage in Authorization', async () => 'not-a-jwt', body],
  ])('refuses %s with 401 and does not act on it', async (_label, authorization, payload) => {
    const err = expectError(await post(payload, await authorization()), 401, 'authentication-error');
    expect(err.info).toMatch(/signature/);
    expect(events).toEqual([]);
  });
});
