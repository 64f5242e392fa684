/**
 * The chat panel: messages with sender, time and text (own ones marked), and a field that sends on
 * Enter (Shift+Enter for a new line). A side panel on wide screens, the whole width on a phone.
 */
import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { PersonName } from '../ui/PersonName.tsx';
import { useT } from '../i18n/index.ts';
import type { ChatMessage, ChatSend } from './chat-store.ts';
import { chatText, MAX_CHAT_LENGTH } from './chat-transport.ts';
import './chat.css';

export interface ChatPanelViewProps {
  messages: ChatMessage[];
  /** Absent until the chat is attached to the call. */
  send?: ChatSend;
  close(): void;
}

const timeOf = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function ChatPanelView({ messages, send, close }: ChatPanelViewProps) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const list = useAutoScroll(messages);
  const text = chatText(draft);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!send || !text || sending) return;
    setSending(true);
    setProblem(undefined);
    try {
      await send(text);
      setDraft('');
    } catch {
      setProblem(t('chat.notSent'));
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter is a new line; never mid-composition (IME).
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <aside
      className="chat-panel"
      data-testid="chat-panel"
      aria-label={t('chat.title')}
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <header className="chat-panel__header">
        <h2 className="chat-panel__title">{t('chat.title')}</h2>
        <button className="btn btn--small" onClick={close} aria-label={t('chat.closeLabel')}>
          {t('chat.close')}
        </button>
      </header>
      {/* A log region around a plain list (a role on the <ol> itself would orphan its items). Focusable so the keyboard can scroll it. */}
      <div className="chat-panel__list" ref={list} role="log" aria-live="polite" aria-label={t('chat.messages')} tabIndex={0}>
        <ol className="chat-panel__messages">
          {messages.length === 0 && <li className="chat-panel__empty muted">{t('chat.empty')}</li>}
          {messages.map((m) => (
            <li key={m.id} className={`chat-message${m.mine ? ' chat-message--mine' : ''}`} data-testid="chat-message" data-from={m.fromName} data-mine={m.mine}>
              <div className="chat-message__meta">
                <strong>
                  <PersonName name={m.fromName} />
                </strong>
                {m.mine && <span className="muted"> {t('chat.you')}</span>}{' '}
                <time className="muted" dateTime={new Date(m.at).toISOString()}>
                  {timeOf(m.at)}
                </time>
              </div>
              <p className="chat-message__text" dir="auto">
                {m.text}
              </p>
            </li>
          ))}
        </ol>
      </div>
      <form className="chat-panel__form" onSubmit={(e) => void submit(e)}>
        <textarea
          className="chat-panel__input"
          data-testid="chat-input"
          aria-label={t('chat.input')}
          placeholder={t('chat.placeholder')}
          rows={2}
          maxLength={MAX_CHAT_LENGTH}
          value={draft}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button className="btn btn--primary" type="submit" data-testid="chat-send" disabled={!send || !text || sending}>
          {t('chat.send')}
        </button>
      </form>
      {problem && (
        <p className="chat-panel__problem" role="alert">
          {problem}
        </p>
      )}
    </aside>
  );
}

/** Keeps the newest message in view, unless the person scrolled up to read older ones (their own message always shows). */
function useAutoScroll(messages: ChatMessage[]) {
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const onScroll = () => {
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    };
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, []);
  useLayoutEffect(() => {
    const el = list.current;
    if (el && (atBottom.current || messages.at(-1)?.mine)) el.scrollTop = el.scrollHeight;
  }, [messages]);
  return list;
}
