import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fake capture track that records whether it was stopped. */
function fakeTrack(kind: 'video' | 'audio', deviceId = `${kind}-1`) {
  return { kind, stopped: false, stop() { this.stopped = true; }, getSettings: () => ({ deviceId }) };
}
type FakeTrack = ReturnType<typeof fakeTrack>;

/** getUserMedia whose answers the test releases one by one. */
function controllableMedia() {
  const pending: { kind: 'video' | 'audio'; resolve(t: FakeTrack): void; reject(e: unknown): void }[] = [];
  const getUserMedia = vi.fn((c: MediaStreamConstraints) =>
    new Promise((resolve, reject) => {
      const kind = c.video ? 'video' : 'audio';
      pending.push({
        kind,
        resolve: (t) => resolve({ getVideoTracks: () => (kind === 'video' ? [t] : []), getAudioTracks: () => (kind === 'audio' ? [t] : []) }),
        reject,
      });
    }),
  );
  return { pending, getUserMedia };
}

let media: ReturnType<typeof controllableMedia>;
let useMediaStore: typeof import('./media-store.ts').useMediaStore;

beforeEach(async () => {
  vi.resetModules();
  media = controllableMedia();
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: media.getUserMedia, enumerateDevices: async () => [] } });
  vi.stubGlobal('document', { featurePolicy: { allowsFeature: (f: string) => f !== 'camera' } });
  ({ useMediaStore } = await import('./media-store.ts'));
});
afterEach(() => vi.unstubAllGlobals());

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('media store', () => {
  it('opens camera and mic once each and keeps the tracks', async () => {
    const started = useMediaStore.getState().start();
    const cam = fakeTrack('video');
    const mic = fakeTrack('audio');
    media.pending.find((p) => p.kind === 'video')!.resolve(cam);
    media.pending.find((p) => p.kind === 'audio')!.resolve(mic);
    await started;
    expect(useMediaStore.getState().camera).toMatchObject({ track: cam, enabled: true, starting: false, deviceId: 'video-1' });
    expect(media.getUserMedia).toHaveBeenCalledTimes(2);
    await useMediaStore.getState().start();
    expect(media.getUserMedia).toHaveBeenCalledTimes(2);
  });

  it('turning the camera off stops its track (the light goes off)', async () => {
    const started = useMediaStore.getState().start({ micOn: false });
    const cam = fakeTrack('video');
    media.pending[0]!.resolve(cam);
    await started;
    await useMediaStore.getState().setEnabled('camera', false);
    expect(cam.stopped).toBe(true);
    expect(useMediaStore.getState().camera).toMatchObject({ enabled: false, track: undefined });
  });

  it('a camera that opens after it was turned off is stopped at once, not left on', async () => {
    const started = useMediaStore.getState().start({ micOn: false });
    await flush();
    await useMediaStore.getState().setEnabled('camera', false);
    const late = fakeTrack('video');
    media.pending[0]!.resolve(late);
    await started;
    expect(late.stopped).toBe(true);
    expect(useMediaStore.getState().camera).toMatchObject({ enabled: false, track: undefined, starting: false });
  });

  it('of two overlapping opens (quick device switching), only the newest track is kept', async () => {
    const started = useMediaStore.getState().start({ micOn: false });
    await flush();
    const switched = useMediaStore.getState().selectDevice('camera', 'video-2');
    await flush();
    const first = fakeTrack('video', 'video-1');
    const second = fakeTrack('video', 'video-2');
    media.pending[1]!.resolve(second);
    media.pending[0]!.resolve(first);
    await Promise.all([started, switched]);
    expect(first.stopped).toBe(true);
    expect(second.stopped).toBe(false);
    expect(useMediaStore.getState().camera.track).toBe(second);
  });

  it('a track that arrives after the hand-over to the call is stopped', async () => {
    const started = useMediaStore.getState().start({ micOn: false });
    await flush();
    expect(useMediaStore.getState().handOver().camera).toBeUndefined();
    const late = fakeTrack('video');
    media.pending[0]!.resolve(late);
    await started;
    expect(late.stopped).toBe(true);
    expect(useMediaStore.getState().camera.track).toBeUndefined();
  });

  it('says why a device cannot be used: blocked by the browser, by the embedding page, or missing', async () => {
    const started = useMediaStore.getState().start();
    await flush();
    const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    media.pending.find((p) => p.kind === 'video')!.reject(denied);
    media.pending.find((p) => p.kind === 'audio')!.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
    await started;
    // The fake document's permissions policy blocks the camera only.
    expect(useMediaStore.getState().camera).toMatchObject({ enabled: false, problem: 'blocked-by-embedder' });
    expect(useMediaStore.getState().mic).toMatchObject({ enabled: false, problem: 'denied' });
  });
});
