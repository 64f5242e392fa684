/** A centred card for every full-page message: refusals, endings, errors. */
import type { ReactNode } from 'react';

export function Screen(props: { testId: string; title: string; children?: ReactNode; actions?: ReactNode; tone?: 'info' | 'warn' }) {
  return (
    <main className="screen" data-testid={props.testId}>
      <div className={`card card--${props.tone ?? 'info'}`} role="alert" aria-live="polite">
        <h1>{props.title}</h1>
        {props.children}
        {props.actions && <div className="actions">{props.actions}</div>}
      </div>
    </main>
  );
}
