import { describe, expect, it } from 'vitest';
import { checkCall } from './frame-args.ts';

describe('checkCall: what a host page may ask of the frame', () => {
  it.each([
    ['join with nothing', 'join', undefined],
    ['join with a token, a name and media off', 'join', { token: 'eyJ.abc.def', userName: 'Ada', startVideoOff: true, startAudioOff: false }],
    ['leave', 'leave', {}],
    ['mic off', 'setLocalAudio', { enabled: false }],
    ['preAuth without a token', 'preAuth', {}],
    ['knock', 'requestAccess', { name: 'Grace' }],
    ['allow everyone', 'updateWaitingParticipants', { updates: { '*': { grantRequestedAccess: true } } }],
    ['mute someone', 'updateParticipant', { sessionId: 'p-1', updates: { setAudio: false } }],
    ['remove someone', 'updateParticipant', { sessionId: 'p-1', updates: { eject: true } }],
  ])('takes %s', (_, method, args) => {
    expect(checkCall(method, args)).toMatchObject({ ok: true, method });
  });

  it.each([
    ['an unknown method', 'eval', {}, 'Unknown method eval'],
    ['a method from the prototype', 'toString', {}, 'Unknown method toString'],
    ['arguments that are not an object', 'join', 'token', 'join: arguments must be an object'],
    ['an empty token', 'join', { token: '' }, 'join: token must be a meeting token'],
    ['a token too long', 'preAuth', { token: 'x'.repeat(5000) }, 'preAuth: token must be a meeting token'],
    ['a name too long', 'requestAccess', { name: 'x'.repeat(101) }, 'requestAccess: name must be a name of 1 to 100 characters'],
    ['a blank name', 'requestAccess', { name: '   ' }, 'requestAccess: name must be'],
    ['no name', 'requestAccess', {}, 'requestAccess: name must be'],
    ['setLocalAudio with a string', 'setLocalAudio', { enabled: 'yes' }, 'setLocalAudio: setLocalAudio takes true or false'],
    ['startVideoOff as a string', 'join', { startVideoOff: 'true' }, 'join: startVideoOff and startAudioOff must be true or false'],
    ['no updates', 'updateWaitingParticipants', { updates: {} }, 'updates must name 1 to 100'],
    ['too many updates', 'updateWaitingParticipants', { updates: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`w${i}`, { grantRequestedAccess: true }])) }, 'updates must name 1 to 100'],
    ['an update without a decision', 'updateWaitingParticipants', { updates: { w1: {} } }, 'must be {grantRequestedAccess: true|false}'],
    ['an unsupported participant update', 'updateParticipant', { sessionId: 'p-1', updates: { updatePermissions: {} } }, 'Foyer does not support updatePermissions'],
    ['eject: false', 'updateParticipant', { sessionId: 'p-1', updates: { eject: false } }, 'eject takes true'],
    ['no session id', 'updateParticipant', { updates: { setAudio: false } }, 'needs a session id'],
  ])('refuses %s', (_, method, args, message) => {
    const checked = checkCall(method, args);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.message).toContain(message);
  });
});
