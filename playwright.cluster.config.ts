import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './playwright.config.ts';
import { CLUSTER_E2E_PORTS } from './e2e/cluster/ports.ts';

// The scaled-out specs (e2e/cluster/): one cluster (PostgreSQL, Redis, two LiveKit nodes, two control planes)
// started once by the worker (the `cluster` fixture), on loopback, in the same namespace as the browsers.
export default defineConfig({
  testDir: 'e2e/cluster',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // The specs share the cluster, and one kills its parts: one at a time.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${CLUSTER_E2E_PORTS.controlPlanes[0]}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
});
