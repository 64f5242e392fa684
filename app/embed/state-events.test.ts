import { describe, expect, it } from 'vitest';
import { INITIAL_FRAME_STATE } from '../shared/embed-protocol.ts';
import { stateEvents } from './state-events.ts';
import { participant, snapshot, waiting } from './test-fixtures.ts';

const me = participant('local');
const ann = participant('ann');
const bob = participant('bob');
const inCall = (others: Record<string, ReturnType<typeof participant>> = {}) =>
  snapshot({ meetingState: 'joined-meeting', accessState: { access: { level: 'full' } }, participants: { local: me, ...others } });
const actions = (events: { action: string }[]) => events.map((e) => e.action);

describe('state events: the meeting', () => {
  it("the frame's first snapshot (local appears, loaded) is no event", () => {
    expect(stateEvents(INITIAL_FRAME_STATE, snapshot())).toEqual([]);
  });

  it('an identical snapshot is no event (Dates compared by value)', () => {
    const again = inCall({ ann: participant('ann', { joined_at: new Date(ann.joined_at!.getTime()) }) });
    expect(stateEvents(inCall({ ann }), again)).toEqual([]);
  });

  it('loaded → joining-meeting: joining-meeting', () => {
    expect(stateEvents(snapshot(), snapshot({ meetingState: 'joining-meeting' }))).toEqual([{ action: 'joining-meeting' }]);
  });

  it('joining → joined: joined-meeting with everyone, and access-state-updated before it', () => {
    const next = inCall({ ann });
    expect(stateEvents(snapshot({ meetingState: 'joining-meeting' }), next)).toEqual([
      { action: 'access-state-updated', access: { level: 'full' } },
      { action: 'joined-meeting', participants: { local: me, ann } },
    ]);
  });

  it('loaded → joined (a skipped joining): joining-meeting first, as daily-js always does', () => {
    expect(actions(stateEvents(snapshot({ accessState: { access: { level: 'full' } } }), inCall()))).toEqual(['joining-meeting', 'joined-meeting']);
  });

  it("joined-meeting replaces local's participant-updated (its new session id is in the payload)", () => {
    const next = inCall();
    const prev = snapshot({ meetingState: 'joining-meeting', accessState: next.accessState, participants: { local: participant('local', { session_id: '' }) } });
    expect(actions(stateEvents(prev, next))).toEqual(['joined-meeting']);
  });

  it('joined → left-meeting: left-meeting, and nobody reported as leaving', () => {
    expect(stateEvents(inCall({ ann }), snapshot({ meetingState: 'left-meeting', accessState: { access: { level: 'full' } } }))).toEqual([{ action: 'left-meeting' }]);
  });

  it('joined → error (after a fatal error event): left-meeting', () => {
    expect(actions(stateEvents(inCall(), snapshot({ meetingState: 'error', accessState: { access: { level: 'full' } } })))).toEqual(['left-meeting']);
  });

  it('joining → loaded (the join did not happen): left-meeting', () => {
    expect(actions(stateEvents(snapshot({ meetingState: 'joining-meeting' }), snapshot()))).toEqual(['left-meeting']);
  });

  it('loaded → error (refused before joining): no left-meeting', () => {
    expect(stateEvents(snapshot(), snapshot({ meetingState: 'error' }))).toEqual([]);
  });
});

describe('state events: participants', () => {
  it('someone new while in the call: participant-joined', () => {
    expect(stateEvents(inCall({ ann }), inCall({ ann, bob }))).toEqual([{ action: 'participant-joined', participant: bob }]);
  });

  it('someone changed: participant-updated with the new object', () => {
    const annTalking = participant('ann', { audio: true });
    expect(stateEvents(inCall({ ann }), inCall({ ann: annTalking }))).toEqual([{ action: 'participant-updated', participant: annTalking }]);
  });

  it('a nested change (a track state) counts', () => {
    const annCam = participant('ann', { tracks: { ...ann.tracks, video: { subscribed: true, state: 'playable' } } });
    expect(actions(stateEvents(inCall({ ann }), inCall({ ann: annCam })))).toEqual(['participant-updated']);
  });

  it('someone gone: participant-left with their last object', () => {
    expect(stateEvents(inCall({ ann, bob }), inCall({ bob }))).toEqual([{ action: 'participant-left', participant: ann }]);
  });

  it('local changed, in the call or before it: participant-updated', () => {
    const meMuted = participant('local', { audio: true });
    expect(stateEvents(inCall(), inCall()).length).toBe(0);
    expect(stateEvents(inCall(), { ...inCall(), participants: { local: meMuted } })).toEqual([{ action: 'participant-updated', participant: meMuted }]);
    expect(stateEvents(snapshot(), snapshot({ participants: { local: meMuted } }))).toEqual([{ action: 'participant-updated', participant: meMuted }]);
  });

  it('others admitted while this person waits in the lobby (joined, hidden): participant-joined when they appear', () => {
    const lobby = { ...inCall(), accessState: { access: { level: 'lobby' as const }, awaitingAccess: { level: 'full' as const } } };
    expect(stateEvents(lobby, inCall({ ann }))).toEqual([
      { action: 'access-state-updated', access: { level: 'full' } },
      { action: 'participant-joined', participant: ann },
    ]);
  });
});

describe('state events: access', () => {
  it('unknown → lobby while asking: access-state-updated with awaitingAccess', () => {
    const asking = snapshot({ accessState: { access: { level: 'lobby' }, awaitingAccess: { level: 'full' } } });
    expect(stateEvents(snapshot(), asking)).toEqual([{ action: 'access-state-updated', access: { level: 'lobby' }, awaitingAccess: { level: 'full' } }]);
  });

  it('the payload has no awaitingAccess key when there is none', () => {
    const [event] = stateEvents(snapshot(), snapshot({ accessState: { access: { level: 'none' } } }));
    expect(event).toEqual({ action: 'access-state-updated', access: { level: 'none' } });
    expect(Object.keys(event!)).not.toContain('awaitingAccess');
  });
});

describe('state events: waiting participants (owners)', () => {
  const w1 = waiting('w1');
  it('added, renamed (updated), removed', () => {
    expect(stateEvents(inCall(), { ...inCall(), waitingParticipants: { w1 } })).toEqual([{ action: 'waiting-participant-added', participant: w1 }]);
    const renamed = waiting('w1', 'New name');
    expect(stateEvents({ ...inCall(), waitingParticipants: { w1 } }, { ...inCall(), waitingParticipants: { w1: renamed } })).toEqual([
      { action: 'waiting-participant-updated', participant: renamed },
    ]);
    expect(stateEvents({ ...inCall(), waitingParticipants: { w1 } }, inCall())).toEqual([{ action: 'waiting-participant-removed', participant: w1 }]);
  });
});
