import { defineConfig } from 'vitest/config';

// Integration tests start real processes (control plane, LiveKit, schemathesis): one file at a time,
// with time for a process to start on two cores. `npm run test:integration` runs them.
export default defineConfig({
  test: {
    include: ['app/**/*.integration.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
