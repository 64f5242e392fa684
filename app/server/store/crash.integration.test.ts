/**
 * `kill -9` of the control plane during a burst of room creates: every room the API answered 200 for
 * exists after the restart, and nothing half-created is left (each room is whole or absent).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../testing/server-process.ts';

const ports = { port: 3710, livekitPort: 8710, udpStart: 52760 };
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const server of running) await server.stop();
  if (running[0]) removeDataDir(running[0].dataDir);
});

const auth = { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' };

describe('the store across a crash', () => {
  it('every room answered with 200 during a burst exists after SIGKILL and a restart', async () => {
    // Daily's API budget would answer most of the burst with 429: lift it for this run.
    const env = { FOYER_API_REQUESTS_PER_5S: '100000' };
    const first = await startServerProcess({ ports, env });
    running.push(first);
    const confirmed: string[] = [];
    let killing: Promise<void> | undefined;
    const creates = Array.from({ length: 300 }, async (_, i) => {
      const name = `burst-${i}`;
      try {
        const res = await fetch(`${first.baseUrl}/v1/rooms`, { method: 'POST', headers: auth, body: JSON.stringify({ name, properties: { max_participants: 7 } }) });
        if (res.status === 200) {
          confirmed.push(name);
          // Kill mid-burst, once some creates have been answered and others are still in flight.
          if (confirmed.length === 50) killing = first.kill();
        }
      } catch {
        // the connection died with the process: this create was never confirmed
      }
    });
    await Promise.all(creates);
    await killing;
    expect(confirmed.length).toBeGreaterThanOrEqual(50);
    expect(confirmed.length).toBeLessThan(300);

    const second = await startServerProcess({ ports, env, dataDir: first.dataDir });
    running.push(second);
    const listed = new Map<string, { config: Record<string, unknown> }>();
    let cursor: string | undefined;
    for (;;) {
      const page = await fetch(`${second.baseUrl}/v1/rooms?limit=100${cursor ? `&starting_after=${cursor}` : ''}`, { headers: auth });
      const body = (await page.json()) as { data: { id: string; name: string; config: Record<string, unknown> }[] };
      for (const room of body.data) listed.set(room.name, room);
      if (body.data.length < 100) break;
      cursor = body.data.at(-1)!.id;
    }
    for (const name of confirmed) expect(listed.has(name), `${name} was answered 200 but is gone`).toBe(true);
    for (const room of listed.values()) expect(room.config).toEqual({ max_participants: 7 });
    console.log(`[figures] ${confirmed.length} creates confirmed before SIGKILL, ${listed.size} rooms after restart`);
  });
});
