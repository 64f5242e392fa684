/**
 * What the owner powers leave behind for the rest of one meeting (one LiveKit room's life): who joined
 * with what (so a ban can name them), who is banned, and who was made an owner. All of it ends with the
 * meeting (`endMeeting`: LiveKit's `room_finished`, or the room deleted).
 */
import type { EjectReason } from '../../shared/client-api.ts';

/**
 * What a ban is keyed by. A meeting token (by its hash, never in plain) and its `user_id` when the
 * person had one; the client address for people without a token, who have nothing else to be known by.
 */
export type BanKey = { kind: 'token' | 'user' | 'client' | 'member'; value: string };

/** One join into a call: what a later ban of this identity is keyed by. */
export interface CallParticipantRecord {
  roomId: string;
  identity: string;
  /** Keys a ban of this person records (see {@link BanKey}). */
  banKeys: BanKey[];
  /** Unix seconds. */
  joinedAt: number;
  /** Their removal on schedule, fixed when they first joined (lifecycle/removal-time.ts); absent when none. */
  removal?: { at: number; reason: EjectReason };
}

export interface MeetingStore {
  /** Records a join; a rejoin of the same identity in the room replaces the record. */
  recordJoin(record: CallParticipantRecord): Promise<void>;
  callParticipant(roomId: string, identity: string): Promise<CallParticipantRecord | null>;
  /** Forgets one join (a participant removed by a host): their session no longer rejoins the call. */
  forgetJoin(roomId: string, identity: string): Promise<void>;
  ban(roomId: string, keys: readonly BanKey[], since: number): Promise<void>;
  /** Takes back a ban recorded just before an eject that failed, so nothing is half done. */
  unban(roomId: string, keys: readonly BanKey[]): Promise<void>;
  isBanned(roomId: string, keys: readonly BanKey[]): Promise<boolean>;
  promote(roomId: string, identity: string): Promise<void>;
  isPromoted(roomId: string, identity: string): Promise<boolean>;
  /** The meeting is over: its bans, promotions and join records go. */
  endMeeting(roomId: string): Promise<void>;
  /** Forgets join records older than `before` (a meeting whose end was never heard of); a removal due since `before` is kept. */
  prune(before: number): Promise<void>;
  /** Every join record with a removal on schedule (re-armed at start). */
  scheduledRemovals(): Promise<CallParticipantRecord[]>;
  /**
   * Claims the participant's removal on schedule for one instance (`by`) until `until` (unix seconds),
   * atomically: true when they have a removal and no other instance holds a claim still running at `now`
   * (one's own claim is renewed). Of several instances with the removal armed, one acts; should it die,
   * another takes over once the claim runs out. A rejoin (recordJoin) clears the claim.
   */
  claimRemoval(roomId: string, identity: string, claim: { by: string; now: number; until: number }): Promise<boolean>;
}
