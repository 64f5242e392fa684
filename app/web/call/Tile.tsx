/**
 * One video source: a camera (or the person's initials when it is off) or a screen share, with the
 * name, mic state, host badge, connection quality and a pin button. It reads only its own track ref
 * and its own participant, so it re-renders for nobody else.
 */
import { memo, useRef } from 'react';
import { useParticipant } from './participants-store.ts';
import { useTrackRef } from './tracks-store.ts';
import { useLayoutStore } from './layout-store.ts';
import { useAttachedTrack } from './use-attached-track.ts';
import { ConnectionQuality } from './ConnectionQuality.tsx';
import { PersonName } from '../ui/PersonName.tsx';
import { Message, useT } from '../i18n/index.ts';

export function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}

export const Tile = memo(function Tile({ trackKey, size }: { trackKey: string; size?: { width: number; height: number } }) {
  const t = useT();
  const ref = useTrackRef(trackKey);
  const p = useParticipant(ref?.identity ?? '');
  const pinned = useLayoutStore((s) => s.pinned === trackKey);
  const pin = useLayoutStore((s) => s.pin);
  const videoRef = useRef<HTMLVideoElement>(null);
  useAttachedTrack(ref?.track, videoRef);
  if (!ref || !p) return null;
  const screen = ref.source === 'screen';
  const label = screen ? t('call.presenting', { name: p.name }) : p.name;
  return (
    <figure
      className={`tile ${p.speaking && !screen ? 'tile--speaking' : ''} ${screen ? 'tile--screen' : ''}`}
      style={size ? { width: size.width, height: size.height } : undefined}
      data-testid={screen ? 'screen-tile' : 'tile'}
      data-identity={p.identity}
      data-local={p.isLocal}
      data-name={p.name}
      data-owner={p.isOwner}
      data-mic={p.micOn ? 'on' : 'off'}
      data-camera={p.cameraOn ? 'on' : 'off'}
      data-speaking={p.speaking}
      aria-label={label}
    >
      {ref.track ? (
        <video
          ref={videoRef}
          className={`video ${screen ? 'video--contain' : ''} ${p.isLocal && !screen ? 'video--mirrored' : ''}`}
          data-remote={!p.isLocal}
          autoPlay
          playsInline
          muted
        />
      ) : (
        <div className="avatar" aria-hidden>
          {initials(p.name)}
        </div>
      )}
      <figcaption className="tile__label">
        {!screen && <span className={`mic-dot ${p.micOn ? '' : 'mic-dot--off'}`} role="img" aria-label={p.micOn ? t('call.micOn') : t('call.micOff')} />}
        {screen ? <Message id="call.presenting" vars={{ name: <PersonName name={p.name} testId="tile-name" /> }} /> : <PersonName name={p.name} testId="tile-name" />}
        {p.isLocal && <span className="muted"> {t('call.you')}</span>}
        {p.isOwner && !screen && <span className="badge">{t('call.host')}</span>}
        {!screen && <ConnectionQuality quality={p.quality} />}
      </figcaption>
      <button
        className="tile__pin btn btn--small"
        data-testid="tile-pin"
        aria-pressed={pinned}
        aria-label={pinned ? t('call.unpin', { name: label }) : t('call.pin', { name: label })}
        onClick={() => pin(pinned ? undefined : trackKey)}
      >
        {pinned ? t('call.unpinShort') : t('call.pinShort')}
      </button>
    </figure>
  );
});
