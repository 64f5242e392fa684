/** `npm run foyer -- <command>`: the operator CLI (see run.ts; `npm run foyer -- help`). */
import { runCli } from './run.ts';

runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A bug, not a refusal: say so plainly, without a stack full of paths (and never the key, which no error holds).
    process.stderr.write(`foyer: unexpected failure: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
