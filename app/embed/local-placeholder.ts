/**
 * `participants().local` before the frame has described this person: daily-js always has a `local`,
 * so the host page's code can read it from the start.
 */
import type { FoyerParticipant, FoyerTrackState } from './api.ts';

export function placeholderLocal(userName = '', audio = false, video = false): FoyerParticipant {
  const track = (on: boolean): FoyerTrackState => (on ? { subscribed: false, state: 'sendable' } : { subscribed: false, state: 'off', off: { byUser: true } });
  return {
    session_id: '',
    user_id: '',
    user_name: userName,
    local: true,
    owner: false,
    audio,
    video,
    screen: false,
    tracks: { audio: track(audio), video: track(video), screenAudio: track(false), screenVideo: track(false) },
    will_eject_at: new Date(0),
    permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
    record: false,
    cam_info: {},
    screen_info: {},
  };
}
