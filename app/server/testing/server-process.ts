/**
 * The real control plane as a child process (`node --import tsx app/server/main.ts`), for integration
 * tests: its own data dir and ports, its output kept for assertions, killed or stopped on demand.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A strong fixed key for integration runs (Foyer refuses weak API keys at start). */
export const INTEGRATION_API_KEY = 'itest_7Hq2mV9xK4pL8sN3wR6tY1zB5cD0fG2jM4nQ7uX9aE3hJ6kP';

export interface ServerPorts {
  port: number;
  livekitPort: number;
  udpStart: number;
}

export interface ServerProcess {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly env: Record<string, string>;
  /** Everything the process printed (stdout and stderr), in order. */
  output(): string;
  /** Resolves once the output contains `text` (or matches it); rejects after `timeoutMs`. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** SIGKILL: a crash, nothing cleaned up. */
  kill(): Promise<void>;
  /** SIGTERM: a normal stop. Resolves with the exit code. */
  stop(): Promise<number | null>;
  exited(): boolean;
}

export interface StartOptions {
  ports: ServerPorts;
  /** Reuse a data dir (a restart); a fresh temporary one by default. */
  dataDir?: string;
  env?: Record<string, string>;
  args?: string[];
  /** Wait until the server listens (default true). */
  waitUntilListening?: boolean;
}

export async function startServerProcess(opts: StartOptions): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'foyer-itest-'));
  const { port, livekitPort, udpStart } = opts.ports;
  const env: Record<string, string> = {
    FOYER_HOST: '127.0.0.1',
    FOYER_PORT: String(port),
    FOYER_DATA_DIR: dataDir,
    FOYER_API_KEY: INTEGRATION_API_KEY,
    FOYER_LIVEKIT_PORT: String(livekitPort),
    FOYER_LIVEKIT_TCP_PORT: String(livekitPort + 1),
    FOYER_LIVEKIT_UDP_START: String(udpStart),
    FOYER_LIVEKIT_UDP_END: String(udpStart + 50),
    FOYER_LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts', ...(opts.args ?? [])], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of [...listeners]) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exitCode: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    exitCode = code;
    for (const l of [...listeners]) l();
    resolve(code);
  }));

  const proc: ServerProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    env,
    output: () => out,
    waitForOutput(text, timeoutMs = 60_000) {
      const seen = () => (typeof text === 'string' ? out.includes(text) : text.test(out));
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = () => {
          if (seen()) {
            done();
            resolve();
          } else if (exitCode !== undefined) {
            done();
            reject(new Error(`the server exited (${exitCode}) before printing ${String(text)}; it printed:\n${out}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`the server did not print ${String(text)} within ${timeoutMs} ms; it printed:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async kill() {
      if (exitCode === undefined) child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exit;
    },
    exited: () => exitCode !== undefined,
  };
  if (opts.waitUntilListening ?? true) await proc.waitForOutput('Foyer is listening on');
  return proc;
}

/** Removes a data dir made by `startServerProcess`. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
