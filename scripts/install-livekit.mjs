#!/usr/bin/env node
// Installs the LiveKit server from its Go module into .tools/bin/server when it is missing.
// Nothing is downloaded from anywhere but the Go module proxy; the binary is git-ignored.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const LIVEKIT_VERSION = 'v1.13.5';
export const LIVEKIT_MODULE = `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`;
export const toolsBin = resolve('.tools/bin');
export const livekitBinary = resolve(toolsBin, 'server');

function installedVersion() {
  try {
    return execFileSync(livekitBinary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export function ensureLivekit() {
  const have = existsSync(livekitBinary) && installedVersion();
  if (have && have.includes(LIVEKIT_VERSION.slice(1))) return;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    console.error('LiveKit server is missing and Go is not installed: install Go 1.26 (https://go.dev/dl/), or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use an existing LiveKit.');
    process.exit(1);
  }
  mkdirSync(toolsBin, { recursive: true });
  console.log(`Installing LiveKit server ${LIVEKIT_VERSION} with ${go.stdout.trim()} (about 3 minutes the first time) ...`);
  const started = Date.now();
  const result = spawnSync('go', ['install', LIVEKIT_MODULE], { stdio: 'inherit', env: { ...process.env, GOBIN: toolsBin } });
  if (result.status !== 0 || !existsSync(livekitBinary)) {
    console.error(`"go install ${LIVEKIT_MODULE}" failed (exit ${result.status}). Check that the Go module proxy is reachable (GOPROXY), then run "npm run livekit:install" again.`);
    process.exit(1);
  }
  console.log(`LiveKit server installed in ${Math.round((Date.now() - started) / 1000)} s: ${installedVersion()}`);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureLivekit();
