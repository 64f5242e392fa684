/**
 * The short thread between the owners and one waiting guest, and the one-line form that adds to it.
 * Used on both sides: the guest reads "The host says: …", the owners read the guest's name.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { LOBBY_MESSAGE_MAX, type LobbyMessage } from '../../shared/lobby.ts';
import { useT } from '../i18n/index.ts';
import { problemKey, type MessageProblem, type SendResult } from './message-problem.ts';

/** The lines so far; `label` says who wrote each one from the reader's side. Nothing when the thread is empty. */
export function LobbyThread({ messages, label, ariaLabel }: { messages: LobbyMessage[]; label(from: LobbyMessage['from']): ReactNode; ariaLabel: string }) {
  if (messages.length === 0) return null;
  return (
    <ul className="lobby-thread" data-testid="lobby-thread" aria-label={ariaLabel} aria-live="polite">
      {messages.map((m, i) => (
        <li key={`${m.at}-${i}`} data-testid="lobby-message" data-from={m.from}>
          <span className="lobby-thread__from">{label(m.from)}</span> <bdi>{m.text}</bdi>
        </li>
      ))}
    </ul>
  );
}

export interface LobbyMessageFormProps {
  /** Sends the text; the form clears on success and shows the local refusal otherwise. */
  send(text: string): SendResult;
  /** A refusal that came back from the server after sending. */
  problem?: MessageProblem;
  inputLabel: string;
  placeholder: string;
  /** Test ids: `<testId>-input`, `<testId>-send`, `<testId>-problem`. */
  testId: string;
  autoFocus?: boolean;
}

export function LobbyMessageForm({ send, problem: serverProblem, inputLabel, placeholder, testId, autoFocus }: LobbyMessageFormProps) {
  const t = useT();
  const [text, setText] = useState('');
  const [localProblem, setLocalProblem] = useState<MessageProblem>();
  const problem = localProblem ?? serverProblem;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = send(text);
    setLocalProblem(result.ok ? undefined : result.problem);
    if (result.ok) setText('');
  };
  return (
    <form className="lobby-message-form" onSubmit={submit}>
      <input
        data-testid={`${testId}-input`}
        aria-label={inputLabel}
        placeholder={placeholder}
        value={text}
        // Emoji take two code units each: the exact bound (200 characters) is checked on send.
        maxLength={LOBBY_MESSAGE_MAX * 2}
        autoFocus={autoFocus}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={!!problem}
      />
      <button className="btn btn--small" type="submit" data-testid={`${testId}-send`}>
        {t('lobby.message.send')}
      </button>
      {problem && (
        <p className="error" role="alert" data-testid={`${testId}-problem`} data-problem={problem}>
          {t(problemKey(problem))}
        </p>
      )}
    </form>
  );
}
