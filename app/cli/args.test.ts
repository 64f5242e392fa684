import { describe, expect, it } from 'vitest';
import { commandSpec, COMMANDS, parseCommandLine, parseCount, parseExp, parseSetting, UsageError, type Invocation } from './args.ts';

const run = (argv: string[]) => {
  const inv = parseCommandLine(argv);
  if (inv.kind !== 'run') throw new Error(`expected a command to run, got ${JSON.stringify(inv)}`);
  return { name: inv.command.name, args: inv.args, options: inv.options, json: inv.json };
};

const usageError = (argv: string[]): UsageError => {
  try {
    parseCommandLine(argv);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`expected a usage error for ${JSON.stringify(argv)}`);
};

describe('parseCommandLine: what runs', () => {
  it.each<[string[], ReturnType<typeof run>]>([
    [['rooms', 'create'], { name: 'rooms create', args: [], options: {}, json: false }],
    [['rooms', 'create', 'standup', '--privacy', 'private', '--knocking'], { name: 'rooms create', args: ['standup'], options: { privacy: 'private', knocking: true }, json: false }],
    [['rooms', 'create', '--exp=2h', '--eject-at-exp', 'late'], { name: 'rooms create', args: ['late'], options: { exp: '2h', 'eject-at-exp': true }, json: false }],
    [['rooms', 'create', '--set', 'start_video_off=true', '--set', 'lang=fr'], { name: 'rooms create', args: [], options: { set: ['start_video_off=true', 'lang=fr'] }, json: false }],
    [['rooms', 'list', '--json'], { name: 'rooms list', args: [], options: {}, json: true }],
    [['rooms', 'delete', 'standup'], { name: 'rooms delete', args: ['standup'], options: {}, json: false }],
    [['tokens', 'create', '--room', 'standup', '--owner', '--name', 'Ada Lovelace', '--exp', '3600'], { name: 'tokens create', args: [], options: { room: 'standup', owner: true, name: 'Ada Lovelace', exp: '3600' }, json: false }],
    [['meetings'], { name: 'meetings', args: [], options: {}, json: false }],
    [['meetings', '--room', 'standup', '--ongoing', '--limit', '5'], { name: 'meetings', args: [], options: { room: 'standup', ongoing: true, limit: '5' }, json: false }],
    [['presence', '--json'], { name: 'presence', args: [], options: {}, json: true }],
    [['waiting', 'standup'], { name: 'waiting', args: ['standup'], options: {}, json: false }],
    [['admit', 'standup', 'all'], { name: 'admit', args: ['standup', 'all'], options: {}, json: false }],
    [['admit', 'standup', 'id-1', 'id-2'], { name: 'admit', args: ['standup', 'id-1', 'id-2'], options: {}, json: false }],
    [['deny', 'standup', 'all', '--json'], { name: 'deny', args: ['standup', 'all'], options: {}, json: true }],
    // `--` ends options: a room name that starts with a dash is still a name.
    [['rooms', 'delete', '--', '-odd'], { name: 'rooms delete', args: ['-odd'], options: {}, json: false }],
  ])('%j', (argv, expected) => {
    expect(run(argv)).toEqual(expected);
  });
});

describe('parseCommandLine: help', () => {
  it.each<[string[], Invocation]>([
    [['help'], { kind: 'help' }],
    [['--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
    [['help', 'rooms', 'create'], { kind: 'help', command: commandSpec('rooms create') }],
    [['help', 'admit'], { kind: 'help', command: commandSpec('admit') }],
    [['rooms', 'create', '--help'], { kind: 'help', command: commandSpec('rooms create') }],
    // Help wins over missing arguments: `admit --help` must not complain that the room is missing.
    [['admit', '-h'], { kind: 'help', command: commandSpec('admit') }],
  ])('%j', (argv, expected) => {
    expect(parseCommandLine(argv)).toEqual(expected);
  });
});

describe('parseCommandLine: usage errors (exit 2), naming what is wrong', () => {
  it.each<[string[], RegExp, string | undefined]>([
    [[], /no command/, undefined],
    [['launch'], /unknown command `launch`/, undefined],
    [['rooms'], /`rooms` needs a subcommand: `rooms create`, `rooms list`, `rooms delete`/, undefined],
    [['tokens', 'mint'], /`tokens` needs a subcommand: `tokens create`/, undefined],
    [['help', 'nope'], /no such command: `nope`/, undefined],
    [['rooms', 'delete'], /needs <name>/, 'rooms delete'],
    [['rooms', 'delete', 'a', 'b'], /at most <name>; got "a" "b"/, 'rooms delete'],
    [['rooms', 'list', 'extra'], /takes no arguments/, 'rooms list'],
    [['waiting'], /needs <room>/, 'waiting'],
    [['admit', 'standup'], /needs <room> <id\|all>/, 'admit'],
    [['rooms', 'create', '--colour', 'red'], /Unknown option '--colour'/, 'rooms create'],
    [['rooms', 'create', '--privacy'], /--privacy/, 'rooms create'],
    [['tokens', 'create', '--owner=yes'], /--owner/, 'tokens create'],
    // Options of one command are not options of another.
    [['rooms', 'list', '--room', 'x'], /Unknown option '--room'/, 'rooms list'],
  ])('%j', (argv, message, command) => {
    const err = usageError(argv);
    expect(err.message).toMatch(message);
    expect(err.command?.name).toBe(command);
  });
});

describe('parseExp: seconds from now or an ISO date-time, in the future', () => {
  const now = 1_700_000_000.4; // 2023-11-14T22:13:20Z
  it.each<[string, number]>([
    ['3600', 1_700_003_600],
    ['90s', 1_700_000_090],
    ['30m', 1_700_001_800],
    ['2h', 1_700_007_200],
    ['7d', 1_700_604_800],
    [' 60 ', 1_700_000_060],
    ['2027-01-15T08:00:00Z', Date.parse('2027-01-15T08:00:00Z') / 1000],
    ['2027-01-15T09:00+01:00', Date.parse('2027-01-15T08:00:00Z') / 1000],
    ['2027-01-15T08:00:00.750Z', Date.parse('2027-01-15T08:00:00Z') / 1000],
  ])('%j → %d', (raw, expected) => {
    expect(parseExp(raw, now)).toBe(expected);
  });

  it.each<[string, RegExp]>([
    ['0', /not in the future/],
    ['2020-01-01T00:00Z', /not in the future/],
    ['tomorrow', /not a time/],
    ['-5', /not a time/],
    ['1.5h', /not a time/],
    ['2h30m', /not a time/],
    // No zone: the server's and the operator's clocks could read it differently.
    ['2027-01-15T08:00', /not a time/],
    ['2027-02-31T08:00Z', /not a time/],
    ['2027-13-01T08:00Z', /not a time/],
    ['', /not a time/],
  ])('%j is refused', (raw, message) => {
    expect(() => parseExp(raw, now)).toThrow(message);
  });
});

describe('parseCount and parseSetting', () => {
  it.each<[string, number | RegExp]>([
    ['1', 1],
    ['100', 100],
    ['0', /from 1 to 100/],
    ['101', /from 1 to 100/],
    ['5.5', /whole number/],
    ['0x10', /whole number/],
    ['', /whole number/],
  ])('--limit %j', (raw, expected) => {
    if (typeof expected === 'number') expect(parseCount(raw, '--limit', 1, 100)).toBe(expected);
    else expect(() => parseCount(raw, '--limit', 1, 100)).toThrow(expected);
  });

  it.each<[string, [string, unknown] | RegExp]>([
    ['start_video_off=true', ['start_video_off', true]],
    ['max_participants=5', ['max_participants', 5]],
    ['lang=fr', ['lang', 'fr']],
    ['lang="fr"', ['lang', 'fr']],
    ['permissions={"canSend":false}', ['permissions', { canSend: false }]],
    ['meeting_join_hook=', ['meeting_join_hook', '']],
    ['=true', /property=value/],
    ['novalue', /property=value/],
    ['Start-Video=true', /not a room property name/],
  ])('%j', (raw, expected) => {
    if (Array.isArray(expected)) expect(parseSetting(raw)).toEqual(expected);
    else expect(() => parseSetting(raw)).toThrow(expected);
  });
});

it('every command has a summary and at least one example that parses as that command', () => {
  for (const c of COMMANDS) {
    expect(c.summary.length, c.name).toBeGreaterThan(10);
    for (const example of c.examples) {
      const argv = example.split(' ').filter((w) => !w.endsWith('...'));
      if (c.name === 'admit') argv.push('some-id');
      const inv = parseCommandLine(argv);
      expect(inv.kind === 'run' ? inv.command.name : 'help', example).toBe(c.name);
    }
  }
});
