/**
 * The waiting list survives the control plane being killed (SIGKILL, nothing cleaned up): a guest who
 * reconnects with their resume key keeps their place, id and knock time. Real process, real LiveKit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../testing/server-process.ts';

const ports = { port: 3700, livekitPort: 8700, udpStart: 52700 };
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const server of running) await server.stop();
  if (running[0]) removeDataDir(running[0].dataDir);
});

async function start(dataDir?: string) {
  const server = await startServerProcess({ ports, ...(dataDir ? { dataDir } : {}) });
  running.push(server);
  return server;
}

/** Opens the lobby channel, sends one message and resolves with the first answer. */
function lobbyAnswer(base: string, room: string, msg: unknown): Promise<{ socket: WebSocket; answer: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/rooms/${room}/lobby`);
    socket.once('open', () => socket.send(JSON.stringify(msg)));
    socket.once('message', (data) => resolve({ socket, answer: JSON.parse(String(data)) }));
    socket.once('error', reject);
  });
}

describe('the lobby across a control-plane crash', () => {
  it('a waiting guest reconnects after SIGKILL and a restart, and keeps their place and id', async () => {
    const first = await start();
    const created = await fetch(`${first.baseUrl}/v1/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'door', privacy: 'private', properties: { enable_knocking: true } }),
    });
    expect(created.status).toBe(200);
    const { socket, answer: waiting } = await lobbyAnswer(first.baseUrl, 'door', { type: 'request-access', name: 'Ada' });
    expect(waiting).toMatchObject({ type: 'waiting', id: expect.any(String), resumeKey: expect.any(String) });
    const closed = new Promise((resolve) => socket.once('close', resolve));

    await first.kill();
    await closed;
    const second = await start(first.dataDir);

    // A made-up key is not a place: it is a new knock.
    const stranger = await lobbyAnswer(second.baseUrl, 'door', { type: 'request-access', name: 'Eve', resume: 'made-up-key' });
    expect(stranger.answer).toMatchObject({ type: 'waiting' });
    expect(stranger.answer.id).not.toBe(waiting.id);
    stranger.socket.close();

    const back = await lobbyAnswer(second.baseUrl, 'door', { type: 'request-access', name: 'Ada', resume: waiting.resumeKey });
    expect(back.answer).toEqual({ ...waiting, resumeKey: waiting.resumeKey });
    back.socket.close();
  });
});
