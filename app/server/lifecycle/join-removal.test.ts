/**
 * The removal on schedule through the join endpoint (fake LiveKit): what the join answers
 * (`willEjectAt`, `ejectReason`), what it records and arms, that it is fixed at the first join, and the
 * removal itself through the owner's remove path.
 */
import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JoinResponse } from '../../shared/client-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, T0, type TestApp } from '../testing/test-app.ts';

const HOOK_KEYS = { apiKey: 'foyer_hook', apiSecret: 'lifecycle-hook-secret-0123456789abcdef' };
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ webhookSecret: HOOK_KEYS });
});
afterEach(async () => {
  await t.close();
});

const room = async (name: string, properties: Record<string, unknown> = {}) => expectOk(await t.api('POST', '/v1/rooms', { name, properties }));
const token = async (properties: Record<string, unknown>) => expectOk(await t.api('POST', '/v1/meeting-tokens', { properties })).token as string;
const join = async (name: string, body: Record<string, unknown>, from = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: `/api/rooms/${name}/join`, payload: body, remoteAddress: from });
const joined = async (name: string, body: Record<string, unknown>, from?: string): Promise<JoinResponse> => expectOk(await join(name, body, from));
const roomId = async (name: string) => (await t.store.getRoom(name))!.id;

async function webhook(event: object) {
  const payload = JSON.stringify(event);
  const at = new AccessToken(HOOK_KEYS.apiKey, HOOK_KEYS.apiSecret);
  at.sha256 = createHash('sha256').update(payload).digest('base64');
  return t.app.inject({ method: 'POST', url: '/webhooks/livekit', payload, headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() } });
}

async function until(check: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the join answers when the participant will be removed', () => {
  it('no eject setting: null, nothing armed', async () => {
    await room('plain', { exp: T0 + 3600 });
    const a = await joined('plain', { name: 'Ada' });
    expect(a).toMatchObject({ willEjectAt: null, ejectReason: null, serverNow: T0 });
    expect(t.app.ejections.size).toBe(0);
    expect(await t.store.meetings.callParticipant(await roomId('plain'), a.identity)).not.toHaveProperty('removal');
  });

  it("the room's exp with eject_at_room_exp: at exp, for the meeting; recorded and armed", async () => {
    await room('timed', { exp: T0 + 600, eject_at_room_exp: true });
    const a = await joined('timed', { name: 'Ada' });
    expect(a).toMatchObject({ willEjectAt: T0 + 600, ejectReason: 'room-expired' });
    expect((await t.store.meetings.callParticipant(await roomId('timed'), a.identity))?.removal).toEqual({ at: T0 + 600, reason: 'room-expired' });
    expect(t.app.ejections.armedFor(await roomId('timed'), a.identity)).toEqual({ at: T0 + 600, reason: 'room-expired' });
  });

  it("the token's exp with eject_at_token_exp, and the token's eject_after_elapsed", async () => {
    await room('open');
    const byExp = await joined('open', { name: 'Ada', token: await token({ room_name: 'open', exp: T0 + 120, eject_at_token_exp: true }) });
    expect(byExp).toMatchObject({ willEjectAt: T0 + 120, ejectReason: 'token-expired' });
    const byElapsed = await joined('open', { name: 'Bo', token: await token({ room_name: 'open', eject_after_elapsed: 90 }) });
    expect(byElapsed).toMatchObject({ willEjectAt: T0 + 90, ejectReason: 'elapsed' });
  });

  it('a rejoin once the removal is due is refused (ejected), not let in to be removed at once', async () => {
    await room('short');
    const a = await joined('short', { name: 'Ada', token: await token({ room_name: 'short', eject_after_elapsed: 60 }) });
    t.clock.now = T0 + 59;
    expect(await joined('short', { name: 'Ada', rejoin: a.session })).toMatchObject({ identity: a.identity, willEjectAt: T0 + 60 });
    t.clock.now = T0 + 60;
    expectError(await join('short', { name: 'Ada', rejoin: a.session }), 403, 'forbidden-error');
  });

  it("is fixed at the first join: raising the room's exp later moves neither the record nor a rejoin", async () => {
    await room('fixed', { exp: T0 + 600, eject_at_room_exp: true });
    const a = await joined('fixed', { name: 'Ada' });
    t.livekit.connect(await roomId('fixed'), a.identity);
    expectOk(await t.api('POST', '/v1/rooms/fixed', { properties: { exp: T0 + 7200 } }));
    t.clock.now = T0 + 30;
    const back = await joined('fixed', { name: 'Ada', rejoin: a.session });
    expect(back).toMatchObject({ identity: a.identity, willEjectAt: T0 + 600, ejectReason: 'room-expired' });
    expect(t.app.ejections.armedFor(await roomId('fixed'), a.identity)?.at).toBe(T0 + 600);
    // Someone joining now gets the new exp.
    expect(await joined('fixed', { name: 'Bo' }, '10.0.0.8')).toMatchObject({ willEjectAt: T0 + 7200 });
  });

  it('an expired room cannot be joined, even by an owner', async () => {
    await room('brief', { exp: T0 + 10, eject_at_room_exp: true });
    const owner = await token({ room_name: 'brief', is_owner: true });
    t.clock.now = T0 + 10;
    expect(expectError(await join('brief', { name: 'Ada', token: owner }), 403, 'forbidden-error').access.type).toBe('exp-room');
    expect(expectOk(await t.api('GET', '/v1/rooms')).data.map((r: { name: string }) => r.name)).not.toContain('brief');
  });
});

describe('the removal, on time', () => {
  it("removes them from LiveKit through the owner's remove path (their session no longer rejoins)", async () => {
    await room('short', { exp: T0 + 0.3, eject_at_room_exp: true });
    const a = await joined('short', { name: 'Ada' });
    const b = await joined('short', { name: 'Bo' }, '10.0.0.8');
    t.livekit.connect(await roomId('short'), a.identity);
    t.livekit.connect(await roomId('short'), b.identity);
    t.clock.now = T0 + 1;
    await until(() => t.livekit.actions.filter((x) => x.startsWith('remove ')).length === 2);
    expect(t.livekit.actions).toEqual(expect.arrayContaining([`remove ${a.identity}`, `remove ${b.identity}`]));
    expect(await t.store.meetings.callParticipant(await roomId('short'), a.identity)).toBeNull();
    expect(t.app.ejections.size).toBe(0);
    expectError(await join('short', { name: 'Ada', rejoin: a.session }), 403, 'forbidden-error');
  });

  it('is cancelled when they leave the call, and armed again when they are back', async () => {
    await room('leave', { eject_after_elapsed: 600 });
    const a = await joined('leave', { name: 'Ada' });
    const id = await roomId('leave');
    expect(t.app.ejections.armedFor(id, a.identity)).toBeDefined();
    expect((await webhook({ event: 'participant_joined', room: { name: id }, participant: { identity: a.identity, sid: 'PA_1' }, id: 'EV_1', createdAt: T0 })).statusCode).toBe(200);
    expect((await webhook({ event: 'participant_left', room: { name: id }, participant: { identity: a.identity, sid: 'PA_1' }, id: 'EV_2', createdAt: T0 })).statusCode).toBe(200);
    expect(t.app.ejections.armedFor(id, a.identity)).toBeUndefined();
    expect((await webhook({ event: 'participant_joined', room: { name: id }, participant: { identity: a.identity, sid: 'PA_2' }, id: 'EV_3', createdAt: T0 })).statusCode).toBe(200);
    expect(t.app.ejections.armedFor(id, a.identity)).toEqual({ at: T0 + 600, reason: 'elapsed' });
  });

  it("operators' participant.joined event says when the server will remove them (will_eject_at)", async () => {
    await room('told', { eject_after_elapsed: 600 });
    const a = await joined('told', { name: 'Ada' });
    const events: unknown[] = [];
    t.app.operatorEvents.on((e) => events.push(e));
    const participant = { identity: a.identity, sid: 'PA_1', name: 'Ada', joinedAt: String(T0), joinedAtMs: String(T0 * 1000), attributes: {}, permission: { canSubscribe: true, canPublish: true } };
    expect((await webhook({ event: 'participant_joined', room: { sid: 'RM_1', name: await roomId('told') }, participant, id: 'EV_1', createdAt: String(T0) })).statusCode).toBe(200);
    expect(events).toContainEqual({ type: 'participant.joined', payload: expect.objectContaining({ session_id: a.identity, will_eject_at: T0 + 600 }) });
  });

  it('the meeting ending (room_finished) or the room deleted cancels its timers', async () => {
    await room('done', { eject_after_elapsed: 600 });
    await room('gone', { eject_after_elapsed: 600 });
    await joined('done', { name: 'Ada' });
    await joined('gone', { name: 'Bo' });
    expect(t.app.ejections.size).toBe(2);
    expect((await webhook({ event: 'room_finished', room: { name: await roomId('done') }, id: 'EV_9', createdAt: T0 })).statusCode).toBe(200);
    expect(t.app.ejections.size).toBe(1);
    expectOk(await t.api('DELETE', '/v1/rooms/gone'));
    expect(t.app.ejections.size).toBe(0);
  });
});
