import { describe, expect, it } from 'vitest';
import type { ParticipantSession } from '../sessions/participant-session.ts';
import { authorize } from './authorize.ts';

const ROOM = { id: 'room-1', name: 'standup' };
const owner: ParticipantSession = { roomId: 'room-1', identity: 'p_owner', isOwner: true };
const guest: ParticipantSession = { roomId: 'room-1', identity: 'p_guest', isOwner: false };
const everyone = new Set(['p_owner', 'p_guest', 'p_target']);

type Facts = Parameters<typeof authorize>[0];
const base: Facts = { room: ROOM, caller: owner, promoted: false, inCall: everyone, target: 'p_target' };

describe('authorize: who may use an owner power', () => {
  it.each<[string, Partial<Facts>, { status: number; type: string } | undefined]>([
    ['an owner in the call, target in the call', {}, undefined],
    ['an owner switching broadcast (no target)', { target: undefined }, undefined],
    ['an owner acting on themselves', { target: 'p_owner' }, undefined],
    ['a participant made an owner during this meeting', { caller: guest, promoted: true }, undefined],
    ['a non-owner', { caller: guest }, { status: 403, type: 'forbidden-error' }],
    ['no valid session (forged, malformed, or expired with its meeting token)', { caller: null }, { status: 401, type: 'authentication-error' }],
    ['the owner of another room', { caller: { ...owner, roomId: 'room-2' } }, { status: 403, type: 'forbidden-error' }],
    ['an owner of another room promoted there', { caller: { ...guest, roomId: 'room-2' }, promoted: true }, { status: 403, type: 'forbidden-error' }],
    ['an owner who already left the call', { inCall: new Set(['p_guest', 'p_target']) }, { status: 403, type: 'forbidden-error' }],
    ['a target not in the call', { target: 'p_gone' }, { status: 404, type: 'not-found' }],
    ['a room that does not exist', { room: null }, { status: 404, type: 'not-found' }],
    ['a non-owner acting on someone not in the call: refused as a non-owner first', { caller: guest, target: 'p_gone' }, { status: 403, type: 'forbidden-error' }],
    ['a forged session for someone not in the call: 401 first (no call details leak)', { caller: null, target: 'p_gone' }, { status: 401, type: 'authentication-error' }],
  ])('%s', (_label, change, want) => {
    const refused = authorize({ ...base, ...change });
    if (!want) return expect(refused).toBeUndefined();
    expect({ status: refused?.status, type: refused?.type }).toEqual(want);
    expect(refused?.info.length).toBeGreaterThan(0);
  });
});
