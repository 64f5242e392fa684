/**
 * Throwaway PostgreSQL and Redis servers for tests and the local cluster: real servers from Debian's
 * packages (`npm run services:install`), bound to 127.0.0.1 on the port given, data in a temporary
 * directory that goes with `stop()`. Nothing durable: fsync and snapshots are off.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningService {
  /** `postgres://…` or `redis://…` on 127.0.0.1. */
  readonly url: string;
  readonly port: number;
  /** SIGKILL: the server dies as on a crash (its data dir is kept until `stop`). */
  kill(): Promise<void>;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

const NOT_INSTALLED = 'run "npm run services:install" (as root: installs Debian\'s postgresql and redis-server)';

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(`${root}/${d}/bin/postgres`)) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`PostgreSQL is not installed: ${NOT_INSTALLED}`);
  return `${root}/${newest}/bin`;
}

function redisBin(): string {
  const found = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
  if (!found) throw new Error(`Redis is not installed: ${NOT_INSTALLED}`);
  return found;
}

/** PostgreSQL refuses to run as root: as root, its programs run as Debian's `postgres` user. */
const asRoot = () => process.getuid?.() === 0;
const asServerUser = (cmd: string, args: string[]): [string, string[]] => (asRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

/** Resolves once something accepts TCP connections on 127.0.0.1:`port`. */
async function waitForPort(port: number, what: string, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before listening on 127.0.0.1:${port}:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > giveUpAt) throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function running(child: ChildProcess, url: string, port: number, dir: string): RunningService {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return {
    url,
    port,
    kill,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(late);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function capture(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return () => out.slice(-4000);
}

/**
 * A PostgreSQL server with one database, `foyer`, owned by the user `foyer` (trust auth on 127.0.0.1;
 * the socket file lives in the data dir, so nothing else on the machine is touched).
 */
export async function startPostgres(port: number): Promise<RunningService> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'foyer-pg-'));
  if (asRoot()) spawnSync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asServerUser(`${bin}/initdb`, ['-D', data, '-U', 'foyer', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.stdout}`);
  const [cmd, args] = asServerUser(`${bin}/postgres`, [
    '-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = capture(child);
  await waitForPort(port, 'PostgreSQL', child, output);
  const [psql, psqlArgs] = [`${bin}/psql`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'foyer', '-d', 'postgres', '-c', 'CREATE DATABASE foyer']];
  // Listening comes slightly before accepting logins ("the database system is starting up").
  const giveUpAt = Date.now() + 20_000;
  for (;;) {
    const created = spawnSync(psql, psqlArgs, { encoding: 'utf8' });
    if (created.status === 0) break;
    if (Date.now() > giveUpAt) throw new Error(`could not create the foyer database: ${created.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return running(child, `postgres://foyer@127.0.0.1:${port}/foyer`, port, dir);
}

/** A Redis server with no persistence. */
export async function startRedis(port: number): Promise<RunningService> {
  const dir = mkdtempSync(join(tmpdir(), 'foyer-redis-'));
  const child = spawn(redisBin(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = capture(child);
  await waitForPort(port, 'Redis', child, output);
  return running(child, `redis://127.0.0.1:${port}`, port, dir);
}
