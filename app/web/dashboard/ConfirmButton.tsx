/**
 * A button for what cannot be undone (delete a room, remove a member, a new invite link): the first press
 * asks, in place, with the consequence in words; only the second button does it. Focus moves to the
 * question's button, and back to the first button on Cancel, so a keyboard user is never lost.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';

export interface ConfirmButtonProps {
  label: string;
  /** What will happen, asked before it does. */
  question: string;
  confirmLabel: string;
  onConfirm(): void;
  disabled?: boolean;
  testId: string;
}

export function ConfirmButton(props: ConfirmButtonProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (cancelled.current) openRef.current?.focus();
    cancelled.current = false;
  }, [asking]);

  if (!asking)
    return (
      <button className="btn btn--small" type="button" ref={openRef} data-testid={props.testId} disabled={props.disabled} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  return (
    <div className="dash-confirm" role="group" aria-labelledby={questionId} data-testid={`${props.testId}-confirm`}>
      <p id={questionId}>{props.question}</p>
      <div className="actions">
        <button
          className="btn btn--small btn--danger"
          type="button"
          ref={confirmRef}
          data-testid={`${props.testId}-yes`}
          disabled={props.disabled}
          onClick={() => {
            setAsking(false);
            props.onConfirm();
          }}
        >
          {props.confirmLabel}
        </button>
        <button
          className="btn btn--small"
          type="button"
          data-testid={`${props.testId}-no`}
          onClick={() => {
            cancelled.current = true;
            setAsking(false);
          }}
        >
          {t('dashboard.cancel')}
        </button>
      </div>
    </div>
  );
}
