/** Help text of the operator CLI, written from the command table in args.ts (so it cannot drift). */
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './args.ts';

const RUN = 'npm run foyer --';

const optionLine = (name: string, o: OptionSpec) =>
  [`${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}${o.multiple ? ' (repeatable)' : ''}`, o.help] as const;

function columns(pairs: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(...pairs.map(([a]) => a.length));
  return pairs.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`);
}

const usage = (c: CommandSpec) => `${RUN} ${c.name}${c.args ? ` ${c.args}` : ''}${Object.keys(c.options).length > 0 ? ' [options]' : ''}`;

/** The overview: every command in one line, and where the CLI connects. */
export function generalHelp(): string {
  return [
    'Foyer operator CLI: rooms, meeting tokens, meetings, presence, the lobby and the team, over the REST API.',
    '',
    `Usage: ${RUN} <command> [arguments] [options]`,
    '',
    'Commands:',
    ...columns(COMMANDS.map((c) => [`${c.name}${c.args ? ` ${c.args}` : ''}`, c.summary] as const)),
    '',
    'Options for every command:',
    ...columns(Object.entries(GLOBAL_OPTIONS).map(([n, o]) => optionLine(n, o))),
    '',
    'Connection:',
    '  FOYER_URL      where Foyer runs (default: http://FOYER_HOST:FOYER_PORT, i.e. http://127.0.0.1:3000)',
    '  FOYER_API_KEY  the REST API key (default: the key Foyer generated, read from FOYER_DATA_DIR, i.e. ./data)',
    '',
    'Exit codes: 0 done, 1 Foyer refused or could not be reached, 2 wrong command line or no API key.',
    `More: ${RUN} help <command>, or ${RUN} <command> --help`,
  ].join('\n');
}

/** One command's usage, options and examples. */
export function commandHelp(c: CommandSpec): string {
  const options = Object.entries({ ...c.options, ...GLOBAL_OPTIONS }).map(([n, o]) => optionLine(n, o));
  return [
    `${RUN} ${c.name}: ${c.summary}`,
    '',
    `Usage: ${usage(c)}`,
    ...(c.details ? ['', ...c.details] : []),
    '',
    'Options:',
    ...columns(options),
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${RUN} ${e}`),
  ].join('\n');
}
