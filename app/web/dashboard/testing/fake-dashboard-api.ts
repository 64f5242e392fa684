/** A fake /api/team/dashboard for tests: a team and its rooms in memory, every call recorded, failures on demand. */
import type { DashboardRoom, DashboardTeam } from '../../../shared/dashboard-api.ts';
import type { MemberView } from '../../../shared/team-api.ts';
import { DashboardApiError, type DashboardApi } from '../dashboard-client.ts';

export const owner: MemberView = { email: 'olive@example.com', name: 'Olive', role: 'owner' };
export const member: MemberView = { email: 'max@example.com', name: 'Max', role: 'member' };

/** A room as the server would list it. */
export const room = (name: string, over: Partial<DashboardRoom> = {}): DashboardRoom => ({
  name,
  privacy: 'org',
  knocking: false,
  url: `http://localhost:3000/${name}`,
  created_at: '2026-12-06T12:00:00.000Z',
  inCall: [],
  waiting: [],
  ...over,
});

export interface FakeDashboardOptions {
  me?: MemberView;
  rooms?: DashboardRoom[];
  /** Calls that fail, with the error they reject with (every time, until `fail` is changed). */
  fail?: Partial<Record<keyof DashboardApi, DashboardApiError>>;
}

/** A refusal as the server sends it. */
export const refusal = (status: number, error: string, info: string) => new DashboardApiError(status, error, info);

export function fakeDashboardApi(opts: FakeDashboardOptions = {}) {
  const sent: [keyof DashboardApi, ...unknown[]][] = [];
  const me = opts.me ?? owner;
  const state = {
    fail: { ...opts.fail },
    rooms: [...(opts.rooms ?? [])],
    team: { name: 'example.com', me, members: [owner, member], inviteLink: 'http://localhost:3000/?tk=one' } as DashboardTeam,
  };
  const answer = <T>(name: keyof DashboardApi, args: unknown[], value: () => T): Promise<T> => {
    sent.push([name, ...args]);
    const failure = state.fail[name];
    return failure ? Promise.reject(failure) : Promise.resolve().then(value);
  };
  const find = (name: string) => {
    const found = state.rooms.find((r) => r.name === name);
    if (!found) throw refusal(404, 'not-found', `room ${name} not found`);
    return found;
  };
  const api: DashboardApi = {
    team: () => answer('team', [], () => structuredClone(state.team)),
    rooms: () => answer('rooms', [], () => ({ rooms: structuredClone(state.rooms), total: state.rooms.length })),
    createRoom: (req) =>
      answer('createRoom', [req], () => {
        const created = room(req.name ?? 'generated1', { privacy: req.privacy, knocking: req.knocking });
        state.rooms.unshift(created);
        return { room: created };
      }),
    updateRoom: (name, change) =>
      answer('updateRoom', [name, change], () => {
        const r = find(name);
        Object.assign(r, change);
        return { room: structuredClone(r) };
      }),
    deleteRoom: (name) =>
      answer('deleteRoom', [name], () => {
        find(name);
        state.rooms = state.rooms.filter((r) => r.name !== name);
        return { deleted: true as const };
      }),
    roomLink: (name, isOwner) =>
      answer('roomLink', [name, isOwner], () => ({ url: `${find(name).url}?t=${isOwner ? 'owner' : 'guest'}-token`, expiresAt: isOwner ? 1_800_000_000 : null })),
    removeMember: (email) =>
      answer('removeMember', [email], () => {
        state.team.members = state.team.members.filter((m) => m.email !== email);
        return { deleted: true as const };
      }),
    rotateInvite: () =>
      answer('rotateInvite', [], () => {
        state.team.inviteLink = 'http://localhost:3000/?tk=two';
        return { inviteLink: state.team.inviteLink };
      }),
  };
  return { api, sent, state };
}
