/**
 * Test helpers for the 2018 team API over the real app (in-memory store, fake LiveKit): requests with
 * the API key, the legacy error shape, members added through the team store, and meetings written
 * into the meetings record as LiveKit webhooks would have left them.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect } from 'vitest';
import { hashSessionId, newSessionId } from '../team/session-cookie.ts';
import type { Member } from '../team/team-store.ts';
import { makeTestApp, TEST_API_KEY, type TestApp } from '../testing/test-app.ts';

/** The test app's team name (its deployment's domain name). */
export const TEAM = '127.0.0.1';
export const BASE = `/domains/by-name/${TEAM}`;

/** The app of the running test (a live binding, set anew before each test by useLegacyApp). */
export let t: TestApp;

export function useLegacyApp(env: Record<string, string> = {}): void {
  beforeEach(async () => {
    t = await makeTestApp({ env });
  });
  afterEach(async () => {
    await t.close();
  });
}

export interface SendOptions {
  /** The Authorization header; null for none. */
  auth?: string | null;
  contentType?: string;
  from?: string;
}

/** A request as a 2018 client sends it: Bearer key, JSON body (a string is sent as is). */
export function send(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, o: SendOptions = {}): Promise<LightMyRequestResponse> {
  const auth = o.auth === undefined ? `Bearer ${TEST_API_KEY}` : o.auth;
  return t.app.inject({
    method,
    url,
    remoteAddress: o.from ?? '127.0.0.1',
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: {
      ...(auth === null ? {} : { authorization: auth }),
      ...(body === undefined ? {} : { 'content-type': o.contentType ?? 'application/json' }),
    },
  });
}

/** A success: exactly 200, JSON, no `error`. Returns the body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function legacyOk(res: LightMyRequestResponse): any {
  expect(res.headers['content-type']).toMatch(/^application\/json\b/);
  const body = res.json();
  expect({ status: res.statusCode, error: body.error }).toEqual({ status: 200, error: undefined });
  return body;
}

/** That era's error: `{error: {message}}` and nothing else, at `status` (200 for request errors). Returns the message. */
export function legacyError(res: LightMyRequestResponse, status = 200): string {
  expect(res.headers['content-type']).toMatch(/^application\/json\b/);
  const body = res.json();
  expect(res.statusCode, res.body).toBe(status);
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error)).toEqual(['message']);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.message as string;
}

let serial = 0;

/** Adds a member (the first of a team is its owner) with a session; returns the member and the session id. */
export async function addMember(email: string, name = 'Ada Lovelace'): Promise<{ member: Member; sessionId: string }> {
  serial += 1;
  const sessionId = newSessionId();
  const now = t.clock.now;
  const member = await t.store.team.addMember({
    member: { id: `member-${serial}`, email, name, created_at: new Date(now * 1000).toISOString() },
    passkey: { id: `cred-${serial}`, publicKey: new Uint8Array([1, 2, 3]), counter: 0, transports: [] },
    session: { idHash: hashSessionId(sessionId), createdAt: now, expiresAt: now + 3600 },
  });
  return { member, sessionId };
}

export interface SessionSpec {
  participantId: string;
  join: number;
  leave: number | null;
  /** The member this participant was signed in as (recorded at join), if any. */
  member?: Member;
}

/** A meeting in `roomName` with these LiveKit sessions; `end` null while it goes on. */
export async function addMeeting(roomName: string, start: number, end: number | null, sessions: SessionSpec[] = []): Promise<string> {
  serial += 1;
  const id = `meeting-${serial}`;
  const records = t.store.meetingRecords;
  await records.createMeeting({ id, roomId: `room-id-${roomName}`, roomName, startTime: start, endTime: end, maxParticipants: sessions.length });
  for (const [i, s] of sessions.entries()) {
    await records.insertSession({
      sessionSid: `${id}-session-${i}`,
      meetingId: id,
      participantId: s.participantId,
      userId: null,
      userName: null,
      owner: false,
      permissions: { hasPresence: true, canSend: true, canAdmin: false },
      joinTime: s.join,
      leaveTime: s.leave,
      leaveEstimated: false,
    });
    if (s.member) await t.store.team.recordParticipant({ participantId: s.participantId, memberId: s.member.id, email: s.member.email, roomId: `room-id-${roomName}`, ownerByMembership: false, joinedAt: s.join });
  }
  return id;
}
