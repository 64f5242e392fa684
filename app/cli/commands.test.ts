/** The rooms and tokens commands against the real `/v1` routes, in process (fake LiveKit). */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyMeetingToken } from '../server/tokens/meeting-token.ts';
import { makeTestApp, TEST_API_KEY, TEST_DOMAIN_ID, type TestApp } from '../server/testing/test-app.ts';
import { cliOverApp } from './cli-over-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const cli = (argv: string[], key = TEST_API_KEY) => cliOverApp(t, argv, { key });

it('creates a room, lists it, makes an owner link whose token the server accepts, and deletes the room', async () => {
  const created = await cli(['rooms', 'create', 'standup', '--privacy', 'private', '--knocking', '--exp', '1d', '--json']);
  expect(created.code).toBe(0);
  expect(JSON.parse(created.stdout)).toMatchObject({ name: 'standup', privacy: 'private', config: { enable_knocking: true, exp: t.clock.now + 86_400 } });

  const listed = await cli(['rooms', 'list']);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(/^NAME +PRIVACY +KNOCKING +EXPIRES +CREATED +URL\nstandup +private +yes +2025-01-02 00:00:00Z +2025-01-01 00:00:00Z +http:\/\/127\.0\.0\.1:3000\/standup\n$/);

  const token = await cli(['tokens', 'create', '--room', 'standup', '--owner', '--name', 'Host', '--exp', '1h']);
  expect(token.code).toBe(0);
  const link = /^(http:\/\/\S+\?t=\S+)$/m.exec(token.stdout)?.[1];
  expect(link, token.stdout).toMatch(/^http:\/\/127\.0\.0\.1:3000\/standup\?t=/);
  const check = await verifyMeetingToken(new URL(link!).searchParams.get('t')!, { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID });
  expect(check.ok && check.token).toMatchObject({ room_name: 'standup', is_owner: true, user_name: 'Host', exp: t.clock.now + 3600 });

  expect(await cli(['rooms', 'delete', 'standup'])).toEqual({ code: 0, stdout: 'Deleted room standup (anyone in its call was removed).\n', stderr: '' });
  expect(await t.store.getRoom('standup')).toBeNull();
  expect((await cli(['rooms', 'list'])).stdout).toMatch(/^No rooms\./);
});

it('passes the server\'s refusal on with exit 1: a taken name, an unknown room, a property the server refuses', async () => {
  await cli(['rooms', 'create', 'standup']);
  expect(await cli(['rooms', 'create', 'standup'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^foyer: .*standup/) });
  expect(await cli(['rooms', 'delete', 'nope'])).toMatchObject({ code: 1, stderr: 'foyer: room nope not found (`npm run foyer -- rooms list` shows the rooms)\n' });
  expect(await cli(['rooms', 'create', '--set', 'colour=red'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/colour/) });
});

it('a wrong key: exit 1 and how to set FOYER_API_KEY, never the key', async () => {
  const wrong = 'wrong_key_Zq8Wm3Rx6Tn1Vb4Yk7Pc2Hd5Jf9Ls0Ga';
  const r = await cli(['rooms', 'list'], wrong);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/the API key was refused .* set FOYER_API_KEY/);
  expect(r.stderr + r.stdout).not.toContain(wrong);
});
