/**
 * English texts of the team screens (`team.*`: sign-up from the invite link, sign-in and sign-out with a
 * passkey): the third part of the English catalogue (see en.ts). Not in the entry chunk: it loads with
 * the team chunk (`loadTeamTexts`, awaited by app/web/team/load-team.ts), so nothing in the entry may use
 * these keys (i18n.test.ts checks the entry's imports). Other languages hold them in their one catalogue.
 */
export const enTeam = {
  // --- the home page's team part ---
  'team.heading': 'Team members',
  'team.signin.explain': 'Members of this team sign in with the passkey they created when they joined.',
  'team.signin': 'Sign in with a passkey',
  'team.signin.busy': 'Waiting for your passkey…',
  'team.signedInAs': 'You’re signed in as {name}',
  'team.signedIn.email': 'Email: {email}',
  'team.role.owner': 'You are an owner of this team.',
  'team.signout': 'Sign out',
  'team.dashboard.link': 'Open the dashboard',
  'team.signout.busy': 'Signing out…',
  'team.signedOut': 'You signed out.',
  'team.frame.explain': 'This page is inside another website, where your browser may not keep you signed in. To sign in as a team member, open Foyer in its own tab.',
  'team.frame.link': 'Open Foyer in a new tab',

  // --- sign-up from the invite link ---
  'team.signup.checking': 'Checking your invite link…',
  'team.signup.title': 'Join {team}',
  'team.signup.explain': 'Create a passkey to join the team. Your device keeps it and signs you in next time: no password.',
  'team.signup.name': 'Your name',
  'team.signup.email': 'Your email',
  'team.signup.create': 'Create a passkey',
  'team.signup.busy': 'Creating your passkey…',
  'team.signup.already': 'Already a member?',
  'team.signup.invalidTitle': 'This invite link does not work',
  'team.signup.toHome': 'Go to the home page',
  'team.email.invalid': 'Enter your email address, like name@example.com.',

  // --- what went wrong (the server's error codes and the browser's passkey errors, see team-problem.ts) ---
  'team.problem.invite': 'This invite link is no longer valid. Ask an owner of the team for the current link.',
  'team.problem.nameInvalid': 'This name cannot be used. Type it as plain text, at most 64 characters.',
  'team.problem.emailTaken': 'This email already belongs to a team member. Sign in with your passkey instead.',
  'team.problem.cancelled': 'No passkey was used: the request was cancelled or took too long. Try again when you are ready.',
  'team.problem.unsupported': 'This browser cannot use passkeys. Open this page in an up-to-date browser (Chrome, Edge, Firefox or Safari).',
  'team.problem.hostName': 'Passkeys need Foyer at a host name (like localhost or foyer.example.com), not an IP address. Ask whoever runs Foyer to set FOYER_PUBLIC_URL to one.',
  'team.problem.alreadyRegistered': 'This device already has a passkey for this team. Sign in with it instead.',
  'team.problem.wrongAddress': 'This page is open at another address than the one Foyer is set up with (say 127.0.0.1 instead of localhost). Open the link exactly as the team shared it.',
  'team.problem.expired': 'That took too long. Try again.',
  'team.problem.unknownPasskey': 'This passkey does not belong to a member of the team. If you were removed, ask an owner for the invite link.',
  'team.problem.notVerified': 'Your passkey could not be verified. Try again.',
  'team.problem.cookies': 'Your browser did not keep you signed in here (cookies may be blocked). Open Foyer in a new tab to sign in.',
} as const satisfies Record<string, string | { one: string; other: string }>;
