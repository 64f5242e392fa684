/** The owner's room-level switch: "Only hosts can share audio and video" (owner-only broadcast), live. */
import { useCallStatus } from '../call/call-status-store.ts';
import { useCallStore } from '../flow/call-store.ts';
import { useT } from '../i18n/index.ts';
import { RefusalText } from './RefusalText.tsx';
import { useOwnerActions, type BroadcastState } from './owner-actions-store.ts';

export function BroadcastSwitch() {
  const broadcast = useOwnerActions((s) => s.broadcast);
  // The call's own record (another owner or REST may change it), else this owner's last answer, else the door's.
  const live = useCallStatus((s) => s.ownerOnlyBroadcast);
  const atJoin = useCallStore((s) => s.preauth?.room?.ownerOnlyBroadcast ?? false);
  const shown = live === undefined || broadcast.pending ? broadcast : { ...broadcast, ownerOnly: live };
  return <BroadcastSwitchView broadcast={shown} atJoin={atJoin} onChange={(on) => void useOwnerActions.getState().setOwnerOnlyBroadcast(on)} />;
}

/** The switch itself (rendered alone in tests). */
export function BroadcastSwitchView({ broadcast, atJoin, onChange }: { broadcast: BroadcastState; atJoin: boolean; onChange(on: boolean): void }) {
  const t = useT();
  const on = broadcast.ownerOnly ?? atJoin;
  return (
    <div className="broadcast-switch">
      <button
        type="button"
        className={`switch ${on ? 'switch--on' : ''}`}
        data-testid="broadcast-toggle"
        aria-pressed={on}
        aria-busy={broadcast.pending}
        disabled={broadcast.pending}
        onClick={() => onChange(!on)}
      >
        <span className="switch__knob" aria-hidden />
        {t('participants.ownerOnlyBroadcast')}
      </button>
      <p className="muted broadcast-switch__hint">{t(on ? 'participants.ownerOnlyBroadcast.on' : 'participants.ownerOnlyBroadcast.off')}</p>
      {broadcast.refusal && <RefusalText refusal={broadcast.refusal} />}
    </div>
  );
}
