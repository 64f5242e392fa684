/**
 * The call state machine: loading → refused | failed | prejoin → (waiting →) joining → in-call → ended.
 * It holds what the server said (preauth) and drives the lazily loaded LiveKit session.
 * The SPA never decides access: every transition into the call goes through the server.
 */
import { create } from 'zustand';
import type { AccessError } from '../../shared/access.ts';
import type { JoinResponse, PreauthResponse } from '../../shared/client-api.ts';
import { ClientApiError, preauth, requestJoin } from '../api/client-api.ts';
import { forgetToken, refusedForTheToken, rememberToken, type LinkParams } from '../boot/link-params.ts';
import type { GuestLobby } from '../lobby/guest-lobby.ts';
import { useMediaStore } from '../media/media-store.ts';
import { toFoyerError, type FoyerError } from '../errors/foyer-error.ts';
import { applyRoomLanguage, loadCallTexts } from '../i18n/index.ts';
import { afterPaint } from '../util/after-paint.ts';
import { markPhase } from '../util/phase-mark.ts';
import type { EndReason } from '../call/end-reason.ts';
import type { CallSession, StartOptions } from '../call/livekit-session.ts';
import type { RemovalSchedule } from '../call/removal-schedule.ts';

/** The call chunk: the session and the call's stores, which the prejoin does not need, so they stay out of the entry. */
type CallModule = typeof import('../call/livekit-session.ts') & typeof import('../call/bind-call-stores.ts') & typeof import('../call/call-status-store.ts');
/** Once loaded (a call's stores are emptied through it when the call ends). */
let callModule: CallModule | undefined;

/** How long livekit-client may try to resume by itself before the call rejoins through the server. */
const GIVE_LIVEKIT_RECONNECT_MS = 8_000;
/** How long the call keeps trying to come back before it shows "Connection lost". */
const RECOVERY_LIMIT_MS = 60_000;

export type CallPhase =
  | { name: 'loading' }
  | { name: 'refused'; error: AccessError; guestLevel?: PreauthResponse['guestLevel'] }
  | { name: 'failed'; error: FoyerError }
  | { name: 'prejoin' }
  /** Knocked; waiting for an owner. The camera preview stays live. `reconnecting`: the lobby channel dropped and is being brought back. */
  | { name: 'waiting'; ownerPresent: boolean; reconnecting?: boolean }
  /** Nobody answered within the lobby's maximum wait; `knockName` to knock again with. */
  | { name: 'knock-expired'; waitedMs: number; knockName: string }
  | { name: 'joining' }
  | { name: 'in-call' }
  | { name: 'ended'; reason: EndReason };

interface CallState {
  roomName: string;
  token?: string;
  presetName?: string;
  preauth?: PreauthResponse;
  phase: CallPhase;
  joinError?: FoyerError | string;
  session?: CallSession;
  /** Who we are in the call, as the server said at join. */
  self?: Pick<JoinResponse, 'identity' | 'name' | 'isOwner' | 'session' | 'chat' | 'canScreenShare'> & {
    /** When the server will remove them (the countdown banner and the end screen follow it). */
    removal?: RemovalSchedule;
  };
  guestLobby?: GuestLobby;
  /** `firstAnswer`: a preauth already under way (started at boot, before React loaded). */
  init(link: LinkParams, firstAnswer?: Promise<PreauthResponse>): Promise<void>;
  /** Why the last knock was refused (the server's error type, e.g. `rate-limit-error`, `lobby-full`), shown with `joinError`. */
  joinErrorType?: string;
  /** Asks the server again (Try again, Rejoin). */
  recheck(): Promise<void>;
  continueAsGuest(): Promise<void>;
  join(name: string, admission?: string): Promise<void>;
  /** Knock: wait for an owner, then join without another click. */
  requestAccess(name: string): Promise<void>;
  cancelWaiting(): void;
  leave(): Promise<void>;
}

type CallScreens = typeof import('../call/CallScreen.tsx');
let callScreens: Pick<CallScreens, 'default' | 'EndScreen'> | undefined;

/** livekit-client and the call screen load as separate chunks, fetched in the background during the prejoin. */
export const loadCallModule = () =>
  // The call's English texts (not in the entry) come with it, so the call screen never renders without them.
  Promise.all([
    import('../call/livekit-session.ts'),
    import('../call/CallScreen.tsx'),
    loadCallTexts(),
    import('../call/bind-call-stores.ts'),
    import('../call/call-status-store.ts'),
  ]).then(([session, screen, , stores, status]) => {
    callScreens = screen;
    callModule ??= { ...session, ...stores, ...status };
    return callModule;
  });

/** The call screen, once its chunk has loaded (always, by the time the phase is `in-call`). */
export const loadedCallScreen = () => callScreens?.default;

/** The end screens, loaded with the call (always, by the time the phase is `ended`: only a call ends). */
export const loadedEndScreen = () => callScreens?.EndScreen;

type GuestSide = typeof import('../lobby/guest-side.ts');
let guestSide: GuestSide | undefined;

/** The guest's side of knocking (lobby channel, waiting screens): fetched once the door says "lobby", never in the entry. */
export const loadGuestSide = async () => (guestSide ??= await import('../lobby/guest-side.ts'));

/** The waiting screens: loaded, always, by the time the phase is `waiting` or `knock-expired`. */
export const loadedGuestSide = () => guestSide;

export const useCallStore = create<CallState>((set, get) => {
  async function runPreauth(pending?: Promise<PreauthResponse>) {
    get().guestLobby?.cancel();
    set({ phase: { name: 'loading' }, joinError: undefined, joinErrorType: undefined, guestLobby: undefined });
    try {
      const { roomName, token } = get();
      const answer = await (pending ?? preauth(roomName, token));
      // The screen below is the first with text: its language's catalogue must be here before it renders.
      await applyRoomLanguage(answer.room?.lang);
      set({ preauth: answer });
      // A refused link leaves this tab's storage (kept in memory for Try again on this page);
      // one the server takes is kept for reloads.
      if (token) {
        if (answer.access.level === 'none' && refusedForTheToken(answer.error)) forgetToken(roomName);
        else rememberToken(roomName, token);
      }
      if (answer.access.level === 'none') {
        useMediaStore.getState().stopAll();
        set({ phase: { name: 'refused', error: answer.error!, guestLevel: answer.guestLevel } });
        return;
      }
      set({ phase: { name: 'prejoin' } });
      if (answer.access.level === 'lobby') {
        // The lobby channel opens while the person looks at the prejoin, so a knock goes out at once.
        void loadGuestSide()
          .then(({ GuestLobby }) => {
            if (get().preauth !== answer || get().phase.name !== 'prejoin' || get().guestLobby) return;
            const lobby = new GuestLobby(get().roomName);
            lobby.preconnect();
            set({ guestLobby: lobby });
          })
          .catch(() => {});
      }
      // Warm up while the person looks at the prejoin (once it is on screen: parsing livekit-client is long
      // work that held the prejoin back): load the call chunk and open the connection.
      if (answer.livekitUrl) {
        const url = answer.livekitUrl;
        afterPaint(() => void loadCallModule().then((m) => m.prepareConnection(url)).catch(() => {}));
      }
    } catch (err) {
      useMediaStore.getState().stopAll();
      await applyRoomLanguage(get().preauth?.room?.lang);
      set({ phase: { name: 'failed', error: toFoyerError(err) } });
    }
  }

  /** A room that reached its `exp` ends the call the same way a deleted one does; the door tells them apart. */
  async function refineEnd() {
    try {
      const answer = await preauth(get().roomName);
      const phase = get().phase;
      if (answer.error?.type === 'exp-room' && phase.name === 'ended' && phase.reason === 'meeting-ended') {
        set({ phase: { name: 'ended', reason: 'room-expired' } });
      }
    } catch {
      // Unreachable server: "This meeting has ended" stays, which is true either way.
    }
  }

  /** The call being shown: its session and how to let go of it. */
  let current: { session: CallSession; release(): void } | undefined;

  function endCall(reason: EndReason) {
    current?.release();
    current = undefined;
    callModule?.resetCallStores();
    useMediaStore.getState().stopAll();
    set({ phase: { name: 'ended', reason }, session: undefined, self: undefined });
    // LiveKit says only that the room is gone: ask the door whether it expired.
    if (reason === 'meeting-ended') void refineEnd();
  }

  /**
   * Creates, binds and connects a call session for a grant from the server. When its connection is
   * lost (LiveKit's own reconnect failed, or is still trying after a while), the call recovers by
   * itself: see {@link recover}.
   */
  async function openSession(module: CallModule, grant: JoinResponse, media: Pick<StartOptions, 'tracks' | 'cameraOn' | 'micOn'>) {
    // A call coming back keeps "Reconnecting…" until it is back; a first join is "connecting".
    const connection = module.useCallStatus.getState().connection === 'reconnecting' ? 'reconnecting' : 'connecting';
    const session = new module.CallSession({ grant, ...media });
    const removal = module.removalSchedule(grant, Date.now() / 1000);
    const unbind = module.bindCallStores(session);
    let slowReconnect: ReturnType<typeof setTimeout> | undefined;
    const release = () => {
      clearTimeout(slowReconnect);
      unbind();
    };
    session.on('connection', ({ state }) => {
      clearTimeout(slowReconnect);
      if (state === 'reconnecting') slowReconnect = setTimeout(() => void recover(module, session, grant), GIVE_LIVEKIT_RECONNECT_MS);
    });
    // The quickest word of a lost connection: the rejoin starts while livekit-client still cleans up.
    session.on('lost', () => void recover(module, session, grant));
    session.on('ended', ({ reason }) => {
      if (current?.session !== session) return;
      if (reason === 'connection-lost') void recover(module, session, grant);
      // Removed at the scheduled time: the room's end, or this person's time up, not "a host removed you".
      else endCall(module.endReasonAfterRemoval(reason, removal, Date.now() / 1000));
    });
    // The call screen shows while LiveKit connects (own tile first, the others as they arrive), so
    // rendering it is off the way to the first remote frame. Chat and the rest attach from the first moment.
    const { identity, isOwner, chat, canScreenShare } = grant;
    current = { session, release };
    set({ self: { identity, name: grant.name, isOwner, session: grant.session, chat, canScreenShare, ...(removal ? { removal } : {}) } });
    module.useCallStatus.getState().set({ connection });
    // LiveKit starts first (peer connection, offer, signalling socket); the screen renders in the next
    // task, while LiveKit waits on the network: rendering first held the connection back ~80 ms.
    const connecting = session.connect();
    connecting.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (current?.session === session) set({ session, phase: { name: 'in-call' } });
    try {
      await connecting;
    } catch (err) {
      // Left while connecting: that is the end already shown, not a failure to report.
      if (current?.session !== session) return;
      current = undefined;
      release();
      throw err;
    }
    module.useCallStatus.getState().set({ connection: 'connected' });
  }

  let recovering = false;

  /**
   * The connection to the call is lost: come back as the same participant without a reload. The
   * server is asked for a fresh LiveKit token with this participant's session (no knocking again in
   * the same meeting), the old connection is dropped and a new one made, mic and camera as they were.
   * Meanwhile "Reconnecting…" shows. A refusal ends the call with its reason; after a minute of no
   * answer the call ends with "Connection lost" and a Rejoin button.
   */
  async function recover(module: CallModule, lost: CallSession, grant: JoinResponse) {
    if (recovering || current?.session !== lost) return;
    recovering = true;
    const removal = get().self?.removal;
    current.release();
    current = undefined;
    module.useCallStatus.getState().set({ connection: 'reconnecting' });
    // The camera and mic stay open for the call made again (a failed attempt stops them; then they reopen).
    const kept = lost.leaveHandingOverMedia();
    const stillOpen = () => ({
      ...kept,
      camera: kept.camera?.readyState === 'live' ? kept.camera : undefined,
      mic: kept.mic?.readyState === 'live' ? kept.mic : undefined,
    });
    let back = false;
    const deadline = Date.now() + RECOVERY_LIMIT_MS;
    try {
      for (let attempt = 0; Date.now() < deadline; attempt++) {
        const { roomName, token } = get();
        try {
          const next = await requestJoin(roomName, { ...(token ? { token } : {}), name: grant.name, rejoin: grant.session });
          await openSession(module, next, { tracks: stillOpen(), ...lost.wantedMedia });
          back = true;
          return;
        } catch (err) {
          const error = toFoyerError(err);
          if (error.category === 'access') {
            const refused = error.access?.type === 'ejected' ? 'removed' : error.code === 'not-found' ? 'meeting-ended' : 'connection-lost';
            // Refused at the time of a removal on schedule: that removal is why (the room's end, or time up).
            return endCall(module.endReasonAfterRemoval(refused, removal, Date.now() / 1000));
          }
          await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 4000)));
        }
      }
      endCall('connection-lost');
    } finally {
      recovering = false;
      if (!back) [kept.camera, kept.mic].forEach((t) => t?.stop());
    }
  }

  return {
    roomName: '',
    phase: { name: 'loading' },
    async init(link, firstAnswer) {
      set({ roomName: link.roomName, token: link.token, presetName: link.presetName });
      await runPreauth(firstAnswer);
    },
    recheck: () => runPreauth(),
    async continueAsGuest() {
      forgetToken(get().roomName);
      set({ token: undefined });
      await runPreauth();
    },
    async join(name, admission) {
      const { roomName, token } = get();
      markPhase('join-clicked');
      set({ phase: { name: 'joining' }, joinError: undefined, joinErrorType: undefined });
      try {
        const [grant, module] = await Promise.all([
          requestJoin(roomName, { token, name, ...(admission ? { admission } : {}) }).then((g) => (markPhase('join-answered'), g)),
          loadCallModule().then((m) => (markPhase('call-module-loaded'), m)),
        ]);
        const media = useMediaStore.getState();
        await openSession(module, grant, { tracks: media.handOver(), cameraOn: media.camera.enabled, micOn: media.mic.enabled });
      } catch (err) {
        const error = toFoyerError(err);
        // The call screen may already show (it does while connecting): back to the prejoin.
        callModule?.resetCallStores();
        set({ session: undefined, self: undefined });
        // The answer at the door changed since the prejoin (room made private, call full, link
        // expired): ask again, so the screen shows the whole answer (a refusal, Ask to join, ...).
        if (error.access) {
          await runPreauth();
          if (get().phase.name === 'prejoin') set({ joinError: error });
          return;
        }
        console.warn('Foyer: could not join', error);
        set({ phase: { name: 'prejoin' }, joinError: error });
        void useMediaStore.getState().start();
      }
    },
    async requestAccess(name) {
      const { roomName, token } = get();
      let side = guestSide;
      if (!side) {
        // Normally loaded since the door said "lobby"; a knock before it arrived waits for it.
        try {
          side = await loadGuestSide();
        } catch (err) {
          return set({ phase: { name: 'prejoin' }, joinError: toFoyerError(err) });
        }
      }
      const { GuestLobby } = side;
      const lobby = get().guestLobby ?? new GuestLobby(roomName);
      set({ guestLobby: lobby, phase: { name: 'waiting', ownerPresent: false }, joinError: undefined, joinErrorType: undefined });
      const updateWaiting = (change: { ownerPresent?: boolean; reconnecting?: boolean }) => {
        const phase = get().phase;
        if (get().guestLobby === lobby && phase.name === 'waiting') set({ phase: { ...phase, ...change } });
      };
      lobby.on('owner-presence', ({ ownerPresent }) => updateWaiting({ ownerPresent }));
      lobby.on('connection', ({ reconnecting }) => updateWaiting({ reconnecting }));
      // Load the call chunk while waiting, so being let in is quick.
      void loadCallModule();
      const result = await lobby.requestAccess({ name, ...(token ? { token } : {}) });
      set({ guestLobby: undefined });
      if (result.granted) {
        markPhase('admitted');
        return get().join(name, result.admission);
      }
      if ('cancelled' in result) {
        const next = new GuestLobby(roomName);
        next.preconnect();
        return set({ phase: { name: 'prejoin' }, guestLobby: next });
      }
      if ('roomChanged' in result) return runPreauth();
      if ('expired' in result) return set({ phase: { name: 'knock-expired', waitedMs: result.waitedMs, knockName: name } });
      if ('problem' in result) {
        // The form's Ask to join button is the way to try again; the channel is opened early for it.
        const next = new GuestLobby(roomName);
        next.preconnect();
        return set({ phase: { name: 'prejoin' }, joinError: result.problem, joinErrorType: result.error, guestLobby: next });
      }
      useMediaStore.getState().stopAll();
      set({ phase: { name: 'refused', error: result.error } });
    },
    cancelWaiting() {
      get().guestLobby?.cancel();
    },
    async leave() {
      const session = get().session;
      if (!session) return;
      // A deliberate leave is the end of the call, whatever LiveKit reports after (and even while connecting).
      if (current?.session === session) endCall('left');
      await session.leave();
    },
  };
});
