/**
 * The 2018 team API over a real call (real LiveKit, Chromium with a virtual authenticator): a room made
 * by `POST /domains/by-name/<team>/room` is `org` by default, so a signed-in member enters it as owner;
 * made public, a guest joins; `…/meetings` then lists the meeting with the member's email and "guest"
 * (ISO start, unix end), ongoing (null ends) and then over; the team lists the room and the user;
 * removing the user signs them out at once; deleting the room takes it away. Plus that era's errors.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_API_KEY } from '../playwright.config.ts';
import { joinCall, newPerson, remoteTile } from './support/call.ts';
import { inviteLink, personWithPasskeys, signUpWithPasskey, uniqueEmail } from './support/team.ts';

const auth = { Authorization: `Bearer ${E2E_API_KEY}` };

interface Participant { email: string; mtgJoin: number; mtgLeave: number | null }
interface Meeting { domain: string; room: string; mtgStart: number; mtgEnd: number | null; participants: Participant[] }

/** The team's name: the deployment's domain name, as `/v1` says it. */
async function teamName(request: APIRequestContext): Promise<string> {
  const res = await request.get('/v1', { headers: auth });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { domain_name: string }).domain_name;
}

/** A request to the 2018 team API; answers the status and the JSON body. */
async function legacy(request: APIRequestContext, method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown, key = E2E_API_KEY) {
  const res = await request.fetch(path, { method, headers: { Authorization: `Bearer ${key}` }, ...(data === undefined ? {} : { data }) });
  return { status: res.status(), body: await res.json() };
}

test('an org room from the 2018 API: a member enters as owner, a guest joins once public, and the meetings list names them', async ({ browser, request }) => {
  const team = await teamName(request);
  const base = `/domains/by-name/${team}`;
  // Short: team name + room name must fit in 35 characters.
  const room = `lg${Date.now().toString(36)}${process.pid % 1000}`;
  const startIso = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();

  const created = await legacy(request, 'POST', `${base}/room`, { name: room });
  expect(created).toEqual({ status: 200, body: { name: room, privacy: 'org', url: expect.stringMatching(new RegExp(`/${room}$`)) } });

  const email = uniqueEmail('ada');
  const ada = await personWithPasskeys(browser);
  await signUpWithPasskey(ada.page, await inviteLink(request), 'Ada Lovelace', email);
  await ada.page.goto(`/${room}`);
  await expect(ada.page.getByTestId('owner-badge')).toBeVisible();
  await joinCall(ada.page);

  expect(await legacy(request, 'POST', `${base}/room/${room}`, { privacy: 'public' })).toEqual({ status: 200, body: { updated: true } });
  const gus = await newPerson(browser);
  await gus.page.goto(`/${room}`);
  await joinCall(gus.page, 'Gus');
  await expect(remoteTile(ada.page, 'Gus')).toBeVisible();

  const meetingsNow = async (): Promise<Meeting[]> => {
    const res = await legacy(request, 'POST', `${base}/meetings`, { start: startIso, end: Math.floor(Date.now() / 1000) + 60, room });
    expect(res.status).toBe(200);
    expect(res.body.moreResults).toBe(false);
    return res.body.meetings as Meeting[];
  };
  const who = (m: Meeting[]) => m.flatMap((x) => x.participants.map((p) => p.email)).sort();
  await expect.poll(async () => who(await meetingsNow())).toEqual([email, 'guest'].sort());
  const [ongoing] = await meetingsNow();
  expect(ongoing).toMatchObject({ domain: team, room, mtgEnd: null });
  expect(ongoing!.mtgStart).toBeGreaterThanOrEqual(Date.parse(startIso) / 1000);
  for (const p of ongoing!.participants) {
    expect(p.mtgLeave).toBeNull();
    expect(p.mtgJoin).toBeGreaterThanOrEqual(ongoing!.mtgStart);
  }

  const teamNow = await legacy(request, 'GET', base);
  expect(teamNow.status).toBe(200);
  expect(teamNow.body).toMatchObject({ name: team, teamInviteLink: await inviteLink(request) });
  expect(teamNow.body.rooms).toContainEqual({ name: room });
  expect(teamNow.body.users[email]).toEqual({ email, name: 'Ada Lovelace', role: expect.stringMatching(/^(owner|member)$/) });

  // Removing the user ends their session at once.
  expect(await legacy(request, 'DELETE', `${base}/user/${encodeURIComponent(email)}`)).toEqual({ status: 200, body: { deleted: 'true' } });
  expect(await ada.me()).toBeNull();

  await gus.close();
  await ada.close();
  await expect.poll(async () => (await meetingsNow())[0]?.mtgEnd ?? null).not.toBeNull();
  const [over] = await meetingsNow();
  for (const p of over!.participants) expect(p.mtgLeave).toEqual(expect.any(Number));
  // Past meetings keep the member's email, though they are no longer in the team.
  expect(who([over!])).toEqual([email, 'guest'].sort());

  expect(await legacy(request, 'DELETE', `${base}/room/${room}`)).toEqual({ status: 200, body: { deleted: 'true' } });
  expect((await request.get(`/v1/rooms/${room}`, { headers: auth })).status()).toBe(404);
});

test('that era\'s errors: HTTP 200 {error: {message}} for the 35-character rule and another team; 401 without the key', async ({ request }) => {
  const team = await teamName(request);
  const tooLong = await legacy(request, 'POST', `/domains/by-name/${team}/room`, { name: 'x'.repeat(36 - team.length) });
  expect(tooLong).toEqual({ status: 200, body: { error: { message: expect.stringContaining('at most 35 characters') } } });
  const otherTeam = await legacy(request, 'GET', '/domains/by-name/acme');
  expect(otherTeam).toEqual({ status: 200, body: { error: { message: `no team named "acme" here; this deployment's team is "${team}": use /domains/by-name/${team}` } } });
  expect(await legacy(request, 'GET', `/domains/by-name/${team}`, undefined, 'not-the-key')).toEqual({ status: 401, body: { error: { message: expect.stringContaining('API key is not valid') } } });
});
