/**
 * The operator CLI's command line: which command, its arguments and options, checked before anything
 * is sent. Parsing is pure (no network, no clock but the one passed in), so it is tested row by row.
 * node:util parseArgs does the option syntax; this file knows the commands.
 */
import { parseArgs } from 'node:util';

/** Wrong command line: the CLI prints the message and the command's help, and exits 2. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: CommandSpec) {
    super(message);
  }
}

/** One option of a command, as parseArgs takes it, with its help line. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in help (`<name>`), for string options. */
  value?: string;
  help: string;
}

/** The command names, as typed (two words for rooms, tokens and team). */
export type CommandName =
  | 'rooms create' | 'rooms list' | 'rooms delete' | 'tokens create'
  | 'meetings' | 'presence' | 'waiting' | 'admit' | 'deny'
  | 'team invite' | 'team members' | 'team remove' | 'help';

export interface CommandSpec {
  name: CommandName;
  /** Positional arguments in help, e.g. `<room> <id|all>...`. */
  args: string;
  summary: string;
  /** Lines of explanation under the usage line. */
  details?: string[];
  minArgs: number;
  maxArgs: number;
  options: Record<string, OptionSpec>;
  examples: string[];
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', help: 'print the API\'s JSON answer instead of a table (use `npm run -s foyer` so npm adds no lines)' },
  help: { type: 'boolean', short: 'h', help: 'show this command\'s help' },
};

const EXP_HELP = 'seconds from now (also 30m, 2h, 7d) or an ISO date-time (2026-12-24T18:00Z)';

export const COMMANDS: CommandSpec[] = [
  {
    name: 'rooms create',
    args: '[name]',
    summary: 'create a room (a name is made up when none is given)',
    minArgs: 0,
    maxArgs: 1,
    options: {
      privacy: { type: 'string', value: 'private|public', help: 'who may join without a meeting token (default: public)' },
      knocking: { type: 'boolean', help: 'guests without a token may ask to join (enable_knocking)' },
      exp: { type: 'string', value: 'when', help: `the room ends then: ${EXP_HELP}` },
      'eject-at-exp': { type: 'boolean', help: 'remove everyone at exp (eject_at_room_exp)' },
      'max-participants': { type: 'string', value: 'n', help: 'at most this many people in the call' },
      set: { type: 'string', multiple: true, value: 'property=value', help: 'any other Daily room property; the value is read as JSON when it parses (start_video_off=true)' },
    },
    examples: ['rooms create standup --privacy private --knocking', 'rooms create --exp 2h --eject-at-exp'],
  },
  {
    name: 'rooms list',
    args: '',
    summary: 'list the rooms, newest first',
    minArgs: 0,
    maxArgs: 0,
    options: {},
    examples: ['rooms list'],
  },
  {
    name: 'rooms delete',
    args: '<name>',
    summary: 'delete a room and end its call',
    minArgs: 1,
    maxArgs: 1,
    options: {},
    examples: ['rooms delete standup'],
  },
  {
    name: 'tokens create',
    args: '',
    summary: 'create a meeting token for a room and print its meeting link',
    details: ['Anyone with the link joins as the token says: keep owner links private. Without --exp the token never expires (Daily\'s rule).'],
    minArgs: 0,
    maxArgs: 0,
    options: {
      room: { type: 'string', value: 'name', help: 'the room the token is for (required)' },
      owner: { type: 'boolean', help: 'the holder is a room owner (is_owner)' },
      name: { type: 'string', value: 'user_name', help: 'the name the holder is shown with' },
      'user-id': { type: 'string', value: 'id', help: 'your id for the holder (user_id, at most 36 characters)' },
      exp: { type: 'string', value: 'when', help: `the token expires then: ${EXP_HELP}` },
      'eject-at-exp': { type: 'boolean', help: 'remove the holder from the call at exp (eject_at_token_exp)' },
    },
    examples: ['tokens create --room standup --owner --name Host --exp 24h'],
  },
  {
    name: 'meetings',
    args: '',
    summary: 'list meetings (calls that happened or are happening), newest first',
    minArgs: 0,
    maxArgs: 0,
    options: {
      room: { type: 'string', value: 'name', help: 'only this room\'s meetings' },
      ongoing: { type: 'boolean', help: 'only meetings going on now' },
      limit: { type: 'string', value: 'n', help: 'at most n meetings (1 to 100)' },
    },
    examples: ['meetings --ongoing', 'meetings --room standup --limit 5'],
  },
  {
    name: 'presence',
    args: '',
    summary: 'who is in a call right now, room by room',
    minArgs: 0,
    maxArgs: 0,
    options: {},
    examples: ['presence'],
  },
  {
    name: 'waiting',
    args: '<room>',
    summary: 'list who is knocking at a room, waiting to be let in',
    minArgs: 1,
    maxArgs: 1,
    options: {},
    examples: ['waiting standup'],
  },
  {
    name: 'admit',
    args: '<room> <id|all>...',
    summary: 'let waiting people in (ids from `waiting`; all: everyone waiting now)',
    minArgs: 2,
    maxArgs: 50,
    options: {},
    examples: ['admit standup 0b6f2c1e-...', 'admit standup all'],
  },
  {
    name: 'deny',
    args: '<room> <id|all>...',
    summary: 'turn waiting people away (ids from `waiting`; all: everyone waiting now)',
    minArgs: 2,
    maxArgs: 50,
    options: {},
    examples: ['deny standup all'],
  },
  {
    name: 'team invite',
    args: '',
    summary: 'print the team\'s invite link (new members sign up from it with a passkey; the first becomes owner)',
    details: ['Anyone with the link can join the team until the code is replaced: give it only to the people you mean. --rotate replaces it, and the old link stops working at once.'],
    minArgs: 0,
    maxArgs: 0,
    options: {
      rotate: { type: 'boolean', help: 'replace the invite code first (the old link stops working)' },
    },
    examples: ['team invite', 'team invite --rotate'],
  },
  {
    name: 'team members',
    args: '',
    summary: 'list the team\'s members (email, name, role, since when)',
    minArgs: 0,
    maxArgs: 0,
    options: {},
    examples: ['team members'],
  },
  {
    name: 'team remove',
    args: '<email>',
    summary: 'remove a member: their passkeys go and they are signed out at once',
    minArgs: 1,
    maxArgs: 1,
    options: {},
    examples: ['team remove ada@example.com'],
  },
  {
    name: 'help',
    args: '[command]',
    summary: 'show help, for every command or one',
    minArgs: 0,
    maxArgs: 2,
    options: {},
    examples: ['help', 'help tokens create'],
  },
];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** The command spec for a name (`rooms create`). */
export function commandSpec(name: CommandName): CommandSpec {
  return byName.get(name)!;
}

/** What the command line asks for. */
export type Invocation =
  | { kind: 'help'; command?: CommandSpec }
  | { kind: 'run'; command: CommandSpec; args: string[]; options: Record<string, string | boolean | string[] | undefined>; json: boolean };

/** The command named by the first one or two words of `argv`, and the rest of `argv`. */
function findCommand(argv: readonly string[]): { command: CommandSpec; rest: string[] } | undefined {
  const [first, second] = argv;
  if (first === undefined) return undefined;
  const two = byName.get(`${first} ${second ?? ''}` as CommandName);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = byName.get(first as CommandName);
  if (one) return { command: one, rest: argv.slice(1) };
  return undefined;
}

/** `rooms`, `tokens` or `team` alone, or followed by an unknown word: which subcommands there are. */
function groupHint(word: string | undefined): string | undefined {
  if (word !== 'rooms' && word !== 'tokens' && word !== 'team') return undefined;
  return COMMANDS.filter((c) => c.name.startsWith(`${word} `)).map((c) => `\`${c.name}\``).join(', ');
}

/** Parses `argv` (what follows `npm run foyer --`). Throws `UsageError` for anything it cannot run. */
export function parseCommandLine(argv: readonly string[]): Invocation {
  if (argv.length === 0) throw new UsageError('no command given');
  if (argv[0] === '--help' || argv[0] === '-h') return { kind: 'help' };
  const found = findCommand(argv);
  if (!found) {
    const group = groupHint(argv[0]);
    if (group) throw new UsageError(`\`${argv[0]}\` needs a subcommand: ${group}`);
    throw new UsageError(`unknown command \`${argv[0]}\``);
  }
  const { command, rest } = found;
  if (command.name === 'help') {
    if (rest.length === 0) return { kind: 'help' };
    const target = findCommand(rest);
    if (!target || target.rest.length > 0) throw new UsageError(`no such command: \`${rest.join(' ')}\``);
    return { kind: 'help', command: target.command };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    // parseArgs says e.g. "Unknown option '--foo'"; keep its words, drop its advice about `--`.
    const message = err instanceof Error ? err.message.split('. ')[0]!.replace(/\.$/, '') : String(err);
    throw new UsageError(message, command);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help', command };
  if (positionals.length < command.minArgs) throw new UsageError(`\`${command.name}\` needs ${command.args}`, command);
  if (positionals.length > command.maxArgs) {
    throw new UsageError(`\`${command.name}\` takes ${command.maxArgs === 0 ? 'no arguments' : `at most ${command.args}`}; got ${positionals.map((p) => `"${p}"`).join(' ')}`, command);
  }
  const { json, help: _help, ...options } = values;
  return { kind: 'run', command, args: positionals, options: options as Record<string, string | boolean | string[] | undefined>, json: json === true };
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** The text's YYYY-MM-DD is a day that exists (Date.parse would roll February 31 over into March). */
function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/**
 * `--exp`: whole seconds from now (`3600`, or with a unit: `30m`, `2h`, `7d`), or an ISO 8601
 * date-time with a time zone (`2026-12-24T18:00Z`). Returns unix seconds, which must be in the future.
 */
export function parseExp(raw: string, now: number, option = '--exp'): number {
  const text = raw.trim();
  const relative = /^(\d{1,9})([smhd]?)$/.exec(text);
  let at: number;
  if (relative) {
    at = Math.floor(now) + Number(relative[1]) * UNITS[relative[2] || 's']!;
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text) && isCalendarDate(text) && !Number.isNaN(Date.parse(text))) {
    at = Math.floor(Date.parse(text) / 1000);
  } else {
    throw new UsageError(`${option} "${raw}" is not a time: give seconds from now (3600, 30m, 2h, 7d) or an ISO date-time with a zone (2026-12-24T18:00Z)`);
  }
  if (at <= now) throw new UsageError(`${option} "${raw}" is not in the future`);
  return at;
}

/** A whole number option (`--limit`, `--max-participants`) within bounds. */
export function parseCount(raw: string, option: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

/** `--set property=value`: the value as JSON when it parses (true, 5, "x", {...}), else as the text itself. */
export function parseSetting(raw: string): [string, unknown] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set "${raw}" must look like property=value (e.g. start_video_off=true)`);
  const key = raw.slice(0, eq).trim();
  const text = raw.slice(eq + 1);
  if (!/^[a-z_]+$/.test(key)) throw new UsageError(`--set "${raw}": "${key}" is not a room property name (lowercase with underscores, like start_video_off)`);
  try {
    return [key, JSON.parse(text)];
  } catch {
    return [key, text];
  }
}
