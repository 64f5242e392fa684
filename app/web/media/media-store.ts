/**
 * Local camera and microphone: acquired once in the prejoin and handed to the call on join, so the
 * camera never opens twice. Each device kind has its own track, on/off flag, chosen device and error.
 */
import { create } from 'zustand';

export type DeviceKind = 'camera' | 'mic';
export type DeviceProblem = 'denied' | 'blocked-by-embedder' | 'missing' | 'unavailable';

export interface DeviceState {
  track?: MediaStreamTrack;
  enabled: boolean;
  deviceId?: string;
  problem?: DeviceProblem;
  starting: boolean;
}

interface MediaState {
  camera: DeviceState;
  mic: DeviceState;
  cameras: MediaDeviceInfo[];
  mics: MediaDeviceInfo[];
  /** Opens what is enabled and not open yet; calling it again, or while opening, is safe. */
  start(opts?: { cameraOn?: boolean; micOn?: boolean }): Promise<void>;
  setEnabled(kind: DeviceKind, enabled: boolean): Promise<void>;
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /** The call takes ownership of the live tracks; the prejoin no longer stops them. */
  handOver(): { camera?: MediaStreamTrack; mic?: MediaStreamTrack; cameraId?: string; micId?: string };
  stopAll(): void;
}

const FEATURE: Record<DeviceKind, string> = { camera: 'camera', mic: 'microphone' };

function problemOf(err: unknown, kind: DeviceKind): DeviceProblem {
  const name = (err as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    const policy = (document as Document & { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy;
    return policy && !policy.allowsFeature(FEATURE[kind]) ? 'blocked-by-embedder' : 'denied';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'unavailable';
}

function constraintsFor(kind: DeviceKind, deviceId?: string): MediaStreamConstraints {
  const device = deviceId ? { deviceId: { exact: deviceId } } : {};
  return kind === 'camera'
    ? { video: { width: { ideal: 1280 }, height: { ideal: 720 }, ...device } }
    : { audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, ...device } };
}

async function open(kind: DeviceKind, deviceId?: string): Promise<MediaStreamTrack> {
  if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no mediaDevices'), { name: 'NotFoundError' });
  const stream = await navigator.mediaDevices.getUserMedia(constraintsFor(kind, deviceId));
  const track = kind === 'camera' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
  if (!track) throw Object.assign(new Error('no track'), { name: 'NotFoundError' });
  return track;
}

export const useMediaStore = create<MediaState>((set, get) => {
  // Bumped whenever an open in flight stops being wanted (a newer open, off, hand-over, stop), so a
  // track that arrives late is stopped instead of leaving a device on with nobody holding it.
  const generation: Record<DeviceKind, number> = { camera: 0, mic: 0 };
  const invalidate = (...kinds: DeviceKind[]) => kinds.forEach((k) => generation[k]++);

  async function acquire(kind: DeviceKind) {
    const gen = ++generation[kind];
    const current = get()[kind];
    current.track?.stop();
    set({ [kind]: { ...current, track: undefined, starting: true, problem: undefined } } as Partial<MediaState>);
    try {
      const track = await open(kind, current.deviceId);
      if (gen !== generation[kind] || !get()[kind].enabled) {
        track.stop();
        if (gen === generation[kind]) set({ [kind]: { ...get()[kind], starting: false } } as Partial<MediaState>);
        return;
      }
      const deviceId = track.getSettings().deviceId ?? current.deviceId;
      set({ [kind]: { ...get()[kind], track, deviceId, starting: false, problem: undefined } } as Partial<MediaState>);
    } catch (err) {
      if (gen !== generation[kind]) return;
      set({ [kind]: { ...get()[kind], starting: false, enabled: false, problem: problemOf(err, kind) } } as Partial<MediaState>);
    }
  }

  async function refreshDevices() {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    set({
      cameras: all.filter((d) => d.kind === 'videoinput' && d.deviceId),
      mics: all.filter((d) => d.kind === 'audioinput' && d.deviceId),
    });
  }

  return {
    camera: { enabled: true, starting: false },
    mic: { enabled: true, starting: false },
    cameras: [],
    mics: [],
    async start(opts) {
      const s = get();
      const cameraOn = opts?.cameraOn ?? s.camera.enabled;
      const micOn = opts?.micOn ?? s.mic.enabled;
      set({ camera: { ...s.camera, enabled: cameraOn }, mic: { ...s.mic, enabled: micOn } });
      await Promise.all([
        cameraOn && !get().camera.track ? acquire('camera') : undefined,
        micOn && !get().mic.track ? acquire('mic') : undefined,
      ]);
      await refreshDevices();
    },
    async setEnabled(kind, enabled) {
      const current = get()[kind];
      if (!enabled) {
        // Stopping (not just disabling) turns the camera light off.
        invalidate(kind);
        current.track?.stop();
        set({ [kind]: { ...current, enabled: false, track: undefined, starting: false } } as Partial<MediaState>);
        return;
      }
      set({ [kind]: { ...current, enabled: true } } as Partial<MediaState>);
      await acquire(kind);
      await refreshDevices();
    },
    async selectDevice(kind, deviceId) {
      set({ [kind]: { ...get()[kind], deviceId } } as Partial<MediaState>);
      if (get()[kind].enabled) await acquire(kind);
    },
    handOver() {
      invalidate('camera', 'mic');
      const { camera, mic } = get();
      set({ camera: { ...camera, track: undefined, starting: false }, mic: { ...mic, track: undefined, starting: false } });
      return { camera: camera.track, mic: mic.track, cameraId: camera.deviceId, micId: mic.deviceId };
    },
    stopAll() {
      invalidate('camera', 'mic');
      const { camera, mic } = get();
      camera.track?.stop();
      mic.track?.stop();
      set({ camera: { ...camera, track: undefined, starting: false }, mic: { ...mic, track: undefined, starting: false } });
    },
  };
});
