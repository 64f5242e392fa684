/**
 * The control plane's LiveKit across restarts, with the real process: after SIGKILL the next start
 * adopts the running LiveKit (one LiveKit, the call's room still there), SIGTERM stops it; a stale
 * LiveKit of ours is replaced, a foreign port holder is refused by name, a failed launch is reported.
 */
import { RoomServiceClient } from 'livekit-server-sdk';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../testing/server-process.ts';

const started: ServerProcess[] = [];
const holders: Server[] = [];
const livekitPids = new Set<number>();
afterEach(async () => {
  for (const s of started.splice(0)) await s.kill();
  for (const pid of livekitPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  livekitPids.clear();
  for (const h of holders.splice(0)) await new Promise((resolve) => h.close(resolve));
});

async function start(opts: Parameters<typeof startServerProcess>[0]): Promise<ServerProcess> {
  const server = await startServerProcess(opts);
  started.push(server);
  return server;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** LiveKit servers running with this data dir's config, found by their command line. */
function livekitsFor(dataDir: string): number[] {
  const config = join(dataDir, 'livekit.yaml');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('--config') && args[args.indexOf('--config') + 1] === config && alive(Number(entry))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function livekitOf(server: ServerProcess, port: number): { rooms: RoomServiceClient; pid: number } {
  const config = JSON.parse(readFileSync(join(server.dataDir, 'livekit.yaml'), 'utf8')) as { keys: Record<string, string> };
  const [key, secret] = Object.entries(config.keys)[0]!;
  // Found by command line, not by Foyer's pid file: the test checks what runs, not what Foyer says.
  const running = livekitsFor(server.dataDir);
  expect(running).toHaveLength(1);
  const pid = running[0]!;
  livekitPids.add(pid);
  return { rooms: new RoomServiceClient(`http://127.0.0.1:${port}`, key, secret), pid };
}

const v1 = (server: ServerProcess, path: string, init: RequestInit = {}) =>
  fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json', ...init.headers },
  });

describe('restarts and the local LiveKit', () => {
  it('after SIGKILL the next start adopts the running LiveKit; SIGTERM then stops it', async () => {
    const ports = { port: 3500, livekitPort: 8510, udpStart: 52560 };
    const first = await start({ ports });
    const { pid: firstPid } = livekitOf(first, ports.livekitPort);
    // A call going on: the room is opened in LiveKit by a join.
    const room = (await (await v1(first, '/v1/rooms', { method: 'POST', body: JSON.stringify({ name: 'ongoing' }) })).json()) as { id: string };
    const join = await fetch(`${first.baseUrl}/api/rooms/ongoing/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Ada"}' });
    expect(join.status).toBe(200);

    await first.kill();
    // The crash leaves LiveKit running: that is what keeps the call's media going.
    expect(alive(firstPid)).toBe(true);

    const second = await start({ ports, dataDir: first.dataDir });
    expect(second.output()).toContain(`Adopted the LiveKit server already running (pid ${firstPid}) from the last run`);
    expect(livekitsFor(first.dataDir)).toEqual([firstPid]);
    const { rooms, pid } = livekitOf(second, ports.livekitPort);
    expect(pid).toBe(firstPid);
    expect((await v1(second, '/v1/')).status).toBe(200);
    expect((await rooms.listRooms([room.id])).map((r) => r.name)).toEqual([room.id]);
    // The adopted LiveKit works for new joins and deletes too.
    expect((await v1(second, '/v1/rooms/ongoing', { method: 'DELETE' })).status).toBe(200);
    expect(await rooms.listRooms([room.id])).toEqual([]);

    expect(await second.stop()).toBe(0);
    expect(alive(firstPid)).toBe(false);
    expect(livekitsFor(first.dataDir)).toEqual([]);
    removeDataDir(first.dataDir);
  });

  it('a LiveKit of ours left with other settings is stopped and replaced, and says so', async () => {
    const first = await start({ ports: { port: 3510, livekitPort: 8520, udpStart: 52620 } });
    const { pid: oldPid } = livekitOf(first, 8520);
    await first.kill();
    // Same LiveKit ports, another Foyer port: the old LiveKit would send webhooks to the wrong place.
    const second = await start({ ports: { port: 3511, livekitPort: 8520, udpStart: 52620 }, dataDir: first.dataDir });
    expect(second.output()).toContain(`Stopping the LiveKit server left from the last run (pid ${oldPid})`);
    expect(alive(oldPid)).toBe(false);
    const { pid: newPid } = livekitOf(second, 8520);
    expect(newPid).not.toBe(oldPid);
    expect(livekitsFor(first.dataDir)).toEqual([newPid]);
    expect(await second.stop()).toBe(0);
    expect(alive(newPid)).toBe(false);
    removeDataDir(first.dataDir);
  });

  it('refuses to start when something else answers on the LiveKit port, naming the port and the variable', async () => {
    const holder = createHttpServer((_req, res) => res.end('not LiveKit'));
    holders.push(holder);
    await new Promise<void>((resolve) => holder.listen(8530, '127.0.0.1', resolve));
    const server = await start({ ports: { port: 3520, livekitPort: 8530, udpStart: 52680 }, waitUntilListening: false });
    await vi.waitFor(() => expect(server.exited()).toBe(true), { timeout: 30_000, interval: 50 });
    // Exited by itself: stop() sends nothing now and gives the exit code.
    await expect(server.stop()).resolves.toBe(1);
    expect(server.output()).toContain('Foyer could not start');
    expect(server.output()).toMatch(/Port 8530 on 127\.0\.0\.1 is already in use/);
    expect(server.output()).toContain('FOYER_LIVEKIT_PORT');
    expect(livekitsFor(server.dataDir)).toEqual([]);
    removeDataDir(server.dataDir);
  });

  it('a LiveKit that exits while starting stops the start, with the last lines of its log', async () => {
    // LiveKit's TCP port (livekitPort + 1) is taken, so LiveKit cannot bind it and exits.
    const holder = createNetServer();
    holders.push(holder as unknown as Server);
    await new Promise<void>((resolve) => holder.listen(8541, '127.0.0.1', resolve));
    const server = await start({ ports: { port: 3530, livekitPort: 8540, udpStart: 52740 }, waitUntilListening: false });
    await vi.waitFor(() => expect(server.exited()).toBe(true), { timeout: 30_000, interval: 50 });
    // Exited by itself: stop() sends nothing now and gives the exit code.
    await expect(server.stop()).resolves.toBe(1);
    expect(server.output()).toContain('Foyer could not start');
    expect(server.output()).toMatch(/LiveKit server (exited with code \d+|was killed by \w+) while starting/);
    expect(server.output()).toMatch(/8541.*address already in use|address already in use.*8541/);
    expect(livekitsFor(server.dataDir)).toEqual([]);
    removeDataDir(server.dataDir);
  });
});
