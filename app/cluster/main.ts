/**
 * `npm run start:cluster`: Foyer past one machine, on this machine. Starts the cluster (cluster.ts), prints
 * where everything runs and the demo links spread over both control planes, and stops it all on Ctrl-C.
 */
import { DEFAULT_CLUSTER_PORTS, startCluster, type ClusterPorts } from './cluster.ts';

const dataDir = process.env.FOYER_DATA_DIR || 'data/cluster';
// FOYER_CLUSTER_PORT_OFFSET moves every port (e.g. 1000: control planes on 4000 and 4001), for a second cluster.
const offset = Number(process.env.FOYER_CLUSTER_PORT_OFFSET ?? 0);
if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) {
  console.error('FOYER_CLUSTER_PORT_OFFSET must be a whole number from 0 to 10000');
  process.exit(1);
}
const shift = (p: number) => p + offset;
const ports: ClusterPorts = {
  postgres: shift(DEFAULT_CLUSTER_PORTS.postgres),
  redis: shift(DEFAULT_CLUSTER_PORTS.redis),
  controlPlanes: DEFAULT_CLUSTER_PORTS.controlPlanes.map(shift),
  livekitNodes: DEFAULT_CLUSTER_PORTS.livekitNodes.map(shift),
  udpStart: shift(DEFAULT_CLUSTER_PORTS.udpStart),
};
const links: string[] = [];

const cluster = await startCluster({
  dataDir,
  ports,
  say: (line) => console.log(line),
  onOutput: (i, line) => {
    // The demo links come from the first instance; the guest's is also offered on the second, so a
    // knock and its answer travel between instances.
    if (i === 0 && /^\s*(owner|guest|embedded|team): \S+/.test(line)) links.push(line.trim());
    console.log(`[${'ab'[i] ?? i}] ${line}`);
  },
}).catch((err: unknown) => {
  console.error(`The cluster could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

const [a, b] = ports.controlPlanes;
console.log(`
Foyer cluster is running (data in ${dataDir}):
  control plane a   http://localhost:${a}
  control plane b   http://localhost:${b}
  PostgreSQL        ${cluster.postgres.url}
  Redis             ${cluster.redis.url}
  LiveKit nodes     ${cluster.livekitNodes.map((n) => n.publicUrl).join(', ')}`);
const guest = links.find((l) => l.startsWith('guest: '));
if (guest) {
  console.log(`
Demo links (owner on a, the guest's knock through b):
  ${links.join('\n  ')}
  guest on b: ${guest.slice('guest: '.length).replace(`:${a}/`, `:${b}/`)}`);
} else {
  console.log('\nRun with FOYER_DEMO=1 for fresh demo links.');
}
console.log('\nCtrl-C stops everything.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping the cluster ...');
    void cluster.stop().then(() => process.exit(0));
  });
}
