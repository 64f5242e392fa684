import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadTeamTexts } from '../i18n/index.ts';
import { MemberPanel, type MemberPanelProps } from './MemberPanel.tsx';
import { SignupForm } from './SignupForm.tsx';
import { emailLooksValid, signupNameProblem } from './signup-check.ts';

// In the app the team's English texts come with the team chunk (load-team.ts); these views render without it.
await loadTeamTexts();

const noop = () => {};
const panel = (over: Partial<MemberPanelProps>) =>
  renderToStaticMarkup(<MemberPanel member={null} framed={false} busy={null} problem={null} signIn={noop} signOut={noop} {...over} />);

describe('MemberPanel', () => {
  it('signed out: a Sign in with a passkey button, under a heading that names the section', () => {
    const html = panel({});
    expect(html).toContain('aria-labelledby="team-heading"');
    expect(html).toMatch(/<button[^>]*data-testid="signin-button"[^>]*>Sign in with a passkey<\/button>/);
    expect(html).not.toContain('signout-button');
  });

  it('signed in: who (the name isolated), their email, and Sign out', () => {
    const html = panel({ member: { name: 'Eve\u202EtsoH', email: 'eve@example.com', role: 'owner' } });
    expect(html).toContain('You’re signed in as <bdi data-testid="member-name">Eve\u202EtsoH</bdi>');
    expect(html).toContain('<p class="muted">Email: eve@example.com</p><p class="muted">You are an owner of this team.</p>');
    expect(html).toMatch(/data-testid="signout-button"[^>]*>Sign out</);
    expect(html).not.toContain('signin-button');
  });

  it('inside an iframe and signed out: says to sign in in a new tab, with a link that opens one', () => {
    const html = panel({ framed: true });
    expect(html).toContain('open Foyer in its own tab');
    expect(html).toMatch(/<a class="team-link" data-testid="team-new-tab" href="\/" target="_blank" rel="noopener">Open Foyer in a new tab<\/a>/);
    expect(html).not.toContain('signin-button');
  });

  it('a failure is announced (role=alert) in words, never the server’s; busy buttons say what they wait for', () => {
    const html = panel({ problem: 'team.problem.cancelled', busy: 'signin' });
    expect(html).toMatch(/<p class="error" role="alert" data-testid="team-problem" data-problem="team.problem.cancelled">No passkey was used/);
    expect(html).toMatch(/disabled="">Waiting for your passkey…</);
  });
});

describe('SignupForm', () => {
  it('has labelled name and email fields and a Create a passkey button, titled with the team', () => {
    const html = renderToStaticMarkup(<SignupForm team="example.com" busy={null} problem={null} signUp={noop} signIn={noop} />);
    expect(html).toContain('<h1>Join example.com</h1>');
    expect(html).toMatch(/<label class="field"><span>Your name<\/span><input[^>]*autoComplete="name"/);
    expect(html).toMatch(/<label class="field"><span>Your email<\/span><input[^>]*type="email"/);
    expect(html).toMatch(/data-testid="signup-button" type="submit">Create a passkey</);
  });

  it('a blocked cookie (after the sign-up worked) offers Foyer in a new tab, to sign in there', () => {
    const html = renderToStaticMarkup(<SignupForm team="t" busy={null} problem="team.problem.cookies" signUp={noop} signIn={noop} />);
    expect(html).toMatch(/role="alert"[^>]*>.*href="\/" target="_blank"/);
  });
});

describe('sign-up checks', () => {
  it('an email of the usual shape, at most 254 characters', () => {
    expect(emailLooksValid(' ada@example.com ')).toBe(true);
    expect(emailLooksValid('ada@localhost')).toBe(false);
    expect(emailLooksValid('ada example.com')).toBe(false);
    expect(emailLooksValid('')).toBe(false);
    expect(emailLooksValid(`${'a'.repeat(250)}@b.co`)).toBe(false);
  });

  it('a name as the prejoin takes it', () => {
    expect(signupNameProblem('Ada')).toBeNull();
    expect(signupNameProblem('  ')).toEqual({ key: 'prejoin.name.required' });
    expect(signupNameProblem('Eve\u202E')).toEqual({ key: 'prejoin.name.invisible' });
  });
});
