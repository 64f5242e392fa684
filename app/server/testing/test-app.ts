/**
 * The Fastify app built over an in-memory store, a fake LiveKit and a controllable clock, with
 * request helpers for `/v1` (with the API key) and the client API.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config.ts';
import type { AppContext, Deployment } from '../context.ts';
import { buildApp } from '../http/app.ts';
import { callEndingRoomEvents } from '../rooms/call-ending-room-events.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { fakeLivekit, type FakeLivekit } from './fake-livekit.ts';
import type { DispatcherOptions } from '../webhooks/dispatcher.ts';
import type { Passkeys } from '../team/passkeys.ts';

/** A strong fixed key (Foyer refuses weak API keys at start); not a secret. */
export const TEST_API_KEY = 'ftest_Vq3N8wLr2Kx7Hb5Zp9Dm4Tj6Yc1Gs0Fa8Ue3Ri7On5Xk2Wl';
export const TEST_DOMAIN_ID = '6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
/** 2025-01-01T00:00:00Z, in unix seconds. */
export const T0 = 1_735_689_600;
export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  store: Store;
  livekit: FakeLivekit;
  deployment: Deployment;
  clock: { now: number };
  /** Request to `/v1` with the right API key. */
  api(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Request to the client API (`/api`), no API key. */
  client(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** `env`: more configuration variables, as `loadConfig` reads them. */
/** `webhookSecret`: accept LiveKit webhooks signed with this key pair. */
/** `webhookDelivery`: how operator webhooks are delivered (a fake fetch, short retries). */
/** `passkeys`: the WebAuthn ceremonies (a fake, app/server/team/fake-passkeys.ts). */
/** `logger`: Fastify's logger options, for tests that read what is logged (e.g. that no secret is). */
export async function makeTestApp(opts: { now?: number; env?: Record<string, string>; webhookSecret?: { apiKey: string; apiSecret: string }; webhookDelivery?: DispatcherOptions; passkeys?: Passkeys; logger?: object } = {}): Promise<TestApp> {
  const clock = { now: opts.now ?? T0 };
  const store = openSqliteStore(':memory:');
  const livekit = fakeLivekit();
  const deployment: Deployment = { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID, domainName: '127.0.0.1' };
  // An IP public URL unless a test says otherwise: the room URLs tests expect, and no passkeys (teams' tests set a host name).
  const config = loadConfig({ FOYER_WEB_DIR: '/nonexistent', FOYER_PUBLIC_URL: 'http://127.0.0.1:3000', ...opts.env } as NodeJS.ProcessEnv);
  const ctx: AppContext = { config, store, livekit, deployment, now: () => clock.now };
  // No lobby timer: tests move the clock and call `app.lobby.sweep()` themselves.
  const app = await buildApp(ctx, { roomEvents: callEndingRoomEvents(livekit), lobbySweepEveryMs: 0, ...(opts.webhookSecret ? { webhookSecret: opts.webhookSecret } : {}), ...(opts.webhookDelivery ? { webhookDelivery: opts.webhookDelivery } : {}), ...(opts.passkeys ? { passkeys: opts.passkeys } : {}), ...(opts.logger ? { logger: opts.logger } : {}) });
  await app.ready();
  return {
    app,
    ctx,
    store,
    livekit,
    deployment,
    clock,
    api(method, url, body) {
      return app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${TEST_API_KEY}` },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
    client(url, body) {
      return app.inject({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) });
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A raw request with an explicit content type, for bodies `inject` would otherwise serialize. */
export function rawPost(t: TestApp, url: string, payload: string, contentType = 'application/json', auth = true) {
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': contentType, ...(auth ? { authorization: `Bearer ${TEST_API_KEY}` } : {}) },
  });
}
