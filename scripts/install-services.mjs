#!/usr/bin/env node
// Installs PostgreSQL and Redis from Debian's packages when they are missing (as root, with apt-get), for
// the scaled-out setup (`npm run start:cluster`) and the tests that run it. No cluster is created or
// started by the install: tests and the cluster script start their own servers on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** The newest PostgreSQL server binaries Debian installed (`/usr/lib/postgresql/<major>/bin`), or null. */
export function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root).filter((d) => existsSync(`${root}/${d}/bin/postgres`)).sort((a, b) => Number(b) - Number(a));
  return majors.length ? `${root}/${majors[0]}/bin` : null;
}

export const redisBin = () => ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p)) ?? null;

function aptInstall(packages, what) {
  if (process.getuid?.() !== 0) {
    console.error(`${what} is missing: install it (Debian: apt-get install -y ${packages.join(' ')}) and run this again.`);
    process.exit(1);
  }
  console.log(`Installing ${what} from Debian's packages (${packages.join(', ')}) ...`);
  if (packages.includes('postgresql')) {
    // Only the programs: Foyer starts its own servers, so Debian's default cluster is not created.
    mkdirSync('/etc/postgresql-common', { recursive: true });
    const conf = '/etc/postgresql-common/createcluster.conf';
    const text = existsSync(conf) ? readFileSync(conf, 'utf8') : '';
    if (!/^\s*create_main_cluster\s*=\s*false/m.test(text)) writeFileSync(conf, `${text}\ncreate_main_cluster = false\n`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    result = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  }
  if (result.status !== 0) {
    console.error(`apt-get install ${packages.join(' ')} failed (exit ${result.status}): check that Debian's package mirror is reachable, then run "npm run services:install" again.`);
    process.exit(1);
  }
}

/** PostgreSQL and Redis, installed when missing. */
export function ensureServices() {
  const missing = [];
  if (!postgresBin()) missing.push('postgresql');
  if (!redisBin()) missing.push('redis-server');
  if (missing.length) aptInstall(missing, missing.length === 2 ? 'PostgreSQL and Redis' : missing[0] === 'postgresql' ? 'PostgreSQL' : 'Redis');
}

if (import.meta.url === `file://${process.argv[1]}`) ensureServices();
