/**
 * A host's "End for everyone": after a confirmation, the server ends the call for all (each person sees
 * "This meeting has ended"); the room stays for another meeting. Only hosts see it; the server checks.
 */
import { useState } from 'react';
import { useCallStore } from '../flow/call-store.ts';
import { useT } from '../i18n/index.ts';
import { endCallForEveryone, OwnerActionRefused } from './owner-actions-api.ts';
import { RefusalText } from './RefusalText.tsx';
import type { Refusal } from './owner-actions-store.ts';
import { useIsOwner } from './use-is-owner.ts';

export function EndForEveryone() {
  const t = useT();
  const isOwner = useIsOwner();
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  if (!isOwner) return null;
  const end = async () => {
    const { roomName, self } = useCallStore.getState();
    if (!self) return;
    setRefusal(undefined);
    try {
      await endCallForEveryone(roomName, self.session);
    } catch (err) {
      setRefusal(err instanceof OwnerActionRefused ? err.body : { error: 'network-error', info: '' });
      setConfirming(false);
    }
  };
  return confirming ? (
    <span className="end-for-everyone" role="group" aria-label={t('call.endForEveryone')}>
      <button className="btn btn--danger" data-testid="confirm-end-call" onClick={() => void end()}>
        {t('call.endForEveryoneConfirm')}
      </button>
      <button className="btn" data-keep-menu onClick={() => setConfirming(false)}>
        {t('call.cancel')}
      </button>
    </span>
  ) : (
    <>
      <button className="btn btn--round" data-testid="end-call-button" data-keep-menu onClick={() => setConfirming(true)}>
        {t('call.endForEveryone')}
      </button>
      {refusal && <RefusalText refusal={refusal} />}
    </>
  );
}
