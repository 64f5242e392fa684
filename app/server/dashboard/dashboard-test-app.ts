/**
 * Test helpers for the dashboard's API over the app (fake WebAuthn ceremonies, fake LiveKit): requests
 * as the dashboard page sends them (Origin, JSON, the session cookie), an owner and a member signed in,
 * and someone in a room's call or lobby.
 */
import type { LightMyRequestResponse } from 'fastify';
import { MeetingRecord } from '../meetings/record.ts';
import { expectOk } from '../testing/http-expect.ts';
import type { TestApp } from '../testing/test-app.ts';
import { ORIGIN, signup, t } from '../team/team-test-app.ts';

export { DASHBOARD_API as D } from '../../shared/dashboard-api.ts';

export interface SendOptions {
  cookie?: string;
  /** null: no Origin header. */
  origin?: string | null;
  contentType?: string;
  from?: string;
}

/** A request as the page sends it: state-changing ones with Origin and a JSON body. */
export function send(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, o: SendOptions = {}, app: TestApp = t): Promise<LightMyRequestResponse> {
  const changes = method !== 'GET';
  return app.app.inject({
    method,
    url,
    remoteAddress: o.from ?? '127.0.0.1',
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: {
      ...(changes ? { 'content-type': o.contentType ?? 'application/json' } : {}),
      ...(changes && o.origin !== null ? { origin: o.origin ?? ORIGIN } : {}),
      ...(o.cookie ? { cookie: o.cookie } : {}),
    },
  });
}

/** GET, POST and DELETE as `who` (a session cookie). */
export const as = (cookie: string | undefined, o: Omit<SendOptions, 'cookie'> = {}) => ({
  get: (url: string) => send('GET', url, undefined, { ...o, ...(cookie ? { cookie } : {}) }),
  post: (url: string, body: unknown = {}) => send('POST', url, body, { ...o, ...(cookie ? { cookie } : {}) }),
  delete: (url: string, body?: unknown) => send('DELETE', url, body, { ...o, ...(cookie ? { cookie } : {}) }),
});

/** The team's first member (its owner) and a second one (a member), signed in. */
export async function ownerAndMember() {
  const owner = await signup('ada@example.com', 'Ada Lovelace');
  const member = await signup('bob@example.com', 'Bob Marley');
  return { owner, member, asOwner: as(owner.cookie), asMember: as(member.cookie) };
}

/** Creates a room with the API key, as an operator would. */
export async function v1Room(name: string, body: object = {}) {
  return expectOk(await t.api('POST', '/v1/rooms', { name, ...body }));
}

let sids = 0;
/** Someone joins the room's call, as LiveKit's webhook would tell the meetings record. Returns their LiveKit identity. */
export async function joinCall(roomName: string, who: { name: string | null; owner?: boolean }, identity = `p-${++sids}`): Promise<string> {
  const room = (await t.store.getRoom(roomName))!;
  const record = new MeetingRecord(t.store.meetingRecords, async (id) => (await t.store.roomById(id))?.name ?? null, () => t.clock.now);
  await record.apply({
    kind: 'joined',
    session: {
      sid: `PA_${++sids}`,
      identity,
      roomId: room.id,
      joinedAt: t.clock.now,
      userId: null,
      userName: who.name,
      owner: who.owner ?? false,
      permissions: { hasPresence: true, canSend: true, canAdmin: who.owner ?? false },
    },
  });
  return identity;
}

/** Someone knocks: their entry in the room's waiting list, as the lobby stores it. Returns the entry's id. */
export async function knock(roomName: string, name: string): Promise<string> {
  const room = (await t.store.getRoom(roomName))!;
  const id = `w-${++sids}`;
  await t.store.lobby.addWaiting({ id, roomId: room.id, resumeKeyHash: `hash-${id}`, name, since: t.clock.now, clientKey: '10.9.9.9', expiresAt: t.clock.now + 600 });
  return id;
}
