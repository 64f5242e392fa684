/** Every environment variable Foyer reads, with its default, in one place. */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { apiKeyWeakness, HOW_TO_MAKE_AN_API_KEY } from './api-key-strength.ts';
import { parseLivekitNodes, type LivekitNode } from './livekit/nodes/node-list.ts';

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
  /**
   * FOYER_LIVEKIT_NODES: the nodes of a LiveKit cluster on one Redis; joins and room-service calls go
   * to a live one. With LIVEKIT_API_KEY/SECRET they are all external; without, Foyer also starts its
   * own node (one of them), with keys kept in the store so every instance shares them.
   */
  nodes?: LivekitNode[];
  /**
   * LiveKit's Redis (FOYER_LIVEKIT_REDIS_URL, else FOYER_REDIS_URL): the local LiveKit joins the
   * cluster there, and the control plane takes dead nodes out of it.
   */
  redisUrl?: string;
  /** The local LiveKit's Prometheus port (FOYER_LIVEKIT_METRICS_PORT; 0: off), where it says its node id. */
  metricsPort: number;
}

export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  /** FOYER_DATABASE_URL: the store on PostgreSQL (`postgres://…`) instead of SQLite in `dataDir`. */
  databaseUrl?: string;
  apiKey?: string;
  webDir: string;
  frameAncestors: string[];
  livekit: LivekitConfig;
  logLevel: string;
  /** REST API (`/v1`) requests per 5 s per API key, from any address (Daily's budget is 100); over it, 429 with Retry-After. */
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
  /**
   * Behind a reverse proxy: which hops to trust for the client address (rate limits are per address).
   * `false`: none; a number: that many proxies in front; a list: the proxies' addresses or CIDRs.
   */
  trustProxy: false | number | string[];
  /** Failed `/v1` key checks per client address per minute before that address is refused (429). */
  authFailuresPerMinute: number;
  /** FOYER_DEMO: `true` prints the demo links at every start, `false` never; unset, only on a fresh data dir. */
  demo?: boolean;
  /**
   * FOYER_REDIS_URL: set, the lobby (waiting list, answers, admissions, owner presence, knock budgets,
   * events) and the HTTP rate limits live in this Redis, shared by every control plane on it; unset,
   * in this process.
   */
  redisUrl?: string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 65535, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** One proxy entry: an IPv4/IPv6 address, or one with a CIDR prefix length that fits its family. */
function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * FOYER_TRUST_PROXY, parsed: unset or `false` trusts no proxy; a whole number ≥ 1 is how many proxies
 * stand in front of Foyer; otherwise a comma-separated list of the proxies' addresses or CIDRs.
 * `true` is refused: it would believe whatever X-Forwarded-For a client sends, so every
 * per-address limit could be escaped by making one up.
 */
/**
 * Where people reach Foyer when FOYER_PUBLIC_URL is not set. Bound to loopback, that is `localhost`, not
 * `127.0.0.1`: browsers refuse passkeys on an IP address (the team's sign-in), and both name the same
 * place (the lobby channel and the pages accept either).
 */
export function defaultPublicUrl(host: string, port: number): string {
  return `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`;
}

export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value.toLowerCase() === 'true') {
    throw new Error(
      'FOYER_TRUST_PROXY=true would trust any X-Forwarded-For header a client makes up, so every per-address limit ' +
        'could be escaped. Set the number of proxies in front of Foyer instead (FOYER_TRUST_PROXY=1 for one reverse proxy), ' +
        "or the proxy's address (e.g. FOYER_TRUST_PROXY=10.0.0.5 or 10.0.0.0/24).",
    );
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 100) {
      throw new Error(`FOYER_TRUST_PROXY=${value}: a hop count must be from 1 to 100 (use false to trust no proxy)`);
    }
    return hops;
  }
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (entry === '') throw new Error(`FOYER_TRUST_PROXY has an empty entry in "${value}": separate the proxies' addresses with single commas`);
    if (!isProxyAddress(entry)) {
      throw new Error(
        `FOYER_TRUST_PROXY: "${entry}" is not an IP address or CIDR (like 10.0.0.5 or 10.0.0.0/24); ` +
          'set the number of proxies in front of Foyer (e.g. 1) or their addresses, comma-separated',
      );
    }
  }
  return entries;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '') return undefined;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${name} must be 1 or 0 (true or false), got "${env[name]}"`);
}

function httpUrl(name: string, raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`${name} must be an http:// or https:// URL (like https://meet.example.com), got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * A URL for another service (the database, Redis): one of `protocols`, with a host. The error never repeats
 * the value, which may hold a password.
 */
function serviceUrl(name: string, raw: string | undefined, protocols: string[], example: string, unset: string): string | undefined {
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !protocols.includes(url.protocol) || !url.hostname) {
    throw new Error(`${name} must be a URL like ${example} (unset it to ${unset})`);
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(raw: string | undefined): string {
  if (!raw) return 'info';
  if (!LOG_LEVELS.includes(raw)) throw new Error(`FOYER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw;
}

function apiKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const weakness = apiKeyWeakness(raw);
  // Never echo the key: this message goes to logs.
  if (weakness) {
    throw new Error(
      `FOYER_API_KEY is too weak: ${weakness}. It is also the signing key of meeting tokens, so it must not be guessable: ` +
        `${HOW_TO_MAKE_AN_API_KEY} and set FOYER_API_KEY to it (or unset FOYER_API_KEY and Foyer generates one on first start).`,
    );
  }
  return raw;
}

/** Reads and checks every variable; throws an Error naming the variable (and what to set) on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.FOYER_HOST || '127.0.0.1';
  const port = int(env, 'FOYER_PORT', 3000);
  const livekitUrl = env.LIVEKIT_URL || undefined;
  if (livekitUrl && (!env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET)) {
    throw new Error('LIVEKIT_URL is set: also set LIVEKIT_API_KEY and LIVEKIT_API_SECRET for that LiveKit server');
  }
  const livekitNodes = parseLivekitNodes(env.FOYER_LIVEKIT_NODES);
  // LIVEKIT_URL beside a cluster can only name one of its nodes (the cluster is used, not that node alone).
  if (livekitNodes && livekitUrl && !livekitNodes.some((n) => n.publicUrl === livekitUrl.replace(/\/+$/, ''))) {
    throw new Error(`LIVEKIT_URL (${livekitUrl}) is not one of FOYER_LIVEKIT_NODES: unset LIVEKIT_URL (the nodes list is enough), or list that node`);
  }
  if (livekitNodes && !env.LIVEKIT_API_KEY !== !env.LIVEKIT_API_SECRET) {
    throw new Error('FOYER_LIVEKIT_NODES: set both LIVEKIT_API_KEY and LIVEKIT_API_SECRET (the cluster\'s keys), or neither (Foyer starts its own node with keys kept in its store)');
  }
  const livekitRedis = env.FOYER_LIVEKIT_REDIS_URL
    ? serviceUrl('FOYER_LIVEKIT_REDIS_URL', env.FOYER_LIVEKIT_REDIS_URL, ['redis:', 'rediss:'], 'redis://127.0.0.1:6379', "use FOYER_REDIS_URL's Redis")
    : env.FOYER_REDIS_URL || undefined;
  if (int(env, 'FOYER_LIVEKIT_UDP_START', 50000) > int(env, 'FOYER_LIVEKIT_UDP_END', 50100)) {
    throw new Error('FOYER_LIVEKIT_UDP_START must not be above FOYER_LIVEKIT_UDP_END: set a range like 50000 and 50100');
  }
  return {
    host,
    port,
    publicUrl: env.FOYER_PUBLIC_URL ? httpUrl('FOYER_PUBLIC_URL', env.FOYER_PUBLIC_URL) : defaultPublicUrl(host, port),
    dataDir: resolve(env.FOYER_DATA_DIR || 'data'),
    databaseUrl: serviceUrl('FOYER_DATABASE_URL', env.FOYER_DATABASE_URL, ['postgres:', 'postgresql:'], 'postgres://foyer:password@db.example.com:5432/foyer', 'keep the store in SQLite under FOYER_DATA_DIR'),
    apiKey: apiKey(env.FOYER_API_KEY),
    webDir: resolve(env.FOYER_WEB_DIR || 'dist/web'),
    frameAncestors: (env.FOYER_FRAME_ANCESTORS || '*').split(/\s+/).filter(Boolean),
    logLevel: logLevel(env.FOYER_LOG_LEVEL),
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
    trustProxy: parseTrustProxy(env.FOYER_TRUST_PROXY),
    authFailuresPerMinute: int(env, 'FOYER_AUTH_FAILURES_PER_MINUTE', 10, 1_000_000, 1),
    demo: flag(env, 'FOYER_DEMO'),
    redisUrl: serviceUrl('FOYER_REDIS_URL', env.FOYER_REDIS_URL, ['redis:', 'rediss:'], 'redis://127.0.0.1:6379', 'keep the lobby and rate limits in this process'),
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
      ...(livekitNodes ? { nodes: livekitNodes } : {}),
      ...(livekitRedis ? { redisUrl: livekitRedis } : {}),
      metricsPort: int(env, 'FOYER_LIVEKIT_METRICS_PORT', 0),
    },
  };
}
