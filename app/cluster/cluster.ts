/**
 * Foyer scaled out on one machine, with real processes on 127.0.0.1: PostgreSQL and Redis (Debian's
 * packages), two LiveKit nodes in LiveKit's distributed mode on that Redis, and two control planes on that
 * database and Redis, each knowing both nodes. `npm run start:cluster` runs it; the cluster tests and
 * benches start the same thing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnClusterNode, type ClusterNode } from '../server/livekit/nodes/spawn-node.ts';
import { startPostgres, startRedis, type RunningService } from '../server/testing/services.ts';

export interface ClusterPorts {
  postgres: number;
  redis: number;
  /** The control planes' HTTP ports, one per instance. */
  controlPlanes: number[];
  /** Each LiveKit node's HTTP/WebSocket port; its RTC TCP port is the next one, UDP ranges follow `udpStart`. */
  livekitNodes: number[];
  udpStart: number;
}

export const DEFAULT_CLUSTER_PORTS: ClusterPorts = {
  postgres: 5433,
  redis: 6380,
  controlPlanes: [3000, 3001],
  livekitNodes: [7880, 7890],
  udpStart: 50000,
};

/** UDP ports per LiveKit node (enough for a few dozen participants on loopback). */
const UDP_PER_NODE = 100;

export interface ClusterOptions {
  /** Kept across starts: the database, LiveKit's keys and logs. */
  dataDir: string;
  ports?: ClusterPorts;
  /** Extra environment for the control planes (limits, log level, an API key). */
  env?: Record<string, string>;
  /** Host name in the control planes' public URLs (default `localhost`: passkeys need a name). */
  publicHost?: string;
  /** Where progress goes; each control plane's output is prefixed with its letter. */
  say?: (line: string) => void;
  /** Each control plane's own output lines (default: `say` with a `[a]`/`[b]` prefix). */
  onOutput?: (instance: number, line: string) => void;
}

export interface ControlPlane {
  readonly url: string;
  readonly port: number;
  /** Everything it printed so far. */
  output(): string;
  kill(): Promise<void>;
  /** Starts it again after `kill` (same port and settings). */
  restart(): Promise<void>;
}

export interface Cluster {
  postgres: RunningService;
  redis: RunningService;
  livekitNodes: ClusterNode[];
  controlPlanes: ControlPlane[];
  livekitKeys: { apiKey: string; apiSecret: string };
  stop(): Promise<void>;
}


/** LiveKit's key pair for the cluster: made once, kept in the data dir (owner-only). */
function clusterKeys(dataDir: string): { apiKey: string; apiSecret: string } {
  const path = join(dataDir, 'livekit-keys.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as { apiKey: string; apiSecret: string };
  const keys = { apiKey: `foyer_${randomBytes(6).toString('hex')}`, apiSecret: randomBytes(32).toString('base64url') };
  writeFileSync(path, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}


function exitOf(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

function startControlPlane(index: number, port: number, env: Record<string, string>, onLine: (line: string) => void): ControlPlane & { started: Promise<void> } {
  let child: ChildProcess;
  let out = '';
  let started!: Promise<void>;
  const launch = () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const from = out.length;
    started = new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.slice(from).includes('Foyer is listening on')) {
          child.stdout!.off('data', check);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`control plane ${String.fromCharCode(97 + index)} exited (${code}) while starting:\n${out.slice(from).slice(-3000)}`)));
    });
  };
  launch();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => out,
    get started() {
      return started;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exitOf(child);
    },
    async restart() {
      launch();
      await started;
    },
  };
}

/** Starts the whole cluster; on a failure, stops what it had started and throws. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const ports = opts.ports ?? DEFAULT_CLUSTER_PORTS;
  const say = opts.say ?? ((line: string) => console.log(line));
  const onOutput = opts.onOutput ?? ((i: number, line: string) => say(`[${String.fromCharCode(97 + i)}] ${line}`));
  const host = opts.publicHost ?? 'localhost';
  mkdirSync(opts.dataDir, { recursive: true });
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => {});
  };
  try {
    say(`Starting PostgreSQL on 127.0.0.1:${ports.postgres} ...`);
    const postgres = await startPostgres(ports.postgres, { dir: join(opts.dataDir, 'postgres') });
    started.push(postgres);
    say(`Starting Redis on 127.0.0.1:${ports.redis} ...`);
    const redis = await startRedis(ports.redis, { dir: join(opts.dataDir, 'redis') });
    started.push(redis);

    const keys = clusterKeys(opts.dataDir);
    const livekitNodes: ClusterNode[] = [];
    for (const [i, port] of ports.livekitNodes.entries()) {
      say(`Starting LiveKit node ${i + 1} on 127.0.0.1:${port} ...`);
      // Each node tells one control plane about its rooms (a load balancer would spread them in production).
      const cp = ports.controlPlanes[i % ports.controlPlanes.length]!;
      const udpStart = ports.udpStart + i * UDP_PER_NODE;
      const node = await spawnClusterNode({ port, udpStart, udpEnd: udpStart + UDP_PER_NODE - 1, redisUrl: redis.url, keys, webhookUrl: `http://127.0.0.1:${cp}/webhooks/livekit`, dir: opts.dataDir });
      livekitNodes.push(node);
      started.push(node);
    }

    // Each node: where browsers connect | where the control plane asks | its metrics (its node id).
    const nodes = livekitNodes.map((n) => `${n.publicUrl}|${n.apiUrl}|${n.metricsUrl}`).join(',');
    const controlPlanes: ControlPlane[] = [];
    for (const [i, port] of ports.controlPlanes.entries()) {
      say(`Starting control plane ${String.fromCharCode(97 + i)} on 127.0.0.1:${port} ...`);
      const cp = startControlPlane(i, port, {
        FOYER_PORT: String(port),
        FOYER_PUBLIC_URL: `http://${host}:${port}`,
        FOYER_DATA_DIR: join(opts.dataDir, `control-plane-${String.fromCharCode(97 + i)}`),
        FOYER_DATABASE_URL: postgres.url,
        FOYER_REDIS_URL: redis.url,
        LIVEKIT_API_KEY: keys.apiKey,
        LIVEKIT_API_SECRET: keys.apiSecret,
        FOYER_LIVEKIT_NODES: nodes,
        // Only the first instance makes the demo room and prints its links (one database, one demo).
        ...(i > 0 ? { FOYER_DEMO: '0' } : {}),
        ...opts.env,
      }, (line) => onOutput(i, line));
      started.push({ stop: cp.kill });
      // One at a time: the first start creates the schema and the API key; the others find them.
      await cp.started;
      controlPlanes.push(cp);
    }
    return { postgres, redis, livekitNodes, controlPlanes, livekitKeys: keys, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
