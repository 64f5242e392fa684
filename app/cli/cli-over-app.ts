/** Test helper: runs the CLI whole against an in-process app (its real routes), capturing what it prints. */
import type { TestApp } from '../server/testing/test-app.ts';
import { TEST_API_KEY } from '../server/testing/test-app.ts';
import { injectFetch } from './fake-fetch.ts';
import { runCli } from './run.ts';

/** `url`: the FOYER_URL the CLI is told (links it prints start with the app's own public URL anyway). */
export async function cliOverApp(t: TestApp, argv: string[], opts: { key?: string; url?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: { FOYER_URL: opts.url ?? 'http://127.0.0.1:3000', FOYER_API_KEY: opts.key ?? TEST_API_KEY },
    fetch: injectFetch(t.app),
    now: () => t.clock.now,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}
