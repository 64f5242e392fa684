/**
 * The dashboard's state and actions, outside React (a zustand vanilla store, so tests drive it without a
 * DOM): the team and its rooms as the server last said, what is under way, what went wrong and where,
 * and the last link handed out. The server decides everything; the store only keeps and orders answers.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CreateRoomRequest, DashboardRoom, DashboardTeam, UpdateRoomRequest } from '../../shared/dashboard-api.ts';
import type { DashboardApi } from './dashboard-client.ts';
import { dashboardProblem, isSignedOut, type DashboardProblem } from './dashboard-problem.ts';

/** What the page shows as a whole. */
export type DashboardView =
  | { name: 'loading' }
  /** No session (never signed in, signed out elsewhere, or removed from the team). */
  | { name: 'signed-out' }
  /** The first load failed: nothing to show but the problem and Try again. */
  | { name: 'failed'; problem: DashboardProblem }
  | { name: 'ready' };

/**
 * What an action is about, where its button, its failure and its link are shown: the create form, the
 * invite link, a room (`room:<name>`) or a member (`member:<email>`).
 */
export type Target = 'create' | 'invite' | `room:${string}` | `member:${string}`;

/** A link just handed out (minted and copied, or shown to copy by hand when the clipboard refused). */
export interface HandedLink {
  target: Target;
  kind: 'owner' | 'guest' | 'invite';
  url: string;
  /** Unix seconds when its token expires (null: a plain link that does not). */
  expiresAt: number | null;
  /** Whether it is on the clipboard; if not, the page shows it selected, to copy by hand. */
  copied: boolean;
}

/** What just happened, said in a polite live region (the change itself is visible too). */
export interface Said {
  key: 'dashboard.said.created' | 'dashboard.said.deleted' | 'dashboard.said.updated' | 'dashboard.said.removed' | 'dashboard.said.rotated';
  name: string;
}

export interface DashboardState {
  view: DashboardView;
  team: DashboardTeam | null;
  rooms: DashboardRoom[];
  total: number;
  /** The last refresh failed: what is shown is from before, and the page says so. */
  stale: DashboardProblem | null;
  /** The actions under way, by target: their buttons wait. */
  busy: Partial<Record<Target, true>>;
  /** The last action's failure, shown beside what it was about. */
  problem: { target: Target; problem: DashboardProblem } | null;
  link: HandedLink | null;
  said: Said | null;
}

export interface DashboardActions {
  /** Asks the server for the team and the rooms (a refresh already under way is shared, not repeated). */
  refresh(): Promise<void>;
  /** Resolves true when the room was created (the form then clears). */
  createRoom(req: CreateRoomRequest): Promise<boolean>;
  updateRoom(name: string, change: UpdateRoomRequest): Promise<void>;
  deleteRoom(name: string): Promise<void>;
  /** Mints the room's owner or guest link and puts it on the clipboard. */
  copyRoomLink(name: string, owner: boolean): Promise<void>;
  copyInvite(): Promise<void>;
  rotateInvite(): Promise<void>;
  removeMember(email: string): Promise<void>;
  /** Forgets the handed link (the person closed it). */
  dismissLink(): void;
}

export type DashboardStore = StoreApi<DashboardState & DashboardActions>;

/** Puts text on the clipboard; false when the browser refused (no permission, not a secure page). */
export type CopyText = (text: string) => Promise<boolean>;

/** The browser's clipboard. */
export const clipboardCopy: CopyText = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};

export const roomTarget = (name: string): Target => `room:${name}`;
export const memberTarget = (email: string): Target => `member:${email}`;

export function createDashboardStore(api: DashboardApi, copy: CopyText = clipboardCopy): DashboardStore {
  let refreshing: Promise<void> | null = null;
  // Bumped by every change the person makes: a refresh that started before it answers with a list from
  // before it (a deleted room still there), so its answer is dropped and the next poll brings the truth.
  let changes = 0;

  return createStore<DashboardState & DashboardActions>()((set, get) => {
    const setBusy = (target: Target, on: boolean) =>
      set((s) => {
        const busy = { ...s.busy };
        if (on) busy[target] = true;
        else delete busy[target];
        return { busy };
      });

    /** Runs one action about `target`: its button waits, its failure is shown there, a lost session shows the sign-in message. */
    const run = async (target: Target, action: () => Promise<void>): Promise<boolean> => {
      setBusy(target, true);
      set({ problem: null, said: null });
      // Before and after: a refresh that overlaps the action in any way is dropped.
      changes++;
      try {
        await action();
        changes++;
        return true;
      } catch (err) {
        if (isSignedOut(err)) set({ view: { name: 'signed-out' } });
        else set({ problem: { target, problem: dashboardProblem(err) } });
        return false;
      } finally {
        setBusy(target, false);
      }
    };

    const hand = async (target: Target, kind: HandedLink['kind'], url: string, expiresAt: number | null) => {
      const copied = await copy(url);
      set({ link: { target, kind, url, expiresAt, copied } });
    };

    const replaceRoom = (room: DashboardRoom) => set((s) => ({ rooms: s.rooms.map((r) => (r.name === room.name ? room : r)) }));

    const load = async () => {
      const before = changes;
      try {
        const [team, rooms] = await Promise.all([api.team(), api.rooms()]);
        if (before !== changes) return;
        set({ view: { name: 'ready' }, team, rooms: rooms.rooms, total: rooms.total, stale: null });
      } catch (err) {
        if (isSignedOut(err)) set({ view: { name: 'signed-out' } });
        else if (get().view.name === 'ready') set({ stale: dashboardProblem(err) });
        else set({ view: { name: 'failed', problem: dashboardProblem(err) } });
      }
    };

    return {
      view: { name: 'loading' },
      team: null,
      rooms: [],
      total: 0,
      stale: null,
      busy: {},
      problem: null,
      link: null,
      said: null,

      refresh: () => {
        // Signed out is final for this page: the person signs in at `/` and comes back.
        if (get().view.name === 'signed-out') return Promise.resolve();
        refreshing ??= load().finally(() => (refreshing = null));
        return refreshing;
      },

      createRoom: (req) =>
        run('create', async () => {
          const { room } = await api.createRoom(req);
          set((s) => ({ rooms: [room, ...s.rooms.filter((r) => r.name !== room.name)], total: s.total + 1, said: { key: 'dashboard.said.created', name: room.name } }));
        }),

      updateRoom: async (name, change) => {
        const before = get().rooms.find((r) => r.name === name);
        // Shown at once (a select must not jump back while the server answers); undone if refused.
        if (before) replaceRoom({ ...before, ...change });
        const done = await run(roomTarget(name), async () => {
          const { room } = await api.updateRoom(name, change);
          replaceRoom(room);
          set({ said: { key: 'dashboard.said.updated', name } });
        });
        if (!done && before) replaceRoom(before);
      },

      deleteRoom: async (name) => {
        await run(roomTarget(name), async () => {
          await api.deleteRoom(name);
          set((s) => ({
            rooms: s.rooms.filter((r) => r.name !== name),
            total: Math.max(0, s.total - 1),
            link: s.link?.target === roomTarget(name) ? null : s.link,
            said: { key: 'dashboard.said.deleted', name },
          }));
        });
      },

      copyRoomLink: async (name, owner) => {
        await run(roomTarget(name), async () => {
          const { url, expiresAt } = await api.roomLink(name, owner);
          await hand(roomTarget(name), owner ? 'owner' : 'guest', url, expiresAt);
        });
      },

      copyInvite: async () => {
        const link = get().team?.inviteLink;
        if (link) await hand('invite', 'invite', link, null);
      },

      rotateInvite: async () => {
        await run('invite', async () => {
          const { inviteLink } = await api.rotateInvite();
          set((s) => ({ team: s.team && { ...s.team, inviteLink }, said: { key: 'dashboard.said.rotated', name: '' } }));
          await hand('invite', 'invite', inviteLink, null);
        });
      },

      removeMember: async (email) => {
        await run(memberTarget(email), async () => {
          await api.removeMember(email);
          set((s) => ({
            team: s.team && { ...s.team, members: s.team.members.filter((m) => m.email !== email) },
            said: { key: 'dashboard.said.removed', name: email },
          }));
        });
      },

      dismissLink: () => set({ link: null }),
    };
  });
}
