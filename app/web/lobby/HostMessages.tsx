/**
 * On the guest's waiting screen: what the host wrote ("The host says: …") and a way to answer. Only
 * the text: the guest never learns which owner wrote, nor anything else of the call. Nothing shows
 * until a host writes, and the guest cannot write first.
 */
import { useCallStore } from '../flow/call-store.ts';
import { useT } from '../i18n/index.ts';
import { LobbyMessageForm, LobbyThread } from './LobbyThread.tsx';
import { useHostMessages } from './use-host-messages.ts';

export function HostMessages() {
  const lobby = useCallStore((s) => s.guestLobby);
  const { messages, problem, reply } = useHostMessages(lobby);
  return <HostMessagesView messages={messages} problem={problem} reply={reply} />;
}

/** The view alone, from what it is given (rendered alone in tests). */
export function HostMessagesView({ messages, problem, reply }: ReturnType<typeof useHostMessages>) {
  const t = useT();
  if (!messages.some((m) => m.from === 'host')) return null;
  return (
    <section className="host-messages" data-testid="host-messages">
      <LobbyThread messages={messages} ariaLabel={t('lobby.message.hostThread')} label={(from) => t(from === 'host' ? 'lobby.message.hostSays' : 'lobby.message.you')} />
      <LobbyMessageForm send={reply} problem={problem} inputLabel={t('lobby.message.replyInput')} placeholder={t('lobby.message.replyPlaceholder')} testId="host-reply" />
    </section>
  );
}
