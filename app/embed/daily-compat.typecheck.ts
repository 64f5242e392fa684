/**
 * Compile-time proof that `/embed.js`'s types (api.ts) fit daily-js's own declarations, so code written
 * for daily-js compiles against Foyer for the subset Foyer implements. Nothing here runs: `npm run
 * typecheck` (tsc) fails when an assertion below does not hold.
 *
 * - Methods: Daily's arguments are accepted by Foyer's method, and Foyer's result is assignable to
 *   Daily's (for Daily's chainable methods, which return `DailyCall`, Foyer returns `FoyerCall`).
 * - Events: for every event Foyer emits, Foyer's event object is assignable to daily-js's, so a handler
 *   typed with Daily's event types can be given to Foyer's `on`/`once`/`off`.
 * - Objects: participants, waiting participants, access state and meeting state.
 *
 * Foyer's own events (`FoyerOnlyEventName`: `owner-action-refused`, where Daily silently ignores an
 * impossible `updateParticipant`) are outside the subset: code written for daily-js never listens to them.
 */
import type {
  DailyAccessState,
  DailyCall,
  DailyCallFactory,
  DailyEvent,
  DailyEventObject,
  DailyMeetingState,
  DailyParticipant,
  DailyParticipantsObject,
  DailyWaitingParticipant,
} from '@daily-co/daily-js';
import type {
  FoyerAccessState,
  FoyerCall,
  FoyerEventHandler,
  FoyerEventMap,
  FoyerEventName,
  FoyerEventObject,
  FoyerFactory,
  FoyerMeetingState,
  FoyerOnlyEventName,
  FoyerParticipant,
  FoyerParticipants,
  FoyerWaitingParticipant,
} from './api.ts';

/** `true` when A is assignable to B, else `false` (not distributive over unions). */
type Extends<A, B> = [A] extends [B] ? true : false;
/** Compiles only for `true`. */
type Assert<T extends true> = T;
/** Compiles only for `never`: the names in T (methods, events) are the ones failing a check. */
type NoneFailing<T extends never> = T;

// ---- Objects ---------------------------------------------------------------------------------------

export type Objects = [
  Assert<Extends<FoyerParticipant, DailyParticipant>>,
  Assert<Extends<FoyerParticipants, DailyParticipantsObject>>,
  Assert<Extends<FoyerWaitingParticipant, DailyWaitingParticipant>>,
  Assert<Extends<FoyerAccessState, DailyAccessState>>,
  Assert<Extends<FoyerMeetingState, DailyMeetingState>>,
];

// ---- Methods -----------------------------------------------------------------------------------------

/** The methods of FoyerCall (everything but `callClientId`), each of which Daily has too. */
type FoyerMethod = Exclude<keyof FoyerCall, 'callClientId'>;
type AllDaily = Assert<Extends<FoyerMethod, keyof DailyCall>>;

type Fn = (...args: never[]) => unknown;
/** Daily's arguments are accepted by Foyer's method. */
type ArgsFit<M extends FoyerMethod> = DailyCall[M] extends Fn
  ? FoyerCall[M] extends Fn
    ? Extends<Parameters<DailyCall[M]>, Parameters<FoyerCall[M]>>
    : false
  : false;
/** Foyer's result is assignable to Daily's; where Daily returns the call itself (chaining), Foyer returns FoyerCall. */
type ResultFits<M extends FoyerMethod> = DailyCall[M] extends Fn
  ? FoyerCall[M] extends Fn
    ? ReturnType<DailyCall[M]> extends DailyCall
      ? Extends<ReturnType<FoyerCall[M]>, FoyerCall>
      : Extends<ReturnType<FoyerCall[M]>, ReturnType<DailyCall[M]>>
    : false
  : false;

/** Every method but the generic event ones (checked per event below). */
type PlainMethod = Exclude<FoyerMethod, 'on' | 'once' | 'off'>;
/** Fails to compile, naming the methods, when a check above is false for some. */
export type Methods = [
  AllDaily,
  NoneFailing<{ [M in PlainMethod]: ArgsFit<M> extends true ? never : M }[PlainMethod]>,
  NoneFailing<{ [M in PlainMethod]: ResultFits<M> extends true ? never : M }[PlainMethod]>,
];

// ---- Events ------------------------------------------------------------------------------------------

type CheckedEvent = Exclude<FoyerEventName, FoyerOnlyEventName>;
type AllDailyEvents = Assert<Extends<CheckedEvent, DailyEvent>>;
/** Foyer's own events really are not Daily's (so none hides here by mistake). */
type OwnEventsAreOwn = Assert<Extends<Extract<FoyerOnlyEventName, DailyEvent>, never>>;
/** Every event's object is assignable to Daily's; so is a Daily-style handler to Foyer's `on`. */
type EventChecks = [
  NoneFailing<{ [E in CheckedEvent]: Extends<FoyerEventObject<E>, DailyEventObject<E>> extends true ? never : E }[CheckedEvent]>,
  NoneFailing<{ [E in CheckedEvent]: Extends<(event: DailyEventObject<E>) => void, FoyerEventHandler<E>> extends true ? never : E }[CheckedEvent]>,
  Assert<Extends<ReturnType<FoyerCall['on'] | FoyerCall['once'] | FoyerCall['off']>, FoyerCall>>,
];
export type Events = [AllDailyEvents, OwnEventsAreOwn, EventChecks];
/** Every event FoyerEventMap has is covered above (a new one must be added to the checks). */
export type EventsCovered = Assert<Extends<keyof FoyerEventMap, CheckedEvent | FoyerOnlyEventName>>;

// ---- Factory -------------------------------------------------------------------------------------------

/** Daily.createFrame's two forms and Daily.wrap, with Daily's options, against Foyer's factory. */
export function factoryAcceptsDailyArguments(
  Foyer: FoyerFactory,
  parent: HTMLElement,
  iframe: HTMLIFrameElement,
  options: NonNullable<Parameters<DailyCallFactory['wrap']>[1]>,
): FoyerCall[] {
  return [Foyer.createFrame(parent, options), Foyer.createFrame(options), Foyer.createFrame(), Foyer.wrap(iframe, options)];
}

// ---- A sample in daily-js's style --------------------------------------------------------------------

/** Code as written for daily-js (handlers typed with Daily's event types), against Foyer's call frame. */
export async function dailyStyleSample(Foyer: FoyerFactory, parent: HTMLElement): Promise<DailyParticipantsObject | void> {
  const call = Foyer.createFrame(parent, { iframeStyle: { width: '100%', height: '100%' }, userName: 'Ada' });
  const onJoined = (e: DailyEventObject<'joined-meeting'>) => console.log(Object.keys(e.participants).length, e.participants.local.user_name);
  const onParticipant = (e: DailyEventObject<'participant-joined'> | DailyEventObject<'participant-updated'>) => console.log(e.participant.session_id);
  const onLeft = (e: DailyEventObject<'participant-left'>) => console.log(e.participant.user_name, e.reason);
  const onAccess = (e: DailyEventObject<'access-state-updated'>) => console.log(e.access, e.awaitingAccess?.level);
  const onWaiting = (e: DailyEventObject<'waiting-participant-added'>) =>
    void call.updateWaitingParticipant(e.participant.id, { grantRequestedAccess: true });
  const onError = (e: DailyEventObject<'error'>) => console.log(e.errorMsg, e.error?.type);
  const anyEvent = (e?: DailyEventObject) => console.log(e?.action);
  call
    .on('joined-meeting', onJoined)
    .on('participant-joined', onParticipant)
    .on('participant-updated', onParticipant)
    .on('participant-left', onLeft)
    .on('access-state-updated', onAccess)
    .on('waiting-participant-added', onWaiting)
    .once('error', onError)
    .on('left-meeting', anyEvent)
    .off('left-meeting', anyEvent);
  const daily: Pick<DailyCall, 'meetingState' | 'participants' | 'accessState' | 'waitingParticipants' | 'localAudio'> = call;
  console.log(daily.meetingState(), daily.participants().local.session_id, daily.accessState().access, daily.localAudio());
  call.setLocalAudio(false).setLocalVideo(true).updateParticipant('local', { setAudio: true });
  const { access } = await call.preAuth({ url: 'https://foyer.example/standup', token: 'eyJ...' });
  if (access !== 'unknown' && access.level === 'lobby') await call.requestAccess({ name: 'Ada', access: { level: 'full' } });
  const joined = await call.join({ url: 'https://foyer.example/standup', startVideoOff: true });
  await call.updateWaitingParticipants({ '*': { grantRequestedAccess: false } });
  await call.leave();
  await call.destroy();
  return joined;
}
