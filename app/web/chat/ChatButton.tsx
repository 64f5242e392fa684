/** The chat control, with the unread count while the panel is closed. Only in calls that have a chat. */
import { selectOpen, selectUnread, useChatStore } from './chat-store.ts';
import { useChatEnabled } from './use-chat.ts';
import { useT } from '../i18n/index.ts';

export function ChatButton() {
  const enabled = useChatEnabled();
  const open = useChatStore(selectOpen);
  const unread = useChatStore(selectUnread);
  const setOpen = useChatStore((s) => s.setOpen);
  if (!enabled) return null;
  return <ChatButtonView open={open} unread={unread} toggle={() => setOpen(!open)} />;
}

/** The button itself, from what it is given (rendered alone in tests). */
export function ChatButtonView({ open, unread, toggle }: { open: boolean; unread: number; toggle(): void }) {
  const t = useT();
  const showUnread = !open && unread > 0;
  return (
    <button
      id="chat-toggle"
      className="btn btn--round chat-toggle"
      data-testid="chat-toggle"
      aria-pressed={open}
      aria-label={showUnread ? t('chat.toggleUnread', { count: unread }) : t('chat.toggle')}
      onClick={toggle}
    >
      {t('chat.toggle')}
      {showUnread && (
        <span className="chat-unread" data-testid="chat-unread" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
