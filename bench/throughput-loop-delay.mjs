// Preloaded into the throughput bench's server (`node --import`), never into production: watches the
// event loop and, on SIGUSR2, prints the delays seen since the last SIGUSR2 as one line on stdout.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const ms = (ns) => Math.round(ns / 1e4) / 100;
process.on('SIGUSR2', () => {
  const seen = { max: ms(delay.max), p99: ms(delay.percentile(99)), mean: ms(delay.mean) };
  delay.reset();
  process.stdout.write(`loop-delay ${JSON.stringify(seen)}\n`);
});
