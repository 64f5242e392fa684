/**
 * Everyone in the call, and for owners every owner power: per-person actions, the owner-only
 * broadcast switch and the waiting list from knocking. A side panel on wide screens, the whole
 * width on a phone. Each row subscribes to its own participant only.
 */
import { useEffect, useRef } from 'react';
import { useParticipantOrder } from '../call/participants-store.ts';
import { useT } from '../i18n/index.ts';
import { OwnerWaitingList } from '../lobby/OwnerWaitingList.tsx';
import { BroadcastSwitch } from './BroadcastSwitch.tsx';
import { ParticipantRow } from './ParticipantRow.tsx';
import { useParticipantsPanel } from './panel-store.ts';
import { useIsOwner } from './use-is-owner.ts';
import './participants.css';

export function ParticipantsPanel() {
  const open = useParticipantsPanel((s) => s.open);
  return open ? <OpenPanel /> : null;
}

function OpenPanel() {
  const order = useParticipantOrder();
  const viewerIsOwner = useIsOwner();
  return <ParticipantsPanelView order={order} viewerIsOwner={viewerIsOwner} onClose={useParticipantsPanel.getState().close} />;
}

/** The panel for a given list of identities (rendered alone in tests). */
export function ParticipantsPanelView({ order, viewerIsOwner, onClose }: { order: string[]; viewerIsOwner: boolean; onClose(): void }) {
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  // Keyboard users land in the panel when it opens, and Escape closes it.
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="participants-panel" data-testid="participants-panel" aria-labelledby="participants-heading">
      <header className="participants-panel__header">
        <h2 id="participants-heading">
          {t('participants.title')} <span className="muted">({order.length})</span>
        </h2>
        <button ref={closeRef} className="btn btn--small" aria-label={t('participants.close')} onClick={onClose}>
          ✕
        </button>
      </header>
      {viewerIsOwner && <BroadcastSwitch />}
      {viewerIsOwner && <OwnerWaitingList />}
      <section className="participants-panel__section" aria-label={t('participants.inCall')}>
        <ul className="participants-panel__list">
          {order.map((id) => (
            <ParticipantRow key={id} identity={id} viewerIsOwner={viewerIsOwner} />
          ))}
        </ul>
      </section>
    </aside>
  );
}
