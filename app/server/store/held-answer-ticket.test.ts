import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { DEFAULT_LOBBY_LIMITS, Lobby } from '../lobby/lobby.ts';
import { participantSessions, sessionKeyFrom } from '../sessions/participant-session.ts';
import { fakeLivekit } from '../testing/fake-livekit.ts';
import { fakeSocket } from '../testing/fake-socket.ts';
import { TEST_API_KEY, TEST_DOMAIN_ID, T0 } from '../testing/test-app.ts';
import { openSqliteStore } from './sqlite-store.ts';

it('an answer held for a dropped guest does not keep the admission ticket in plain', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'foyer-held-'));
  try {
    const store = openSqliteStore(join(dir, 'foyer.db'));
    await store.createRoom({ id: 'room-1', name: 'knock', api_created: true, privacy: 'private', created_at: new Date(T0 * 1000).toISOString(), config: { enable_knocking: true } });
    const ctx = { config: loadConfig({ FOYER_WEB_DIR: '/nonexistent' } as NodeJS.ProcessEnv), store, livekit: fakeLivekit(), deployment: { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID, domainName: '127.0.0.1' }, now: () => T0 };
    const sessions = participantSessions(sessionKeyFrom(TEST_API_KEY));
    const lobby = new Lobby(ctx, sessions, DEFAULT_LOBBY_LIMITS, 0);
    const guest = { socket: fakeSocket(), clientKey: '10.0.0.1' };
    await lobby.requestAccess('knock', guest, { name: 'Ada' });
    const { id, resumeKey } = guest.socket.of('waiting')[0];
    await lobby.guestDisconnected(guest);
    const owner = { socket: fakeSocket(), roomId: 'room-1', identity: 'p_owner', session: await sessions.issue({ roomId: 'room-1', identity: 'p_owner', isOwner: true }, T0) };
    expect(await lobby.answer(owner, { [id]: { grantRequestedAccess: true } })).toBe(true);
    await lobby.close();
    await store.close();
    const back = { socket: fakeSocket(), clientKey: '10.0.0.1' };
    const again = openSqliteStore(join(dir, 'foyer.db'));
    const lobby2 = new Lobby({ ...ctx, store: again }, sessions, DEFAULT_LOBBY_LIMITS, 0);
    await lobby2.requestAccess('knock', back, { name: 'Ada', resume: resumeKey });
    const ticket = back.socket.of('granted')[0].admission as string;
    await again.close();
    const bytes = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
    expect(bytes.includes(ticket)).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
