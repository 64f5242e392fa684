/**
 * The local LiveKit server (`.tools/bin/server`) on loopback, supervised by Foyer.
 *
 * Foyer writes LiveKit's config (`<data>/livekit.yaml`, with the key pair kept in the store, see
 * `local-keys.ts`, so every control plane on one database drives it) and its pid
 * (`<data>/livekit.pid`), and stops it when Foyer stops normally (SIGINT/SIGTERM). After a crash
 * (SIGKILL) LiveKit keeps running, which keeps calls going; the next start adopts it when it is
 * provably this data dir's LiveKit (its pid file's process runs with this config, and it accepts
 * the config's keys), stops it and starts afresh when it is ours but unusable, and refuses to start
 * when something else holds the port. A launch that fails is never ignored. A LiveKit that dies while
 * Foyer runs is started again with the same keys. With a Redis address it is one node of a LiveKit
 * cluster (LiveKit's distributed mode), on its own ports, saying its node id on its metrics port.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { LivekitConfig } from '../config.ts';

export interface LocalLivekit {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** The LiveKit server's process id. */
  pid: number;
  /** True when this start found the previous run's LiveKit and took it over. */
  adopted: boolean;
  /** Stops LiveKit (SIGTERM, then SIGKILL if it lingers) and resolves once it is gone. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  webhookUrl: string;
  /** The key pair it takes (the store's: the same for every instance and every start). */
  keys: { apiKey: string; apiSecret: string };
  /** Where to say what happened (adopted, replaced); console.log by default. */
  say?: (line: string) => void;
  /** How long LiveKit may take to answer after launch (default 30 s). */
  startTimeoutMs?: number;
}

/** The generated config, JSON (which is valid YAML, so no YAML library is needed). */
interface GeneratedConfig {
  port: number;
  keys: Record<string, string>;
  [k: string]: unknown;
}

const STOP_GRACE_MS = 10_000;
const PROBE_TIMEOUT_MS = 3000;
/** Key probes of a LiveKit that does not answer in time, before it counts as not ours. */
const KEY_PROBE_ATTEMPTS = 4;

export async function startLocalLivekit(lk: LivekitConfig, opts: StartOptions): Promise<LocalLivekit> {
  const say = opts.say ?? ((line: string) => console.log(line));
  mkdirSync(opts.dataDir, { recursive: true });
  const paths = {
    config: join(opts.dataDir, 'livekit.yaml'),
    pid: join(opts.dataDir, 'livekit.pid'),
    log: join(opts.dataDir, 'livekit.log'),
  };
  const url = `ws://127.0.0.1:${lk.port}`;
  const { apiKey, apiSecret } = opts.keys;
  const config = { ...settingsFor(lk), keys: { [apiKey]: apiSecret }, webhook: { api_key: apiKey, urls: [opts.webhookUrl] } };
  const relaunch = () => launch(lk, paths, apiKey, apiSecret, opts.startTimeoutMs ?? 30_000);

  if (await answers(lk.port)) {
    const previous = readConfig(paths.config);
    const pid = readPid(paths.pid);
    const ours = pid !== undefined && isOurLivekit(pid, paths.config);
    if (!ours) {
      throw new Error(
        `Port ${lk.port} on 127.0.0.1 is already in use by something that is not this data dir's LiveKit (${paths.pid} names no LiveKit running with ${paths.config}). ` +
          `Stop whatever holds it, or set FOYER_LIVEKIT_PORT (and FOYER_LIVEKIT_TCP_PORT, FOYER_LIVEKIT_UDP_START/END) to free ports.`,
      );
    }
    const usable = previous && JSON.stringify(previous) === JSON.stringify(config) && (await acceptsKeys(lk.port, apiKey, apiSecret));
    if (usable) {
      say(`Adopted the LiveKit server already running (pid ${pid}) from the last run`);
      return supervised({ url, apiKey, apiSecret, pid, adopted: true, pidPath: paths.pid }, relaunch, say);
    }
    say(`Stopping the LiveKit server left from the last run (pid ${pid}): its config no longer matches or it refuses its keys; starting afresh`);
    await stopPid(pid);
  }

  if (!existsSync(lk.binary)) {
    throw new Error(`LiveKit server not found at ${lk.binary}: run "npm run livekit:install" (needs Go), or set LIVEKIT_URL to use an existing one`);
  }
  writeFileSync(paths.config, JSON.stringify(config, null, 2), { mode: 0o600 });
  const launched = await relaunch();
  return supervised({ url, apiKey, apiSecret, pid: launched, adopted: false, pidPath: paths.pid }, relaunch, say);
}

/**
 * Starts LiveKit with the config file as it is (so with its keys), records its pid, and resolves with
 * the pid once it answers with those keys; a launch that exits or does not answer in time throws with
 * the end of its log.
 */
async function launch(lk: LivekitConfig, paths: { config: string; pid: string; log: string }, apiKey: string, apiSecret: string, timeoutMs: number): Promise<number> {
  // LiveKit writes straight to the log file, not through a pipe to Foyer: after a Foyer crash a pipe
  // would be gone, and LiveKit would die of SIGPIPE on its next log line, taking the calls with it.
  const logOffset = existsSync(paths.log) ? statSync(paths.log).size : 0;
  const logFd = openSync(paths.log, 'a');
  const child = spawn(lk.binary, ['--config', paths.config], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    exited = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    resolve();
  }));
  child.once('error', (err) => {
    exited = `could not be started (${err.message})`;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`LiveKit server at ${lk.binary} could not be started; see ${paths.log}`);
  writeFileSync(paths.pid, `${pid}\n`);

  const failure = (what: string) => {
    const tail = logSince(paths.log, logOffset);
    return new Error(`LiveKit server ${what} while starting (port ${lk.port}, TCP ${lk.rtcTcpPort}, UDP ${lk.udpPortStart}-${lk.udpPortEnd}); last lines of ${paths.log}:\n${tail || '(nothing)'}`);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      rmSync(paths.pid, { force: true });
      throw failure(exited);
    }
    // Answering with our keys, not just answering: the port could belong to someone else.
    if (await acceptsKeys(lk.port, apiKey, apiSecret)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exit;
      rmSync(paths.pid, { force: true });
      throw failure(`did not answer within ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // From here on Foyer does not wait on LiveKit's exit; an orphan is adopted on the next start.
  child.unref();
  return pid;
}

/** LiveKit's settings from Foyer's configuration: the whole config file but its keys and webhook (exported for the cluster test, which runs nodes of its own). */
export function settingsFor(lk: LivekitConfig): Record<string, unknown> {
  return {
    port: lk.port,
    bind_addresses: ['127.0.0.1'],
    rtc: {
      tcp_port: lk.rtcTcpPort,
      port_range_start: lk.udpPortStart,
      port_range_end: lk.udpPortEnd,
      use_external_ip: false,
      node_ip: '127.0.0.1',
      enable_loopback_candidate: true,
    },
    // LiveKit rooms exist only because a join opened them: a token minted before a room was deleted
    // cannot bring its call back.
    room: { auto_create: false },
    logging: { level: 'warn' },
    // One node of a cluster: the nodes meet in this Redis (LiveKit's distributed mode).
    ...(lk.redisUrl ? { redis: redisSettings(lk.redisUrl) } : {}),
    // Where the node says its id (the `node_id` label), so the control plane can act on its death.
    ...(lk.metricsPort > 0 ? { prometheus: { port: lk.metricsPort } } : {}),
  };
}

/** LiveKit's `redis:` section from a redis:// URL. */
export function redisSettings(redisUrl: string): Record<string, unknown> {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.replace(/^\//, '') || 0);
  return {
    address: `${url.hostname}:${url.port || 6379}`,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db > 0 ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { use_tls: true } : {}),
  };
}

function readConfig(path: string): GeneratedConfig | undefined {
  try {
    const config = JSON.parse(readFileSync(path, 'utf8')) as GeneratedConfig;
    return config && typeof config.keys === 'object' ? config : undefined;
  } catch {
    return undefined;
  }
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The process is alive and is a LiveKit server running with this config file. */
function isOurLivekit(pid: number, configPath: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const i = args.indexOf('--config');
    return i >= 0 && args[i + 1] === configPath;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
async function stopPid(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (alive(pid) && !isZombie(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A child of ours that exited but was not reaped yet still "exists" for kill(0). */
function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

/** A RoomService call with these keys works: this LiveKit is one Foyer can drive. */
/**
 * Whether the LiveKit on this port takes these keys. A refusal is an answer; a slow answer is not: a
 * LiveKit busy with calls (two cores, several people decoding video) may take longer than one probe,
 * and stopping it for that would cut every call. So a probe that times out is tried again, a few times.
 */
export async function acceptsKeys(port: number, apiKey: string, apiSecret: string): Promise<boolean> {
  const rooms = new RoomServiceClient(`http://127.0.0.1:${port}`, apiKey, apiSecret, { requestTimeout: PROBE_TIMEOUT_MS / 1000, failover: false });
  for (let attempt = 1; ; attempt++) {
    try {
      await rooms.listRooms();
      return true;
    } catch (err) {
      const status = (err as { status?: number }).status;
      const answered = typeof status === 'number' && status > 0;
      if (answered || attempt >= KEY_PROBE_ATTEMPTS) return false;
    }
  }
}

/** The log lines written since `offset` (this launch's), at most the last 20. */
function logSince(path: string, offset: number): string {
  try {
    return readFileSync(path).subarray(offset).toString('utf8').trim().split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** How often the watchdog looks for a LiveKit that died under a running Foyer. */
const WATCH_EVERY_MS = 1000;

/**
 * The running LiveKit, watched: if it dies while Foyer runs (a crash, an OOM kill), it is started again
 * with the same config and keys, so the control plane keeps working and people can rejoin at once.
 */
function supervised(
  s: { url: string; apiKey: string; apiSecret: string; pid: number; adopted: boolean; pidPath: string },
  relaunch: () => Promise<number>,
  say: (line: string) => void,
): LocalLivekit {
  let pid = s.pid;
  let stopping = false;
  let relaunching = false;
  const watchdog = setInterval(() => {
    if (stopping || relaunching || (alive(pid) && !isZombie(pid))) return;
    relaunching = true;
    say(`LiveKit (pid ${pid}) stopped unexpectedly; starting it again with the same keys`);
    relaunch()
      .then((newPid) => {
        pid = newPid;
        if (stopping) void stopPid(newPid);
        else say(`LiveKit is back (pid ${newPid}); people in calls can rejoin`);
      })
      .catch((err: Error) => say(`LiveKit could not be started again (${err.message}); retrying`))
      .finally(() => {
        relaunching = false;
      });
  }, WATCH_EVERY_MS);
  watchdog.unref();
  return {
    url: s.url,
    apiKey: s.apiKey,
    apiSecret: s.apiSecret,
    get pid() {
      return pid;
    },
    adopted: s.adopted,
    async stop() {
      stopping = true;
      clearInterval(watchdog);
      await stopPid(pid);
      rmSync(s.pidPath, { force: true });
    },
  };
}
