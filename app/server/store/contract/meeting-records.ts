/**
 * The contract of `store.meetingRecords` (meeting-record-store.ts): meetings and their participants'
 * sessions as rows, the ids of LiveKit webhooks already applied, and the listing behind `/v1/meetings`.
 */
import { describe, expect, it } from 'vitest';
import type { MeetingRow, SessionRow } from '../meeting-record-store.ts';
import { freshStore, T, type CloseStore, type MakeStore } from './harness.ts';

/** An ended meeting `id` of room `id-{roomName}`, started at `start`; any field can be overridden. */
const meeting = (id: string, start: number, over: Partial<MeetingRow> = {}): MeetingRow =>
  ({ id, roomId: 'id-standup', roomName: 'standup', startTime: start, endTime: start + 60, maxParticipants: 2, ...over });

const session = (sessionSid: string, meetingId: string, joinTime: number, over: Partial<SessionRow> = {}): SessionRow => ({
  sessionSid,
  meetingId,
  participantId: `p-${sessionSid}`,
  userId: null,
  userName: null,
  owner: false,
  permissions: { hasPresence: true, canSend: true, canAdmin: false },
  joinTime,
  leaveTime: null,
  leaveEstimated: false,
  ...over,
});

/** The meetings record, as `meeting-record-store.ts` promises it. */
export function describeMeetingRecordsContract(makeStore: MakeStore, close?: CloseStore): void {
  describe('store contract: meeting records', () => {
    const store = freshStore(makeStore, close);
    const records = () => store().meetingRecords;
    const create = async (...ms: MeetingRow[]) => {
      for (const m of ms) await records().createMeeting(m);
    };
    const ids = (page: { data: MeetingRow[] }) => page.data.map((m) => m.id);

    it('claimEvent is true the first time an id is claimed and false on every retry', async () => {
      expect(await records().claimEvent('EV_1', T)).toBe(true);
      expect(await records().claimEvent('EV_1', T + 5)).toBe(false);
      expect(await records().claimEvent('EV_2', T + 5)).toBe(true);
    });

    it('claimEvent: of claims of one id made at once, exactly one wins', async () => {
      const wins = await Promise.all([1, 2, 3].map(() => records().claimEvent('EV_1', T)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('pruneEvents forgets ids applied before the cut-off, and only those', async () => {
      await records().claimEvent('old', T);
      await records().claimEvent('edge', T + 10);
      await records().pruneEvents(T + 10);
      expect(await records().claimEvent('old', T + 20)).toBe(true);
      expect(await records().claimEvent('edge', T + 20)).toBe(false);
    });

    it('transaction returns what its function returns, and applies a failing one not at all', async () => {
      expect(await records().transaction(async () => 'done')).toBe('done');
      await expect(records().transaction(async () => {
        await records().createMeeting(meeting('m1', T));
        await records().claimEvent('EV_1', T);
        throw new Error('half way');
      })).rejects.toThrow('half way');
      expect(await records().meeting('m1')).toBeNull();
      expect(await records().claimEvent('EV_1', T)).toBe(true);
    });

    it('runs transactions started together one after the other, each whole', async () => {
      const both = await Promise.allSettled([
        records().transaction(async () => {
          await records().createMeeting(meeting('m1', T));
          await records().claimEvent('EV_1', T);
          throw new Error('first fails');
        }),
        records().transaction(async () => {
          await records().createMeeting(meeting('m2', T + 1));
          return records().claimEvent('EV_2', T + 1);
        }),
      ]);
      expect(both.map((r) => r.status)).toStrictEqual(['rejected', 'fulfilled']);
      expect(await records().meeting('m1')).toBeNull();
      expect(await records().meeting('m2')).not.toBeNull();
      expect(await records().claimEvent('EV_2', T + 2)).toBe(false);
    });

    it('gives a meeting back whole, and updates its end and participant peak', async () => {
      const m = meeting('m1', T + 0.25, { endTime: null, maxParticipants: 1 });
      await create(m);
      expect(await records().meeting('m1')).toStrictEqual(m);
      expect(await records().meeting('nope')).toBeNull();
      await records().updateMeeting('m1', { endTime: T + 30.5, maxParticipants: 3 });
      expect(await records().meeting('m1')).toStrictEqual({ ...m, endTime: T + 30.5, maxParticipants: 3 });
      await records().updateMeeting('m1', { endTime: null, maxParticipants: 3 });
      expect((await records().meeting('m1'))?.endTime).toBeNull();
    });

    it("openMeeting is the room's meeting going on; latestMeeting its most recent, going on or not", async () => {
      expect(await records().openMeeting('id-standup')).toBeNull();
      expect(await records().latestMeeting('id-standup')).toBeNull();
      await create(meeting('first', T), meeting('elsewhere', T + 5, { roomId: 'id-other', roomName: 'other', endTime: null }));
      expect(await records().openMeeting('id-standup')).toBeNull();
      expect((await records().latestMeeting('id-standup'))?.id).toBe('first');
      await create(meeting('second', T + 100, { endTime: null }));
      expect((await records().openMeeting('id-standup'))?.id).toBe('second');
      expect((await records().latestMeeting('id-standup'))?.id).toBe('second');
      await records().updateMeeting('second', { endTime: T + 200, maxParticipants: 2 });
      expect(await records().openMeeting('id-standup')).toBeNull();
      expect((await records().latestMeeting('id-standup'))?.id).toBe('second');
    });

    it('openMeetings lists every meeting going on, in every room', async () => {
      await create(meeting('ended', T), meeting('a', T + 1, { endTime: null }), meeting('b', T + 2, { roomId: 'id-other', roomName: 'other', endTime: null }));
      expect((await records().openMeetings()).map((m) => m.id).sort()).toEqual(['a', 'b']);
    });

    it('lists newest first, at most `limit`, with total_count counting every match', async () => {
      expect(await records().listMeetings({ limit: 10 })).toEqual({ total_count: 0, data: [] });
      await create(meeting('m0', T), meeting('m1', T + 100), meeting('m2', T + 200));
      const page = await records().listMeetings({ limit: 2 });
      expect(page.total_count).toBe(3);
      expect(page.data).toStrictEqual([meeting('m2', T + 200), meeting('m1', T + 100)]);
    });

    it('filters by room name (as it was at the start), timeframe (start inclusive, end exclusive) and ongoing', async () => {
      await create(
        meeting('a', T, { roomName: 'standup' }),
        meeting('b', T + 100, { roomName: 'retro', roomId: 'id-retro' }),
        meeting('c', T + 200, { roomName: 'standup', endTime: null }),
      );
      expect(await records().listMeetings({ limit: 10, roomName: 'standup' })).toMatchObject({ total_count: 2, data: [{ id: 'c' }, { id: 'a' }] });
      expect(ids(await records().listMeetings({ limit: 10, roomName: 'nope' }))).toEqual([]);
      expect(ids(await records().listMeetings({ limit: 10, timeframeStart: T + 100 }))).toEqual(['c', 'b']);
      expect(ids(await records().listMeetings({ limit: 10, timeframeEnd: T + 200 }))).toEqual(['b', 'a']);
      expect(ids(await records().listMeetings({ limit: 10, timeframeStart: T + 1, timeframeEnd: T + 200 }))).toEqual(['b']);
      expect(ids(await records().listMeetings({ limit: 10, ongoing: true }))).toEqual(['c']);
      expect(await records().listMeetings({ limit: 1, ongoing: false })).toMatchObject({ total_count: 2, data: [{ id: 'b' }] });
      expect(ids(await records().listMeetings({ limit: 10, roomName: 'standup', ongoing: false }))).toEqual(['a']);
    });

    it('pages with startingAfter and endingBefore (meeting ids), filters still applied; an unknown cursor gives an empty page', async () => {
      await create(...[0, 1, 2, 3, 4].map((i) => meeting(`m${i}`, T + i * 100, i === 2 ? { roomName: 'retro' } : {})));
      expect(ids(await records().listMeetings({ limit: 2, startingAfter: 'm4' }))).toEqual(['m3', 'm2']);
      expect(ids(await records().listMeetings({ limit: 2, endingBefore: 'm1' }))).toEqual(['m3', 'm2']);
      const filtered = await records().listMeetings({ limit: 2, roomName: 'standup', startingAfter: 'm3' });
      expect(filtered).toMatchObject({ total_count: 4, data: [{ id: 'm1' }, { id: 'm0' }] });
      expect(ids(await records().listMeetings({ limit: 2, roomName: 'standup', endingBefore: 'm1' }))).toEqual(['m4', 'm3']);
      expect(await records().listMeetings({ limit: 2, startingAfter: 'nope' })).toEqual({ total_count: 5, data: [] });
      expect(await records().listMeetings({ limit: 2, endingBefore: 'nope' })).toEqual({ total_count: 5, data: [] });
    });

    it('gives a session back whole, and closes it with its leave time and whether that is a guess', async () => {
      const s = session('PA_1', 'm1', T + 1.5, { userId: 'u-1', userName: 'Ada', owner: true, permissions: { hasPresence: false, canSend: ['video'], canAdmin: ['participants'] } });
      await records().insertSession(s);
      expect(await records().session('PA_1')).toStrictEqual(s);
      expect(await records().session('nope')).toBeNull();
      await records().closeSession('PA_1', T + 50, true);
      expect(await records().session('PA_1')).toStrictEqual({ ...s, leaveTime: T + 50, leaveEstimated: true });
      // A real leave heard later replaces the guess.
      await records().closeSession('PA_1', T + 40, false);
      expect(await records().session('PA_1')).toStrictEqual({ ...s, leaveTime: T + 40, leaveEstimated: false });
    });

    it("sessionsOf gives every session of the meetings named, in join order, and no other meeting's", async () => {
      await records().insertSession(session('PA_late', 'm1', T + 30));
      await records().insertSession(session('PA_other', 'm2', T + 10));
      await records().insertSession(session('PA_early', 'm1', T + 5));
      await records().insertSession(session('PA_skip', 'm3', T));
      const sids = async (meetingIds: string[]) => (await records().sessionsOf(meetingIds)).map((s) => s.sessionSid);
      expect(await sids(['m1'])).toEqual(['PA_early', 'PA_late']);
      expect(await sids(['m1', 'm2'])).toEqual(['PA_early', 'PA_other', 'PA_late']);
      expect(await sids([])).toEqual([]);
      expect(await sids(['nope'])).toEqual([]);
    });
  });
}
