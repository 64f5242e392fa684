/**
 * The scaled-out specs' `cluster` fixture: PostgreSQL, Redis, two LiveKit nodes and two control planes,
 * started once per worker (the specs run one at a time and may kill and restart its parts), fresh data each run.
 */
import { test as base } from '@playwright/test';
import { rmSync } from 'node:fs';
import { startCluster, type Cluster } from '../../app/cluster/cluster.ts';
import { E2E_API_KEY } from '../../playwright.config.ts';
import { LIFTED_CLIENT_LIMITS } from '../support/lifted-limits.ts';
import { CLUSTER_E2E_PORTS } from './ports.ts';

const DATA = process.env.FOYER_E2E_CLUSTER_DATA ?? 'data/e2e-cluster';

export const test = base.extend<object, { cluster: Cluster }>({
  cluster: [async ({}, use) => {
    rmSync(DATA, { recursive: true, force: true });
    const output: string[] = [];
    const cluster = await startCluster({
      dataDir: DATA,
      ports: CLUSTER_E2E_PORTS,
      publicHost: '127.0.0.1',
      say: (line) => output.push(line),
      onOutput: (i, line) => output.push(`[${'ab'[i]}] ${line}`),
      env: {
        FOYER_API_KEY: E2E_API_KEY,
        FOYER_LOG_LEVEL: 'warn',
        ...LIFTED_CLIENT_LIMITS,
        // The knock budget stays as in production: the shared-budget spec knocks from its own address.
        FOYER_KNOCKS_PER_MINUTE: '10',
      },
    }).catch((err: unknown) => {
      console.error(output.join('\n'));
      throw err;
    });
    await use(cluster);
    await cluster.stop();
    if (process.env.FOYER_E2E_CLUSTER_LOG) console.log(output.join('\n'));
  }, { scope: 'worker', timeout: 120_000 }],
});

export { expect } from '@playwright/test';
