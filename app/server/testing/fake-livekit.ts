/**
 * A fake LiveKit gateway for units: it keeps LiveKit rooms and who is in them the way LiveKit does
 * (with `auto_create` off), records every call, and can be taken down. `livekit/gateway.contract.ts`
 * holds it to the same behaviour as the real gateway on the real LiveKit.
 */
import type { CallRoomSettings } from '../../shared/client-api.ts';
import type { CallParticipant, JoinGrant, LivekitGateway, MediaSource, OpenRoomOptions } from '../livekit/gateway.ts';
import { LivekitUnavailableError } from '../livekit/errors.ts';

/** A LiveKit room as the fake keeps it. */
export interface FakeLivekitRoom {
  maxParticipants: number;
  identities: Set<string>;
  /** What `openRoom` / `setRoomSettings` put in the room metadata. */
  settings?: CallRoomSettings;
}

export interface FakeLivekit extends LivekitGateway {
  publicUrl: string;
  /** The LiveKit rooms that exist, by LiveKit room name (the Foyer room id). */
  rooms: Map<string, FakeLivekitRoom>;
  /** Overrides the head count of a room: `participants` answers this many made-up identities. */
  counts: Map<string, number>;
  /** Rooms whose participants were asked for, in order. */
  participantCountCalls: string[];
  openRoomCalls: Array<{ roomId: string } & OpenRoomOptions>;
  mintCalls: JoinGrant[];
  endRoomCalls: string[];
  /** Identities `isInCall` says are not in the call. */
  notInCall: Set<string>;
  /**
   * Whether `isInCall` says yes for an identity the fake has never seen connect. On by default so
   * units that do not model the call (an owner's session made by hand) count as present; the
   * contract suite turns it off to match LiveKit.
   */
  presumeInCall: boolean;
  /** While true, every RoomService call fails as it does when LiveKit cannot be reached. */
  down: boolean;
  /** What LiveKit knows of each connected participant, by identity (set up from their join grant at `connect`). */
  members: Map<string, CallParticipant & { canPublishData: boolean }>;
  /** Owner-power calls, in order: `mute <identity> <source>`, `remove <identity>`, `publish <identity> on|off`, `owner <identity>`, `permission <identity> <change as JSON>`. */
  actions: string[];
  /** A connected participant publishes a track (a browser would); returns its sid. */
  publish(identity: string, source: MediaSource): string;
  /**
   * A browser connecting with a minted token: refused, as LiveKit refuses it, when the room was never
   * opened (or was ended) or is at its cap.
   */
  connect(roomId: string, identity: string): void;
}

export function fakeLivekit(publicUrl = 'ws://127.0.0.1:7880', opts: { presumeInCall?: boolean } = {}): FakeLivekit {
  let connections = 0;
  const failIfDown = () => {
    if (fake.down) throw new LivekitUnavailableError('Could not reach LiveKit (the fake LiveKit is down); try again in a moment');
  };
  /** The member, when LiveKit lists them in this room (every participant call fails while down). */
  const inCall = (roomId: string, identity: string) => {
    failIfDown();
    return fake.rooms.get(roomId)?.identities.has(identity) ? fake.members.get(identity) : undefined;
  };
  const fake: FakeLivekit = {
    publicUrl,
    joinUrl: () => publicUrl,
    rooms: new Map(),
    counts: new Map(),
    participantCountCalls: [],
    openRoomCalls: [],
    mintCalls: [],
    endRoomCalls: [],
    notInCall: new Set(),
    members: new Map(),
    actions: [],
    presumeInCall: opts.presumeInCall ?? true,
    down: false,
    async participants(roomId) {
      fake.participantCountCalls.push(roomId);
      failIfDown();
      const counted = fake.counts.get(roomId);
      if (counted !== undefined) return Array.from({ length: counted }, (_, i) => `p_counted_${i}`);
      return [...(fake.rooms.get(roomId)?.identities ?? [])];
    },
    async isInCall(roomId, identity) {
      failIfDown();
      if (fake.notInCall.has(identity)) return false;
      return fake.rooms.get(roomId)?.identities.has(identity) || fake.presumeInCall;
    },
    async openRoom(roomId, { maxParticipants, settings }) {
      fake.openRoomCalls.push({ roomId, maxParticipants });
      failIfDown();
      // Like LiveKit's CreateRoom: an existing room keeps its settings.
      if (!fake.rooms.has(roomId)) fake.rooms.set(roomId, { maxParticipants, identities: new Set(), ...(settings ? { settings } : {}) });
    },
    async mintJoinToken(grant) {
      // Signing is local: it works while LiveKit is down, as with the real gateway.
      fake.mintCalls.push(grant);
      return `lk-token-${fake.mintCalls.length}`;
    },
    async endRoom(roomId) {
      fake.endRoomCalls.push(roomId);
      failIfDown();
      fake.rooms.delete(roomId);
    },
    connect(roomId, identity) {
      const room = fake.rooms.get(roomId);
      if (!room) throw new Error(`LiveKit refuses the connection: room ${roomId} does not exist`);
      if (room.identities.size >= room.maxParticipants) throw new Error(`LiveKit refuses the connection: room ${roomId} is full`);
      room.identities.add(identity);
      // What LiveKit reads from the join token; someone connected by hand is a plain guest.
      const grant = fake.mintCalls.findLast((g) => g.identity === identity);
      fake.members.set(identity, {
        identity,
        isOwner: grant?.isOwner ?? false,
        canPublish: grant?.canPublish ?? true,
        canPublishData: grant?.canPublishData ?? true,
        tracks: [],
        canPublishSources: grant?.canScreenShare === false ? ['camera', 'microphone'] : ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
        hidden: false,
        // A new connection is a new LiveKit session, as with LiveKit.
        sid: `PA_${identity}_${++connections}`,
        ...(grant ? { name: grant.name } : {}),
        ...(grant?.userId ? { userId: grant.userId } : {}),
      });
    },
    publish(identity, source) {
      const member = fake.members.get(identity);
      if (!member?.canPublish) throw new Error(`LiveKit refuses: ${identity} may not publish`);
      const sid = `TR_${identity}_${source}_${member.tracks.length}`;
      member.tracks.push({ sid, source, muted: false });
      return sid;
    },
    async callParticipants(roomId) {
      failIfDown();
      return [...(fake.rooms.get(roomId)?.identities ?? [])].flatMap((id) => {
        const m = fake.members.get(id);
        return m ? [structuredClone(m)] : [];
      });
    },
    async muteTracks(roomId, identity, sources) {
      const member = inCall(roomId, identity);
      const tracks = member?.tracks.filter((t) => sources.includes(t.source) && !t.muted) ?? [];
      for (const t of tracks) {
        t.muted = true;
        fake.actions.push(`mute ${identity} ${t.source}`);
      }
      return tracks.length;
    },
    async removeParticipant(roomId, identity) {
      if (!inCall(roomId, identity)) return false;
      fake.rooms.get(roomId)!.identities.delete(identity);
      fake.members.delete(identity);
      fake.actions.push(`remove ${identity}`);
      return true;
    },
    async setCanPublish(roomId, identity, canPublish) {
      const member = inCall(roomId, identity);
      if (!member) return false;
      if (member.canPublish === canPublish) return true;
      member.canPublish = canPublish;
      // As LiveKit does: publishing taken away unpublishes what they were sending.
      if (!canPublish) member.tracks = [];
      fake.actions.push(`publish ${identity} ${canPublish ? 'on' : 'off'}`);
      return true;
    },
    async setPermission(roomId, identity, change) {
      const member = inCall(roomId, identity);
      if (!member) return false;
      if (change.canPublish !== undefined) member.canPublish = change.canPublish;
      if (change.canPublishSources) member.canPublishSources = [...change.canPublishSources];
      if (change.hidden !== undefined) member.hidden = change.hidden;
      // As LiveKit does: publishing taken away unpublishes what they were sending.
      if (!member.canPublish) member.tracks = [];
      fake.actions.push(`permission ${identity} ${JSON.stringify(change)}`);
      return true;
    },
    async setRoomSettings(roomId, settings) {
      failIfDown();
      const room = fake.rooms.get(roomId);
      if (room) room.settings = settings;
    },
    async makeOwner(roomId, identity) {
      const member = inCall(roomId, identity);
      if (!member) return false;
      member.isOwner = true;
      member.canPublish = true;
      fake.actions.push(`owner ${identity}`);
      return true;
    },
  };
  return fake;
}
