import { defineConfig } from '@playwright/test';
import { LIFTED_CLIENT_LIMITS } from './e2e/support/lifted-limits.ts';

// Overridable so two runs on one machine (each in its own network namespace) keep separate data.
export const E2E_PORT = Number(process.env.FOYER_E2E_PORT ?? 3100);
export const E2E_LIVEKIT_PORT = Number(process.env.FOYER_E2E_LIVEKIT_PORT ?? 7980);
// Foyer's public URL in the suite: passkeys need a host name (Chromium refuses an IP address as the
// WebAuthn RP ID), so the team spec opens Foyer at localhost; the other specs use 127.0.0.1, the same
// loopback server, whose lobby channel accepts both names.
export const E2E_PUBLIC_URL = `http://localhost:${E2E_PORT}`;
const E2E_DATA = process.env.FOYER_E2E_DATA ?? 'data/e2e';
// Fixed so tests can sign tokens; random-looking so the control plane's key-strength check (hole 5) takes it.
export const E2E_API_KEY = 'e2e0b7c41f9a3d28e65f0c1b7a94e3d2856f1ac09b4e7d3f2a68c5e1b09d47f3a2c';
export const chromiumPath = process.env.FOYER_CHROMIUM || '/usr/bin/chromium';

// Flags from DEVELOPERS.md: fake camera/mic without prompts, loopback ICE candidates (the suite runs in
// a loopback-only namespace), no mDNS-hidden addresses, no background traffic.
export const chromiumArgs = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

export default defineConfig({
  testDir: 'e2e',
  // Tests with three or four Chromium contexts decoding video share two cores: allow them room.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: Number(process.env.FOYER_E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  // The phone-sized project runs only the mobile spec; everything else runs at the desktop size newPerson sets.
  projects: [
    // e2e/cluster/ has its own config (playwright.cluster.config.ts): it starts a whole cluster.
    { name: 'desktop', testIgnore: [/mobile\.spec\.ts$/, /\/cluster\//] },
    { name: 'mobile', testMatch: /mobile\.spec\.ts$/, use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  ],
  webServer: {
    command: `rm -rf ${E2E_DATA} && node --import tsx app/server/main.ts`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      FOYER_PORT: String(E2E_PORT),
      FOYER_PUBLIC_URL: E2E_PUBLIC_URL,
      FOYER_DATA_DIR: E2E_DATA,
      FOYER_API_KEY: E2E_API_KEY,
      FOYER_LIVEKIT_PORT: String(E2E_LIVEKIT_PORT),
      FOYER_LIVEKIT_TCP_PORT: String(E2E_LIVEKIT_PORT + 1),
      FOYER_LIVEKIT_UDP_START: '51000',
      FOYER_LIVEKIT_UDP_END: '51200',
      FOYER_LOG_LEVEL: 'warn',
      ...LIFTED_CLIENT_LIMITS,
    },
  },
});
