// Foyer scaled out (issue 17), measured: the cluster of `npm run start:cluster` (two control planes on one
// PostgreSQL and one Redis, two LiveKit nodes) started on its own ports beside the bench's single server.
//   - Ask to join → owner toast and Allow → first remote frame with the guest on control plane a and the owner
//     on control plane b: the knock and the answer cross instances through Redis;
//   - preauth and join requests per second with both instances loaded at once (one autocannon each).
// Everything shares this machine's cores (PostgreSQL, Redis, LiveKit and the load generator too), so the req/s
// are what two instances give on a 2-core box, not what two machines would.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { measureKnock } from './two-people.mjs';

const OFFSET = 1000;
const A = `http://127.0.0.1:${3000 + OFFSET}`;
const B = `http://127.0.0.1:${3001 + OFFSET}`;
const DATA = `${process.env.FOYER_BENCH_DATA ?? 'data/bench'}-cluster`;
const API_KEY = 'bench_9Kp3Wx7Lm2Qz8Rc4Vn1Hd6Jt5Ys0Fb3Ga9Ue2Io7Pq4';
const SECONDS = Number(process.env.FOYER_THROUGHPUT_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.FOYER_THROUGHPUT_CONNECTIONS ?? 20);

const apiOn = (base) => async (path, body) => {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

async function startBenchCluster() {
  rmSync(DATA, { recursive: true, force: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/cluster/main.ts'], {
    env: {
      ...process.env,
      FOYER_DATA_DIR: DATA,
      FOYER_CLUSTER_PORT_OFFSET: String(OFFSET),
      FOYER_API_KEY: API_KEY,
      FOYER_DEMO: '0',
      FOYER_LOG_LEVEL: 'warn',
      FOYER_CLIENT_REQUESTS_PER_10S: '1000000',
      FOYER_API_REQUESTS_PER_5S: '1000000',
      FOYER_KNOCKS_PER_MINUTE: '100000',
      FOYER_MAX_WAITING_PER_CLIENT: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise((resolve, reject) => {
    const onData = (d) => {
      out += d;
      if (out.includes('Foyer cluster is running')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the cluster exited (${code}) while starting:\n${out.slice(-3000)}`)));
  });
  return () => new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** autocannon against one instance, in the background; resolves with its JSON result. */
function autocannon(base, path, body, seconds) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/autocannon/autocannon.js', '-j', '-c', String(CONNECTIONS / 2), '-d', String(seconds),
      '-m', 'POST', '-H', 'content-type=application/json', '-b', JSON.stringify(body), `${base}${path}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`autocannon exited ${code}`))));
  });
}

/** `runs` knocks across instances, then the two-instance throughput; figures and notes for the bench's table. */
export async function measureCluster(browser, runs) {
  const figures = { 'cluster: Ask to join (a) → owner toast (b) (ms)': [], 'cluster: Allow (b) → first remote frame (a) (ms)': [] };
  const notes = [];
  const stop = await startBenchCluster();
  try {
    for (let i = 1; i <= runs; i++) {
      process.stdout.write(`cluster: knock across instances, run ${i}/${runs} ...\r`);
      const k = await measureKnock(browser, { owner: B, guest: A, api: apiOn(A) });
      figures['cluster: Ask to join (a) → owner toast (b) (ms)'].push(k.knockToToast);
      figures['cluster: Allow (b) → first remote frame (a) (ms)'].push(k.allowToFrame);
    }
    const api = apiOn(A);
    const open = await api('/v1/rooms', { privacy: 'public', properties: { max_participants: 100_000 } });
    for (const [label, path, body] of [
      ['preauth, public room', `/api/rooms/${open.name}/preauth`, {}],
      ['join, public room', `/api/rooms/${open.name}/join`, { name: 'Bench' }],
    ]) {
      process.stdout.write(`cluster: ${label}, ${SECONDS} s on both instances ...\r`);
      await Promise.all([A, B].map((base) => autocannon(base, path, body, 2)));
      const results = await Promise.all([A, B].map((base) => autocannon(base, path, body, SECONDS)));
      const total = results.reduce((sum, r) => sum + r.requests.mean, 0);
      const failed = results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
      figures[`cluster: ${label}, two instances (req/s, higher is better)`] = [Math.round(total)];
      figures[`cluster: ${label} p99 latency (ms)`] = [Math.max(...results.map((r) => r.latency.p99))];
      if (failed > 0) notes.push(`cluster ${label}: ${failed} requests failed`);
    }
    notes.push(`cluster: two control planes on PostgreSQL + Redis, two LiveKit nodes, autocannon ${CONNECTIONS / 2} connections per instance for ${SECONDS} s, everything on this machine's ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores (no pinning)`);
  } finally {
    await stop();
  }
  return { figures, notes };
}
