/** Every environment variable Foyer reads, with its default, in one place. */
import { resolve } from 'node:path';

export interface LivekitConfig {
  /** Set when Foyer should use an existing LiveKit instead of starting its own. */
  url?: string;
  apiKey?: string;
  apiSecret?: string;
  /** What browsers connect to; defaults to `url`. */
  publicUrl?: string;
  /** The local server Foyer launches when `url` is not set. */
  binary: string;
  port: number;
  rtcTcpPort: number;
  udpPortStart: number;
  udpPortEnd: number;
}

export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  apiKey?: string;
  webDir: string;
  frameAncestors: string[];
  livekit: LivekitConfig;
  logLevel: string;
  /** REST API (`/v1`) requests per 5 s, for the whole key (Daily's budget is 100). */
  apiRequestsPer5s: number;
  /** Client API requests per address per 10 s. */
  clientRequestsPer10s: number;
  /** Knocks per client address per minute. */
  knocksPerMinute: number;
  /** People waiting in one room's lobby at once. */
  maxWaiting: number;
  /** Places one client (address) may hold in lobbies at once. */
  maxWaitingPerClient: number;
  /** How long a knock waits unanswered before it ends (the guest may knock again). */
  maxWaitSeconds: number;
  /** Lobby WebSockets per client address, and in total. */
  lobbySocketsPerClient: number;
  lobbySocketsTotal: number;
  /** TCP connections the HTTP server accepts at once (Node's server.maxConnections). */
  maxConnections: number;
  /** More origins whose pages may open the lobby channel (e.g. the Vite dev server). */
  extraOrigins: string[];
  /** Behind a reverse proxy: which hops to trust for the client address (rate limits are per address). */
  trustProxy: boolean | string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${name} must be a whole number from 0 to ${max}, got "${raw}"`);
  return n;
}

function trustProxy(raw: string | undefined): boolean | string {
  if (!raw || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.FOYER_HOST || '127.0.0.1';
  const port = int(env, 'FOYER_PORT', 3000);
  const livekitUrl = env.LIVEKIT_URL || undefined;
  if (livekitUrl && (!env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET)) {
    throw new Error('LIVEKIT_URL is set: also set LIVEKIT_API_KEY and LIVEKIT_API_SECRET for that LiveKit server');
  }
  return {
    host,
    port,
    publicUrl: (env.FOYER_PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, ''),
    dataDir: resolve(env.FOYER_DATA_DIR || 'data'),
    apiKey: env.FOYER_API_KEY || undefined,
    webDir: resolve(env.FOYER_WEB_DIR || 'dist/web'),
    frameAncestors: (env.FOYER_FRAME_ANCESTORS || '*').split(/\s+/).filter(Boolean),
    logLevel: env.FOYER_LOG_LEVEL || 'info',
    apiRequestsPer5s: int(env, 'FOYER_API_REQUESTS_PER_5S', 100, 1_000_000),
    clientRequestsPer10s: int(env, 'FOYER_CLIENT_REQUESTS_PER_10S', 120, 1_000_000),
    knocksPerMinute: int(env, 'FOYER_KNOCKS_PER_MINUTE', 10, 1_000_000),
    maxWaiting: int(env, 'FOYER_MAX_WAITING', 50, 100_000),
    maxWaitingPerClient: int(env, 'FOYER_MAX_WAITING_PER_CLIENT', 5, 100_000),
    maxWaitSeconds: int(env, 'FOYER_MAX_WAIT_MINUTES', 15, 24 * 60) * 60,
    lobbySocketsPerClient: int(env, 'FOYER_LOBBY_SOCKETS_PER_CLIENT', 20, 1_000_000),
    lobbySocketsTotal: int(env, 'FOYER_LOBBY_SOCKETS_MAX', 10_000, 1_000_000),
    maxConnections: int(env, 'FOYER_MAX_CONNECTIONS', 20_000, 1_000_000),
    extraOrigins: (env.FOYER_EXTRA_ORIGINS || '').split(/[\s,]+/).filter(Boolean),
    trustProxy: trustProxy(env.FOYER_TRUST_PROXY),
    livekit: {
      url: livekitUrl,
      apiKey: env.LIVEKIT_API_KEY || undefined,
      apiSecret: env.LIVEKIT_API_SECRET || undefined,
      publicUrl: env.LIVEKIT_PUBLIC_URL || undefined,
      binary: resolve(env.FOYER_LIVEKIT_BIN || '.tools/bin/server'),
      port: int(env, 'FOYER_LIVEKIT_PORT', 7880),
      rtcTcpPort: int(env, 'FOYER_LIVEKIT_TCP_PORT', 7881),
      udpPortStart: int(env, 'FOYER_LIVEKIT_UDP_START', 50000),
      udpPortEnd: int(env, 'FOYER_LIVEKIT_UDP_END', 50100),
    },
  };
}
