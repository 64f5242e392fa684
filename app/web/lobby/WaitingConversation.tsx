/**
 * The owner's side of one waiting guest's thread: what was said so far (the guest's answers included)
 * and a Message button that opens a one-line form. Shown in the knock toast and the waiting list.
 */
import { useState } from 'react';
import { Message, useT } from '../i18n/index.ts';
import { PersonName } from '../ui/PersonName.tsx';
import { LobbyMessageForm, LobbyThread } from './LobbyThread.tsx';
import { threadOf, type WaitingMessaging } from './owner-lobby-store.ts';

export function WaitingConversation({ id, name, messaging }: { id: string; name: string; messaging: WaitingMessaging }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className="waiting-conversation" data-testid="waiting-conversation" data-id={id}>
      <LobbyThread
        messages={threadOf(messaging, id)}
        ariaLabel={t('lobby.message.thread', { name })}
        label={(from) => (from === 'host' ? t('lobby.message.you') : <Message id="lobby.message.from" vars={{ name: <PersonName name={name} /> }} />)}
      />
      {open ? (
        <LobbyMessageForm
          send={(text) => messaging.send(id, text)}
          problem={messaging.problems[id]}
          inputLabel={t('lobby.message.input', { name })}
          placeholder={t('lobby.message.placeholder')}
          testId="waiting-message"
          autoFocus
        />
      ) : (
        <button className="btn btn--small" data-testid="waiting-message-toggle" aria-label={t('lobby.message.toggleLabel', { name })} onClick={() => setOpen(true)}>
          {t('lobby.message.toggle')}
        </button>
      )}
    </div>
  );
}
