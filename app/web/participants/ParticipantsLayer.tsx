/**
 * What the participants feature adds to the call screen: the panel (when open) and the guest's
 * notice when owner-only broadcast takes their camera and mic away. Forgets its state when the call ends.
 */
import { useEffect } from 'react';
import { BroadcastNotice } from './BroadcastNotice.tsx';
import { ParticipantsPanel } from './ParticipantsPanel.tsx';
import { useOwnerActions } from './owner-actions-store.ts';
import { useParticipantsPanel } from './panel-store.ts';

export function ParticipantsLayer() {
  useEffect(
    () => () => {
      useOwnerActions.getState().reset();
      useParticipantsPanel.getState().close();
    },
    [],
  );
  return (
    <>
      <ParticipantsPanel />
      <BroadcastNotice />
    </>
  );
}
