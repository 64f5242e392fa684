/**
 * A Foyer call in an iframe, driven from the host page like daily-js's call frame (`FoyerCall`).
 *
 * The frame's last snapshot is kept here, so daily-js's synchronous getters answer at once; events
 * come from comparing snapshots (state-events.ts), and from the page's own doings (`loading` when the
 * iframe gets a room, `loaded` when the frame says it listens). Methods become calls to the frame.
 */
import type {
  FoyerAccess,
  FoyerAccessState,
  FoyerCall,
  FoyerEventHandler,
  FoyerEventMap,
  FoyerEventName,
  FoyerFrameOptions,
  FoyerJoinOptions,
  FoyerMeetingState,
  FoyerNonFatalErrorType,
  FoyerParticipantUpdate,
  FoyerParticipants,
  FoyerWaitingParticipant,
  FoyerWaitingParticipantUpdate,
} from './api.ts';
import { INITIAL_FRAME_STATE, type EmbedMethod, type EmbedMethods, type FrameState } from '../shared/embed-protocol.ts';
import { Emitter } from './emitter.ts';
import { frameSrc, roomAddress } from './frame-address.ts';
import { FrameChannel, type FrameNotice, type MessageSource } from './frame-channel.ts';
import { randomFrameId } from './frame-id.ts';
import { placeholderLocal } from './local-placeholder.ts';
import { stateEvents } from './state-events.ts';

export const DESTROYED = 'This Foyer call frame was destroyed';
const REMOVED = 'The Foyer frame was removed from the page';
const DEFAULT_TIMEOUT_MS = 30_000;
/** destroy() asks the frame to leave first, but does not wait long for it: the iframe goes anyway. */
const LEAVE_ON_DESTROY_MS = 3_000;

export interface CallFrameSetup {
  /** The host page's window (a fake one in tests). */
  page: MessageSource & { location: { origin: string; href: string } };
  iframe: HTMLIFrameElement;
  /** `createFrame`'s iframe goes away with `destroy()`; a wrapped one stays on the page. */
  ownsIframe: boolean;
  options: FoyerFrameOptions;
  /** Starts watching the iframe's removal from the page; returns how to stop. */
  watchRemoval: (iframe: HTMLIFrameElement, onRemoved: () => void) => () => void;
}

type JoinArgs = EmbedMethods['join']['args'];
/** An event as the call frame makes it, before `callClientId` is added. */
type Emitted = { [E in FoyerEventName]: Omit<FoyerEventMap[E], 'callClientId'> }[FoyerEventName];
/** Everything but undefined values, so the frame sees only what was given. */
const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export class CallFrame implements FoyerCall {
  readonly callClientId = randomFrameId();
  private readonly page: CallFrameSetup['page'];
  private readonly frame: HTMLIFrameElement | null;
  private readonly ownsIframe: boolean;
  private readonly channel: FrameChannel;
  private readonly events = new Emitter<FoyerEventMap>();
  private readonly stopWatching: () => void;
  /** What join() sends when not told otherwise (createFrame's options, less the address). */
  private defaults: Omit<JoinArgs, 'token'>;
  private token: string | undefined;
  /** The room the iframe shows (without t=), once it has been given one. */
  private roomUrl: string | undefined;
  private loadStarted = false;
  private state: FrameState = INITIAL_FRAME_STATE;
  private destroyed = false;

  constructor(setup: CallFrameSetup) {
    const { options } = setup;
    this.page = setup.page;
    this.frame = setup.iframe;
    this.ownsIframe = setup.ownsIframe;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.channel = new FrameChannel(setup.page, setup.iframe, this.callClientId, timeoutMs, (notice) => this.heard(notice));
    this.defaults = { userName: options.userName, startVideoOff: options.startVideoOff, startAudioOff: options.startAudioOff };
    const given = options.url ? roomAddress(options.url, this.page.location.href) : undefined;
    this.roomUrl = given?.url;
    this.token = options.token ?? given?.token;
    this.stopWatching = setup.watchRemoval(setup.iframe, () => this.end(REMOVED));
  }

  /** Loads the room given at creation now (wrap of an iframe that already shows it). */
  loadNow(): void {
    if (this.roomUrl) this.navigate(this.roomUrl);
  }

  // ---- Getters ------------------------------------------------------------------------------------------

  iframe(): HTMLIFrameElement | null {
    this.assertAlive();
    return this.frame;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  meetingState(): FoyerMeetingState {
    this.assertAlive();
    if (!this.loadStarted) return 'new';
    if (!this.channel.ready) return 'loading';
    const state = this.state.meetingState;
    // The frame's own 'loading' (it asks the server about the link) is 'loaded' for the page: the frame is there.
    return state === 'new' || state === 'loading' ? 'loaded' : state;
  }

  participants(): FoyerParticipants {
    this.assertAlive();
    const { participants, localAudio, localVideo } = this.state;
    return { ...participants, local: participants.local ?? placeholderLocal(this.defaults.userName, localAudio, localVideo) };
  }

  localAudio(): boolean {
    this.assertAlive();
    return this.state.localAudio;
  }

  localVideo(): boolean {
    this.assertAlive();
    return this.state.localVideo;
  }

  accessState(): FoyerAccessState {
    this.assertAlive();
    return this.state.accessState;
  }

  waitingParticipants(): { [id: string]: FoyerWaitingParticipant } {
    this.assertAlive();
    return this.state.waitingParticipants;
  }

  // ---- Events -----------------------------------------------------------------------------------------

  on<T extends FoyerEventName>(event: T, handler: FoyerEventHandler<T>): FoyerCall {
    this.assertAlive();
    this.events.add(event, handler, false);
    return this;
  }

  once<T extends FoyerEventName>(event: T, handler: FoyerEventHandler<T>): FoyerCall {
    this.assertAlive();
    this.events.add(event, handler, true);
    return this;
  }

  /** Also after destroy (nothing to remove then): cleanup code may run in any order. */
  off<T extends FoyerEventName>(event: T, handler: FoyerEventHandler<T>): FoyerCall {
    this.events.remove(event, handler);
    return this;
  }

  // ---- Joining and leaving ---------------------------------------------------------------------------

  async join(options: FoyerJoinOptions = {}): Promise<FoyerParticipants | void> {
    const token = await this.load(options);
    const { userName, startVideoOff, startAudioOff } = { ...this.defaults, ...defined(options) };
    return (await this.channel.call('join', defined({ token, userName, startVideoOff, startAudioOff }))) ?? undefined;
  }

  async preAuth(options: FoyerJoinOptions = {}): Promise<{ access: FoyerAccess }> {
    const token = await this.load(options);
    return this.channel.call('preAuth', defined({ token }));
  }

  /** Nothing to leave when no room was loaded; after destroy, nothing either (safe in any order with destroy). */
  async leave(): Promise<void> {
    if (this.destroyed || !this.loadStarted) return;
    await this.send('leave', {});
  }

  /** Leaves (briefly waiting for the frame), then fails whatever is pending and removes createFrame's iframe. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.channel.ready && this.inMeeting()) await this.channel.call('leave', {}, LEAVE_ON_DESTROY_MS).catch(() => undefined);
    this.end(DESTROYED);
    if (this.ownsIframe) this.frame?.remove();
  }

  // ---- Access and the lobby ----------------------------------------------------------------------------

  async requestAccess(request: { name: string; access?: { level: 'full' } }): Promise<{ access: FoyerAccess; granted: boolean }> {
    return this.send('requestAccess', { name: request.name });
  }

  async updateWaitingParticipant(id: string, updates: FoyerWaitingParticipantUpdate): Promise<{ id: string }> {
    await this.updateWaitingParticipants({ [id]: updates });
    return { id };
  }

  async updateWaitingParticipants(updates: { [id: string]: FoyerWaitingParticipantUpdate }): Promise<{ ids: string[] }> {
    const known = Object.fromEntries(Object.entries(updates).map(([id, u]) => [id, defined({ grantRequestedAccess: u.grantRequestedAccess })]));
    return this.send('updateWaitingParticipants', { updates: known });
  }

  // ---- Media and owner actions (daily-js returns `this`; a failure comes as an event) ----------------------

  setLocalAudio(enabled: boolean): FoyerCall {
    return this.setLocal('setLocalAudio', enabled);
  }

  setLocalVideo(enabled: boolean): FoyerCall {
    return this.setLocal('setLocalVideo', enabled);
  }

  updateParticipant(sessionId: string, updates: FoyerParticipantUpdate): FoyerCall {
    this.assertAlive();
    // Only what Foyer does; daily-js's other updates (screen share, permissions...) are ignored, as Daily ignores impossible ones.
    const known = defined<FoyerParticipantUpdate>({
      setAudio: typeof updates.setAudio === 'boolean' ? updates.setAudio : undefined,
      setVideo: typeof updates.setVideo === 'boolean' ? updates.setVideo : undefined,
      eject: updates.eject === true ? true : undefined,
    });
    if (Object.keys(known).length > 0) {
      this.send('updateParticipant', { sessionId, updates: known }).catch((error: Error) => {
        if (!this.destroyed) this.emit({ action: 'owner-action-refused', sessionId, errorMsg: error.message });
      });
    }
    return this;
  }

  /** Before any room is loaded, this is the choice join() starts with; after, a call to the frame. */
  private setLocal(method: 'setLocalAudio' | 'setLocalVideo', enabled: boolean): FoyerCall {
    this.assertAlive();
    if (!this.loadStarted) {
      this.defaults = { ...this.defaults, [method === 'setLocalAudio' ? 'startAudioOff' : 'startVideoOff']: !enabled };
    } else {
      this.report(this.send(method, { enabled }), 'input-settings-error');
    }
    return this;
  }

  // ---- The link with the frame -------------------------------------------------------------------------

  /** Gives the iframe the room (when it does not show it yet) and waits until the frame listens; resolves to the token to use. */
  private async load(options: FoyerJoinOptions): Promise<string | undefined> {
    this.assertAlive();
    const given = options.url !== undefined ? roomAddress(options.url, this.page.location.href) : undefined;
    const url = given?.url ?? this.roomUrl;
    if (!url) throw new Error('No room to join: give its url (https://host/<room>) to join(), preAuth() or createFrame()');
    this.token = options.token ?? given?.token ?? this.token;
    if (!this.loadStarted || url !== this.roomUrl) this.navigate(url);
    await this.channel.whenReady();
    return this.token;
  }

  private navigate(url: string): void {
    if (this.inMeeting()) this.emit({ action: 'left-meeting' });
    this.state = INITIAL_FRAME_STATE;
    this.roomUrl = url;
    this.loadStarted = true;
    this.channel.expect(new URL(url).origin);
    this.frame!.src = frameSrc(url, this.callClientId, this.page.location.origin);
    this.emit({ action: 'loading' });
  }

  /** A method call to the frame, once it listens. */
  private async send<M extends EmbedMethod>(method: M, args: EmbedMethods[M]['args']): Promise<EmbedMethods[M]['result']> {
    this.assertAlive();
    await this.channel.whenReady();
    return this.channel.call(method, args);
  }

  /** For the methods that return `this`: their failure becomes a `nonfatal-error` (unless the frame is gone). */
  private report(result: Promise<unknown>, type: FoyerNonFatalErrorType): void {
    result.catch((error: Error) => {
      if (!this.destroyed) this.emit({ action: 'nonfatal-error', type, errorMsg: error.message });
    });
  }

  private heard(notice: FrameNotice): void {
    if (notice.kind === 'ready') {
      this.emit({ action: 'loaded' });
    } else if (notice.kind === 'state') {
      const events = stateEvents(this.state, notice.state);
      this.state = notice.state;
      events.forEach((event) => this.emit(event));
    } else {
      this.emit({ action: notice.event, ...notice.payload } as Emitted);
    }
  }

  /** The frame is gone (destroyed or removed): everything pending fails with `reason`, and the page hears the meeting end. */
  private end(reason: string): void {
    this.destroyed = true;
    this.stopWatching();
    this.channel.close(reason);
    if (this.inMeeting()) this.emit({ action: 'left-meeting' });
    this.events.clear();
  }

  private inMeeting(): boolean {
    const state = this.state.meetingState;
    return state === 'joining-meeting' || state === 'joined-meeting';
  }

  private emit(event: Emitted): void {
    const action = event.action;
    this.events.emit(action, { ...event, callClientId: this.callClientId } as FoyerEventMap[typeof action]);
  }

  private assertAlive(): void {
    if (this.destroyed) throw new Error(DESTROYED);
  }
}
