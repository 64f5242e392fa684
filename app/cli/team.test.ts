/**
 * The CLI's team commands against the real routes (in process): the invite link (and rotating it), the
 * members, removing one (signed out at once). Members sign up through the client API with fake ceremonies.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TEAM_API } from '../shared/team-api.ts';
import { expectOk } from '../server/testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../server/testing/test-app.ts';
import { fakePasskeys, fakeRegistration } from '../server/team/fake-passkeys.ts';
import { cliOverApp } from './cli-over-app.ts';
import { parseCommandLine, UsageError } from './args.ts';

const ORIGIN = 'http://localhost:3000';
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ env: { FOYER_PUBLIC_URL: ORIGIN }, passkeys: fakePasskeys() });
});
afterEach(async () => {
  await t.close();
});

const cli = (argv: string[]) => cliOverApp(t, argv, { url: ORIGIN });

const post = (url: string, body: unknown, cookie?: string) =>
  t.app.inject({ method: 'POST', url, payload: body as object, headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) } });

/** Signs up through the client API from the invite link the CLI printed; returns the session cookie. */
async function signUpFrom(link: string, email: string, name: string): Promise<string> {
  const inviteCode = new URL(link).searchParams.get('tk')!;
  const started = expectOk(await post(TEAM_API.signupOptions, { inviteCode, email, name }));
  const res = await post(TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration(`cred-${email}`, started.options.challenge, ORIGIN) });
  expectOk(res);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

const inviteLinkOf = (stdout: string) => stdout.split('\n')[0]!;

it('team invite prints the link the first owner signs up from; team members lists them', async () => {
  const invite = await cli(['team', 'invite']);
  expect(invite, invite.stderr).toMatchObject({ code: 0, stderr: '' });
  expect(inviteLinkOf(invite.stdout)).toMatch(/^http:\/\/localhost:3000\/\?tk=[A-Za-z0-9_-]{43}$/);
  expect((await cli(['team', 'members'])).stdout).toMatch(/^No members yet/);
  await signUpFrom(inviteLinkOf(invite.stdout), 'ada@example.com', 'Ada');
  await signUpFrom(inviteLinkOf(invite.stdout), 'bob@example.com', 'Bob');
  const members = await cli(['team', 'members']);
  const lines = members.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^EMAIL +NAME +ROLE +SINCE$/);
  expect(lines[1]).toMatch(/^ada@example\.com +Ada +owner +2025-01-01 00:00:00Z$/);
  expect(lines[2]).toMatch(/^bob@example\.com +Bob +member +/);
  const asJson = await cli(['team', 'members', '--json']);
  expect(JSON.parse(asJson.stdout).map((m: { role: string }) => m.role)).toEqual(['owner', 'member']);
});

it('team invite warns when Foyer is at an IP address, where browsers refuse passkeys', async () => {
  expect((await cli(['team', 'invite'])).stdout).not.toMatch(/Warning/);
  const ip = await makeTestApp({ passkeys: fakePasskeys() });
  try {
    const { code, stdout } = await cliOverApp(ip, ['team', 'invite']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^http:\/\/127\.0\.0\.1:3000\/\?tk=.*\nThe team's invite link.*\nWarning: passkeys need Foyer at a host name.*FOYER_PUBLIC_URL/);
  } finally {
    await ip.close();
  }
});

it('team invite --rotate replaces the link: the old one no longer signs anyone up', async () => {
  const old = inviteLinkOf((await cli(['team', 'invite'])).stdout);
  const rotated = await cli(['team', 'invite', '--rotate']);
  expect(rotated.code).toBe(0);
  expect(inviteLinkOf(rotated.stdout)).not.toBe(old);
  expect(rotated.stdout).toMatch(/old one no longer works/);
  await expect(signUpFrom(old, 'eve@example.com', 'Eve')).rejects.toThrow(/403/);
  await signUpFrom(inviteLinkOf(rotated.stdout), 'ada@example.com', 'Ada');
});

it('team remove signs the member out at once; an unknown email exits 1 and says where to look', async () => {
  const link = inviteLinkOf((await cli(['team', 'invite'])).stdout);
  const cookie = await signUpFrom(link, 'ada@example.com', 'Ada');
  expect(expectOk(await t.app.inject({ method: 'GET', url: TEAM_API.me, headers: { cookie } })).member).not.toBeNull();
  const removed = await cli(['team', 'remove', 'ADA@example.com']);
  expect(removed, removed.stderr).toMatchObject({ code: 0 });
  expect(removed.stdout).toMatch(/^Removed ada@example\.com/);
  expect(expectOk(await t.app.inject({ method: 'GET', url: TEAM_API.me, headers: { cookie } })).member).toBeNull();
  const again = await cli(['team', 'remove', 'ada@example.com']);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/no member with the email ada@example\.com.*team members/);
});

it('the command line: team needs a subcommand, remove needs an email', () => {
  expect(() => parseCommandLine(['team'])).toThrow(UsageError);
  expect(() => parseCommandLine(['team'])).toThrow(/`team invite`, `team members`, `team remove`/);
  expect(() => parseCommandLine(['team', 'remove'])).toThrow(/needs <email>/);
  expect(parseCommandLine(['team', 'invite', '--rotate'])).toMatchObject({ kind: 'run', options: { rotate: true } });
});
