/** LiveKit webhooks and participants in the record's words, row by row. */
import type { ParticipantInfo } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { OWNER_ATTRIBUTE } from '../../shared/client-api.ts';
import { USER_ID_ATTRIBUTE } from '../../shared/client-api.ts';
import { callSession, recordEventOf } from './livekit-sessions.ts';

const T = 1_735_689_600;
const participant = (extra: Partial<ParticipantInfo> = {}): ParticipantInfo => ({
  sid: 'PA_1',
  identity: 'p_ada',
  name: 'Ada',
  attributes: { [OWNER_ATTRIBUTE]: 'false' },
  joinedAt: BigInt(T),
  joinedAtMs: BigInt(T * 1000 + 250),
  permission: undefined,
  ...extra,
}) as ParticipantInfo;
const room = { sid: 'RM_1', name: 'room-id' } as never;

describe('recordEventOf', () => {
  it.each([
    ['participant_joined', 'joined'],
    ['participant_left', 'left'],
    ['participant_connection_aborted', 'aborted'],
  ])('%s is a %s', (event, kind) => {
    expect(recordEventOf({ event: event as never, room, participant: participant() as never, createdAt: BigInt(T + 5) }, T + 5.3)).toMatchObject({ kind });
  });

  it('room_finished ends the room\'s meeting; room_started and track events are not followed', () => {
    expect(recordEventOf({ event: 'room_finished', room, participant: undefined, createdAt: BigInt(T) }, T)).toEqual({ kind: 'room-finished', roomId: 'room-id', at: T });
    for (const event of ['room_started', 'track_published', 'egress_ended']) {
      expect(recordEventOf({ event: event as never, room, participant: participant() as never, createdAt: BigInt(T) }, T)).toBeNull();
    }
  });

  it('without a room or an identity there is nothing to record', () => {
    expect(recordEventOf({ event: 'participant_joined', room: undefined, participant: participant() as never, createdAt: 0n }, T)).toBeNull();
    expect(recordEventOf({ event: 'participant_left', room, participant: participant({ identity: '' }) as never, createdAt: 0n }, T)).toBeNull();
  });

  it.each([
    ['delivered at once: the time it arrived', T + 5, T + 5.4, T + 5.4],
    ['retried later: within a second of LiveKit\'s stamp', T + 5, T + 90, T + 6],
    ['no stamp: the time it arrived', 0, T + 7, T + 7],
  ])('a leave\'s time, %s', (_label, created, now, at) => {
    expect(recordEventOf({ event: 'participant_left', room, participant: participant() as never, createdAt: BigInt(created) }, now)).toMatchObject({ at });
  });
});

describe('callSession', () => {
  it('takes the sid, milliseconds join time, name, user_id and owner attribute', () => {
    expect(callSession('room-id', participant({ attributes: { [OWNER_ATTRIBUTE]: 'true', [USER_ID_ATTRIBUTE]: 'u-1' } }), T + 99)).toEqual({
      sid: 'PA_1', identity: 'p_ada', roomId: 'room-id', joinedAt: T + 0.25, userId: 'u-1', userName: 'Ada', owner: true,
      permissions: { hasPresence: true, canSend: false, canAdmin: ['participants'] },
    });
  });

  it.each([
    ['seconds only', { joinedAtMs: 0n }, T],
    ['no join time at all', { joinedAtMs: 0n, joinedAt: 0n }, T + 99],
  ])('join time from %s', (_label, extra, joinedAt) => {
    expect(callSession('room-id', participant(extra), T + 99).joinedAt).toBe(joinedAt);
  });

  it('no name or user_id is null, as Daily reports them', () => {
    expect(callSession('room-id', participant({ name: '' }), T)).toMatchObject({ userName: null, userId: null });
  });
});
