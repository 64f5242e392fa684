/** The adoption probe: a LiveKit slow to answer is asked again, not taken for someone else's and stopped. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptsKeys } from './local-server.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A stand-in RoomService: `answer(n)` decides the n-th request (delay in ms, HTTP status). */
async function fakeRoomService(answer: (n: number) => { delayMs: number; status: number }): Promise<number> {
  let n = 0;
  server = createServer((req, res) => {
    const { delayMs, status } = answer(++n);
    req.resume();
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"rooms":[]}' : '{"code":"unauthenticated","msg":"invalid token"}');
    }, delayMs);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

describe('acceptsKeys', () => {
  it('asks again when LiveKit is too busy to answer the first probe in time', async () => {
    const port = await fakeRoomService((n) => ({ delayMs: n === 1 ? 3500 : 0, status: 200 }));
    expect(await acceptsKeys(port, 'key', 'secret-secret-secret-secret-secret')).toBe(true);
  }, 15_000);

  it('takes a refusal of the keys as the answer, at once', async () => {
    const port = await fakeRoomService(() => ({ delayMs: 0, status: 401 }));
    const started = Date.now();
    expect(await acceptsKeys(port, 'key', 'secret-secret-secret-secret-secret')).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
