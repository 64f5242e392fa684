// Runs a command inside a private network namespace with only loopback up (as root on Linux with
// `unshare`), so tests and benches can only ever talk to 127.0.0.1; elsewhere it runs as is.
import { spawnSync } from 'node:child_process';

export function canIsolate() {
  return process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('unshare', ['--version']).status === 0 && !process.env.FOYER_E2E_NO_NETNS;
}

/** Runs `npx <args>` (isolated when possible) and returns its exit status. */
export function runIsolated(args, what) {
  if (canIsolate()) {
    console.log(`Running ${what} in a private network namespace (loopback only).`);
    const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    return spawnSync('unshare', ['-n', '--', 'sh', '-c', `ip link set lo up && exec npx ${quoted}`], { stdio: 'inherit', env: { ...process.env, FOYER_E2E_NETNS: '1' } }).status ?? 1;
  }
  console.log(`Running ${what} without network isolation (needs root and unshare for that).`);
  return spawnSync('npx', args, { stdio: 'inherit' }).status ?? 1;
}
