/**
 * Human output of the operator CLI: small aligned tables and one-line summaries. Pure functions of
 * the API's answers and a clock (unix seconds), so they are tested row by row.
 */
import type { Meeting, Presence, Room, TeamMember, WaitingAnswer, WaitingParticipant } from './api-client.ts';

/** Columns padded to their widest cell, two spaces apart; no trailing spaces. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Unix seconds or an ISO string → `2026-12-06 07:30:00Z` (UTC, to the second); '-' when absent or unreadable. */
export function formatTime(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) return '-';
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** Seconds → `45s`, `12m 05s`, `3h 02m`, `2d 04h`; '-' when absent. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '-';
  const s = Math.floor(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${two(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${two(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${two(Math.floor((s % 86_400) / 3600))}h`;
}

/** A unix-seconds or ISO time as seconds since then (for "waiting for"); null when unreadable. */
function secondsSince(value: number | string, now: number): number | null {
  const at = typeof value === 'number' ? value : Date.parse(value) / 1000;
  return Number.isFinite(at) ? Math.max(0, now - at) : null;
}

/** `exp` column: when, and `(ended)` once it passed. */
function expiry(exp: number | undefined, now: number): string {
  if (exp === undefined) return '-';
  return `${formatTime(exp)}${exp <= now ? ' (ended)' : ''}`;
}

/** `rooms list`. */
export function roomsTable(rooms: Room[], now: number): string {
  if (rooms.length === 0) return 'No rooms. Create one: npm run foyer -- rooms create <name>';
  return table(
    ['NAME', 'PRIVACY', 'KNOCKING', 'EXPIRES', 'CREATED', 'URL'],
    rooms.map((r) => [r.name, r.privacy, r.config.enable_knocking ? 'yes' : 'no', expiry(r.config.exp, now), formatTime(r.created_at), r.url]),
  );
}

/** `rooms create`: what was made, in one or two lines. */
export function roomCreated(room: Room, now: number): string {
  const traits = [room.privacy, ...(room.config.enable_knocking ? ['knocking'] : []), ...(room.config.exp !== undefined ? [`ends ${expiry(room.config.exp, now)}`] : [])];
  return `Created room ${room.name} (${traits.join(', ')})\n${room.url}`;
}

/** `tokens create`: the link to open, and what kind of link it is. */
export function tokenCreated(link: string, props: { is_owner?: boolean; user_name?: string; exp?: number }): string {
  const who = `${props.is_owner ? 'owner' : 'participant'} link${props.user_name ? ` for ${props.user_name}` : ''}`;
  const until = props.exp !== undefined ? `valid until ${formatTime(props.exp)}` : 'never expires';
  return `Meeting link (${who}, ${until}):\n${link}`;
}

/** `meetings`: one row per meeting, its participants' names in the last column. */
export function meetingsTable(meetings: Meeting[], now: number): string {
  if (meetings.length === 0) return 'No meetings.';
  return table(
    ['ID', 'ROOM', 'STARTED', 'DURATION', 'STATUS', 'MAX', 'PARTICIPANTS'],
    meetings.map((m) => [
      m.id,
      m.room,
      formatTime(m.start_time),
      // An ongoing meeting's duration grows: count it up to now when the API leaves it open.
      formatDuration(m.duration ?? (m.ongoing ? now - m.start_time : null)),
      m.ongoing ? 'ongoing' : 'ended',
      String(m.max_participants),
      (m.participants ?? []).map((p) => p.user_name || p.user_id || p.participant_id).join(', ') || '-',
    ]),
  );
}

/** `presence`: everyone in a call now, grouped by room (rooms in name order). */
export function presenceTable(presence: Presence): string {
  const rooms = Object.keys(presence).sort();
  const rows = rooms.flatMap((room) => (presence[room] ?? []).map((p) => [room, p.userName || '-', p.userId || '-', p.id, formatTime(p.joinTime), formatDuration(p.duration)]));
  if (rows.length === 0) return 'No one is in a call.';
  return table(['ROOM', 'NAME', 'USER ID', 'SESSION ID', 'JOINED', 'FOR'], rows);
}

/** `waiting <room>`. */
export function waitingTable(room: string, waiting: WaitingParticipant[], now: number): string {
  if (waiting.length === 0) return `No one is waiting at ${room}.`;
  return table(
    ['ID', 'NAME', 'USER ID', 'WAITING SINCE', 'FOR'],
    waiting.map((w) => [w.id, w.user_name || '-', w.user_id || '-', formatTime(w.waiting_since), formatDuration(secondsSince(w.waiting_since, now))]),
  );
}

/** `admit` / `deny`: who was let in or turned away, and who was not there any more. */
export function answerSummary(room: string, answer: WaitingAnswer, asked: string[] | 'all'): string {
  const lines: string[] = [];
  if (answer.granted.length > 0) lines.push(`Let in at ${room}: ${answer.granted.join(', ')}`);
  if (answer.denied.length > 0) lines.push(`Turned away at ${room}: ${answer.denied.join(', ')}`);
  if (asked === 'all') {
    if (lines.length === 0) lines.push(`No one was waiting at ${room}.`);
  } else {
    const answered = new Set([...answer.granted, ...answer.denied]);
    const gone = asked.filter((id) => !answered.has(id));
    // First answer wins: someone an owner already answered, or who left, is no longer waiting.
    if (gone.length > 0) lines.push(`Not waiting any more (already answered, or left): ${gone.join(', ')}`);
  }
  return lines.join('\n');
}

/** `team members`: one row per member, oldest first (the owner who started the team on top). */
export function membersTable(members: TeamMember[]): string {
  if (members.length === 0) return 'No members yet: give someone the invite link (`npm run foyer -- team invite`); the first to sign up becomes the owner.';
  return table(['EMAIL', 'NAME', 'ROLE', 'SINCE'], members.map((m) => [m.email, m.name, m.role, formatTime(m.created_at)]));
}
