/** A LiveKit that dies under a running Foyer is started again with the same keys, and joins work again. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../testing/server-process.ts';

let server: ServerProcess | undefined;
afterAll(async () => {
  if (!server) return;
  await server.stop();
  removeDataDir(server.dataDir);
});

const livekitPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'livekit.pid'), 'utf8'));
/** Running, not merely a zombie waiting for its new parent to reap it after Foyer exited. */
const running = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('the LiveKit watchdog', () => {
  it('starts LiveKit again after it is killed, and stops it with Foyer', async () => {
    server = await startServerProcess({ ports: { port: 3560, livekitPort: 8560, udpStart: 52560 } });
    const auth = { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' };
    expect((await fetch(`${server.baseUrl}/v1/rooms`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'watched' }) })).status).toBe(200);
    const join = () => fetch(`${server!.baseUrl}/api/rooms/watched/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ada' }) });
    expect((await join()).status).toBe(200);

    const first = livekitPid(server.dataDir);
    process.kill(first, 'SIGKILL');
    await server.waitForOutput(/LiveKit is back \(pid \d+\)/, 30_000);
    const second = livekitPid(server.dataDir);
    expect(second).not.toBe(first);
    // The control plane drives the new LiveKit with the same keys: a join opens the room there.
    expect((await join()).status).toBe(200);

    expect(await server.stop()).toBe(0);
    await expect.poll(() => running(second)).toBe(false);
  });
});
