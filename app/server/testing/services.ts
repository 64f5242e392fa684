/**
 * PostgreSQL and Redis servers for tests and the local cluster (`npm run start:cluster`): real servers from
 * Debian's packages (`npm run services:install`), bound to 127.0.0.1 on the port given. By default their data
 * is in a temporary directory that goes with `stop()`; with `dir`, PostgreSQL's data is kept there across
 * starts. Give ports below 32768: Linux hands out 32768–60999 to outgoing connections, so a server port in that
 * range can already be taken by some client's socket (seen: PostgreSQL on 54322 "Address already in use").
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
/**
 * The server itself is spawned as that user (not through runuser), so `kill()` and `stop()` signal
 * PostgreSQL: runuser does not pass SIGKILL on, and the server would outlive its "crash".
 */
function serverUserIds(): { uid?: number; gid?: number } {
  if (!asRoot()) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

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

/** `dir`: keep the data there across starts (the local cluster); omitted: a temporary dir, removed by `stop()`. */
export interface ServiceOptions {
  dir?: string;
}

function running(child: ChildProcess, url: string, port: number, dir: string, keep: boolean): RunningService {
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
      if (!keep) rmSync(dir, { recursive: true, force: true });
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
export async function startPostgres(port: number, options: ServiceOptions = {}): Promise<RunningService> {
  const bin = postgresBin();
  // Absolute: PostgreSQL resolves its socket dir from its data dir, not from here.
  const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), 'foyer-pg-')));
  mkdirSync(dir, { recursive: true });
  if (asRoot()) spawnSync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  if (!existsSync(join(data, 'PG_VERSION'))) {
    const [initCmd, initArgs] = asServerUser(`${bin}/initdb`, ['-D', data, '-U', 'foyer', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
    const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.stdout}`);
  }
  const child = spawn(`${bin}/postgres`, [
    '-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir,
    '-c', 'max_connections=200',
    // Throwaway data: no need to survive a power cut. Kept data (the local cluster) is written safely.
    ...(options.dir === undefined ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ], { stdio: ['ignore', 'pipe', 'pipe'], ...serverUserIds() });
  const output = capture(child);
  await waitForPort(port, 'PostgreSQL', child, output);
  const psql = (sql: string) => spawnSync(`${bin}/psql`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'foyer', '-d', 'postgres', '-tAc', sql], { encoding: 'utf8' });
  // Listening comes slightly before accepting logins ("the database system is starting up").
  const giveUpAt = Date.now() + 20_000;
  for (;;) {
    const exists = psql("SELECT 1 FROM pg_database WHERE datname = 'foyer'");
    const done = exists.status === 0 && (exists.stdout.trim() === '1' || psql('CREATE DATABASE foyer').status === 0);
    if (done) break;
    if (Date.now() > giveUpAt) throw new Error(`could not create the foyer database: ${exists.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return running(child, `postgres://foyer@127.0.0.1:${port}/foyer`, port, dir, options.dir !== undefined);
}

/** A Redis server with no snapshots (its state is short-lived: waiting lists, budgets, presence). */
export async function startRedis(port: number, options: ServiceOptions = {}): Promise<RunningService> {
  const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), 'foyer-redis-')));
  mkdirSync(dir, { recursive: true });
  const child = spawn(redisBin(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = capture(child);
  await waitForPort(port, 'Redis', child, output);
  return running(child, `redis://127.0.0.1:${port}`, port, dir, options.dir !== undefined);
}
