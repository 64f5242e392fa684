/**
 * A removal on schedule survives a control-plane crash, with the real process and its real LiveKit:
 * a participant (LiveKit's signalling over a WebSocket, keeping itself alive with pings) joins a room
 * whose `eject_after_elapsed` removes them some seconds later; the control plane is SIGKILLed and
 * started again before that; LiveKit then tells the participant it was removed, on time.
 */
import { DisconnectReason, SignalRequest, SignalResponse } from '@livekit/protocol';
import { RoomServiceClient } from 'livekit-server-sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../testing/server-process.ts';

const PORTS = { port: 3900, livekitPort: 8900, udpStart: 53900 };
/** Long enough for a crash and a restart on a busy machine, short enough for a test. */
const ELAPSED_SECONDS = 40;

let server: ServerProcess | undefined;
let dataDir: string | undefined;
const sockets: WebSocket[] = [];
afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  if (server) await server.stop();
  if (dataDir) removeDataDir(dataDir);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rest(base: string, path: string, body: object): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
}

/** A participant in LiveKit with signalling only: resolves its leave (reason, when) once LiveKit sends one. */
function connect(livekitToken: string): Promise<{ socket: WebSocket; left: Promise<{ reason: DisconnectReason; at: number }> }> {
  const socket = new WebSocket(`ws://127.0.0.1:${PORTS.livekitPort}/rtc?access_token=${livekitToken}&protocol=15`);
  sockets.push(socket);
  // LiveKit drops a client that sends no pings; a browser's SDK sends them every few seconds too.
  const ping = setInterval(() => {
    if (socket.readyState === WebSocket.OPEN) socket.send(new SignalRequest({ message: { case: 'ping', value: BigInt(Date.now()) } }).toBinary());
  }, 2000);
  socket.on('close', () => clearInterval(ping));
  const left = new Promise<{ reason: DisconnectReason; at: number }>((resolve) => {
    socket.on('message', (data: Buffer) => {
      const msg = SignalResponse.fromBinary(new Uint8Array(data));
      if (msg.message.case === 'leave') resolve({ reason: msg.message.value.reason, at: Date.now() / 1000 });
    });
    socket.on('close', () => resolve({ reason: DisconnectReason.UNKNOWN_REASON, at: Date.now() / 1000 }));
  });
  return new Promise((resolve, reject) => {
    socket.once('message', () => resolve({ socket, left }));
    socket.once('error', reject);
  });
}

describe('removals on schedule across a control-plane restart', () => {
  it('a participant due for removal is removed on time by the restarted control plane', async () => {
    server = await startServerProcess({ ports: PORTS });
    dataDir = server.dataDir;
    const config = JSON.parse(readFileSync(join(dataDir, 'livekit.yaml'), 'utf8')) as { keys: Record<string, string> };
    const [key, secret] = Object.entries(config.keys)[0]!;
    const rooms = new RoomServiceClient(`http://127.0.0.1:${PORTS.livekitPort}`, key, secret);

    const room = await rest(server.baseUrl, '/v1/rooms', { name: 'timed', properties: { eject_after_elapsed: ELAPSED_SECONDS } });
    const res = await fetch(`${server.baseUrl}/api/rooms/timed/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Ada"}' });
    expect(res.status).toBe(200);
    const joined = (await res.json()) as { identity: string; livekitToken: string; willEjectAt: number; ejectReason: string };
    expect(joined.ejectReason).toBe('elapsed');
    const due = joined.willEjectAt;
    const { left } = await connect(joined.livekitToken);

    // A crash: nothing cleaned up, the timer in memory gone. LiveKit (and the call) go on.
    await server.kill();
    server = await startServerProcess({ ports: PORTS, dataDir });
    expect(server.output()).toContain('Adopted the LiveKit server');
    // Back before the removal is due, and the participant is still in the call.
    expect(Date.now() / 1000).toBeLessThan(due - 1);
    expect((await rooms.listParticipants(room.id)).map((p) => p.identity)).toEqual([joined.identity]);

    // Not removed at all would hang: give up a little after the time it was due.
    const late = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('the participant was not removed within 10 s of the time due')), (due + 10) * 1000 - Date.now()));
    const { reason, at } = await Promise.race([left, late]);
    expect(reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    // On time: not before it is due, and within a few seconds after (two busy cores).
    expect(at).toBeGreaterThanOrEqual(due - 0.5);
    expect(at).toBeLessThan(due + 5);
    expect(await rooms.listParticipants(room.id)).toEqual([]);
  });
});
