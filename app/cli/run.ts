/**
 * The operator CLI from command line to exit code, with its surroundings passed in (environment,
 * fetch, output streams, clock) so tests run it whole without a process.
 */
import { parseCommandLine, UsageError } from './args.ts';
import { apiClient, ApiFailure } from './api-client.ts';
import { runCommand } from './commands.ts';
import { resolveConnection } from './connection.ts';
import { commandHelp, generalHelp } from './help.ts';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  fetch?: typeof fetch;
  /** Unix seconds. */
  now?(): number;
}

/** Exit codes: 0 done, 1 the API refused or could not be reached, 2 a wrong command line or no API key. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<0 | 1 | 2> {
  let invocation: ReturnType<typeof parseCommandLine>;
  try {
    invocation = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`foyer: ${err.message}\n\n${err.command ? commandHelp(err.command) : generalHelp()}\n`);
    return 2;
  }
  if (invocation.kind === 'help') {
    io.stdout(`${invocation.command ? commandHelp(invocation.command) : generalHelp()}\n`);
    return 0;
  }
  try {
    const connection = resolveConnection(io.env);
    const api = apiClient({ ...connection, ...(io.fetch ? { fetch: io.fetch } : {}) });
    const result = await runCommand(invocation, api, io.now ? io.now() : Date.now() / 1000);
    if (result.output) io.stdout(`${result.output}\n`);
    return result.code;
  } catch (err) {
    if (err instanceof UsageError) {
      // A value the parser could not judge alone (--exp, --privacy): the message and the command's help.
      const help = err.message.startsWith('no API key') ? '' : `\n\n${commandHelp(err.command ?? invocation.command)}`;
      io.stderr(`foyer: ${err.message}${help}\n`);
      return 2;
    }
    if (err instanceof ApiFailure) {
      io.stderr(`foyer: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
