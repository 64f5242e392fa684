/**
 * Launches the local LiveKit server (`.tools/bin/server`) on loopback with a generated config,
 * waits until it answers, and stops it when Foyer exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LivekitConfig } from '../config.ts';

export interface LocalLivekit {
  url: string;
  apiKey: string;
  apiSecret: string;
  stop(): void;
}

export async function startLocalLivekit(lk: LivekitConfig, opts: { dataDir: string; webhookUrl: string }): Promise<LocalLivekit> {
  if (!existsSync(lk.binary)) {
    throw new Error(`LiveKit server not found at ${lk.binary}: run "npm run livekit:install" (needs Go), or set LIVEKIT_URL to use an existing one`);
  }
  // A fresh key pair each start: only this control plane ever talks to this server.
  const apiKey = `foyer_${randomBytes(6).toString('hex')}`;
  const apiSecret = randomBytes(32).toString('base64url');
  mkdirSync(opts.dataDir, { recursive: true });
  const configPath = join(opts.dataDir, 'livekit.yaml');
  // JSON is valid YAML, so no YAML library is needed for this generated file.
  const config = {
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
    keys: { [apiKey]: apiSecret },
    webhook: { api_key: apiKey, urls: [opts.webhookUrl] },
    logging: { level: 'warn' },
  };
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });

  const log = createWriteStream(join(opts.dataDir, 'livekit.log'), { flags: 'a' });
  const child: ChildProcess = spawn(lk.binary, ['--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  const stop = () => {
    if (exited === null) child.kill('SIGTERM');
  };
  process.once('exit', stop);

  const url = `ws://127.0.0.1:${lk.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`LiveKit server exited with code ${exited} while starting; see ${join(opts.dataDir, 'livekit.log')} (is port ${lk.port} already in use?)`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${lk.port}/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`LiveKit server did not answer on 127.0.0.1:${lk.port} within 30 s; see ${join(opts.dataDir, 'livekit.log')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, apiKey, apiSecret, stop };
}
