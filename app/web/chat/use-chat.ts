/** Ties the chat to the call: attached while a call whose join answer has `chat` is connected. */
import { useEffect } from 'react';
import { useActiveRoom } from '../call/active-room.ts';
import { useCallStore } from '../flow/call-store.ts';
import { useChatStore } from './chat-store.ts';
import { attachChat } from './chat-transport.ts';

/** Whether this call has a chat (`enable_chat`, as the server said at join). */
export const useChatEnabled = () => useCallStore((s) => s.self?.chat ?? false);

/** Listens for chat while the call is connected; stops, and forgets the messages, when it ends. */
export function useChatAttachment() {
  const room = useActiveRoom((s) => s.room);
  const enabled = useChatEnabled();
  useEffect(() => {
    if (!room || !enabled) return;
    return attachChat(room, useChatStore.getState());
  }, [room, enabled]);
}
