import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeSocket } from '../testing/fake-socket.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, rawPost, TEST_DOMAIN_ID, type TestApp } from '../testing/test-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';

let t: TestApp;
let receiver: WebhookReceiver | undefined;
beforeEach(async () => {
  t = await makeTestApp({ webhookDelivery: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 500 } });
});
afterEach(async () => {
  await t.close();
  await receiver?.close();
  receiver = undefined;
});

const ALL_TYPES = ['waiting-participant.joined', 'waiting-participant.left', 'participant.joined', 'participant.left', 'meeting.started', 'meeting.ended'];
const create = (body: unknown) => t.api('POST', '/v1/webhooks', body);

describe('/v1/webhooks', () => {
  it('creates a webhook in Daily\'s shape and returns its generated HMAC secret once, never again', async () => {
    const created = expectOk(await create({ url: 'https://hooks.example.com/foyer' }));
    expect(created).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: 'https://hooks.example.com/foyer',
      hmac: expect.any(String),
      retryType: 'circuit-breaker',
      eventTypes: ALL_TYPES,
      state: 'ACTIVE',
      failedCount: 0,
      lastMomentPushed: null,
      domainId: TEST_DOMAIN_ID,
      createdAt: new Date(t.clock.now * 1000).toISOString(),
      updatedAt: new Date(t.clock.now * 1000).toISOString(),
    });
    expect(Buffer.from(created.hmac, 'base64')).toHaveLength(32);
    const { hmac: _secret, ...withoutSecret } = created;
    const got = expectOk(await t.api('GET', `/v1/webhooks/${created.uuid}`));
    expect(got).toEqual(withoutSecret);
    expect(expectOk(await t.api('GET', '/v1/webhooks'))).toEqual([withoutSecret]);
    const updated = expectOk(await t.api('POST', `/v1/webhooks/${created.uuid}`, { retryType: 'exponential' }));
    expect(updated).not.toHaveProperty('hmac');
    expect(JSON.stringify([got, updated, expectOk(await t.api('GET', '/v1/webhooks'))])).not.toContain(created.hmac);
  });

  it('takes the operator\'s own secret, basic auth, retry type and event types; basic auth is never shown', async () => {
    const hmac = Buffer.from('an operator chose this secret').toString('base64');
    const created = expectOk(await create({ url: 'http://127.0.0.1:9/x', hmac, basicAuth: 'bot:s3cret', retryType: 'exponential', eventTypes: ['waiting-participant.joined'] }));
    expect(created).toMatchObject({ hmac, retryType: 'exponential', eventTypes: ['waiting-participant.joined'] });
    expect(JSON.stringify(created)).not.toContain('s3cret');
    expect(JSON.stringify(expectOk(await t.api('GET', `/v1/webhooks/${created.uuid}`)))).not.toContain('s3cret');
  });

  it('updates what it names and deletes; unknown or malformed ids are 404', async () => {
    const { uuid } = expectOk(await create({ url: 'https://a.example.com/' }));
    t.clock.now += 60;
    const updated = expectOk(await t.api('POST', `/v1/webhooks/${uuid}`, { url: 'https://b.example.com/', eventTypes: ['meeting.started', 'meeting.ended'] }));
    expect(updated).toMatchObject({ uuid, url: 'https://b.example.com/', eventTypes: ['meeting.started', 'meeting.ended'], retryType: 'circuit-breaker', updatedAt: new Date(t.clock.now * 1000).toISOString() });
    expect(updated.createdAt).not.toBe(updated.updatedAt);
    expect(expectOk(await t.api('DELETE', `/v1/webhooks/${uuid}`))).toEqual({ deleted: true, uuid });
    expect(expectOk(await t.api('GET', '/v1/webhooks'))).toEqual([]);
    for (const id of [uuid, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', 'x'.repeat(300)]) {
      expectError(await t.api('GET', `/v1/webhooks/${id}`), 404, 'not-found');
      expectError(await t.api('POST', `/v1/webhooks/${id}`, {}), 404, 'not-found');
      expectError(await t.api('DELETE', `/v1/webhooks/${id}`), 404, 'not-found');
    }
  });

  it('allows at most 5 webhooks per deployment', async () => {
    for (let i = 0; i < 5; i++) expectOk(await create({ url: `https://h${i}.example.com/` }));
    expectError(await create({ url: 'https://sixth.example.com/' }), 400, 'invalid-request-error');
    expect(expectOk(await t.api('GET', '/v1/webhooks'))).toHaveLength(5);
  });

  it('refuses URLs that are not http(s), carry credentials, or are too long, and every other bad field, creating nothing', async () => {
    for (const body of [
      {},
      { url: '' },
      { url: 'ftp://example.com/x' },
      { url: 'javascript:alert(1)' },
      { url: 'file:///etc/passwd' },
      { url: 'http://' },
      { url: 'https://user:pw@example.com/' },
      { url: 'HTTPS://example.com/' },
      { url: 'https://exa mple.com/' },
      { url: `https://example.com/${'a'.repeat(2048)}` },
      { url: 42 },
      { url: 'https://example.com/', hmac: 'short' },
      { url: 'https://example.com/', hmac: 'not base64 at all, really not!!' },
      { url: 'https://example.com/', basicAuth: 'no-colon' },
      { url: 'https://example.com/', basicAuth: 'a:\nb' },
      { url: 'https://example.com/', retryType: 'forever' },
      { url: 'https://example.com/', eventTypes: [] },
      { url: 'https://example.com/', eventTypes: ['recording.started'] },
      { url: 'https://example.com/', eventTypes: ['meeting.started', 'meeting.started'] },
      { url: 'https://example.com/', surprise: true },
    ]) {
      expectError(await create(body), 400, 'invalid-request-error');
    }
    expectError(await rawPost(t, '/v1/webhooks', '{"url":'), 400, 'json-parsing-error');
    expect(expectOk(await t.api('GET', '/v1/webhooks'))).toEqual([]);
  });

  it('refuses a huge body without reading it all, and wrong or missing keys', async () => {
    const huge = await rawPost(t, '/v1/webhooks', JSON.stringify({ url: `https://example.com/${'a'.repeat(300 * 1024)}` }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: 'invalid-request-error' });
    expectError(await t.app.inject({ method: 'POST', url: '/v1/webhooks', payload: { url: 'https://example.com/' } }), 400, 'authorization-header-error');
    expectError(await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: { authorization: 'Bearer wrong' } }), 401, 'authentication-error');
    expect(expectOk(await t.api('GET', '/v1/webhooks'))).toEqual([]);
  });

  it('delivers a signed waiting-participant.joined to a receiver on another port when a guest knocks', async () => {
    receiver = await startWebhookReceiver();
    const created = expectOk(await create({ url: receiver.url, eventTypes: ['waiting-participant.joined'] }));
    receiver.setSecret(created.hmac);
    expectOk(await t.api('POST', '/v1/rooms', { name: 'door', privacy: 'private', properties: { enable_knocking: true } }));
    const guest = { socket: fakeSocket(), clientKey: '10.0.0.9' };
    await t.app.lobby.requestAccess('door', guest, { name: 'Gus' });
    const got = await receiver.next('waiting-participant.joined');
    expect(got.verified).toBe(true);
    expect(got.envelope).toMatchObject({ version: '1.0.0', type: 'waiting-participant.joined', payload: { room: 'door', user_name: 'Gus', session_id: guest.socket.of('waiting')[0].id } });
    await t.app.webhookDispatcher.whenIdle();
    expect(expectOk(await t.api('GET', `/v1/webhooks/${created.uuid}`)).lastMomentPushed).toEqual(expect.any(String));
  });

  it('a receiver that keeps failing is FAILED in GET, gets nothing more, and an update makes it ACTIVE again', async () => {
    receiver = await startWebhookReceiver();
    receiver.setMode('error');
    const created = expectOk(await create({ url: receiver.url }));
    receiver.setSecret(created.hmac);
    t.app.operatorEvents.emit({ type: 'meeting.started', payload: { room: 'r', meeting_id: 'm', start_ts: t.clock.now } });
    await t.app.webhookDispatcher.whenIdle();
    expect(expectOk(await t.api('GET', `/v1/webhooks/${created.uuid}`))).toMatchObject({ state: 'FAILED', failedCount: 3 });
    expect(receiver.attempts).toBe(3);
    t.app.operatorEvents.emit({ type: 'meeting.ended', payload: { room: 'r', meeting_id: 'm', start_ts: t.clock.now, end_ts: t.clock.now } });
    await t.app.webhookDispatcher.whenIdle();
    expect(receiver.attempts).toBe(3);

    receiver.setMode('ok');
    expect(expectOk(await t.api('POST', `/v1/webhooks/${created.uuid}`, {}))).toMatchObject({ state: 'ACTIVE', failedCount: 0 });
    t.app.operatorEvents.emit({ type: 'meeting.ended', payload: { room: 'r', meeting_id: 'm', start_ts: t.clock.now, end_ts: t.clock.now } });
    expect((await receiver.next('meeting.ended')).verified).toBe(true);
  });
});
