#!/usr/bin/env node
// `npm run start:cluster`: installs what a scaled-out Foyer needs when missing (PostgreSQL and Redis from
// Debian's packages, LiveKit from its Go module), builds the web app if needed, then runs two control planes
// and two LiveKit nodes on one PostgreSQL and one Redis, all on 127.0.0.1 (app/cluster/main.ts).
import { spawn } from 'node:child_process';
import { ensureLivekit } from './install-livekit.mjs';
import { ensureServices } from './install-services.mjs';
import { ensureBuilt } from './start.mjs';

ensureServices();
ensureLivekit();
ensureBuilt();
const cluster = spawn(process.execPath, ['--import', 'tsx', 'app/cluster/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cluster.kill(signal));
cluster.on('exit', (code) => process.exit(code ?? 0));
