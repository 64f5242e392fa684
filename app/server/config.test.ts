import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from './config.ts';

const STRONG_KEY = '039f8228982b91dfbed6710eeaf8b156133a49cff894522ca4c9c65455e5e178';
const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv);

describe('loadConfig defaults', () => {
  it('runs on loopback with everything generated or defaulted when nothing is set', () => {
    const config = load({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      // localhost, not 127.0.0.1: passkeys need a host name.
      publicUrl: 'http://localhost:3000',
      dataDir: resolve('data'),
      databaseUrl: undefined,
      apiKey: undefined,
      webDir: resolve('dist/web'),
      frameAncestors: ['*'],
      logLevel: 'info',
      clientRequestsPer10s: 120,
      apiRequestsPer5s: 100,
      knocksPerMinute: 10,
      maxWaiting: 50,
      maxWaitingPerClient: 5,
      maxWaitSeconds: 15 * 60,
      lobbySocketsPerClient: 20,
      lobbySocketsTotal: 10_000,
      maxConnections: 20_000,
      extraOrigins: [],
      trustProxy: false,
      authFailuresPerMinute: 10,
      demo: undefined,
      redisUrl: undefined,
    });
    expect(config.livekit).toEqual({
      url: undefined,
      apiKey: undefined,
      apiSecret: undefined,
      publicUrl: undefined,
      binary: resolve('.tools/bin/server'),
      port: 7880,
      rtcTcpPort: 7881,
      udpPortStart: 50000,
      udpPortEnd: 50100,
      metricsPort: 0,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(load({ FOYER_PORT: '', FOYER_API_KEY: '', FOYER_TRUST_PROXY: '', FOYER_DEMO: '' })).toMatchObject({
      port: 3000,
      apiKey: undefined,
      trustProxy: false,
      demo: undefined,
    });
  });
});

describe('loadConfig reads every variable', () => {
  it.each<[string, string, (c: ReturnType<typeof load>) => unknown, unknown]>([
    ['FOYER_HOST', '0.0.0.0', (c) => c.host, '0.0.0.0'],
    ['FOYER_PORT', '8080', (c) => c.port, 8080],
    ['FOYER_PUBLIC_URL', 'https://meet.example.com/', (c) => c.publicUrl, 'https://meet.example.com'],
    ['FOYER_DATA_DIR', '/var/lib/foyer', (c) => c.dataDir, '/var/lib/foyer'],
    ['FOYER_DATABASE_URL', 'postgres://foyer:pw@db.example.com:5432/foyer', (c) => c.databaseUrl, 'postgres://foyer:pw@db.example.com:5432/foyer'],
    ['FOYER_API_KEY', STRONG_KEY, (c) => c.apiKey, STRONG_KEY],
    ['FOYER_WEB_DIR', '/srv/web', (c) => c.webDir, '/srv/web'],
    ['FOYER_FRAME_ANCESTORS', "'self'  https://a.example https://b.example", (c) => c.frameAncestors, ["'self'", 'https://a.example', 'https://b.example']],
    ['FOYER_LOG_LEVEL', 'warn', (c) => c.logLevel, 'warn'],
    ['FOYER_CLIENT_REQUESTS_PER_10S', '5', (c) => c.clientRequestsPer10s, 5],
    ['FOYER_API_REQUESTS_PER_5S', '50', (c) => c.apiRequestsPer5s, 50],
    ['FOYER_KNOCKS_PER_MINUTE', '3', (c) => c.knocksPerMinute, 3],
    ['FOYER_MAX_WAITING', '7', (c) => c.maxWaiting, 7],
    ['FOYER_MAX_WAITING_PER_CLIENT', '2', (c) => c.maxWaitingPerClient, 2],
    ['FOYER_MAX_WAIT_MINUTES', '2', (c) => c.maxWaitSeconds, 120],
    ['FOYER_LOBBY_SOCKETS_PER_CLIENT', '4', (c) => c.lobbySocketsPerClient, 4],
    ['FOYER_LOBBY_SOCKETS_MAX', '100', (c) => c.lobbySocketsTotal, 100],
    ['FOYER_MAX_CONNECTIONS', '500', (c) => c.maxConnections, 500],
    ['FOYER_EXTRA_ORIGINS', 'http://127.0.0.1:5173, http://localhost:5173', (c) => c.extraOrigins, ['http://127.0.0.1:5173', 'http://localhost:5173']],
    ['FOYER_TRUST_PROXY', '2', (c) => c.trustProxy, 2],
    ['FOYER_AUTH_FAILURES_PER_MINUTE', '3', (c) => c.authFailuresPerMinute, 3],
    ['FOYER_DEMO', '1', (c) => c.demo, true],
    ['FOYER_REDIS_URL', 'redis://:pw@10.0.0.7:6379/2', (c) => c.redisUrl, 'redis://:pw@10.0.0.7:6379/2'],
    ['FOYER_LIVEKIT_BIN', '/opt/livekit-server', (c) => c.livekit.binary, '/opt/livekit-server'],
    ['FOYER_LIVEKIT_PORT', '9880', (c) => c.livekit.port, 9880],
    ['FOYER_LIVEKIT_TCP_PORT', '9881', (c) => c.livekit.rtcTcpPort, 9881],
    ['FOYER_LIVEKIT_UDP_START', '50010', (c) => c.livekit.udpPortStart, 50010],
    ['FOYER_LIVEKIT_UDP_END', '51200', (c) => c.livekit.udpPortEnd, 51200],
    ['LIVEKIT_PUBLIC_URL', 'wss://media.example.com', (c) => c.livekit.publicUrl, 'wss://media.example.com'],
    ['FOYER_LIVEKIT_NODES', 'ws://127.0.0.1:7880,ws://127.0.0.1:7890', (c) => c.livekit.nodes?.map((n) => n.apiUrl), ['http://127.0.0.1:7880', 'http://127.0.0.1:7890']],
    ['FOYER_LIVEKIT_REDIS_URL', 'redis://127.0.0.1:6390', (c) => c.livekit.redisUrl, 'redis://127.0.0.1:6390'],
    ['FOYER_REDIS_URL', 'redis://127.0.0.1:6391', (c) => c.livekit.redisUrl, 'redis://127.0.0.1:6391'],
    ['FOYER_LIVEKIT_METRICS_PORT', '7882', (c) => c.livekit.metricsPort, 7882],
  ])('%s=%j', (name, value, read, expected) => {
    expect(read(load({ [name]: value }))).toEqual(expected);
  });

  it('builds the public URL from FOYER_HOST and FOYER_PORT when FOYER_PUBLIC_URL is unset', () => {
    expect(load({ FOYER_HOST: '10.1.2.3', FOYER_PORT: '4000' }).publicUrl).toBe('http://10.1.2.3:4000');
  });

  it('uses an existing LiveKit with its key and secret', () => {
    const config = load({ LIVEKIT_URL: 'ws://10.0.0.2:7880', LIVEKIT_API_KEY: 'lk', LIVEKIT_API_SECRET: 'secret' });
    expect(config.livekit).toMatchObject({ url: 'ws://10.0.0.2:7880', apiKey: 'lk', apiSecret: 'secret' });
  });

  it.each([['1', true], ['true', true], ['0', false], ['false', false]])('FOYER_DEMO=%s → %s', (raw, demo) => {
    expect(load({ FOYER_DEMO: raw }).demo).toBe(demo);
  });
});

describe('loadConfig refuses bad values, naming the variable', () => {
  it.each([
    ['FOYER_PORT', 'abc'],
    ['FOYER_PORT', '-1'],
    ['FOYER_PORT', '70000'],
    ['FOYER_PORT', '80.5'],
    ['FOYER_CLIENT_REQUESTS_PER_10S', 'lots'],
    ['FOYER_API_REQUESTS_PER_5S', '5.5'],
    ['FOYER_KNOCKS_PER_MINUTE', '1e9'],
    ['FOYER_MAX_WAITING', '-5'],
    ['FOYER_MAX_WAITING_PER_CLIENT', 'x'],
    ['FOYER_MAX_WAIT_MINUTES', '100000'],
    ['FOYER_LOBBY_SOCKETS_PER_CLIENT', 'x'],
    ['FOYER_LOBBY_SOCKETS_MAX', 'x'],
    ['FOYER_MAX_CONNECTIONS', 'x'],
    ['FOYER_AUTH_FAILURES_PER_MINUTE', '0'],
    ['FOYER_AUTH_FAILURES_PER_MINUTE', 'ten'],
    ['FOYER_LIVEKIT_PORT', 'x'],
    ['FOYER_LIVEKIT_TCP_PORT', '99999'],
    ['FOYER_LIVEKIT_UDP_START', 'x'],
    ['FOYER_LIVEKIT_UDP_END', 'x'],
    ['FOYER_PUBLIC_URL', 'meet.example.com'],
    ['FOYER_PUBLIC_URL', 'ftp://meet.example.com'],
    ['FOYER_LOG_LEVEL', 'loud'],
    ['FOYER_DEMO', 'maybe'],
    ['FOYER_REDIS_URL', '10.0.0.7:6379'],
    ['FOYER_REDIS_URL', 'http://10.0.0.7:6379'],
    ['FOYER_TRUST_PROXY', 'true'],
    ['FOYER_TRUST_PROXY', 'yes'],
    ['FOYER_API_KEY', 'test-key'],
    ['FOYER_DATABASE_URL', 'mysql://db.example.com/foyer'],
    ['FOYER_DATABASE_URL', 'db.example.com:5432'],
    ['FOYER_LIVEKIT_NODES', 'http://127.0.0.1:7880'],
    ['FOYER_LIVEKIT_REDIS_URL', 'localhost:6379'],
    ['FOYER_LIVEKIT_METRICS_PORT', 'x'],
  ])('%s=%j', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(name);
  });

  it('does not repeat a refused FOYER_DATABASE_URL (it holds the password)', () => {
    expect(() => load({ FOYER_DATABASE_URL: 'mysql://foyer:s3cret@db/foyer' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
  });

  it('refuses a UDP range that ends before it starts', () => {
    expect(() => load({ FOYER_LIVEKIT_UDP_START: '51000', FOYER_LIVEKIT_UDP_END: '50000' })).toThrow(/FOYER_LIVEKIT_UDP_START.*FOYER_LIVEKIT_UDP_END/);
  });

  it('refuses LIVEKIT_URL without the key and secret of that LiveKit', () => {
    expect(() => load({ LIVEKIT_URL: 'ws://10.0.0.2:7880' })).toThrow(/LIVEKIT_API_KEY and LIVEKIT_API_SECRET/);
    expect(() => load({ LIVEKIT_URL: 'ws://10.0.0.2:7880', LIVEKIT_API_KEY: 'lk' })).toThrow(/LIVEKIT_API_SECRET/);
  });

  it('refuses a LIVEKIT_URL that is not one of the cluster\'s nodes, and half a key pair for a cluster', () => {
    expect(() => load({ LIVEKIT_URL: 'ws://10.0.0.2:7880', LIVEKIT_API_KEY: 'lk', LIVEKIT_API_SECRET: 's', FOYER_LIVEKIT_NODES: 'ws://10.0.0.3:7880' })).toThrow(/LIVEKIT_URL .* is not one of FOYER_LIVEKIT_NODES/);
    expect(load({ LIVEKIT_URL: 'ws://10.0.0.3:7880', LIVEKIT_API_KEY: 'lk', LIVEKIT_API_SECRET: 's', FOYER_LIVEKIT_NODES: 'ws://10.0.0.3:7880,ws://10.0.0.4:7880' }).livekit.nodes).toHaveLength(2);
    expect(() => load({ FOYER_LIVEKIT_NODES: 'ws://10.0.0.3:7880', LIVEKIT_API_KEY: 'lk' })).toThrow(/both LIVEKIT_API_KEY and LIVEKIT_API_SECRET .* or neither/);
  });
});

describe('FOYER_API_KEY strength', () => {
  it.each(['test-key', 'e2e-api-key-not-secret', 'bench-api-key', '039f8228982b91dfbed6710eeaf8b156', 'a'.repeat(100)])(
    'refuses the weak key %j at start and says how to make one',
    (key) => {
      expect(() => load({ FOYER_API_KEY: key })).toThrow(/FOYER_API_KEY.*openssl rand -hex 32/s);
    },
  );

  it('does not print the password of a refused FOYER_REDIS_URL', () => {
    expect(() => load({ FOYER_REDIS_URL: 'http://:hunter2-secret@10.0.0.7:6379' })).toThrow(/^(?!.*hunter2).*FOYER_REDIS_URL/s);
  });

  it('does not print the refused key in the message (it may be the real one)', () => {
    const key = '039f8228982b91dfbed6710eeaf8b156';
    expect(() => load({ FOYER_API_KEY: key })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(key) }));
  });

  it.each([STRONG_KEY, 'rt1Vp_A3-3MDeJ8in2o10cfoXZKqA-7cfjMWUXpo1os'])('accepts %j', (key) => {
    expect(load({ FOYER_API_KEY: key }).apiKey).toBe(key);
  });
});

describe('FOYER_TRUST_PROXY', () => {
  it('refuses true, saying what to set instead', () => {
    expect(() => parseTrustProxy('true')).toThrow(/FOYER_TRUST_PROXY=1.*address/s);
    expect(() => parseTrustProxy('TRUE')).toThrow(/FOYER_TRUST_PROXY=1/);
  });

  it.each([[undefined, false], ['', false], ['false', false], ['1', 1], ['3', 3], [' 2 ', 2]])('%j → %j', (raw, trust) => {
    expect(parseTrustProxy(raw)).toEqual(trust);
  });

  it('refuses 0, since false already means trust nothing', () => {
    expect(() => parseTrustProxy('0')).toThrow(/false/);
  });

  it.each([
    ['10.0.0.5', ['10.0.0.5']],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.5, 192.168.1.0/24', ['10.0.0.5', '192.168.1.0/24']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
    ['0.0.0.0/0', ['0.0.0.0/0']],
  ])('accepts the proxy list %j', (raw, list) => {
    expect(parseTrustProxy(raw)).toEqual(list);
  });

  it.each([
    ['10.0.0.300', '10.0.0.300'],
    ['10.0.0.5, proxy.local', 'proxy.local'],
    ['10.0.0.0/33', '10.0.0.0/33'],
    ['fd00::/129', 'fd00::/129'],
    ['10.0.0.0/8x', '10.0.0.0/8x'],
    ['10.0.0.0/', '10.0.0.0/'],
    ['/8', '/8'],
    ['10.0.0.5,,10.0.0.6', 'an empty entry'],
    ['1.5', '1.5'],
    ['-1', '-1'],
    ['loopback', 'loopback'],
  ])('refuses %j, naming %j', (raw, bad) => {
    expect(() => parseTrustProxy(raw)).toThrow(bad);
  });
});
