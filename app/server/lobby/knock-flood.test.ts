/**
 * A knock flood: one client sends 1,000 knocks within a minute, over one socket and over many. Owners
 * hear at most the budgeted knocks, an honest guest from elsewhere still gets in, and what the server
 * keeps for the attacker stays bounded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { openWs, type TestWs } from '../testing/ws-client.ts';

let t: TestApp;
let room: { id: string };
const sockets: TestWs[] = [];
const ATTACKER = '203.0.113.66';

beforeEach(async () => {
  t = await makeTestApp();
  room = expectOk(await t.api('POST', '/v1/rooms', { name: 'flood', privacy: 'private', properties: { enable_knocking: true } }));
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) if (!ws.isClosed()) ws.close();
  await t.close();
});

async function connect(ip: string): Promise<TestWs> {
  const ws = await openWs(t.app, '/api/rooms/flood/lobby', ip);
  sockets.push(ws);
  return ws;
}

async function ownerInCall() {
  const { token } = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'flood', is_owner: true } }));
  const { session } = expectOk(await t.client('/api/rooms/flood/join', { token, name: 'Host' }));
  const ws = await connect('198.51.100.1');
  ws.send({ type: 'hello', session });
  await ws.next('waiting-participants');
  return ws;
}

async function settled(ws: TestWs) {
  ws.send({ type: 'ping-for-test' });
  await ws.next((m) => m.type === 'error' && m.info === 'unknown message', 10_000);
}

/** Owner toasts: every knock or rename an owner was told about. */
const toasts = (owner: TestWs) => owner.messages.filter((m) => m.type === 'waiting-participant-added' || m.type === 'waiting-participant-updated').length;

async function honestGuestGetsIn(owner: TestWs) {
  const guest = await connect('192.0.2.10');
  guest.send({ type: 'request-access', name: 'Honest Hana' });
  const waiting = await guest.next((m) => m.type !== undefined);
  expect(waiting.type).toBe('waiting');
  owner.send({ type: 'update-waiting-participants', updates: { [waiting.id]: { grantRequestedAccess: true } } });
  expect(await guest.next('granted')).toMatchObject({ admission: expect.any(String) });
}

describe('a knock flood from one client', () => {
  it('1,000 knocks (with cancels and made-up resume keys) over one socket: at most 10 toasts, an honest guest still gets in', async () => {
    const owner = await ownerInCall();
    const heapBefore = process.memoryUsage().heapUsed;
    const attacker = await connect(ATTACKER);
    for (let i = 0; i < 1000; i++) {
      attacker.send({ type: 'request-access', name: `Bot ${i}`, ...(i % 2 ? { resume: `fake-${i}` } : {}) });
      if (i % 3 === 0) attacker.send({ type: 'cancel' });
      // The whole flood lands within one minute of the server's clock.
      if (i % 100 === 99) t.clock.now += 5;
    }
    await settled(attacker);
    await settled(owner);
    expect(toasts(owner)).toBeLessThanOrEqual(10);
    expect(attacker.messages.filter((m) => m.error === 'rate-limit-error').length).toBeGreaterThan(900);
    expect(await t.store.lobby.countWaitingFrom(ATTACKER)).toBeLessThanOrEqual(1);
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.log(`[figures] one socket, 1,000 knocks: ${toasts(owner)} owner toasts; heap growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(64);
    await honestGuestGetsIn(owner);
  });

  it('1,000 knocks over 1,000 sockets: at most 20 sockets and 5 places held, at most 10 toasts, an honest guest still gets in', async () => {
    const owner = await ownerInCall();
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const tally = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      // The client API's request budget refuses the upgrade itself (429) once spent.
      const ws = await connect(ATTACKER).catch((err: Error) => (/429/.test(err.message) ? undefined : Promise.reject(err)));
      if (!ws) {
        tally('upgrade refused (429)');
        continue;
      }
      if (ws.messages[0]?.error === 'rate-limit-error' || ws.isClosed()) {
        tally('socket refused (cap)');
        continue;
      }
      ws.send({ type: 'request-access', name: `Bot ${i}` });
      const answer = await ws.next((m) => m.type !== undefined);
      tally(answer.type === 'error' ? answer.error : answer.type);
      if (i % 100 === 99) t.clock.now += 5;
    }
    await settled(owner);
    expect(outcomes.get('waiting')).toBeLessThanOrEqual(10);
    expect(await t.store.lobby.countWaitingFrom(ATTACKER)).toBeLessThanOrEqual(5);
    // Server side, only the per-client cap's worth of sockets is open (the owner's is the +1).
    const open = [...t.app.websocketServer.clients].filter((c) => c.readyState === c.OPEN).length;
    expect(open).toBeLessThanOrEqual(20 + 1);
    expect(toasts(owner)).toBeLessThanOrEqual(10);
    console.log(`[figures] 1,000 sockets: ${JSON.stringify(Object.fromEntries(outcomes))}; owner toasts ${toasts(owner)}`);
    await honestGuestGetsIn(owner);
  });
});
