/**
 * The sign-up screen of the invite link: name, email, Create a passkey. The form checks what it can
 * before the passkey dialog opens; every refusal after that is the server's, told by its code.
 */
import { useRef, useState, type FormEvent } from 'react';
import { DISPLAY_NAME_MAX } from '../../shared/display-name.ts';
import { useT } from '../i18n/index.ts';
import { EMAIL_MAX, emailLooksValid, signupNameProblem } from './signup-check.ts';
import { TeamProblem } from './TeamProblem.tsx';
import type { ProblemKey } from './team-problem.ts';
import type { TeamBusy } from './use-team.ts';

export interface SignupFormProps {
  team: string;
  busy: TeamBusy;
  problem: ProblemKey | null;
  signUp(name: string, email: string): void;
  signIn(): void;
}

export function SignupForm(props: SignupFormProps) {
  const t = useT();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [touched, setTouched] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const nameBad = signupNameProblem(name);
  const emailBad = !emailLooksValid(email);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    // Focus goes to the first field to fix, whose problem its aria-describedby reads out.
    if (nameBad) return nameRef.current?.focus();
    if (emailBad) return emailRef.current?.focus();
    props.signUp(name.trim(), email.trim());
  };

  const showName = touched && nameBad;
  const showEmail = touched && emailBad;
  return (
    <main className="screen" data-testid="signup">
      <div className="card team-form">
        <h1>{t('team.signup.title', { team: props.team })}</h1>
        <p>{t('team.signup.explain')}</p>
        <form onSubmit={submit} noValidate>
          <label className="field">
            <span>{t('team.signup.name')}</span>
            <input
              ref={nameRef}
              data-testid="signup-name"
              value={name}
              autoComplete="name"
              maxLength={DISPLAY_NAME_MAX * 2}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={!!showName}
              aria-describedby={showName ? 'signup-name-problem' : undefined}
            />
          </label>
          {showName && (
            <p className="error" id="signup-name-problem">
              {nameBad.key === 'prejoin.name.tooLong' ? t(nameBad.key, { max: nameBad.max }) : t(nameBad.key)}
            </p>
          )}
          <label className="field">
            <span>{t('team.signup.email')}</span>
            <input
              ref={emailRef}
              data-testid="signup-email"
              type="email"
              value={email}
              autoComplete="email"
              maxLength={EMAIL_MAX}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={showEmail}
              aria-describedby={showEmail ? 'signup-email-problem' : undefined}
            />
          </label>
          {showEmail && (
            <p className="error" id="signup-email-problem">
              {t('team.email.invalid')}
            </p>
          )}
          {/* A blocked cookie shows after the sign-up worked: the new tab's home page signs in with the new passkey. */}
          <TeamProblem problem={props.problem} />
          <button className="btn btn--primary btn--wide" data-testid="signup-button" type="submit" disabled={props.busy !== null}>
            {t(props.busy === 'signup' ? 'team.signup.busy' : 'team.signup.create')}
          </button>
        </form>
        <p className="muted">
          {t('team.signup.already')}{' '}
          <button className="btn btn--small" data-testid="signin-button" type="button" onClick={props.signIn} disabled={props.busy !== null}>
            {t(props.busy === 'signin' ? 'team.signin.busy' : 'team.signin')}
          </button>
        </p>
      </div>
    </main>
  );
}
