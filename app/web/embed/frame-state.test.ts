import { describe, expect, it } from 'vitest';
import type { CallPhase } from '../flow/call-store.ts';
import type { ParticipantView } from '../call/participants-store.ts';
import { frameStateOf, type FrameInputs } from './frame-state.ts';
import { frameInputs as inputs } from './testing/frame-inputs.ts';

const view = (identity: string, over: Partial<ParticipantView> = {}): ParticipantView => ({
  identity,
  name: identity,
  isLocal: false,
  isOwner: false,
  micOn: true,
  cameraOn: true,
  screenSharing: false,
  speaking: false,
  quality: 'good',
  ...over,
});


describe('frameStateOf: the meeting and access states daily-js would report', () => {
  it.each<[string, FrameInputs, string, unknown]>([
    ['asking the server', inputs({ name: 'loading' }, { level: undefined }), 'loading', { access: 'unknown' }],
    ['the prejoin, full access', inputs({ name: 'prejoin' }), 'loaded', { access: { level: 'full' } }],
    ['the prejoin of a room that puts them in its lobby', inputs({ name: 'prejoin' }, { level: 'lobby' }), 'loaded', { access: { level: 'lobby' } }],
    ['join() into the lobby (Daily: joined, hidden)', inputs({ name: 'prejoin' }, { level: 'lobby', lobbyJoined: true }), 'joined-meeting', { access: { level: 'lobby' } }],
    ['knocking', inputs({ name: 'waiting', ownerPresent: true }, { level: 'lobby', lobbyJoined: true }), 'joined-meeting', { access: { level: 'lobby' }, awaitingAccess: { level: 'full' } }],
    ['let in, joining after the knock', inputs({ name: 'joining' }, { level: 'lobby', lobbyJoined: true }), 'joined-meeting', { access: { level: 'full' } }],
    ['joining', inputs({ name: 'joining' }), 'joining-meeting', { access: { level: 'full' } }],
    ['in the call, LiveKit still connecting', inputs({ name: 'in-call' }, { connection: 'connecting' }), 'joining-meeting', { access: { level: 'full' } }],
    ['in the call', inputs({ name: 'in-call' }, { connection: 'connected' }), 'joined-meeting', { access: { level: 'full' } }],
    ['reconnecting is still joined', inputs({ name: 'in-call' }, { connection: 'reconnecting' }), 'joined-meeting', { access: { level: 'full' } }],
    ['refused at the door', inputs({ name: 'refused', error: { type: 'not-allowed', msg: 'x' } }, { level: 'none' }), 'error', { access: { level: 'none' } }],
    ['the server unreachable', inputs({ name: 'failed', error: new Error('x') as never }, { level: undefined }), 'error', { access: 'unknown' }],
    ['left the call', inputs({ name: 'ended', reason: 'left' }), 'left-meeting', { access: { level: 'full' } }],
    ['left from the lobby', inputs({ name: 'prejoin' }, { level: 'lobby', leftByHost: true }), 'left-meeting', { access: { level: 'lobby' } }],
  ])('%s', (_, given, meetingState, accessState) => {
    const state = frameStateOf(given);
    expect(state.meetingState).toBe(meetingState);
    expect(state.accessState).toEqual(accessState);
  });
});

describe('frameStateOf: participants as daily-js describes them', () => {
  const inCall = inputs(
    { name: 'in-call' },
    {
      connection: 'connected',
      removalAt: 1_800_000_000,
      participants: {
        byId: { me: view('me', { name: 'Ada', isLocal: true, isOwner: true, cameraOn: false }), p2: view('p2', { name: 'Grace', micOn: false, userId: 'grace@example' }) },
        order: ['me', 'p2'],
      },
      waiting: [{ id: 'w1', name: 'Linus' }],
    },
  );

  it('names the local participant `local` and the others by session id', () => {
    const { participants } = frameStateOf(inCall);
    expect(Object.keys(participants)).toEqual(['local', 'p2']);
    expect(participants.local).toMatchObject({ session_id: 'me', user_id: 'me', user_name: 'Ada', local: true, owner: true, audio: true, video: false, permissions: { canAdmin: true } });
    expect(participants.local!.tracks.video).toEqual({ subscribed: false, state: 'off', off: { byUser: true } });
    expect(participants.local!.will_eject_at).toEqual(new Date(1_800_000_000_000));
    expect(participants.p2).toMatchObject({ session_id: 'p2', user_id: 'grace@example', user_name: 'Grace', local: false, owner: false, audio: false, video: true });
    expect(participants.p2!.tracks.audio).toEqual({ subscribed: true, state: 'off', off: { byUser: true } });
    expect(participants.p2!.tracks.video).toEqual({ subscribed: true, state: 'playable' });
    expect(participants.p2!.will_eject_at).toEqual(new Date(0));
  });

  it("follows the local participant's mic and camera", () => {
    const state = frameStateOf(inCall);
    expect([state.localAudio, state.localVideo]).toEqual([true, false]);
  });

  it('lists the waiting participants for an owner in the call', () => {
    expect(frameStateOf(inCall).waitingParticipants).toEqual({ w1: { id: 'w1', name: 'Linus', awaitingAccess: { level: 'full' } } });
  });

  it('before the call, describes `local` as chosen in the prejoin', () => {
    const state = frameStateOf(inputs({ name: 'prejoin' }, { micOn: false, cameraOn: true }));
    expect(Object.keys(state.participants)).toEqual(['local']);
    expect(state.participants.local).toMatchObject({ user_name: 'Ada', local: true, audio: false, video: true });
    expect([state.localAudio, state.localVideo]).toEqual([false, true]);
  });

  it('under owner-only broadcast, a muted guest is off by permission, not by choice', () => {
    const state = frameStateOf(inputs({ name: 'in-call' }, { canPublish: false, participants: { byId: { me: view('me', { isLocal: true, micOn: false }) }, order: ['me'] } }));
    expect(state.participants.local!.tracks.audio.off).toEqual({ byCanSendPermission: true });
    expect(state.participants.local!.permissions.canSend).toBe(false);
  });
});
