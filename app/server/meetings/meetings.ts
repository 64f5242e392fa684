/**
 * The meetings record at work: LiveKit webhooks applied to it (each once), its operator events sent on
 * the bus, and, at start, its open meetings brought in line with who LiveKit says is in each call (the
 * control plane may have missed leaves and joins while it was down). A heartbeat in the store says
 * when the control plane was last up: the best known time for a leave it missed.
 */
import type { WebhookEvent } from 'livekit-server-sdk';
import type { AppContext } from '../context.ts';
import type { OperatorEvent, OperatorEvents } from '../events/operator-events.ts';
import type { CallParticipant } from '../livekit/gateway.ts';
import { recordEventOf, sessionFromCall } from './livekit-sessions.ts';
import { MeetingRecord, type CallSession } from './record.ts';

/** The setting holding the heartbeat (unix seconds). */
export const ALIVE_SETTING = 'meetings.alive_at';
/** How often the heartbeat is written. */
export const HEARTBEAT_MS = 10_000;
/** Applied webhook ids are kept this long: LiveKit stops retrying long before. */
const EVENT_IDS_KEPT_SECONDS = 24 * 3600;
/** A failed reconcile (LiveKit not answering yet) is tried again after this long. */
const RECONCILE_RETRY_MS = 5_000;

export interface MeetingsOptions {
  heartbeatMs?: number;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export class Meetings {
  readonly record: MeetingRecord;
  private heartbeat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly events: OperatorEvents,
    private readonly opts: MeetingsOptions = {},
  ) {
    this.record = new MeetingRecord(
      ctx.store.meetingRecords,
      async (roomId) => (await ctx.store.roomById(roomId))?.name ?? null,
      ctx.now,
      undefined,
      // Fixed at their join and kept with the join record (forgotten once they are removed).
      async (roomId, identity) => (await ctx.store.meetings.callParticipant(roomId, identity))?.removal?.at ?? null,
    );
  }

  /** A verified LiveKit webhook: applied once (by its id), its operator events sent. */
  async webhook(event: WebhookEvent): Promise<void> {
    const change = recordEventOf(event, this.ctx.now());
    if (!change) return;
    this.emit(await this.record.apply(change, event.id || undefined));
  }

  /** Settles once the open meetings have been compared with LiveKit (after {@link start}'s retries, if any). */
  reconciled: Promise<void> = Promise.resolve();

  /**
   * Compares open meetings with LiveKit once, before the server takes webhooks (so a leave LiveKit
   * retries after the restart finds the record already right), then keeps the heartbeat. When LiveKit
   * does not answer, it is tried again in the background ({@link reconciled}). The last heartbeat is
   * read first: it is when the previous run was last known to be up.
   */
  async start(): Promise<void> {
    const alive = Number(await this.ctx.store.getSetting(ALIVE_SETTING) ?? Number.NaN);
    const leftBy = Number.isFinite(alive) ? alive : this.ctx.now();
    await this.beat();
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      this.beat().catch((err: unknown) => this.opts.log?.warn({ err }, 'could not record the heartbeat'));
    }, this.opts.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
    try {
      await this.reconcile(leftBy);
    } catch (err) {
      this.opts.log?.warn({ err }, 'could not compare the meetings record with LiveKit; trying again shortly');
      this.reconciled = this.retryReconcile(leftBy);
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
  }

  /** Brings every open meeting in line with LiveKit; `leftBy`: the best known time for a missed leave. */
  async reconcile(leftBy: number): Promise<void> {
    const store = this.ctx.store.meetingRecords;
    for (const meeting of await store.openMeetings()) {
      // Who the record has in the call, taken before asking LiveKit: a join heard meanwhile stays.
      const known = (await store.sessionsOf([meeting.id])).filter((s) => s.leaveTime === null);
      const inCall = await this.ctx.livekit.callParticipants(meeting.roomId);
      const now = this.ctx.now();
      const events = await this.record.reconcile(meeting.roomId, known, inCall.map((p) => sessionFromCall(meeting.roomId, p, now)), Math.min(leftBy, now));
      const count = (type: OperatorEvent['type']) => events.filter((e) => e.type === type).length;
      if (events.length > 0) {
        this.opts.log?.info(
          { room: meeting.roomName, meeting: meeting.id, left: count('participant.left'), joined: count('participant.joined'), ended: count('meeting.ended') },
          'meetings record checked against LiveKit after a restart: participants who left or joined while the control plane was down',
        );
      }
      this.emit(events);
    }
  }

  private async retryReconcile(leftBy: number): Promise<void> {
    while (!this.stopped) {
      await new Promise<void>((resolve) => {
        this.retry = setTimeout(resolve, RECONCILE_RETRY_MS);
        this.retry.unref();
      });
      if (this.stopped) return;
      try {
        await this.reconcile(leftBy);
        return;
      } catch (err) {
        this.opts.log?.warn({ err }, 'could not compare the meetings record with LiveKit; trying again shortly');
      }
    }
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    const now = this.ctx.now();
    // One relaxed commit, as the record's own writes: two fully synced ones every 10 s stalled the event loop.
    await this.ctx.store.meetingRecords.transaction(async () => {
      await this.ctx.store.setSetting(ALIVE_SETTING, String(now));
      await this.ctx.store.meetingRecords.pruneEvents(now - EVENT_IDS_KEPT_SECONDS);
    });
  }

  private emit(events: OperatorEvent[]): void {
    for (const e of events) this.events.emit(e);
  }
}
