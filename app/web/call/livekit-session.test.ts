import { DisconnectReason, RoomEvent, Track } from 'livekit-client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JoinResponse } from '../../shared/client-api.ts';
import { bindCallStores, resetCallStores } from './bind-call-stores.ts';
import { useCallStatus } from './call-status-store.ts';
import { CallSession, type CallSessionEvents } from './livekit-session.ts';
import { useParticipantsStore } from './participants-store.ts';
import { useTracksStore } from './tracks-store.ts';
import { MockRoom } from './testing/mock-livekit-room.ts';

beforeAll(() => {
  // livekit-client wraps a published MediaStreamTrack in a MediaStream; node has none.
  globalThis.MediaStream ??= class {
    private readonly tracks: unknown[];
    constructor(tracks: unknown[] = []) {
      this.tracks = [...tracks];
    }
    getTracks() {
      return this.tracks;
    }
    addTrack(t: unknown) {
      this.tracks.push(t);
    }
    removeTrack() {}
  } as unknown as typeof MediaStream;
});

const grant = (over: Partial<JoinResponse> = {}): JoinResponse => ({
  livekitUrl: 'ws://127.0.0.1:1',
  livekitToken: 'lk',
  identity: 'p_local',
  name: 'Me',
  isOwner: false,
  session: 's',
  chat: false,
  canPublish: true,
  canScreenShare: true,
  willEjectAt: null,
  ejectReason: null,
  serverNow: 0,
  ...over,
});

const fakeTrack = (kind: 'video' | 'audio') =>
  ({ kind, id: kind, enabled: true, readyState: 'live', muted: false, getSettings: () => ({}), getConstraints: () => ({}), addEventListener() {}, removeEventListener() {}, stop: vi.fn() }) as unknown as MediaStreamTrack;

function start(opts: { grant?: Partial<JoinResponse>; camera?: boolean; mic?: boolean } = {}) {
  const room = new MockRoom();
  const tracks = { ...(opts.camera ? { camera: fakeTrack('video') } : {}), ...(opts.mic ? { mic: fakeTrack('audio') } : {}) };
  const session = new CallSession({ grant: grant(opts.grant), tracks, cameraOn: true, micOn: true, room: room.asRoom() });
  const events: { type: keyof CallSessionEvents; event: unknown }[] = [];
  for (const type of ['participant', 'participant-left', 'track-refs', 'permissions', 'ended', 'connection', 'speakers'] as const) {
    session.on(type, (event) => events.push({ type, event }));
  }
  return { room, session, tracks, events };
}

afterEach(() => {
  useParticipantsStore.getState().reset();
  useTracksStore.getState().reset();
  useCallStatus.getState().reset();
});

describe('CallSession', () => {
  it('publishes the prejoin tracks once connected, when allowed to publish', async () => {
    const { room, session } = start({ camera: true, mic: true });
    await session.connect();
    expect(room.connect).toHaveBeenCalledWith('ws://127.0.0.1:1', 'lk');
    const sources = room.localParticipant.publishTrack.mock.calls.map((c) => (c as unknown[])[1] as { source: Track.Source });
    expect(sources.map((s) => s.source).sort()).toEqual([Track.Source.Camera, Track.Source.Microphone].sort());
  });

  it('a device still opening when Join was pressed is opened by LiveKit, so the mic is not silently off', async () => {
    const { room, session } = start({ camera: true });
    await session.connect();
    await vi.waitFor(() => expect(room.localParticipant.setMicrophoneEnabled).toHaveBeenCalledWith(true));
    expect(room.localParticipant.setCameraEnabled).not.toHaveBeenCalled();
  });

  it('under owner-only broadcast publishes nothing and stops the prejoin capture (no camera light)', async () => {
    const { room, session, tracks } = start({ camera: true, mic: true, grant: { canPublish: false, canScreenShare: false } });
    room.localParticipant.permissions = { canPublish: false, canPublishSources: [] };
    await session.connect();
    expect(room.localParticipant.publishTrack).not.toHaveBeenCalled();
    expect(tracks.camera!.stop).toHaveBeenCalled();
    expect(tracks.mic!.stop).toHaveBeenCalled();
    await session.setCamera(true);
    expect(room.localParticipant.setCameraEnabled).not.toHaveBeenCalled();
  });

  it('when a host takes publishing away mid-call, unpublishes and stops every local track and says so', async () => {
    const { room, session, events } = start();
    await session.connect();
    const cam = room.localParticipant.publish(Track.Source.Camera);
    const mic = room.localParticipant.publish(Track.Source.Microphone);
    room.localParticipant.permissions = { canPublish: false, canPublishSources: [] };
    room.emit(RoomEvent.ParticipantPermissionsChanged, undefined, room.localParticipant);
    await vi.waitFor(() => expect(events.some((e) => e.type === 'permissions' && (e.event as { revoked: boolean }).revoked)).toBe(true));
    expect(room.localParticipant.unpublishTracks).toHaveBeenCalled();
    expect(cam.track!.stop).toHaveBeenCalled();
    expect(mic.track!.stop).toHaveBeenCalled();
    expect(room.localParticipant.trackPublications.size).toBe(0);
  });

  it('a screen share without a screen-share grant stops when the grant changes', async () => {
    const { room, session } = start();
    await session.connect();
    room.localParticipant.publish(Track.Source.ScreenShare);
    room.localParticipant.permissions = { canPublish: true, canPublishSources: [1, 2] };
    room.emit(RoomEvent.ParticipantPermissionsChanged, undefined, room.localParticipant);
    await vi.waitFor(() => expect(room.localParticipant.setScreenShareEnabled).toHaveBeenCalledWith(false));
  });

  it('reports each participant with camera and screen refs, and who left', async () => {
    const { room, session, events } = start();
    await session.connect();
    const ann = room.join('p_ann', 'Ann', { 'foyer.owner': 'true' });
    ann.publish(Track.Source.Camera);
    ann.publish(Track.Source.ScreenShare);
    room.emit(RoomEvent.TrackSubscribed, {}, {}, ann);
    const refs = events.filter((e) => e.type === 'track-refs').at(-1)!.event as { identity: string; refs: { key: string; track?: unknown }[] };
    expect(refs.identity).toBe('p_ann');
    expect(refs.refs.map((r) => r.key)).toEqual(['p_ann:camera', 'p_ann:screen']);
    expect(refs.refs.every((r) => r.track)).toBe(true);
    const view = events.filter((e) => e.type === 'participant').at(-1)!.event as { isOwner: boolean; cameraOn: boolean; screenSharing: boolean };
    expect(view).toMatchObject({ isOwner: true, cameraOn: true, screenSharing: true });
    room.emit(RoomEvent.ParticipantDisconnected, ann);
    expect(events.at(-1)).toEqual({ type: 'participant-left', event: { identity: 'p_ann' } });
  });

  it.each([
    [DisconnectReason.CLIENT_INITIATED, 'left'],
    [DisconnectReason.PARTICIPANT_REMOVED, 'removed'],
    [DisconnectReason.ROOM_DELETED, 'meeting-ended'],
    [DisconnectReason.SIGNAL_CLOSE, 'connection-lost'],
    [undefined, 'connection-lost'],
  ])('LiveKit disconnect %s ends the call as %s', async (reason, expected) => {
    const { room, session, events } = start();
    await session.connect();
    room.emit(RoomEvent.Disconnected, reason);
    expect(events.at(-1)).toEqual({ type: 'ended', event: { reason: expected } });
  });

  it('a failed connect is the join’s error, releases the devices, and never reports an ended call', async () => {
    const { room, session, tracks, events } = start({ camera: true });
    room.connect.mockRejectedValueOnce(new Error('could not establish signal connection'));
    await expect(session.connect()).rejects.toThrow('signal');
    expect(tracks.camera!.stop).toHaveBeenCalled();
    room.emit(RoomEvent.Disconnected, DisconnectReason.UNKNOWN_REASON);
    expect(events.some((e) => e.type === 'ended')).toBe(false);
  });

  it('while connecting, the own tile already shows the prejoin camera, under the name and identity of the grant', async () => {
    const { room, session, events } = start({ camera: true, mic: true });
    // LiveKit knows nobody until connected: the grant says who this is.
    room.localParticipant = Object.assign(room.localParticipant, { identity: '' });
    let finish!: () => void;
    room.connect.mockImplementation(() => new Promise<void>((r) => (finish = r)));
    const connecting = session.connect();
    const self = events.find((e) => e.type === 'participant')!.event as { identity: string; name: string; cameraOn: boolean; micOn: boolean };
    expect(self).toMatchObject({ identity: 'p_local', name: 'Me', cameraOn: true, micOn: true });
    const refs = events.find((e) => e.type === 'track-refs')!.event as { identity: string; refs: { source: string; track?: unknown }[] };
    expect(refs.identity).toBe('p_local');
    expect(refs.refs[0]?.track).toBeDefined();
    expect(room.localParticipant.publishTrack).not.toHaveBeenCalled();
    finish();
    await connecting;
    expect(room.localParticipant.publishTrack).toHaveBeenCalledTimes(2);
  });

  it('a mic still opening when Join was pressed shows as on while connecting, not as muted', async () => {
    const { room, session, events } = start({ camera: true });
    let finish!: () => void;
    room.connect.mockImplementation(() => new Promise<void>((r) => (finish = r)));
    const connecting = session.connect();
    const self = events.filter((e) => e.type === 'participant').at(-1)!.event as { micOn: boolean };
    expect(self.micOn).toBe(true);
    finish();
    await connecting;
    await vi.waitFor(() => expect(room.localParticipant.setMicrophoneEnabled).toHaveBeenCalledWith(true));
  });

  it('a camera still opening when Join was pressed shows as on while connecting, not as off', async () => {
    const { room, session, events } = start({ mic: true });
    let finish!: () => void;
    room.connect.mockImplementation(() => new Promise<void>((r) => (finish = r)));
    const connecting = session.connect();
    const self = events.filter((e) => e.type === 'participant').at(-1)!.event as { cameraOn: boolean };
    expect(self.cameraOn).toBe(true);
    finish();
    await connecting;
    await vi.waitFor(() => expect(room.localParticipant.setCameraEnabled).toHaveBeenCalledWith(true));
  });

  it('a camera turned off while connecting is never published and its device stops', async () => {
    const { room, session, tracks } = start({ camera: true, mic: true });
    let finish!: () => void;
    room.connect.mockImplementation(() => new Promise<void>((r) => (finish = r)));
    const connecting = session.connect();
    await session.setCamera(false);
    expect(tracks.camera!.stop).toHaveBeenCalled();
    finish();
    await connecting;
    const sources = room.localParticipant.publishTrack.mock.calls.map((c) => ((c as unknown[])[1] as { source: Track.Source }).source);
    expect(sources).toEqual([Track.Source.Microphone]);
    expect(room.localParticipant.setCameraEnabled).not.toHaveBeenCalled();
    expect(session.wantedMedia.cameraOn).toBe(false);
  });

  it('switches a device through LiveKit without leaving', async () => {
    const { room, session } = start();
    await session.connect();
    await session.switchDevice('videoinput', 'cam-2');
    expect(room.switchActiveDevice).toHaveBeenCalledWith('videoinput', 'cam-2');
    expect(session.activeDevice('videoinput')).toBe('cam-2');
  });
});

describe('bindCallStores', () => {
  it('mirrors the session into the stores, and a participant unchanged keeps its view (no re-render)', async () => {
    const { room, session } = start();
    bindCallStores(session);
    await session.connect();
    const bob = room.join('p_bob', 'Bob');
    bob.publish(Track.Source.Microphone);
    room.emit(RoomEvent.TrackSubscribed, {}, {}, bob);
    const people = useParticipantsStore.getState();
    expect(people.order).toEqual(['p_local', 'p_bob']);
    expect(people.byId.p_bob).toMatchObject({ name: 'Bob', micOn: true, cameraOn: false });
    const before = useParticipantsStore.getState().byId.p_bob;
    room.emit(RoomEvent.ConnectionQualityChanged, 'good', room.localParticipant);
    expect(useParticipantsStore.getState().byId.p_bob).toBe(before);
    expect(useTracksStore.getState().order).toEqual(['p_local:camera', 'p_bob:camera']);
  });

  it('shows Reconnecting while LiveKit reconnects, and keeps the tiles when the connection is lost (the call recovers)', async () => {
    const { room, session } = start();
    bindCallStores(session);
    await session.connect();
    room.join('p_bob', 'Bob');
    room.emit(RoomEvent.Reconnecting);
    expect(useCallStatus.getState().connection).toBe('reconnecting');
    room.emit(RoomEvent.Reconnected);
    expect(useCallStatus.getState().connection).toBe('connected');
    room.emit(RoomEvent.Disconnected, DisconnectReason.SIGNAL_CLOSE);
    expect(useParticipantsStore.getState().order).toEqual(['p_local', 'p_bob']);
    resetCallStores();
    expect(useParticipantsStore.getState().order).toEqual([]);
    expect(useTracksStore.getState().order).toEqual([]);
  });

  it('keeps the broadcast notice while publishing stays off after a host took it', async () => {
    const { room, session } = start();
    bindCallStores(session);
    await session.connect();
    room.localParticipant.permissions = { canPublish: false, canPublishSources: [] };
    room.emit(RoomEvent.ParticipantPermissionsChanged, undefined, room.localParticipant);
    await vi.waitFor(() => expect(useCallStatus.getState().publishRevoked).toBe(true));
    room.localParticipant.permissions = { canPublish: true, canPublishSources: [] };
    room.emit(RoomEvent.ParticipantPermissionsChanged, undefined, room.localParticipant);
    await vi.waitFor(() => expect(useCallStatus.getState().canPublish).toBe(true));
    expect(useCallStatus.getState().publishRevoked).toBe(false);
  });
});

describe('wantedMedia', () => {
  it('remembers what the person chose, not what a lost connection left published', async () => {
    const { room, session } = start({ camera: true, mic: true });
    await session.connect();
    await session.setMic(false);
    // A lost connection unpublishes everything; the choice stays.
    room.localParticipant.trackPublications.clear();
    expect(session.wantedMedia).toEqual({ cameraOn: true, micOn: false });
  });

  it('is nothing while publishing is not allowed', async () => {
    const { room, session } = start({ camera: true, mic: true, grant: { canPublish: false, canScreenShare: false } });
    room.localParticipant.permissions = { canPublish: false, canPublishSources: [] };
    await session.connect();
    expect(session.wantedMedia).toEqual({ cameraOn: false, micOn: false });
  });
});

describe('room settings', () => {
  it('follows owner-only broadcast in the room metadata, at connect and when the server changes it', async () => {
    const { room, session } = start();
    (room as unknown as { metadata: string }).metadata = JSON.stringify({ ownerOnlyBroadcast: false });
    bindCallStores(session);
    await session.connect();
    expect(useCallStatus.getState().ownerOnlyBroadcast).toBe(false);
    room.emit(RoomEvent.RoomMetadataChanged, JSON.stringify({ ownerOnlyBroadcast: true }));
    expect(useCallStatus.getState().ownerOnlyBroadcast).toBe(true);
    // Anything else in the metadata is not ours and changes nothing.
    room.emit(RoomEvent.RoomMetadataChanged, 'not json');
    expect(useCallStatus.getState().ownerOnlyBroadcast).toBe(true);
  });
});
