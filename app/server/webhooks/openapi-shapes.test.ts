/** The webhook and waiting-participant answers match the schemas /v1/openapi.json publishes for them. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { schemaChecker } from '../testing/documented-schemas.ts';
import { fakeSocket } from '../testing/fake-socket.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

it('webhook and waiting-participant answers match their documented schemas, which can fail', async () => {
  const valid = schemaChecker();
  const created = expectOk(await t.api('POST', '/v1/webhooks', { url: 'https://hooks.example.com/x', basicAuth: 'a:b' }));
  valid('Webhook', created);
  valid('Webhook', expectOk(await t.api('GET', `/v1/webhooks/${created.uuid}`)));
  valid('WebhookList', expectOk(await t.api('GET', '/v1/webhooks')));
  valid('Webhook', expectOk(await t.api('POST', `/v1/webhooks/${created.uuid}`, { basicAuth: null })));
  valid('WebhookDeleted', expectOk(await t.api('DELETE', `/v1/webhooks/${created.uuid}`)));
  valid('Error', expectError(await t.api('GET', `/v1/webhooks/${created.uuid}`), 404, 'not-found'));

  expectOk(await t.api('POST', '/v1/rooms', { name: 'door', privacy: 'private', properties: { enable_knocking: true } }));
  const guest = { socket: fakeSocket(), clientKey: '10.0.0.1' };
  await t.app.lobby.requestAccess('door', guest, { name: 'Gus' });
  const list = expectOk(await t.api('GET', '/v1/rooms/door/waiting-participants'));
  valid('WaitingParticipantList', list);
  valid('WaitingParticipantsAnswered', expectOk(await t.api('POST', '/v1/rooms/door/waiting-participants', { updates: { '*': { grantRequestedAccess: true } } })));

  expect(() => valid('Webhook', { ...created, state: 'PAUSED' })).toThrow();
  expect(() => valid('CreateWebhook', { url: 'ftp://x' })).toThrow();
  expect(() => valid('AnswerWaitingParticipants', { updates: { 'a b': { grantRequestedAccess: true } } })).toThrow();
  expect(() => valid('WaitingParticipantList', { ...list, data: [{ ...list.data[0], waiting_since: 'now' }] })).toThrow();
});
