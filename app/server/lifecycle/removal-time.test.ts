import { describe, expect, it } from 'vitest';
import { removalTime, type RemovalInput, type ScheduledRemoval } from './removal-time.ts';

const JOIN = 1_000;

describe('removalTime: when a participant is removed on schedule, fixed as they join', () => {
  const rows: Array<[string, Omit<RemovalInput, 'joinedAt'>, ScheduledRemoval | null]> = [
    ['nothing set: never', { room: {} }, null],
    ['room exp alone: people stay past it', { room: { exp: 2_000 } }, null],
    ['room exp with eject_at_room_exp: at exp', { room: { exp: 2_000, eject_at_room_exp: true } }, { at: 2_000, reason: 'room-expired' }],
    ['eject_at_room_exp without exp: never', { room: { eject_at_room_exp: true } }, null],
    ['eject_at_room_exp false: never', { room: { exp: 2_000, eject_at_room_exp: false } }, null],
    ['token exp alone: stays past it', { room: {}, token: { exp: 1_500 } }, null],
    ['token exp with eject_at_token_exp: at the token exp', { room: {}, token: { exp: 1_500, eject_at_token_exp: true } }, { at: 1_500, reason: 'token-expired' }],
    ['eject_at_token_exp without token exp: never', { room: {}, token: { eject_at_token_exp: true } }, null],
    ['room eject_after_elapsed: that long after joining', { room: { eject_after_elapsed: 600 } }, { at: JOIN + 600, reason: 'elapsed' }],
    ['token eject_after_elapsed: that long after joining', { room: {}, token: { eject_after_elapsed: 60 } }, { at: JOIN + 60, reason: 'elapsed' }],
    ["the token's elapsed replaces the room's, even when longer", { room: { eject_after_elapsed: 60 }, token: { eject_after_elapsed: 600 } }, { at: JOIN + 600, reason: 'elapsed' }],
    ["a token with an eject property replaces the room's eject_at_room_exp", { room: { exp: 1_100, eject_at_room_exp: true }, token: { eject_after_elapsed: 600 } }, { at: JOIN + 600, reason: 'elapsed' }],
    ["a token with eject_at_token_exp: false still replaces the room's eject settings", { room: { exp: 1_100, eject_at_room_exp: true, eject_after_elapsed: 5 }, token: { exp: 1_050, eject_at_token_exp: false } }, null],
    ["a token without eject properties keeps the room's", { room: { exp: 1_100, eject_at_room_exp: true }, token: { exp: 1_050 } }, { at: 1_100, reason: 'room-expired' }],
    ['earliest wins: room exp before elapsed', { room: { exp: 1_100, eject_at_room_exp: true, eject_after_elapsed: 600 } }, { at: 1_100, reason: 'room-expired' }],
    ['earliest wins: elapsed before room exp', { room: { exp: 9_000, eject_at_room_exp: true, eject_after_elapsed: 600 } }, { at: JOIN + 600, reason: 'elapsed' }],
    ['earliest wins: token exp before token elapsed', { room: {}, token: { exp: 1_200, eject_at_token_exp: true, eject_after_elapsed: 600 } }, { at: 1_200, reason: 'token-expired' }],
    ['a tie: the meeting end is named', { room: { exp: 1_600, eject_at_room_exp: true, eject_after_elapsed: 600 } }, { at: 1_600, reason: 'room-expired' }],
    ['fractional exp is kept as is', { room: { exp: 1_234.5, eject_at_room_exp: true } }, { at: 1_234.5, reason: 'room-expired' }],
    ['eject_after_elapsed 0: at once', { room: { eject_after_elapsed: 0 } }, { at: JOIN, reason: 'elapsed' }],
  ];
  it.each(rows)('%s', (_name, input, expected) => {
    expect(removalTime({ ...input, joinedAt: JOIN })).toEqual(expected);
  });
});
