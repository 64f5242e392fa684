import { describe, expect, it } from 'vitest';
import type { CallPhase } from '../flow/call-store.ts';
import { fatalErrorOf } from './frame-errors.ts';

describe('fatalErrorOf: the error event a host page gets for each screen', () => {
  it.each<[string, CallPhase, ReturnType<typeof fatalErrorOf>]>([
    [
      'a denied knock: Daily\'s rejection message',
      { name: 'refused', error: { type: 'not-allowed', detail: 'join-request-rejected', msg: 'x' } },
      { errorMsg: 'Join request rejected', error: { type: 'not-allowed', msg: 'Join request rejected' } },
    ],
    ['a private room', { name: 'refused', error: { type: 'not-allowed', detail: 'room-private', msg: 'x' } }, { errorMsg: 'This room is private', error: { type: 'not-allowed', msg: 'This room is private' } }],
    ['a full call', { name: 'refused', error: { type: 'meeting-full', msg: 'x' } }, { errorMsg: 'This call is full', error: { type: 'meeting-full', msg: 'This call is full' } }],
    ['an expired link', { name: 'refused', error: { type: 'exp-token', msg: 'x' } }, { errorMsg: 'This meeting link has expired', error: { type: 'exp-token', msg: 'This meeting link has expired' } }],
    ['removed by an owner', { name: 'ended', reason: 'removed' }, { errorMsg: 'You were removed from the call', error: { type: 'ejected', msg: 'You were removed from the call' } }],
    ['the room reached its end', { name: 'ended', reason: 'room-expired' }, { errorMsg: 'This call is no longer available', error: { type: 'exp-room', msg: 'This call is no longer available' } }],
    ['the connection lost for good', { name: 'ended', reason: 'connection-lost' }, { errorMsg: 'The connection to the call was lost', error: { type: 'connection-error', msg: 'The connection to the call was lost' } }],
    ['the server unreachable at the door', { name: 'failed', error: new Error('x') as never }, { errorMsg: 'Could not reach the Foyer server', error: { type: 'connection-error', msg: 'Could not reach the Foyer server' } }],
    ['left by choice: no error', { name: 'ended', reason: 'left' }, undefined],
    ['in the call: no error', { name: 'in-call' }, undefined],
  ])('%s', (_, phase, expected) => {
    expect(fatalErrorOf(phase)).toEqual(expected);
  });
});
