/**
 * What a tile shows: one video source of one participant (camera or screen share), as components-js's
 * `TrackReference`. A participant with the camera off still has a camera ref, without a track, so
 * their tile shows an avatar.
 */
import type { VideoTrack } from 'livekit-client';

export type VideoSource = 'camera' | 'screen';

export interface TrackRef {
  /** `<identity>:<source>`, stable for the life of the ref. */
  key: string;
  identity: string;
  source: VideoSource;
  isLocal: boolean;
  /** Absent while the camera is off or the track is not subscribed yet. */
  track?: VideoTrack;
}

export const trackKey = (identity: string, source: VideoSource) => `${identity}:${source}`;
