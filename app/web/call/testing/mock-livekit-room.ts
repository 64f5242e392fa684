/**
 * A stand-in for livekit-client's `Room` in units (after element-call's `mockLivekitRoom`): an event
 * emitter with the participants, publications and methods the call session uses, nothing on the wire.
 * Tests drive it by mutating participants and emitting the RoomEvents LiveKit would.
 */
import { EventEmitter } from 'node:events';
import { ConnectionQuality, DisconnectReason, RoomEvent, Track, type Room } from 'livekit-client';
import { vi } from 'vitest';

export interface MockPublication {
  source: Track.Source;
  isMuted: boolean;
  track?: { sid?: string; stop: () => void; kind: string };
}

export class MockParticipant {
  isSpeaking = false;
  connectionQuality = ConnectionQuality.Good;
  permissions?: { canPublish: boolean; canPublishSources: number[] };
  readonly trackPublications = new Map<string, MockPublication>();

  constructor(
    readonly identity: string,
    public name: string,
    readonly isLocal = false,
    public attributes: Record<string, string> = {},
  ) {}

  getTrackPublication(source: Track.Source): MockPublication | undefined {
    return [...this.trackPublications.values()].find((p) => p.source === source);
  }

  /** Adds (or replaces) a publication with a live track of that source. */
  publish(source: Track.Source, opts: { muted?: boolean; withTrack?: boolean } = {}): MockPublication {
    const kind = source === Track.Source.Microphone || source === Track.Source.ScreenShareAudio ? 'audio' : 'video';
    const pub: MockPublication = { source, isMuted: opts.muted ?? false, ...(opts.withTrack === false ? {} : { track: { sid: `${this.identity}-${source}`, kind, stop: vi.fn() } }) };
    this.trackPublications.set(source, pub);
    return pub;
  }

  unpublish(source: Track.Source) {
    this.trackPublications.delete(source);
  }
}

export class MockLocalParticipant extends MockParticipant {
  publishTrack = vi.fn(async () => ({}));
  unpublishTracks = vi.fn(async (tracks: unknown[]) => {
    for (const [key, pub] of this.trackPublications) if (tracks.includes(pub.track)) this.trackPublications.delete(key);
    return [];
  });
  setMicrophoneEnabled = vi.fn(async (on: boolean) => void (on ? this.publish(Track.Source.Microphone) : this.unpublish(Track.Source.Microphone)));
  setCameraEnabled = vi.fn(async (on: boolean) => void (on ? this.publish(Track.Source.Camera) : this.unpublish(Track.Source.Camera)));
  setScreenShareEnabled = vi.fn(async (on: boolean) => void (on ? this.publish(Track.Source.ScreenShare) : this.unpublish(Track.Source.ScreenShare)));

  constructor(identity = 'p_local', name = 'Me', attributes: Record<string, string> = {}) {
    super(identity, name, true, attributes);
  }
}

export class MockRoom extends EventEmitter {
  localParticipant = new MockLocalParticipant();
  remoteParticipants = new Map<string, MockParticipant>();
  canPlaybackAudio = true;
  activeDevices: Partial<Record<MediaDeviceKind, string>> = {};
  connect = vi.fn(async () => {});
  disconnect = vi.fn(async () => void this.emit(RoomEvent.Disconnected, DisconnectReason.CLIENT_INITIATED));
  startAudio = vi.fn(async () => {
    this.canPlaybackAudio = true;
  });
  switchActiveDevice = vi.fn(async (kind: MediaDeviceKind, deviceId: string) => {
    this.activeDevices[kind] = deviceId;
    return true;
  });
  getActiveDevice(kind: MediaDeviceKind) {
    return this.activeDevices[kind];
  }

  /** A remote participant joins (and LiveKit says so). */
  join(identity: string, name: string, attributes: Record<string, string> = {}): MockParticipant {
    const p = new MockParticipant(identity, name, false, attributes);
    this.remoteParticipants.set(identity, p);
    this.emit(RoomEvent.ParticipantConnected, p);
    return p;
  }

  /** As the room the session expects. */
  asRoom(): Room {
    return this as unknown as Room;
  }
}
