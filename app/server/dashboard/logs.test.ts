/**
 * What the dashboard leaves in the server's log, at its most verbose: team changes are there (who removed
 * whom), but never a session id, a meeting token or an invite code, whatever the requests.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TEAM_API } from '../../shared/team-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { fakePasskeys } from '../team/fake-passkeys.ts';
import { inviteCode, ORIGIN, signup } from '../team/team-test-app.ts';
import { D, send } from './dashboard-test-app.ts';

let app: TestApp;
let logged: string;
beforeEach(async () => {
  logged = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  app = await makeTestApp({ env: { FOYER_PUBLIC_URL: ORIGIN }, passkeys: fakePasskeys(), logger: { level: 'trace', stream } });
});
afterEach(async () => {
  await app.close();
});

it('logs team changes but no session id, meeting token or invite code', async () => {
  const oldInvite = await inviteCode(app);
  const ada = await signup('ada@example.com', 'Ada', 'cred-ada', app);
  const bob = await signup('bob@example.com', 'Bob', 'cred-bob', app);
  const asAda = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => send(method, url, body, { cookie: ada.cookie }, app);
  expectOk(await asAda('POST', D.rooms, { name: 'standup', privacy: 'private', knocking: false }));
  const ownerLink = expectOk(await asAda('POST', D.roomLink('standup'), { owner: true })).url as string;
  const guestLink = expectOk(await asAda('POST', D.roomLink('standup'), { owner: false })).url as string;
  expectOk(await asAda('GET', D.team));
  const { inviteLink } = expectOk(await asAda('POST', D.rotateInvite, {}));
  // Refusals too: a cross-site request with the cookie, a made-up cookie, a member's forbidden action.
  expectError(await send('POST', D.rotateInvite, {}, { cookie: ada.cookie, origin: 'http://evil.example' }, app), 403, 'forbidden-error');
  expectError(await send('GET', D.rooms, undefined, { cookie: 'foyer_team=made-up-session-id' }, app), 401, 'authentication-error');
  expectError(await send('POST', D.rotateInvite, {}, { cookie: bob.cookie }, app), 403, 'forbidden-error');
  expectOk(await asAda('DELETE', D.member('bob@example.com')));
  expectError(await send('GET', D.rooms, undefined, { cookie: bob.cookie }, app), 401, 'authentication-error');
  expectOk(await send('POST', TEAM_API.signout, {}, { cookie: ada.cookie }, app));

  expect(logged).toContain('a team owner removed a member from the dashboard');
  expect(logged).toContain('a team owner replaced the invite link from the dashboard');
  const secrets = [
    ada.cookie.split('=')[1]!,
    bob.cookie.split('=')[1]!,
    'made-up-session-id',
    new URLSearchParams(new URL(ownerLink).hash.slice(1)).get('t')!,
    new URLSearchParams(new URL(guestLink).hash.slice(1)).get('t')!,
    oldInvite,
    new URL(inviteLink).searchParams.get('tk')!,
  ];
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(10);
    expect(logged).not.toContain(secret);
  }
});
