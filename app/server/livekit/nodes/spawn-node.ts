/**
 * One LiveKit node of a cluster, run as Foyer's local LiveKit would be (same settings) plus the cluster's
 * Redis and a metrics port, without supervision: for `npm run start:cluster` (app/cluster/) and tests that
 * kill a node and must see it stay dead.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config.ts';
import { acceptsKeys, settingsFor } from '../local-server.ts';
import type { LivekitNode } from './node-list.ts';

export interface ClusterNode extends LivekitNode {
  pid: number;
  /** SIGKILL: the node dies as on a crash; resolves once it is gone. */
  kill(): Promise<void>;
  alive(): boolean;
  /** Stops it (if still running) and removes its files. */
  stop(): Promise<void>;
}

export interface ClusterNodeOptions {
  /** HTTP/WebSocket port; the RTC TCP port is `port + 1`, the metrics port `port + 2`. */
  port: number;
  udpStart: number;
  udpEnd: number;
  redisUrl: string;
  keys: { apiKey: string; apiSecret: string };
  webhookUrl?: string;
  /** Keep its config and log (`livekit-<port>.yaml`/`.log`) here; by default a temporary dir that `stop` removes. */
  dir?: string;
}

export async function spawnClusterNode(opts: ClusterNodeOptions): Promise<ClusterNode> {
  const { livekit } = loadConfig({
    FOYER_LIVEKIT_PORT: String(opts.port),
    FOYER_LIVEKIT_TCP_PORT: String(opts.port + 1),
    FOYER_LIVEKIT_METRICS_PORT: String(opts.port + 2),
    FOYER_LIVEKIT_UDP_START: String(opts.udpStart),
    FOYER_LIVEKIT_UDP_END: String(opts.udpEnd),
    FOYER_LIVEKIT_REDIS_URL: opts.redisUrl,
  } as NodeJS.ProcessEnv);
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'foyer-lk-node-'));
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, `livekit-${opts.port}.yaml`);
  const logPath = join(dir, `livekit-${opts.port}.log`);
  const config = {
    ...settingsFor(livekit),
    keys: { [opts.keys.apiKey]: opts.keys.apiSecret },
    ...(opts.webhookUrl ? { webhook: { api_key: opts.keys.apiKey, urls: [opts.webhookUrl] } } : {}),
  };
  writeFileSync(configPath, JSON.stringify(config), { mode: 0o600 });
  // Straight to a file, not a pipe: the node outlives nothing it depends on.
  const logFd = openSync(logPath, 'a');
  const child = spawn(resolve(livekit.binary), ['--config', configPath], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const giveUpAt = Date.now() + 30_000;
  while (!(await acceptsKeys(opts.port, opts.keys.apiKey, opts.keys.apiSecret))) {
    if (child.exitCode !== null || Date.now() > giveUpAt) {
      child.kill('SIGKILL');
      throw new Error(`LiveKit node on port ${opts.port} did not start; see ${logPath}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return {
    publicUrl: `ws://127.0.0.1:${opts.port}`,
    apiUrl: `http://127.0.0.1:${opts.port}`,
    metricsUrl: `http://127.0.0.1:${opts.port + 2}/metrics`,
    pid: child.pid!,
    kill,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      await kill();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
