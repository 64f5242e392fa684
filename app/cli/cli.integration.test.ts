/**
 * The operator CLI as an operator runs it: a child process (`node --import tsx app/cli/main.ts`, what
 * `npm run foyer` runs) against the real control plane with its own LiveKit. The server generates its
 * own API key here, so the CLI finds it in the data dir as it would next to a fresh `npm start`.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startServerProcess, type ServerProcess } from '../server/testing/server-process.ts';

let server: ServerProcess;
let apiKey: string;

beforeAll(async () => {
  server = await startServerProcess({
    ports: { port: 3920, livekitPort: 8920, udpStart: 54020 },
    // No FOYER_API_KEY: the first start generates one and keeps it in the data dir.
    env: { FOYER_API_KEY: '', FOYER_DEMO: '0' },
  });
  // Printed right after "listening" on a first start.
  await server.waitForOutput(/REST API key .*: [0-9a-f]{64}\n/);
  apiKey = /REST API key \(shown once[^)]*\): (\S+)/.exec(server.output())?.[1] ?? '';
  expect(apiKey, server.output()).toMatch(/^[0-9a-f]{64}$/);
});

afterAll(async () => {
  if (server) {
    await server.stop();
    removeDataDir(server.dataDir);
  }
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without anything Foyer reads, so only what a test sets reaches the CLI. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FOYER_')));
}

function runProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm run foyer -- <argv>` as a child process, pointed at the test server through its data dir. */
function foyer(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runProcess(process.execPath, ['--import', 'tsx', 'app/cli/main.ts', ...argv], {
    ...cleanEnv(),
    FOYER_PORT: '3920',
    FOYER_DATA_DIR: server.dataDir,
    ...env,
  });
}

async function preauth(room: string, token?: string) {
  const res = await fetch(`${server.baseUrl}/api/rooms/${room}/preauth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(token ? { token } : {}),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access: { level: string }; user: { isOwner: boolean; name?: string } };
}

describe('npm run foyer against the real control plane', () => {
  it('creates a room, lists it, makes a meeting link that preauth accepts, and deletes the room', async () => {
    const created = await foyer(['rooms', 'create', 'cli-room', '--privacy', 'private', '--knocking', '--exp', '1h']);
    expect(created, created.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created room cli-room \(private, knocking, ends \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\)\nhttp:\/\/localhost:3920\/cli-room\n$/);

    const listed = await foyer(['rooms', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^NAME +PRIVACY +KNOCKING +EXPIRES +CREATED +URL$/);
    expect(listed.stdout).toMatch(/^cli-room +private +yes +\S+ \S+ +\S+ \S+ +http:\/\/localhost:3920\/cli-room$/m);

    const token = await foyer(['tokens', 'create', '--room', 'cli-room', '--owner', '--name', 'Host', '--exp', '30m']);
    expect(token.code, token.stderr).toBe(0);
    const link = /^(http:\/\/localhost:3920\/cli-room\?t=\S+)$/m.exec(token.stdout)?.[1];
    expect(link, token.stdout).toBeDefined();
    // The link works: the room's preauth takes its token as the owner's; without it, a guest must knock.
    const owner = await preauth('cli-room', new URL(link!).searchParams.get('t')!);
    expect(owner).toMatchObject({ access: { level: 'full' }, user: { isOwner: true, name: 'Host' } });
    expect((await preauth('cli-room')).access.level).not.toBe('full');

    const json = await foyer(['rooms', 'list', '--json']);
    expect(JSON.parse(json.stdout).data.map((r: { name: string }) => r.name)).toContain('cli-room');

    const deleted = await foyer(['rooms', 'delete', 'cli-room']);
    expect(deleted).toMatchObject({ code: 0, stdout: 'Deleted room cli-room (anyone in its call was removed).\n', stderr: '' });
    expect((await foyer(['rooms', 'list'])).stdout).not.toContain('cli-room');

    // Nothing it printed holds the API key.
    for (const run of [created, listed, token, json, deleted]) expect(run.stdout + run.stderr).not.toContain(apiKey);
  });

  it('bad usage exits 2 with the help, and sends nothing', async () => {
    const bad = await foyer(['rooms', 'create', 'never-made', '--privacy', 'secret']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^foyer: --privacy must be private or public, got "secret"\n\n.*Usage: npm run foyer -- rooms create \[name\] \[options\]/s);
    const unknown = await foyer(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command `frobnicate`[\s\S]*Commands:/);
    const res = await fetch(`${server.baseUrl}/v1/rooms/never-made`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(res.status).toBe(404);
  });

  it('a wrong key exits 1 and says how to set FOYER_API_KEY; a server that is not running, how to start it', async () => {
    const wrong = 'wrong_key_Zq8Wm3Rx6Tn1Vb4Yk7Pc2Hd5Jf9Ls0Ga';
    const refused = await foyer(['rooms', 'list'], { FOYER_API_KEY: wrong });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^foyer: the API key was refused by Foyer at http:\/\/127\.0\.0\.1:3920: set FOYER_API_KEY to the key Foyer printed on its first start/);
    expect(refused.stderr).not.toContain(wrong);

    const down = await foyer(['rooms', 'list'], { FOYER_PORT: '3929' });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe('foyer: cannot reach Foyer at http://127.0.0.1:3929: is `npm start` running? (set FOYER_URL if Foyer runs elsewhere)\n');
  });

  it('is the npm script `foyer`', async () => {
    const run = await runProcess('npm', ['run', '-s', 'foyer', '--', 'help'], cleanEnv());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Foyer operator CLI/);
  });
});
