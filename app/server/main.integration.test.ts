/** The real control plane with its own LiveKit: starts, answers the API, stops cleanly. */
import { afterAll, describe, expect, it } from 'vitest';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from './testing/server-process.ts';

let server: ServerProcess | undefined;
afterAll(async () => {
  if (server) {
    await server.kill();
    removeDataDir(server.dataDir);
  }
});

describe('the control plane process', () => {
  it('starts with a local LiveKit, answers /v1 with the API key, and exits 0 on SIGTERM', async () => {
    server = await startServerProcess({ ports: { port: 3400, livekitPort: 8400, udpStart: 52400 } });
    const res = await fetch(`${server.baseUrl}/v1/`, { headers: { authorization: `Bearer ${INTEGRATION_API_KEY}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ domain_name: 'localhost' });
    expect(await server.stop()).toBe(0);
  });
});
