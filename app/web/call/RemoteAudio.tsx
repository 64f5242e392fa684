/**
 * Plays every remote participant's sound (mic and screen-share audio), apart from the tiles: someone
 * on another grid page, or off screen in the strip, is still heard.
 */
import { memo, useRef } from 'react';
import type { AudioTrack } from 'livekit-client';
import { useParticipant, useParticipantOrder } from './participants-store.ts';
import { useAttachedTrack } from './use-attached-track.ts';

function AudioElement({ track, ...data }: { track: AudioTrack } & Record<`data-${string}`, string>) {
  const ref = useRef<HTMLAudioElement>(null);
  useAttachedTrack(track, ref);
  return <audio ref={ref} autoPlay {...data} />;
}

const ParticipantAudio = memo(function ParticipantAudio({ identity }: { identity: string }) {
  const p = useParticipant(identity);
  if (!p || p.isLocal) return null;
  return (
    <>
      {p.micTrack && <AudioElement track={p.micTrack} data-testid="remote-audio" data-identity={identity} />}
      {p.screenAudioTrack && <AudioElement track={p.screenAudioTrack} data-testid="remote-screen-audio" data-presenter={identity} />}
    </>
  );
});

export function RemoteAudio() {
  const order = useParticipantOrder();
  return (
    <div hidden>
      {order.map((id) => (
        <ParticipantAudio key={id} identity={id} />
      ))}
    </div>
  );
}
