/** The webhook and waiting-participant answers match the schemas /v1/openapi.json publishes for them. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openApiDocument } from '../http/openapi.ts';
import { fakeSocket } from '../testing/fake-socket.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

function schemas() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('components');
  ajv.addSchema({ $id: 'urn:foyer:openapi', components: openApiDocument('http://127.0.0.1:3000').components });
  return (name: string, value: unknown) => {
    const v = ajv.getSchema(`urn:foyer:openapi#/components/schemas/${name}`)!;
    if (!v(value)) throw new Error(`${name}: ${JSON.stringify(v.errors)}\n${JSON.stringify(value)}`);
    return true;
  };
}

it('webhook and waiting-participant answers match their documented schemas, which can fail', async () => {
  const valid = schemas();
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
