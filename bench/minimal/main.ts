/**
 * The smallest livekit-client page the bench compares Foyer against, and the bench's camera publishers.
 * `?role=watch&w=&h=`: subscribe to everyone with adaptive stream on, one w×h video element per camera.
 * `?role=publish&w=&h=&fps=`: publish Chromium's fake camera at that size, subscribe to nothing.
 * Both take `url` (LiveKit) and `token` (a LiveKit token from Foyer's join). State for the bench is on `window.__bench`.
 */
import { Room, RoomEvent, Track, createLocalVideoTrack, type RemoteTrack } from 'livekit-client';

interface BenchState {
  connected: boolean;
  published: boolean;
  error?: string;
}

declare global {
  interface Window {
    __bench: BenchState;
  }
}

const params = new URLSearchParams(location.search);
const number = (name: string, fallback: number) => Number(params.get(name) ?? fallback);
const size = { width: number('w', 320), height: number('h', 180) };
const state: BenchState = { connected: false, published: false };
window.__bench = state;

async function watch(url: string, token: string): Promise<void> {
  const grid = document.getElementById('grid')!;
  const room = new Room({ adaptiveStream: true, dynacast: true });
  room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
    if (track.kind !== Track.Kind.Video) return;
    const video = track.attach() as HTMLVideoElement;
    video.width = size.width;
    video.height = size.height;
    video.dataset.remote = 'true';
    grid.append(video);
  });
  room.on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => track.detach().forEach((el) => el.remove()));
  await room.connect(url, token);
  state.connected = true;
}

async function publish(url: string, token: string): Promise<void> {
  const room = new Room({ dynacast: true, publishDefaults: { simulcast: true } });
  await room.connect(url, token, { autoSubscribe: false });
  state.connected = true;
  const camera = await createLocalVideoTrack({ resolution: { ...size, frameRate: number('fps', 15) } });
  await room.localParticipant.publishTrack(camera);
  state.published = true;
}

const url = params.get('url') ?? '';
const token = params.get('token') ?? '';
(params.get('role') === 'publish' ? publish(url, token) : watch(url, token)).catch((err: unknown) => {
  state.error = String(err);
});
