/**
 * The daily-js events a change of frame snapshot means. The frame sends its whole state whenever it
 * changes (app/shared/embed-protocol.ts); the host page compares the one it had with the new one and
 * emits what daily-js would have: pure, so each rule is tested row by row.
 *
 * Daily's habits followed here:
 * - `joining-meeting` always comes before `joined-meeting` (also when a snapshot skips it);
 *   `joined-meeting` carries everyone present, so they get no `participant-joined` of their own.
 * - `participant-joined`/`-left` are for the others, while in the meeting; `local`'s own first
 *   appearance is no event, its later changes are `participant-updated` (before the call too).
 * - `left-meeting` when the meeting is over for this person, whatever ended it (after a fatal `error`,
 *   which the frame sends as an event of its own); nobody is reported as leaving then.
 */
import type { FoyerAccessState, FoyerEventMap, FoyerMeetingState, FoyerParticipant, FoyerParticipants } from './api.ts';
import type { FrameState } from '../shared/embed-protocol.ts';
import { deepEqual } from './deep-equal.ts';

/** The events derived from snapshots (the others: loading/loaded from the page, errors sent by the frame). */
export type DerivedEventName =
  | 'joining-meeting'
  | 'joined-meeting'
  | 'left-meeting'
  | 'participant-joined'
  | 'participant-updated'
  | 'participant-left'
  | 'access-state-updated'
  | 'waiting-participant-added'
  | 'waiting-participant-updated'
  | 'waiting-participant-removed';

/** An event as emitted, but for `callClientId` (the call frame adds it). */
export type DerivedEvent = { [E in DerivedEventName]: Omit<FoyerEventMap[E], 'callClientId'> }[DerivedEventName];

const inMeeting = (state: FoyerMeetingState) => state === 'joining-meeting' || state === 'joined-meeting';

/** Daily's payload: `awaitingAccess` only when there is one. */
function accessPayload({ access, awaitingAccess }: FoyerAccessState): FoyerAccessState {
  return awaitingAccess ? { access, awaitingAccess } : { access };
}

/** The others (not `local`) in a snapshot, by session id. */
function others(state: FrameState): [string, FoyerParticipant][] {
  return Object.entries(state.participants).filter(([id]) => id !== 'local');
}

/** What daily-js would emit when the frame's state goes from `prev` to `next`, in order. */
export function stateEvents(prev: FrameState, next: FrameState): DerivedEvent[] {
  const events: DerivedEvent[] = [];
  if (!deepEqual(prev.accessState, next.accessState)) events.push({ action: 'access-state-updated', ...accessPayload(next.accessState) });

  const was = prev.meetingState;
  const is = next.meetingState;
  const joinedNow = was !== 'joined-meeting' && is === 'joined-meeting';
  if ((is === 'joining-meeting' && was !== is) || (joinedNow && was !== 'joining-meeting')) events.push({ action: 'joining-meeting' });
  // `local` is always in a snapshot once the frame speaks; the cast covers a frame that forgot it.
  if (joinedNow) events.push({ action: 'joined-meeting', participants: next.participants as FoyerParticipants });

  const local = next.participants.local;
  if (!joinedNow && prev.participants.local && local && !deepEqual(prev.participants.local, local)) {
    events.push({ action: 'participant-updated', participant: local });
  }
  if (was === 'joined-meeting' && is === 'joined-meeting') {
    for (const [id, participant] of others(next)) {
      const before = prev.participants[id];
      if (!before) events.push({ action: 'participant-joined', participant });
      else if (!deepEqual(before, participant)) events.push({ action: 'participant-updated', participant });
    }
    for (const [id, participant] of others(prev)) {
      if (!next.participants[id]) events.push({ action: 'participant-left', participant });
    }
  }

  for (const [id, participant] of Object.entries(next.waitingParticipants)) {
    const before = prev.waitingParticipants[id];
    if (!before) events.push({ action: 'waiting-participant-added', participant });
    else if (!deepEqual(before, participant)) events.push({ action: 'waiting-participant-updated', participant });
  }
  for (const [id, participant] of Object.entries(prev.waitingParticipants)) {
    if (!next.waitingParticipants[id]) events.push({ action: 'waiting-participant-removed', participant });
  }

  if (inMeeting(was) && !inMeeting(is)) events.push({ action: 'left-meeting' });
  return events;
}
