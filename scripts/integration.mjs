#!/usr/bin/env node
// Integration tests (`app/**/*.integration.test.ts`): the real control-plane process, the real LiveKit
// server, PostgreSQL and Redis, and schemathesis against the live REST API. Installs what they need first
// (LiveKit from its Go module, schemathesis from PyPI into .tools/venv, PostgreSQL and Redis from Debian's
// packages: apt needs the network, which the namespace has not), then runs them in a loopback-only namespace.
import { ensureLivekit } from './install-livekit.mjs';
import { ensureSchemathesis } from './install-schemathesis.mjs';
import { ensureServices } from './install-services.mjs';
import { runIsolated } from './netns.mjs';

ensureLivekit();
ensureSchemathesis();
ensureServices();
process.exit(runIsolated(['vitest', 'run', '--config', 'vitest.integration.config.ts', ...process.argv.slice(2)], 'the integration tests'));
