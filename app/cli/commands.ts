/**
 * The operator CLI's commands: each turns a parsed command line into REST calls and prints the
 * answer (a table, or the JSON with --json). No rule of Foyer's lives here: the API decides.
 */
import { isIP } from 'node:net';
import { parseCount, parseExp, parseSetting, UsageError, type CommandName, type Invocation } from './args.ts';
import type { ApiClient, Json, Room } from './api-client.ts';
import { answerSummary, meetingsTable, membersTable, presenceTable, roomCreated, roomsTable, tokenCreated, waitingTable } from './format.ts';

/** What a command prints on stdout, and the exit code (0, or 1 when part of it could not be done). */
export interface CommandResult {
  output: string;
  code: 0 | 1;
}

type RunInvocation = Extract<Invocation, { kind: 'run' }>;
type Handler = (inv: RunInvocation, api: ApiClient, now: number) => Promise<CommandResult>;

const ok = (output: string): CommandResult => ({ output, code: 0 });
const json = (value: unknown) => JSON.stringify(value, null, 2);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Pages through GET /v1/rooms (100 at a time, by cursor), at most `maxPages` pages. */
async function allRooms(api: ApiClient, maxPages = 100): Promise<{ total_count: number; data: Room[] }> {
  const data: Room[] = [];
  let total = 0;
  for (let page = 0; page < maxPages; page++) {
    const last = data[data.length - 1];
    const answer = await api.listRooms({ limit: 100, ...(last ? { starting_after: last.id } : {}) });
    total = answer.total_count;
    data.push(...answer.data);
    if (answer.data.length < 100) break;
  }
  return { total_count: total, data };
}

/** The body of POST /v1/rooms from `rooms create`'s arguments. */
export function roomBody(inv: RunInvocation, now: number): Json {
  const o = inv.options;
  const properties: Json = {};
  for (const raw of (o.set as string[] | undefined) ?? []) {
    const [key, value] = parseSetting(raw);
    properties[key] = value;
  }
  if (o.knocking) properties.enable_knocking = true;
  if (str(o.exp) !== undefined) properties.exp = parseExp(str(o.exp)!, now);
  if (o['eject-at-exp']) {
    if (properties.exp === undefined) throw new UsageError('--eject-at-exp needs --exp (when to remove everyone)');
    properties.eject_at_room_exp = true;
  }
  if (str(o['max-participants']) !== undefined) properties.max_participants = parseCount(str(o['max-participants'])!, '--max-participants', 1, 100_000);
  const privacy = str(o.privacy);
  if (privacy !== undefined && privacy !== 'private' && privacy !== 'public') {
    throw new UsageError(`--privacy must be private or public, got "${privacy}"`);
  }
  return {
    ...(inv.args[0] !== undefined ? { name: inv.args[0] } : {}),
    ...(privacy ? { privacy } : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/** The meeting-token properties from `tokens create`'s arguments. */
export function tokenProperties(inv: RunInvocation, now: number): Json & { room_name: string } {
  const o = inv.options;
  const room = str(o.room);
  if (!room) throw new UsageError('`tokens create` needs --room <name>: the room the token is for');
  const properties: Json & { room_name: string } = { room_name: room };
  if (o.owner) properties.is_owner = true;
  if (str(o.name) !== undefined) properties.user_name = str(o.name);
  if (str(o['user-id']) !== undefined) properties.user_id = str(o['user-id']);
  if (str(o.exp) !== undefined) properties.exp = parseExp(str(o.exp)!, now);
  if (o['eject-at-exp']) {
    if (properties.exp === undefined) throw new UsageError('--eject-at-exp needs --exp (when to remove the holder)');
    properties.eject_at_token_exp = true;
  }
  return properties;
}

/** `admit`/`deny`'s updates: one per id, or `"*"` for everyone waiting. */
export function waitingUpdates(ids: string[], grant: boolean): { updates: Record<string, { grantRequestedAccess: boolean }>; asked: string[] | 'all' } {
  if (ids.includes('all') || ids.includes('*')) {
    if (ids.length > 1) throw new UsageError('give either `all` or waiting ids, not both');
    return { updates: { '*': { grantRequestedAccess: grant } }, asked: 'all' };
  }
  const unique = [...new Set(ids)];
  return { updates: Object.fromEntries(unique.map((id) => [id, { grantRequestedAccess: grant }])), asked: unique };
}

async function answer(inv: RunInvocation, api: ApiClient, grant: boolean): Promise<CommandResult> {
  const [room, ...ids] = inv.args as [string, ...string[]];
  const { updates, asked } = waitingUpdates(ids, grant);
  const result = await api.answerWaiting(room, updates);
  const answered = new Set([...result.granted, ...result.denied]);
  // Someone who was no longer waiting was not let in (or turned away): a script should know.
  const missed = asked !== 'all' && asked.some((id) => !answered.has(id));
  return { output: inv.json ? json(result) : answerSummary(room, result, asked), code: missed ? 1 : 0 };
}

const HANDLERS: Record<Exclude<CommandName, 'help'>, Handler> = {
  async 'rooms create'(inv, api, now) {
    const room = await api.createRoom(roomBody(inv, now));
    return ok(inv.json ? json(room) : roomCreated(room, now));
  },
  async 'rooms list'(inv, api, now) {
    const rooms = await allRooms(api);
    return ok(inv.json ? json(rooms) : roomsTable(rooms.data, now));
  },
  async 'rooms delete'(inv, api) {
    const deleted = await api.deleteRoom(inv.args[0]!);
    return ok(inv.json ? json(deleted) : `Deleted room ${deleted.name} (anyone in its call was removed).`);
  },
  async 'tokens create'(inv, api, now) {
    const properties = tokenProperties(inv, now);
    // The room first: a token for a room that does not exist would be a link to nowhere.
    const room = await api.getRoom(properties.room_name);
    const { token } = await api.createToken(properties);
    const link = `${room.url}?t=${encodeURIComponent(token)}`;
    return ok(inv.json ? json({ token, link }) : tokenCreated(link, properties as { is_owner?: boolean; user_name?: string; exp?: number }));
  },
  async meetings(inv, api, now) {
    const o = inv.options;
    const limit = str(o.limit) !== undefined ? parseCount(str(o.limit)!, '--limit', 1, 100) : undefined;
    const list = await api.meetings({ room: str(o.room), ongoing: o.ongoing ? true : undefined, limit });
    return ok(inv.json ? json(list) : meetingsTable(list.data, now));
  },
  async presence(inv, api) {
    const presence = await api.presence();
    return ok(inv.json ? json(presence) : presenceTable(presence));
  },
  async waiting(inv, api, now) {
    const list = await api.waiting(inv.args[0]!);
    return ok(inv.json ? json(list) : waitingTable(inv.args[0]!, list.data, now));
  },
  admit: (inv, api) => answer(inv, api, true),
  deny: (inv, api) => answer(inv, api, false),
  async 'team invite'(inv, api) {
    const link = inv.options.rotate ? (await api.rotateInvite()).invite_link : (await api.team()).invite_link;
    if (inv.json) return ok(json({ invite_link: link }));
    // Browsers refuse passkeys for an IP address (Foyer's default public URL is http://127.0.0.1:3000).
    const atIp = isIP(new URL(link).hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
    return ok([
      link,
      inv.options.rotate ? 'A new invite link: the old one no longer works.' : 'The team\'s invite link: whoever opens it can sign up with a passkey (the first member becomes the owner).',
      ...(atIp ? ['Warning: passkeys need Foyer at a host name, not an IP address: set FOYER_PUBLIC_URL (e.g. http://localhost:3000, or your https domain) and restart Foyer.'] : []),
    ].join('\n'));
  },
  async 'team members'(inv, api) {
    const team = await api.team();
    return ok(inv.json ? json(team.members) : membersTable(team.members));
  },
  async 'team remove'(inv, api) {
    const removed = await api.removeMember(inv.args[0]!);
    return ok(inv.json ? json(removed) : `Removed ${removed.email} from the team: their passkeys no longer sign in, and they were signed out.`);
  },
};

/** Runs a parsed command against the API. Throws `UsageError` (exit 2) or `ApiFailure` (exit 1). */
export function runCommand(inv: RunInvocation, api: ApiClient, now: number): Promise<CommandResult> {
  return HANDLERS[inv.command.name as Exclude<CommandName, 'help'>](inv, api, now);
}
