/** The call's chat: attached to the call while it lasts, and the panel while it is open. */
import { selectMessages, selectOpen, useChatStore } from './chat-store.ts';
import { ChatPanelView } from './ChatPanel.tsx';
import { useChatAttachment, useChatEnabled } from './use-chat.ts';

export function Chat() {
  useChatAttachment();
  const enabled = useChatEnabled();
  const open = useChatStore(selectOpen);
  const messages = useChatStore(selectMessages);
  const send = useChatStore((s) => s.send);
  const setOpen = useChatStore((s) => s.setOpen);
  if (!enabled || !open) return null;
  const close = () => {
    setOpen(false);
    // Back to the control that opened it, so a keyboard user is not left at the top of the page.
    document.getElementById('chat-toggle')?.focus();
  };
  return <ChatPanelView messages={messages} send={send} close={close} />;
}
