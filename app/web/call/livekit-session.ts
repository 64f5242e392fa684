/**
 * The LiveKit side of a call, outside the JSX: connect, publish the prejoin's own tracks (the camera
 * never opens twice), mirror participants into the participants store, and report how the call ended.
 * This module and livekit-client form the lazily loaded call chunk.
 */
import {
  DisconnectReason,
  LocalAudioTrack,
  LocalVideoTrack,
  Participant,
  Room,
  RoomEvent,
  Track,
  type AudioTrack,
  type VideoTrack,
} from 'livekit-client';
import { OWNER_ATTRIBUTE, type JoinResponse } from '../../shared/client-api.ts';
import { useActiveRoom } from './active-room.ts';
import { useParticipantsStore, type ParticipantView } from './participants-store.ts';

export type EndReason = 'left' | 'removed' | 'meeting-ended' | 'connection-lost';

export interface CallSession {
  setMic(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  startAudio(): Promise<void>;
  leave(): Promise<void>;
}

export interface StartOptions {
  grant: JoinResponse;
  tracks: { camera?: MediaStreamTrack; mic?: MediaStreamTrack; cameraId?: string; micId?: string };
  cameraOn: boolean;
  micOn: boolean;
  onEnded(reason: EndReason): void;
}

const newRoom = () =>
  new Room({
    adaptiveStream: true,
    dynacast: true,
    publishDefaults: { simulcast: true },
  });

let warm: Room | undefined;

/** Opens the signalling connection early, while the prejoin shows. */
export async function prepareConnection(url: string): Promise<void> {
  warm ??= newRoom();
  await warm.prepareConnection(url);
}

function viewOf(p: Participant): ParticipantView {
  const cam = p.getTrackPublication(Track.Source.Camera);
  const mic = p.getTrackPublication(Track.Source.Microphone);
  const cameraOn = !!cam?.track && !cam.isMuted;
  return {
    identity: p.identity,
    name: p.name || 'Guest',
    isLocal: p.isLocal,
    isOwner: p.attributes[OWNER_ATTRIBUTE] === 'true',
    micOn: !!mic?.track && !mic.isMuted,
    cameraOn,
    speaking: p.isSpeaking,
    videoTrack: cameraOn ? (cam!.track as VideoTrack) : undefined,
    audioTrack: !p.isLocal && mic?.track ? (mic.track as AudioTrack) : undefined,
  };
}

function endReasonOf(reason: DisconnectReason | undefined): EndReason {
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

export async function startCallSession(opts: StartOptions): Promise<CallSession> {
  const room = warm ?? newRoom();
  warm = undefined;
  const store = useParticipantsStore.getState();
  store.reset();

  const sync = (p: Participant) => store.upsert(viewOf(p));
  const syncAll = () => {
    sync(room.localParticipant);
    room.remoteParticipants.forEach(sync);
  };
  room
    .on(RoomEvent.ParticipantConnected, sync)
    .on(RoomEvent.ParticipantDisconnected, (p) => store.remove(p.identity))
    .on(RoomEvent.TrackSubscribed, (_t, _pub, p) => sync(p))
    .on(RoomEvent.TrackUnsubscribed, (_t, _pub, p) => sync(p))
    .on(RoomEvent.TrackPublished, (_pub, p) => sync(p))
    .on(RoomEvent.TrackUnpublished, (_pub, p) => sync(p))
    .on(RoomEvent.TrackMuted, (_pub, p) => sync(p))
    .on(RoomEvent.TrackUnmuted, (_pub, p) => sync(p))
    .on(RoomEvent.LocalTrackPublished, () => sync(room.localParticipant))
    .on(RoomEvent.LocalTrackUnpublished, () => sync(room.localParticipant))
    .on(RoomEvent.ParticipantNameChanged, (_n, p) => sync(p))
    .on(RoomEvent.ParticipantAttributesChanged, (_a, p) => sync(p))
    .on(RoomEvent.ActiveSpeakersChanged, syncAll)
    .on(RoomEvent.Reconnecting, () => store.setFlags({ reconnecting: true }))
    .on(RoomEvent.Reconnected, () => store.setFlags({ reconnecting: false }))
    .on(RoomEvent.AudioPlaybackStatusChanged, () => store.setFlags({ audioBlocked: !room.canPlaybackAudio }));

  const stopOwnTracks = () => {
    opts.tracks.camera?.stop();
    opts.tracks.mic?.stop();
  };
  try {
    await room.connect(opts.grant.livekitUrl, opts.grant.livekitToken);
  } catch (err) {
    stopOwnTracks();
    room.removeAllListeners();
    throw err;
  }
  // Listened for only once connected: a failed connect is the join's error, not an ended call.
  room.once(RoomEvent.Disconnected, (reason) => {
    useActiveRoom.setState({ room: undefined });
    store.reset();
    opts.onEnded(endReasonOf(reason));
  });
  syncAll();
  useActiveRoom.setState({ room });

  // Publish the very tracks the prejoin opened. They are handed to livekit-client as its own
  // (not "user provided"), so turning the camera off later stops the device and on reopens it.
  const publishing: Promise<unknown>[] = [];
  if (opts.tracks.camera && opts.cameraOn) {
    const track = new LocalVideoTrack(opts.tracks.camera, opts.tracks.cameraId ? { deviceId: opts.tracks.cameraId } : {}, false);
    publishing.push(room.localParticipant.publishTrack(track, { source: Track.Source.Camera, simulcast: true }));
  }
  if (opts.tracks.mic && opts.micOn) {
    const track = new LocalAudioTrack(opts.tracks.mic, opts.tracks.micId ? { deviceId: opts.tracks.micId } : {}, false);
    publishing.push(room.localParticipant.publishTrack(track, { source: Track.Source.Microphone }));
  }
  // Show the call (and start receiving others) without waiting for our own tracks to publish.
  void Promise.all(publishing)
    .then(syncAll)
    .catch((err) => console.warn('Foyer: could not publish camera or microphone', err));
  store.setFlags({ audioBlocked: !room.canPlaybackAudio });

  return {
    async setMic(on) {
      await room.localParticipant.setMicrophoneEnabled(on, opts.tracks.micId ? { deviceId: opts.tracks.micId } : undefined);
      sync(room.localParticipant);
    },
    async setCamera(on) {
      await room.localParticipant.setCameraEnabled(on, opts.tracks.cameraId ? { deviceId: opts.tracks.cameraId } : undefined);
      sync(room.localParticipant);
    },
    async startAudio() {
      await room.startAudio();
      store.setFlags({ audioBlocked: !room.canPlaybackAudio });
    },
    async leave() {
      await room.disconnect(true);
    },
  };
}
