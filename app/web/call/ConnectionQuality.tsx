/** Signal bars for one participant's connection, as LiveKit rates it. */
import type { ConnectionQualityLevel } from './participants-store.ts';
import { useT } from '../i18n/index.ts';

const BARS: Record<ConnectionQualityLevel, number> = { excellent: 3, good: 2, poor: 1, lost: 0, unknown: 0 };

export function ConnectionQuality({ quality }: { quality: ConnectionQualityLevel }) {
  const t = useT();
  if (quality === 'unknown') return null;
  const bars = BARS[quality];
  return (
    <span className={`quality quality--${quality}`} data-testid="connection-quality" data-quality={quality} role="img" aria-label={t(`call.quality.${quality}`)} title={t(`call.quality.${quality}`)}>
      {[1, 2, 3].map((i) => (
        <span key={i} className={`quality__bar ${i <= bars ? 'quality__bar--on' : ''}`} style={{ height: `${i * 4 + 2}px` }} />
      ))}
    </span>
  );
}
