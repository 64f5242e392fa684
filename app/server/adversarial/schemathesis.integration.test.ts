/**
 * Schema fuzzing of the REST API against the real control plane: schemathesis reads
 * `/v1/openapi.json` and sends positive and negative requests generated from it (coverage, fuzzing
 * and stateful phases). Any failure (a 500, an undocumented status or content type, a response off
 * its schema, bad input accepted, a deleted room still answering) fails the test.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../testing/server-process.ts';

const ST = resolve('.tools/venv/bin/st');
/**
 * Every check that fits Daily's contract. Left out: `ignored_auth` and `missing_required_header`
 * expect 401 for a missing Authorization header, where Daily (and so Foyer) answers 400
 * `authorization-header-error`; `unsupported_method` and `allow_header_conformance` expect 405,
 * where an unknown method on a path is Daily's 404 `not-found`; `positive_data_acceptance` would
 * refuse the checks JSON Schema cannot state (an `exp` in the past, a display name with control
 * characters), which are 400 by design.
 */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'use_after_free',
  'ensure_resource_availability',
];
/** Test cases per operation and phase: about 3,000 requests in total, about 25 s on two cores. */
const MAX_EXAMPLES = 100;

let server: ServerProcess;
let workDir: string;

beforeAll(async () => {
  server = await startServerProcess({
    ports: { port: 3600, livekitPort: 8600, udpStart: 52600 },
    // The fuzzer sends thousands of requests in seconds: Daily's budget of 100 per 5 s would answer most with 429.
    env: { FOYER_API_REQUESTS_PER_5S: '1000000' },
  });
  workDir = mkdtempSync(join(tmpdir(), 'foyer-schemathesis-'));
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

it('schemathesis finds no failure in /v1 (positive and negative data, every phase)', async () => {
  expect(existsSync(ST), `${ST} is missing: run "npm run test:integration", which installs schemathesis into .tools/venv`).toBe(true);
  const { code, output } = await run(ST, [
    'run', `${server.baseUrl}/v1/openapi.json`,
    '--header', `Authorization: Bearer ${INTEGRATION_API_KEY}`,
    '--checks', CHECKS.join(','),
    '--mode', 'all',
    '--max-examples', String(MAX_EXAMPLES),
    '--workers', '2',
    '--generation-database', 'none',
    '--request-timeout', '10',
    '--no-color',
  ], workDir);
  // The summary's "Test cases:" line: "2507 generated, 2507 passed" (or "..., N found M unique failures").
  const generated = /(\d+) generated/.exec(output)?.[1];
  console.log(`schemathesis: ${generated ?? '?'} generated requests against /v1 (${/Seed: (\d+)/.exec(output)?.[0] ?? 'no seed printed'})`);
  expect(output, output).toMatch(/Loaded specification/);
  expect(output, output).not.toMatch(/found \d+ unique failure|Failures:|Errors:/);
  expect(code, output).toBe(0);
  expect(Number(generated), output).toBeGreaterThan(1000);
  // The server took all of it without falling over.
  const res = await fetch(`${server.baseUrl}/v1/`, { headers: { authorization: `Bearer ${INTEGRATION_API_KEY}` } });
  expect(res.status).toBe(200);
  expect(server.exited()).toBe(false);
}, 300_000);
