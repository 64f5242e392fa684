/**
 * The LiveKit side of a call, outside the JSX: connect, publish the prejoin's own tracks (the camera
 * never opens twice), and tell listeners what changes (people, video sources, connection, what this
 * person may send, how the call ended) through events. It writes no store: `bind-call-stores.ts` does.
 * This module and livekit-client form the lazily loaded call chunk.
 */
import {
  ConnectionQuality,
  DisconnectReason,
  LocalAudioTrack,
  LocalVideoTrack,
  Participant,
  Room,
  RoomEvent,
  Track,
  type AudioTrack,
  type TrackPublication,
  type VideoTrack,
} from 'livekit-client';
import { OWNER_ATTRIBUTE, USER_ID_ATTRIBUTE, parseCallRoomSettings, type CallRoomSettings, type JoinResponse } from '../../shared/client-api.ts';
import { Emitter } from '../util/emitter.ts';
import { markPhase } from '../util/phase-mark.ts';
import type { ConnectionState } from './call-status-store.ts';
import { foyerReconnectPolicy, type FoyerReconnectPolicy } from './reconnect-policy.ts';
import type { EndReason } from './end-reason.ts';
import type { ConnectionQualityLevel, ParticipantView } from './participants-store.ts';
import { trackKey, type TrackRef } from './track-ref.ts';

// What the flow store needs of removals on schedule, loaded with the session rather than in the entry.
export { endReasonAfterRemoval, removalSchedule } from './removal-schedule.ts';
export type { EndReason };

/** Device kinds the person can switch mid-call. */
export type SwitchableDevice = 'videoinput' | 'audioinput' | 'audiooutput';

export type CallSessionEvents = {
  participant: ParticipantView;
  'participant-left': { identity: string };
  /** One participant's video sources (camera, and screen while sharing), replacing the previous ones. */
  'track-refs': { identity: string; refs: TrackRef[] };
  connection: { state: ConnectionState };
  'audio-blocked': { blocked: boolean };
  /** What LiveKit lets this person publish now; `revoked` when a host just took it away. */
  permissions: { canPublish: boolean; canScreenShare: boolean; revoked: boolean };
  /** Current active speakers, loudest first. */
  speakers: { identities: string[] };
  /** Room settings the server changed mid-call (another owner, REST), from LiveKit room metadata. */
  'room-settings': CallRoomSettings;
  /** Something failed that does not end the call (publishing, a device, screen share). */
  problem: { code: 'publish-failed' | 'screen-share-failed' | 'device-failed'; detail: string };
  ended: { reason: EndReason };
  /** livekit-client gave up reconnecting: the call is lost ('ended' follows once it has cleaned up). */
  lost: Record<string, never>;
};

export interface StartOptions {
  grant: JoinResponse;
  tracks: { camera?: MediaStreamTrack; mic?: MediaStreamTrack; cameraId?: string; micId?: string };
  cameraOn: boolean;
  micOn: boolean;
  /** Units pass a mock; otherwise the room warmed up during the prejoin, or a new one. */
  room?: Room;
}

/** Each room's reconnect policy, so the call using the room hears when it gives up. */
const policies = new WeakMap<Room, FoyerReconnectPolicy>();

const newRoom = () => {
  // A node that is gone is given up on at once; the call then rejoins through the control plane.
  const reconnectPolicy = foyerReconnectPolicy();
  const room = new Room({
    adaptiveStream: true,
    dynacast: true,
    publishDefaults: { simulcast: true },
    reconnectPolicy,
  });
  policies.set(room, reconnectPolicy);
  return room;
};

let warm: Room | undefined;

/** Opens the signalling connection early, while the prejoin shows. */
export async function prepareConnection(url: string): Promise<void> {
  warm ??= newRoom();
  await warm.prepareConnection(url);
}

/** LiveKit's protocol number for the screen-share source (`TrackSource.SCREEN_SHARE`). */
const SCREEN_SHARE_SOURCE = 3;

const QUALITY: Record<ConnectionQuality, ConnectionQualityLevel> = {
  [ConnectionQuality.Excellent]: 'excellent',
  [ConnectionQuality.Good]: 'good',
  [ConnectionQuality.Poor]: 'poor',
  [ConnectionQuality.Lost]: 'lost',
  [ConnectionQuality.Unknown]: 'unknown',
};

const live = (pub: TrackPublication | undefined) => !!pub?.track && !pub.isMuted;

/** The plain view of one participant that tiles and the participants panel read. */
export function viewOf(p: Participant): ParticipantView {
  const mic = p.getTrackPublication(Track.Source.Microphone);
  const screenAudio = p.getTrackPublication(Track.Source.ScreenShareAudio);
  return {
    identity: p.identity,
    name: p.name || 'Guest',
    isLocal: p.isLocal,
    isOwner: p.attributes[OWNER_ATTRIBUTE] === 'true',
    ...(p.attributes[USER_ID_ATTRIBUTE] ? { userId: p.attributes[USER_ID_ATTRIBUTE] } : {}),
    micOn: live(mic),
    cameraOn: live(p.getTrackPublication(Track.Source.Camera)),
    screenSharing: !!p.getTrackPublication(Track.Source.ScreenShare),
    speaking: p.isSpeaking,
    quality: QUALITY[p.connectionQuality] ?? 'unknown',
    ...(!p.isLocal && mic?.track ? { micTrack: mic.track as AudioTrack } : {}),
    ...(!p.isLocal && screenAudio?.track ? { screenAudioTrack: screenAudio.track as AudioTrack } : {}),
  };
}

/** A participant's video sources: the camera always (an avatar when off), the screen while shared. */
export function trackRefsOf(p: Participant): TrackRef[] {
  const cam = p.getTrackPublication(Track.Source.Camera);
  const refs: TrackRef[] = [
    { key: trackKey(p.identity, 'camera'), identity: p.identity, source: 'camera', isLocal: p.isLocal, ...(live(cam) ? { track: cam!.track as VideoTrack } : {}) },
  ];
  const screen = p.getTrackPublication(Track.Source.ScreenShare);
  if (screen) {
    refs.push({ key: trackKey(p.identity, 'screen'), identity: p.identity, source: 'screen', isLocal: p.isLocal, ...(screen.track ? { track: screen.track as VideoTrack } : {}) });
  }
  return refs;
}

export function endReasonOf(reason: DisconnectReason | undefined): EndReason {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return 'left';
    case DisconnectReason.PARTICIPANT_REMOVED:
      return 'removed';
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return 'meeting-ended';
    default:
      return 'connection-lost';
  }
}

/** What the local participant's LiveKit permissions allow now. */
export function publishRights(p: Participant, fallback: { canPublish: boolean; canScreenShare: boolean }) {
  const perm = p.permissions;
  if (!perm) return fallback;
  const sources = perm.canPublishSources ?? [];
  const canScreenShare = perm.canPublish && (sources.length === 0 || sources.includes(SCREEN_SHARE_SOURCE as never));
  return { canPublish: perm.canPublish, canScreenShare };
}

/** One call: create, listen, then `connect()`. */
export class CallSession extends Emitter<CallSessionEvents> {
  /** The LiveKit room; features that attach to the call (chat) read it through `useActiveRoom`. */
  readonly room: Room;
  private rights: { canPublish: boolean; canScreenShare: boolean };
  private ended = false;
  /**
   * Whether the person wants their camera and mic on: what they chose, not what LiveKit shows right
   * now (a lost connection unpublishes everything), so a call that comes back restores it.
   */
  private wanted: { cameraOn: boolean; micOn: boolean };

  constructor(private readonly opts: StartOptions) {
    super();
    if (opts.room) this.room = opts.room;
    else {
      this.room = warm ?? newRoom();
      warm = undefined;
    }
    this.rights = { canPublish: opts.grant.canPublish, canScreenShare: opts.grant.canScreenShare };
    this.wanted = { cameraOn: opts.cameraOn, micOn: opts.micOn };
    // The prejoin's own tracks, handed to livekit-client as its own (not "user provided"), so turning
    // the camera off later stops the device and on reopens it. The camera shows in the self view at
    // once, while connecting, and is the very track published.
    const { camera, cameraId, mic, micId } = opts.tracks;
    if (camera && opts.cameraOn) this.pendingCamera = new LocalVideoTrack(camera, cameraId ? { deviceId: cameraId } : {}, false);
    else camera?.stop();
    if (mic && opts.micOn) this.pendingMic = new LocalAudioTrack(mic, micId ? { deviceId: micId } : {}, false);
    else mic?.stop();
  }

  /** Own tracks not yet published: the self view shows them meanwhile (no avatar flash after Join). */
  private pendingCamera?: LocalVideoTrack;
  private pendingMic?: LocalAudioTrack;
  /** The own tracks' first publication, under way or done; a mic or camera click waits for it. */
  private publishing?: Promise<unknown>;
  /** The own tracks' first publication is over (or there is none): LiveKit's state is the truth from then on. */
  private ownMediaSettled = false;

  /** Camera and mic as the person left them, for a call that has to be made again. */
  get wantedMedia(): { cameraOn: boolean; micOn: boolean } {
    return this.rights.canPublish ? { ...this.wanted } : { cameraOn: false, micOn: false };
  }

  private sync = (p: Participant) => {
    if (p.isLocal) return this.syncSelf();
    this.emit('participant', viewOf(p));
    this.emit('track-refs', { identity: p.identity, refs: trackRefsOf(p) });
  };

  /**
   * This person, as LiveKit sees them, with the own tracks still being published (or, before the
   * connection is up, not yet known to LiveKit at all) shown as they will be.
   */
  private syncSelf() {
    const local = this.room.localParticipant;
    // Before connecting, LiveKit does not know who we are yet: the grant does.
    const identity = local.identity || this.opts.grant.identity;
    const view: ParticipantView = { ...viewOf(local), identity, ...(local.identity ? {} : { name: this.opts.grant.name, isOwner: this.opts.grant.isOwner }) };
    const refs = trackRefsOf(local).map((ref) => ({ ...ref, identity, key: trackKey(identity, ref.source) }));
    // Until the own tracks are out, mic and camera show as the person chose them (LiveKit may still be
    // opening them): the controls say "Mute" / "Stop video" from the first moment, not the opposite for a second.
    const opening = !this.ownMediaSettled && this.rights.canPublish;
    if (this.pendingMic || (opening && this.wanted.micOn)) view.micOn = true;
    if (this.pendingCamera || (opening && this.wanted.cameraOn)) view.cameraOn = true;
    if (this.pendingCamera) refs[0] = { ...refs[0]!, track: this.pendingCamera };
    this.emit('participant', view);
    this.emit('track-refs', { identity, refs });
  }

  private syncAll = () => {
    this.sync(this.room.localParticipant);
    this.room.remoteParticipants.forEach(this.sync);
  };

  private listen() {
    const room = this.room;
    room
      .on(RoomEvent.ParticipantConnected, this.sync)
      .on(RoomEvent.ParticipantDisconnected, (p) => this.emit('participant-left', { identity: p.identity }))
      .on(RoomEvent.TrackSubscribed, (_t, _pub, p) => this.sync(p))
      .on(RoomEvent.TrackUnsubscribed, (_t, _pub, p) => this.sync(p))
      .on(RoomEvent.TrackPublished, (_pub, p) => this.sync(p))
      .on(RoomEvent.TrackUnpublished, (_pub, p) => this.sync(p))
      .on(RoomEvent.TrackMuted, (_pub, p) => this.sync(p))
      .on(RoomEvent.TrackUnmuted, (_pub, p) => this.sync(p))
      .on(RoomEvent.LocalTrackPublished, () => this.sync(room.localParticipant))
      .on(RoomEvent.LocalTrackUnpublished, () => this.sync(room.localParticipant))
      .on(RoomEvent.ParticipantNameChanged, (_n, p) => this.sync(p))
      .on(RoomEvent.ParticipantAttributesChanged, (_a, p) => this.sync(p))
      .on(RoomEvent.ConnectionQualityChanged, (_q, p) => this.sync(p))
      .on(RoomEvent.ActiveSpeakersChanged, (speakers) => {
        this.emit('speakers', { identities: speakers.map((s) => s.identity) });
        this.syncAll();
      })
      .on(RoomEvent.ParticipantPermissionsChanged, (_prev, p) => {
        if (p.isLocal) void this.permissionsChanged();
        else this.sync(p);
      })
      .on(RoomEvent.Reconnecting, () => this.reconnecting())
      .on(RoomEvent.SignalReconnecting, () => this.reconnecting())
      .on(RoomEvent.Reconnected, () => {
        this.dropSpareMedia();
        this.emit('connection', { state: 'connected' });
        this.syncAll();
      })
      .on(RoomEvent.RoomMetadataChanged, (metadata) => this.roomSettings(metadata))
      .on(RoomEvent.AudioPlaybackStatusChanged, () => this.emit('audio-blocked', { blocked: !room.canPlaybackAudio }))
      .on(RoomEvent.MediaDevicesError, (err) => this.emit('problem', { code: 'device-failed', detail: err.message }));
  }

  private reconnecting() {
    this.keepSpareMedia();
    this.emit('connection', { state: 'reconnecting' });
  }

  private roomSettings(metadata: string | undefined) {
    const settings = parseCallRoomSettings(metadata);
    if (settings) this.emit('room-settings', settings);
  }

  /**
   * A host turned owner-only broadcast on or off (or made this person a host). When publishing is
   * taken away, LiveKit stops forwarding our tracks; we also stop capturing, so the camera light goes off.
   */
  private async permissionsChanged() {
    const before = this.rights;
    this.rights = publishRights(this.room.localParticipant, before);
    const revoked = before.canPublish && !this.rights.canPublish;
    if (!this.rights.canPublish) await this.stopPublishing();
    else if (!this.rights.canScreenShare) await this.room.localParticipant.setScreenShareEnabled(false).catch(() => {});
    this.emit('permissions', { ...this.rights, revoked });
    this.sync(this.room.localParticipant);
  }

  private async stopPublishing() {
    const local = this.room.localParticipant;
    const tracks = [...local.trackPublications.values()].map((pub) => pub.track).filter((t) => !!t);
    await local.unpublishTracks(tracks).catch(() => {});
    for (const t of tracks) t.stop();
  }

  /** Connects and publishes; rejects (and releases the devices) when LiveKit cannot be reached. */
  async connect(): Promise<void> {
    const { room, opts } = this;
    this.listen();
    // The call screen shows while connecting: with this person's own tile from the first moment.
    this.syncSelf();
    const stopOwnTracks = () => {
      this.pendingCamera?.stop();
      this.pendingMic?.stop();
      this.pendingCamera = this.pendingMic = undefined;
    };
    try {
      await room.connect(opts.grant.livekitUrl, opts.grant.livekitToken);
      markPhase('livekit-connected');
    } catch (err) {
      stopOwnTracks();
      room.removeAllListeners();
      throw err;
    }
    // Listened for only once connected: a failed connect is the join's error, not an ended call.
    const policy = policies.get(room);
    // Told from inside livekit-client's reconnect loop: heard once that loop has run on.
    if (policy) policy.onGiveUp = () => void setTimeout(() => this.emit('lost', {}), 0);
    room.once(RoomEvent.Disconnected, (reason) => {
      this.ended = true;
      // Only a lost connection is made again (with the spare camera and mic).
      if (endReasonOf(reason) !== 'connection-lost') this.dropSpareMedia();
      this.emit('ended', { reason: endReasonOf(reason) });
    });
    this.rights = publishRights(room.localParticipant, this.rights);
    this.emit('permissions', { ...this.rights, revoked: false });
    this.roomSettings(room.metadata);
    this.syncAll();

    if (!this.rights.canPublish) {
      // Owner-only broadcast: a guest sends nothing, so nothing stays open.
      stopOwnTracks();
      this.ownMediaSettled = true;
      this.syncSelf();
    } else {
      this.publishOwnTracks();
    }
    this.emit('audio-blocked', { blocked: !room.canPlaybackAudio });
  }

  /** Publishes the very tracks the prejoin opened (camera and mic in parallel, never opened twice). */
  private publishOwnTracks() {
    const { room, opts } = this;
    const publishing: Promise<unknown>[] = [];
    const { pendingCamera, pendingMic } = this;
    if (pendingCamera) {
      publishing.push(room.localParticipant.publishTrack(pendingCamera, { source: Track.Source.Camera, simulcast: true }).finally(() => this.published(pendingCamera)));
    }
    if (pendingMic) {
      publishing.push(room.localParticipant.publishTrack(pendingMic, { source: Track.Source.Microphone }).finally(() => this.published(pendingMic)));
    }
    // Wanted on but not handed over: still opening when Join was pressed (the prejoin drops its late
    // track), or back after a lost connection. LiveKit opens it.
    if (!opts.tracks.camera && this.wanted.cameraOn) publishing.push(room.localParticipant.setCameraEnabled(true));
    if (!opts.tracks.mic && this.wanted.micOn) publishing.push(room.localParticipant.setMicrophoneEnabled(true));
    // Show the call (and start receiving others) without waiting for our own tracks to publish.
    this.publishing = Promise.all(publishing);
    void this.publishing
      .catch((err: unknown) => this.emit('problem', { code: 'publish-failed', detail: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        this.ownMediaSettled = true;
        this.sync(room.localParticipant);
      });
  }

  /** An own track is published (or failed to be): LiveKit's own state shows it from now on. */
  private published(track: LocalVideoTrack | LocalAudioTrack) {
    if (this.pendingCamera === track) this.pendingCamera = undefined;
    if (this.pendingMic === track) this.pendingMic = undefined;
    this.syncSelf();
  }

  /** Turned off before it was published (a click while connecting): it never goes out. */
  private dropPending(kind: 'camera' | 'mic') {
    const track = kind === 'camera' ? this.pendingCamera : this.pendingMic;
    if (!track || this.publishing) return false;
    track.stop();
    if (kind === 'camera') this.pendingCamera = undefined;
    else this.pendingMic = undefined;
    this.syncSelf();
    return true;
  }

  async setMic(on: boolean): Promise<void> {
    if (on && !this.rights.canPublish) return;
    this.wanted.micOn = on;
    if (!on && this.dropPending('mic')) return;
    await this.publishing?.catch(() => {});
    const deviceId = this.room.getActiveDevice('audioinput') ?? this.opts.tracks.micId;
    await this.room.localParticipant.setMicrophoneEnabled(on, deviceId ? { deviceId } : undefined);
    this.sync(this.room.localParticipant);
  }

  async setCamera(on: boolean): Promise<void> {
    if (on && !this.rights.canPublish) return;
    this.wanted.cameraOn = on;
    if (!on && this.dropPending('camera')) return;
    await this.publishing?.catch(() => {});
    const deviceId = this.room.getActiveDevice('videoinput') ?? this.opts.tracks.cameraId;
    await this.room.localParticipant.setCameraEnabled(on, deviceId ? { deviceId } : undefined);
    this.sync(this.room.localParticipant);
  }

  /** Starts or stops sharing the screen; the browser asks which screen or window. */
  async setScreenShare(on: boolean): Promise<void> {
    if (on && !this.rights.canScreenShare) return;
    try {
      await this.room.localParticipant.setScreenShareEnabled(on, { audio: true, selfBrowserSurface: 'exclude' });
    } catch (err) {
      // Cancelling the browser's picker is not a failure worth a message.
      if ((err as { name?: string }).name !== 'NotAllowedError') {
        this.emit('problem', { code: 'screen-share-failed', detail: err instanceof Error ? err.message : String(err) });
      }
    }
    this.sync(this.room.localParticipant);
  }

  /** Switches camera, microphone or speaker without leaving the call. */
  async switchDevice(kind: SwitchableDevice, deviceId: string): Promise<void> {
    try {
      await this.room.switchActiveDevice(kind, deviceId);
    } catch (err) {
      this.emit('problem', { code: 'device-failed', detail: err instanceof Error ? err.message : String(err) });
    }
    this.sync(this.room.localParticipant);
  }

  activeDevice(kind: SwitchableDevice): string | undefined {
    return this.room.getActiveDevice(kind);
  }

  async startAudio(): Promise<void> {
    await this.room.startAudio();
    this.emit('audio-blocked', { blocked: !this.room.canPlaybackAudio });
  }

  async leave(): Promise<void> {
    this.dropSpareMedia();
    if (this.ended) return;
    await this.room.disconnect(true);
  }

  /**
   * Copies of the own camera and mic (those wanted on), taken when the connection drops: when
   * livekit-client gives up it stops the own tracks, and a copy keeps the device open (a copy shares
   * it; nothing is reopened) for the call made again.
   */
  private spare?: { camera?: MediaStreamTrack; mic?: MediaStreamTrack };

  private keepSpareMedia() {
    if (this.spare) return;
    const local = this.room.localParticipant;
    const copy = (source: Track.Source, wanted: boolean) => {
      const track = wanted ? local.getTrackPublication(source)?.track : undefined;
      const media = track && !track.isMuted ? track.mediaStreamTrack : undefined;
      return media?.readyState === 'live' ? media.clone() : undefined;
    };
    this.spare = { camera: copy(Track.Source.Camera, this.wanted.cameraOn), mic: copy(Track.Source.Microphone, this.wanted.micOn) };
  }

  private dropSpareMedia() {
    this.spare?.camera?.stop();
    this.spare?.mic?.stop();
    this.spare = undefined;
  }

  /**
   * Leaves a lost call and hands its camera and mic (those wanted on, still open) to the call made
   * again: no device delay, no camera light flicker. The caller stops them if that call never comes.
   */
  leaveHandingOverMedia(): StartOptions['tracks'] {
    this.keepSpareMedia();
    const { camera, mic } = this.spare ?? {};
    this.spare = undefined;
    if (!this.ended) void this.room.disconnect(true).catch(() => {});
    const cameraId = camera?.getSettings().deviceId;
    const micId = mic?.getSettings().deviceId;
    return { ...(camera ? { camera } : {}), ...(mic ? { mic } : {}), ...(cameraId ? { cameraId } : {}), ...(micId ? { micId } : {}) };
  }
}
