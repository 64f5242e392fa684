// Control-plane throughput (issue 13): preauth and join requests per second on ONE core, with autocannon.
//
// Foyer runs alone on core 0 (`taskset -c 0`) with the per-client limits lifted; autocannon and the real
// LiveKit that Foyer starts share core 1, so the server's core does nothing but serve. LiveKit is real:
// preauth asks it for the head count (ListParticipants) and join also opens the call (CreateRoom), one
// loopback round trip each. The event loop's longest stall comes from a preloaded watcher
// (throughput-loop-delay.mjs), so production code carries no bench hooks. On a shared machine req/s and
// stalls follow the machine's load; the server's CPU time per request (from /proc) does not, so it is
// reported too, with the req/s one free core would give.
//
// Exported for `npm run bench -- --only throughput`; `node bench/throughput.mjs` runs it alone (as root on
// Linux, inside a loopback-only network namespace, like the rest of the bench).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { serverEnv } from './stack.mjs';

const SECONDS = Number(process.env.FOYER_THROUGHPUT_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.FOYER_THROUGHPUT_CONNECTIONS ?? 20);
// Its own port, data dir and LiveKit ports: it may run beside the bench's main server in one namespace.
const PORT = 3300;
const DATA = `${process.env.FOYER_BENCH_DATA ?? 'data/bench'}-throughput`;
const API_KEY = 'bench_7Tq2Wm9Xc4Lp8Zr1Nv6Hk3Jd5Ys0Fb2Ga7Ue9Io4Pt1';
const base = `http://127.0.0.1:${PORT}`;
/** Goals from issue 13. */
const GOAL_PREAUTH_PER_S = 2000;
const GOAL_STALL_MS = 50;

/** Starts Foyer on core 0 (and its LiveKit, moved to core 1); resolves once it listens. */
async function startPinnedServer() {
  rmSync(DATA, { recursive: true, force: true });
  const env = {
    ...serverEnv({ port: PORT, data: DATA, apiKey: API_KEY }),
    FOYER_LIVEKIT_PORT: '7890',
    FOYER_LIVEKIT_TCP_PORT: '7891',
    FOYER_LIVEKIT_UDP_START: '50400',
    FOYER_LIVEKIT_UDP_END: '50420',
    FOYER_CLIENT_REQUESTS_PER_10S: '1000000',
    FOYER_API_REQUESTS_PER_5S: '1000000',
  };
  const profile = process.env.FOYER_THROUGHPUT_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FOYER_THROUGHPUT_CPU_PROF}`] : [];
  const server = spawn('taskset', ['-c', '0', process.execPath, ...profile, '--import', './bench/throughput-loop-delay.mjs', '--import', 'tsx', 'app/server/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  server.stdout.on('data', (d) => lines.push(...String(d).split('\n').filter(Boolean)));
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => String(d).includes('listening') && resolve());
    server.on('exit', (code) => reject(new Error(`throughput server exited (${code})`)));
  });
  const livekitPid = readFileSync(`${DATA}/livekit.pid`, 'utf8').trim();
  spawnSync('taskset', ['-a', '-p', '-c', '1', livekitPid], { stdio: 'ignore' });
  /** The event loop's delays since the last call (SIGUSR2 to the watcher; its answer is the next such line). */
  const loopDelay = async () => {
    const before = lines.length;
    // `taskset` execs node, so the child's pid is the server's.
    server.kill('SIGUSR2');
    for (let i = 0; i < 200; i++) {
      const line = lines.slice(before).find((l) => l.startsWith('loop-delay '));
      if (line) return JSON.parse(line.slice('loop-delay '.length));
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the server did not report its event-loop delay');
  };
  /** CPU time the server has used so far, in ms (user + system, from /proc; Linux). */
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const stop = () => new Promise((resolve) => {
    server.once('exit', resolve);
    server.kill('SIGTERM');
  });
  return { loopDelay, cpuMs, stop, livekitPid };
}

async function rest(path, body) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Runs autocannon on core 1 against one POST for `seconds`; its JSON result. */
function autocannon(path, body, seconds) {
  const args = ['-c', '1', process.execPath, 'node_modules/autocannon/autocannon.js', '-j', '-c', String(CONNECTIONS), '-d', String(seconds),
    '-m', 'POST', '-H', 'content-type=application/json', '-b', JSON.stringify(body), `${base}${path}`];
  const out = spawnSync('taskset', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`autocannon failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1));
}

/**
 * Preauth (public room, no token), preauth (private room, a guest's meeting token) and join (public
 * room), SECONDS each after a short warm-up. Figures: req/s (mean), p50 and p99 latency, the longest
 * event-loop stall during each run.
 */
export async function measureThroughput() {
  const figures = {};
  const notes = [];
  const server = await startPinnedServer();
  try {
    // A cap far above what a run joins, so every join is a real one, not a "room full" refusal.
    const open = await rest('/v1/rooms', { privacy: 'public', properties: { max_participants: 100_000 } });
    const closed = await rest('/v1/rooms', { privacy: 'private' });
    const { token } = await rest('/v1/meeting-tokens', { properties: { room_name: closed.name, user_name: 'Guest' } });
    const endpoints = [
      ['preauth', 'preauth, public room', `/api/rooms/${open.name}/preauth`, {}],
      ['preauth-token', 'preauth, meeting token', `/api/rooms/${closed.name}/preauth`, { token }],
      ['join', 'join, public room', `/api/rooms/${open.name}/join`, { name: 'Bench' }],
    ];
    // FOYER_THROUGHPUT_ENDPOINTS=preauth,join runs only those, e.g. to profile one path.
    const wanted = (process.env.FOYER_THROUGHPUT_ENDPOINTS ?? '').split(',').filter(Boolean);
    const runs = endpoints.filter(([key]) => wanted.length === 0 || wanted.includes(key)).map(([, ...rest]) => rest);
    for (const [label, path, body] of runs) {
      process.stdout.write(`throughput: ${label}, ${SECONDS} s on one core ...\r`);
      autocannon(path, body, 2);
      await server.loopDelay();
      const cpuBefore = server.cpuMs();
      const r = autocannon(path, body, SECONDS);
      const cpuPerRequest = (server.cpuMs() - cpuBefore) / Math.max(1, r.requests.total);
      const stall = await server.loopDelay();
      const failed = r.non2xx + r.errors + r.timeouts;
      if (failed > 0) notes.push(`${label}: ${failed} of ${r.requests.total} requests failed (non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts})`);
      figures[`${label} (req/s, higher is better)`] = [Math.round(r.requests.mean)];
      figures[`${label} p50 latency (ms)`] = [r.latency.p50];
      figures[`${label} p99 latency (ms)`] = [r.latency.p99];
      figures[`${label} longest event-loop stall (ms)`] = [stall.max];
      // Unlike req/s, the CPU a request costs hardly moves with what else the machine runs; 1000 / it is
      // what one free core could serve.
      figures[`${label} server CPU per request (ms)`] = [Math.round(cpuPerRequest * 1000) / 1000];
      notes.push(`${label}: ${r.requests.total} requests, ${cpuPerRequest.toFixed(3)} ms of server CPU each, so about ${Math.round(1000 / cpuPerRequest)} req/s on a free core`);
    }
    const preauth = Math.min(...runs.filter(([label]) => label.startsWith('preauth')).map(([label]) => figures[`${label} (req/s, higher is better)`][0]));
    const stall = Math.max(...runs.map(([label]) => figures[`${label} longest event-loop stall (ms)`][0]));
    notes.push(`throughput: Foyer on 1 core (taskset -c 0; ${cpus().length} cores here), autocannon ${CONNECTIONS} connections ${SECONDS} s per endpoint on core 1 with the real LiveKit (head count and CreateRoom over loopback)`);
    notes.push(`goal preauth ≥ ${GOAL_PREAUTH_PER_S} req/s: ${preauth >= GOAL_PREAUTH_PER_S ? 'met' : 'NOT met'} (${preauth}); goal no event-loop stall over ${GOAL_STALL_MS} ms: ${stall <= GOAL_STALL_MS ? 'met' : 'NOT met'} (${stall} ms)`);
  } finally {
    await server.stop();
  }
  return { figures, notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.env.FOYER_BENCH_NETNS && process.platform === 'linux' && process.getuid?.() === 0) {
    const r = spawnSync('unshare', ['-n', '--', 'sh', '-c', `ip link set lo up && exec '${process.execPath}' bench/throughput.mjs`], {
      stdio: 'inherit',
      env: { ...process.env, FOYER_BENCH_NETNS: '1' },
    });
    process.exit(r.status ?? 1);
  }
  const { figures, notes } = await measureThroughput();
  console.log('\nControl-plane throughput');
  for (const [name, [value]] of Object.entries(figures)) console.log(`  ${name.padEnd(58)} ${String(value).padStart(8)}`);
  for (const note of notes) console.log(`  ${note}`);
}
