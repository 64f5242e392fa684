import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoWanted, printDemoLinks } from './demo-room.ts';
import { expectOk } from './testing/http-expect.ts';
import { T0, makeTestApp, type TestApp } from './testing/test-app.ts';

let t: TestApp;
let printed: string[];
const log = (line: string) => printed.push(line);
const output = () => printed.join('\n');
/** The owner link's token, from what was printed. */
const ownerToken = () => /owner: \S+\/demo\?t=(\S+)/.exec(output())?.[1];

beforeEach(async () => {
  t = await makeTestApp();
  printed = [];
});
afterEach(async () => {
  await t.close();
});

describe('demo links at start', () => {
  it('on the first start of a data dir with a generated key: makes the demo room and prints working owner and guest links', async () => {
    await printDemoLinks(t.ctx, { asked: undefined, keyFromEnv: false }, log);
    const room = await t.store.getRoom('demo');
    expect(room).toMatchObject({ privacy: 'private', config: { enable_knocking: true } });
    expect(output()).toContain(`guest: ${t.ctx.config.publicUrl}/demo `);
    const token = ownerToken();
    expect(token).toBeDefined();
    // The embedding demo page, as the owner (the token in the fragment, which never reaches a server).
    expect(output()).toContain(`embedded: ${t.ctx.config.publicUrl}/embed-demo#t=${token}&url=${encodeURIComponent(`${t.ctx.config.publicUrl}/demo`)} `);
    // The owner link gets straight in, as the owner; the guest link knocks.
    const owner = expectOk(await t.client('/api/rooms/demo/preauth', { token }));
    expect(owner).toMatchObject({ access: { level: 'full' }, user: { isOwner: true } });
    expect(expectOk(await t.client('/api/rooms/demo/preauth', {})).access.level).toBe('lobby');
    // For 24 hours.
    t.clock.now = T0 + 24 * 3600 + 1;
    expect(expectOk(await t.client('/api/rooms/demo/preauth', { token })).access.level).toBe('none');
  });

  it('prints the team invite link of a team with no member yet, only where passkeys work (a host name)', async () => {
    await printDemoLinks(t.ctx, { asked: true, keyFromEnv: false }, log);
    expect(output()).not.toContain('team:');
    const named = await makeTestApp({ env: { FOYER_PUBLIC_URL: 'http://localhost:3000' } });
    try {
      printed = [];
      await printDemoLinks(named.ctx, { asked: true, keyFromEnv: false }, log);
      expect(output()).toContain(`team: ${await named.app.team.inviteLink()}   (sign up with a passkey`);
      expect(output()).toContain('http://localhost:3000/dashboard');
    } finally {
      await named.close();
    }
  });

  it('on later starts prints one line saying how to get fresh links, and no token', async () => {
    await printDemoLinks(t.ctx, { asked: undefined, keyFromEnv: false }, log);
    printed = [];
    await printDemoLinks(t.ctx, { asked: undefined, keyFromEnv: false }, log);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/only on the first start.*npm start -- --demo.*FOYER_DEMO=1/);
    expect(output()).not.toContain('?t=');
  });

  it('prints fresh links whenever asked (--demo or FOYER_DEMO=1), also with FOYER_API_KEY set', async () => {
    await printDemoLinks(t.ctx, { asked: undefined, keyFromEnv: false }, log);
    const first = ownerToken();
    printed = [];
    t.clock.now += 10;
    await printDemoLinks(t.ctx, { asked: true, keyFromEnv: true }, log);
    expect(ownerToken()).toBeDefined();
    expect(ownerToken()).not.toBe(first);
  });

  it('keeps a demo room changed by hand private with knocking, and its other settings', async () => {
    expectOk(await t.api('POST', '/v1/rooms', { name: 'demo', privacy: 'public', properties: { enable_chat: true } }));
    await printDemoLinks(t.ctx, { asked: true, keyFromEnv: false }, log);
    expect(await t.store.getRoom('demo')).toMatchObject({ privacy: 'private', config: { enable_knocking: true, enable_chat: true } });
  });

  it('with FOYER_API_KEY set (a configured deployment), makes no demo room unless asked, and says how to ask', async () => {
    await printDemoLinks(t.ctx, { asked: undefined, keyFromEnv: true }, log);
    expect(await t.store.getRoom('demo')).toBeNull();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/npm start -- --demo.*FOYER_DEMO=1/);
    expect(output()).not.toContain('?t=');
  });

  it('with FOYER_DEMO=0, makes and prints nothing, even on the first start', async () => {
    await printDemoLinks(t.ctx, { asked: false, keyFromEnv: false }, log);
    expect(await t.store.getRoom('demo')).toBeNull();
    expect(printed).toEqual([]);
  });

  it('two first starts on one data dir print the links once', async () => {
    await Promise.all([
      printDemoLinks(t.ctx, { asked: undefined, keyFromEnv: false }, log),
      printDemoLinks(t.ctx, { asked: undefined, keyFromEnv: false }, log),
    ]);
    expect(output().match(/owner: /g)).toHaveLength(1);
  });
});

describe('demoWanted', () => {
  it.each<[string[], boolean | undefined, boolean | undefined]>([
    [[], undefined, undefined],
    [['--demo'], undefined, true],
    [['--demo'], false, true],
    [[], true, true],
    [[], false, false],
    [['--port', '3000'], undefined, undefined],
  ])('argv %j with FOYER_DEMO %j → %j', (argv, env, wanted) => {
    expect(demoWanted(argv, env)).toBe(wanted);
  });
});
