import { useT } from '../i18n/index.ts';
import { useMicLevel } from '../media/use-mic-level.ts';

/** Shows the microphone is picking up sound before joining. */
export function MicMeter({ track }: { track?: MediaStreamTrack }) {
  const level = useMicLevel(track);
  const t = useT();
  return (
    <div className="meter" role="meter" aria-label={t('prejoin.micLevel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)} data-testid="mic-level" data-level={level.toFixed(3)}>
      <div className="meter__fill" style={{ width: `${Math.round(level * 100)}%` }} />
    </div>
  );
}
