/** Chat and the participants panel share the side of the call: opening one closes the other. */
import { useEffect } from 'react';
import { useChatStore } from '../chat/chat-store.ts';
import { useParticipantsPanel } from '../participants/panel-store.ts';

export function useOneSidePanel() {
  useEffect(() => {
    const offChat = useChatStore.subscribe((s, prev) => {
      if (s.open && !prev.open) useParticipantsPanel.getState().close();
    });
    const offPeople = useParticipantsPanel.subscribe((s, prev) => {
      if (s.open && !prev.open && useChatStore.getState().open) useChatStore.getState().setOpen(false);
    });
    return () => {
      offChat();
      offPeople();
    };
  }, []);
}
