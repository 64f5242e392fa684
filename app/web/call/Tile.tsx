/** One participant: camera or avatar, name, mic state, host badge, speaking ring. */
import { memo, useRef } from 'react';
import { useParticipant } from './participants-store.ts';
import { useAttachedTrack } from './use-attached-track.ts';
import { PersonName } from '../ui/PersonName.tsx';

function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}

export const Tile = memo(function Tile({ identity }: { identity: string }) {
  const p = useParticipant(identity);
  const videoRef = useRef<HTMLVideoElement>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  useAttachedTrack(p?.videoTrack, videoRef);
  useAttachedTrack(p?.audioTrack, audioRef);
  if (!p) return null;
  return (
    <figure
      className={`tile ${p.speaking ? 'tile--speaking' : ''}`}
      data-testid="tile"
      data-identity={p.identity}
      data-local={p.isLocal}
      data-name={p.name}
      data-owner={p.isOwner}
      data-mic={p.micOn ? 'on' : 'off'}
      data-camera={p.cameraOn ? 'on' : 'off'}
    >
      {p.videoTrack ? (
        <video ref={videoRef} className={`video ${p.isLocal ? 'video--mirrored' : ''}`} data-remote={!p.isLocal} autoPlay playsInline muted />
      ) : (
        <div className="avatar" aria-hidden>
          {initials(p.name)}
        </div>
      )}
      {p.audioTrack && <audio ref={audioRef} data-testid="remote-audio" data-identity={p.identity} autoPlay />}
      <figcaption className="tile__label">
        <span className={`mic-dot ${p.micOn ? '' : 'mic-dot--off'}`} aria-label={p.micOn ? 'Microphone on' : 'Microphone off'} />
        <PersonName name={p.name} testId="tile-name" />
        {p.isLocal && <span className="muted"> (you)</span>}
        {p.isOwner && <span className="badge">Host</span>}
      </figcaption>
    </figure>
  );
});
