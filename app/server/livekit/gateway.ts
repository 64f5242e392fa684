/**
 * Everything the control plane asks of LiveKit, behind one interface so units can fake it.
 * The LiveKit room is named by the Foyer room's id, never its name: a deleted and recreated
 * name must not reopen an old session.
 *
 * LiveKit runs with `auto_create` off: a LiveKit room exists only because a join opened it
 * (`openRoom`), so a join token minted before `DELETE` cannot bring a deleted room's call back.
 * Every RoomService call has a time limit and fails with a {@link LivekitUnavailableError} that
 * names LiveKit and the next step; only "no such room" is an answer rather than a failure.
 */
import { AccessToken, RoomServiceClient, ServerError, TrackSource, type ParticipantInfo, type VideoGrant } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { OWNER_ATTRIBUTE, USER_ID_ATTRIBUTE, type CallRoomSettings } from '../../shared/client-api.ts';
import { LivekitUnavailableError, describeLivekitFailure, isNotFound } from './errors.ts';
import type { LivekitNodes } from './nodes/livekit-nodes.ts';

export interface JoinGrant {
  roomId: string;
  identity: string;
  name: string;
  isOwner: boolean;
  userId?: string;
  canPublish: boolean;
  canScreenShare: boolean;
  /** Whether they may send data (chat): the room's `enable_chat`. Off unless said. */
  canPublishData?: boolean;
}

/** Where a published track comes from (LiveKit's track sources, by name). */
export type MediaSource = 'camera' | 'microphone' | 'screen_share' | 'screen_share_audio';

/** A participant of a call as the owner powers need to see them. */
export interface CallParticipant {
  identity: string;
  /** The owner attribute: only the server sets it (participants may not change their own attributes). */
  isOwner: boolean;
  canPublish: boolean;
  tracks: Array<{ sid: string; source: MediaSource; muted: boolean }>;
  /** The meeting token's `user_id` they joined with (the `foyer.user_id` attribute), if any. */
  userId?: string;
  /** The sources their grant lets them publish (when `canPublish`). */
  canPublishSources?: MediaSource[];
  /** Hidden from the others (Daily's `hasPresence: false`). */
  hidden?: boolean;
  /** LiveKit's participant sid: one per connection (a rejoin with the same identity gets a new one). */
  sid?: string;
  /** Their display name. */
  name?: string;
  /** When they joined the call (unix seconds). */
  joinedAt?: number;
}

/** A change to one participant's LiveKit permission; what is left out stays as it is. */
export interface PermissionChange {
  canPublish?: boolean;
  canPublishSources?: MediaSource[];
  hidden?: boolean;
}

/** How a new call's LiveKit room is set up. */
export interface OpenRoomOptions {
  /** LiveKit's own cap on people in the call (a backstop to the control plane's seat count). */
  maxParticipants: number;
  /** Room settings the call's screens follow (room metadata). */
  settings?: CallRoomSettings;
}

export interface LivekitGateway {
  /** A URL browsers can connect to (in a cluster, a live node's at that moment: warm-ups use it). */
  readonly publicUrl: string;
  /**
   * Where browsers joining this call connect: in a cluster, the live node chosen for the call (the same
   * from every control plane, so everyone in a call meets on one node, and calls spread over the nodes).
   */
  joinUrl(roomId: string): string;
  /** Every URL browsers may be sent to (a cluster's nodes), for the pages' CSP; unset: `publicUrl` only. */
  readonly connectUrls?: readonly string[];
  /** Identities in the call right now; none when LiveKit has no such room. */
  participants(roomId: string): Promise<string[]>;
  /** Whether this identity is in the call right now. */
  isInCall(roomId: string, identity: string): Promise<boolean>;
  /** Creates the LiveKit room for a call about to start; a room that exists already is left as it is. */
  openRoom(roomId: string, opts: OpenRoomOptions): Promise<void>;
  mintJoinToken(grant: JoinGrant): Promise<string>;
  /** Ends the call: LiveKit disconnects everyone in it. No LiveKit room means no call, which is fine. */
  endRoom(roomId: string): Promise<void>;
  /** Everyone in the call now, with their owner flag, publish permission and tracks. */
  callParticipants(roomId: string): Promise<CallParticipant[]>;
  /** Mutes their published tracks of these sources (a host mutes; only they unmute). Returns how many. */
  muteTracks(roomId: string, identity: string, sources: readonly MediaSource[]): Promise<number>;
  /** Disconnects them from the call (they hear "removed"). False when they were not in it. */
  removeParticipant(roomId: string, identity: string): Promise<boolean>;
  /**
   * Turns their publish permission on or off, keeping everything else their grant says (sources, data).
   * Off: LiveKit unpublishes their tracks. False when they were not in the call.
   */
  setCanPublish(roomId: string, identity: string, canPublish: boolean): Promise<boolean>;
  /** Makes them an owner in LiveKit: the owner attribute, and publishing allowed. False when not in the call. */
  makeOwner(roomId: string, identity: string): Promise<boolean>;
  /**
   * Changes their permission (publish, sources, hidden), keeping everything else it says. Taking
   * publishing away makes LiveKit unpublish their tracks. False when they were not in the call.
   */
  setPermission(roomId: string, identity: string, change: PermissionChange): Promise<boolean>;
  /** Puts the room settings every screen follows into the call's room metadata; no call, nothing to do. */
  setRoomSettings(roomId: string, settings: CallRoomSettings): Promise<void>;
}

/** Identities are made by the server, never chosen by the client. */
export const newIdentity = () => `p_${randomBytes(12).toString('base64url')}`;

/** A LiveKit token is only for connecting; it expires soon after (LiveKit refreshes it in-call). */
export const JOIN_TOKEN_TTL_SECONDS = 120;


/**
 * A room opened at join waits this long for its first participant: longer than a join token lives,
 * so a token just minted can always still connect.
 */
export const EMPTY_ROOM_TIMEOUT_SECONDS = 300;
/** After the last person leaves, the room stays this long so a dropped connection can come back. */
export const DEPARTURE_TIMEOUT_SECONDS = 20;

/** How long any RoomService call may take before it counts as LiveKit not answering. */
export const DEFAULT_LIVEKIT_TIMEOUT_MS = 5000;

/** What a LiveKit join token says, worked out from Foyer's grant (pure, so it is tested row by row). */
export interface LivekitJoinClaims {
  identity: string;
  name: string;
  attributes: Record<string, string>;
  video: VideoGrant;
}

export function livekitJoinClaims(grant: JoinGrant): LivekitJoinClaims {
  const sources = [TrackSource.CAMERA, TrackSource.MICROPHONE];
  if (grant.canScreenShare) sources.push(TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO);
  return {
    identity: grant.identity,
    name: grant.name,
    attributes: {
      [OWNER_ATTRIBUTE]: grant.isOwner ? 'true' : 'false',
      ...(grant.userId ? { [USER_ID_ATTRIBUTE]: grant.userId } : {}),
    },
    video: {
      roomJoin: true,
      // Never roomCreate: only the control plane opens rooms (auto_create is off as well).
      roomCreate: false,
      room: grant.roomId,
      canSubscribe: true,
      canPublish: grant.canPublish,
      canPublishSources: sources,
      // Chat is enforced by the grant too: without `enable_chat` nobody can send, whatever the page does.
      canPublishData: grant.canPublishData ?? false,
      // The display name and owner flag are the server's to set.
      canUpdateOwnMetadata: false,
    },
  };
}

const SOURCE_NAMES: ReadonlyMap<TrackSource, MediaSource> = new Map([
  [TrackSource.CAMERA, 'camera'],
  [TrackSource.MICROPHONE, 'microphone'],
  [TrackSource.SCREEN_SHARE, 'screen_share'],
  [TrackSource.SCREEN_SHARE_AUDIO, 'screen_share_audio'],
]);

const TRACK_SOURCES: ReadonlyMap<MediaSource, TrackSource> = new Map([...SOURCE_NAMES].map(([k, v]) => [v, k]));

/** LiveKit's participant as the owner powers see it. */
export function toCallParticipant(p: ParticipantInfo): CallParticipant {
  // A webhook's participant may leave out what is empty (no attributes, no tracks).
  const userId = p.attributes?.[USER_ID_ATTRIBUTE];
  return {
    identity: p.identity,
    isOwner: p.attributes?.[OWNER_ATTRIBUTE] === 'true',
    canPublish: p.permission?.canPublish ?? false,
    canPublishSources: (p.permission?.canPublishSources ?? []).flatMap((s) => SOURCE_NAMES.get(s) ?? []),
    hidden: p.permission?.hidden ?? false,
    ...(userId ? { userId } : {}),
    tracks: (p.tracks ?? []).flatMap((t) => {
      const source = SOURCE_NAMES.get(t.source);
      return source ? [{ sid: t.sid, source, muted: t.muted }] : [];
    }),
    sid: p.sid,
    name: p.name,
    joinedAt: Number(p.joinedAtMs) > 0 ? Number(p.joinedAtMs) / 1000 : Number(p.joinedAt),
  };
}

/** Where the gateway asks and sends people: one LiveKit, or a cluster's live node. */
interface Target {
  publicUrl: string;
  apiUrl: string;
  /** LiveKit's id of the node, when known: a new call is opened on the node people connect to. */
  nodeId?: string;
}

export function livekitGateway(opts: {
  url: string;
  publicUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Per RoomService call (default {@link DEFAULT_LIVEKIT_TIMEOUT_MS}). */
  timeoutMs?: number;
  /**
   * A LiveKit cluster (LiveKit's distributed mode): joins and room-service calls go to its live node
   * (any node routes a call to the room's own node), and `url`/`publicUrl` are not used.
   */
  nodes?: Pick<LivekitNodes, 'nodes' | 'current' | 'forRoom' | 'suspect'>;
}): LivekitGateway {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LIVEKIT_TIMEOUT_MS;
  const single: Target = { publicUrl: opts.publicUrl, apiUrl: opts.url.replace(/^ws/, 'http') };
  /** The node for this call (the same from every control plane), or the one LiveKit. */
  const target = (roomId?: string): Target => (opts.nodes ? (roomId ? opts.nodes.forRoom(roomId) : opts.nodes.current()) : single);
  const clients = new Map<string, RoomServiceClient>();
  const roomsAt = (apiUrl: string) => {
    let client = clients.get(apiUrl);
    if (!client) {
      client = new RoomServiceClient(apiUrl, opts.apiKey, opts.apiSecret, { requestTimeout: timeoutMs / 1000, failover: false });
      clients.set(apiUrl, client);
    }
    return client;
  };

  /**
   * One RoomService call with a hard time limit: the SDK's own abort covers the request, the race
   * covers anything after it (reading a body that never ends). "Not found" is handed back to the
   * caller to interpret; everything else becomes a clear LivekitUnavailableError. In a cluster, a
   * node that cannot be reached is checked at once and the call made once more on the next live one.
   */
  async function ask<T>(roomId: string, call: (rooms: RoomServiceClient, node: Target) => Promise<T>, onNotFound: () => T, retried = false): Promise<T> {
    const node = target(roomId);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), timeoutMs);
    });
    try {
      return await Promise.race([call(roomsAt(node.apiUrl), node), limit]);
    } catch (err) {
      if (isNotFound(err)) return onNotFound();
      if (opts.nodes && !retried && !(err instanceof ServerError)) {
        await opts.nodes.suspect(node);
        if (target(roomId) !== node) return ask(roomId, call, onNotFound, true);
      }
      throw new LivekitUnavailableError(describeLivekitFailure(err, node.apiUrl, timeoutMs / 1000));
    } finally {
      clearTimeout(timer);
    }
  }

  const getParticipant = (roomId: string, identity: string) =>
    ask<ParticipantInfo | null>(roomId, (rooms) => rooms.getParticipant(roomId, identity), () => null);

  return {
    /** In a cluster, read each time: a live node's URL at that moment. */
    get publicUrl() {
      return target().publicUrl;
    },
    joinUrl(roomId) {
      return target(roomId).publicUrl;
    },
    ...(opts.nodes ? { connectUrls: opts.nodes.nodes.map((n) => n.publicUrl) } : {}),
    async participants(roomId) {
      // LiveKit lists a missing room as empty; "not found" is the same answer.
      const list = await ask(roomId, (rooms) => rooms.listParticipants(roomId), () => []);
      return list.map((p) => p.identity);
    },
    async isInCall(roomId, identity) {
      return ask(roomId, async (rooms) => (await rooms.getParticipant(roomId, identity), true), () => false);
    },
    async openRoom(roomId, { maxParticipants, settings }) {
      await ask(
        roomId,
        (rooms, node) => rooms.createRoom({
          name: roomId,
          // Hosted where people connect (a room that has a live host already stays there).
          ...(node.nodeId ? { nodeId: node.nodeId } : {}),
          maxParticipants,
          ...(settings ? { metadata: JSON.stringify(settings) } : {}),
          emptyTimeout: EMPTY_ROOM_TIMEOUT_SECONDS,
          departureTimeout: DEPARTURE_TIMEOUT_SECONDS,
        }),
        () => undefined,
      );
    },
    async mintJoinToken(grant) {
      const claims = livekitJoinClaims(grant);
      const at = new AccessToken(opts.apiKey, opts.apiSecret, {
        identity: claims.identity,
        name: claims.name,
        ttl: JOIN_TOKEN_TTL_SECONDS,
        attributes: claims.attributes,
      });
      at.addGrant(claims.video);
      return at.toJwt();
    },
    async endRoom(roomId) {
      // No LiveKit room: there was no call to end. Any other failure means the call may go on.
      await ask(roomId, (rooms) => rooms.deleteRoom(roomId), () => undefined);
    },
    async callParticipants(roomId) {
      return (await ask(roomId, (rooms) => rooms.listParticipants(roomId), () => [])).map(toCallParticipant);
    },
    async muteTracks(roomId, identity, sources) {
      const participant = await getParticipant(roomId, identity);
      const tracks = participant ? toCallParticipant(participant).tracks.filter((t) => sources.includes(t.source) && !t.muted) : [];
      for (const track of tracks) await ask(roomId, (rooms) => rooms.mutePublishedTrack(roomId, identity, track.sid, true), () => undefined);
      return tracks.length;
    },
    async removeParticipant(roomId, identity) {
      return ask(roomId, async (rooms) => (await rooms.removeParticipant(roomId, identity), true), () => false);
    },
    async setCanPublish(roomId, identity, canPublish) {
      const participant = await getParticipant(roomId, identity);
      if (!participant) return false;
      if (participant.permission?.canPublish === canPublish) return true;
      // LiveKit replaces the whole permission: start from the one they have, change only canPublish.
      return ask(roomId, async (rooms) => (await rooms.updateParticipant(roomId, identity, { permission: { ...participant.permission, canPublish } }), true), () => false);
    },
    async setPermission(roomId, identity, change) {
      const participant = await getParticipant(roomId, identity);
      if (!participant) return false;
      const permission = {
        ...participant.permission,
        ...(change.canPublish !== undefined ? { canPublish: change.canPublish } : {}),
        ...(change.canPublishSources ? { canPublishSources: change.canPublishSources.map((s) => TRACK_SOURCES.get(s)!) } : {}),
        ...(change.hidden !== undefined ? { hidden: change.hidden } : {}),
      };
      // LiveKit replaces the whole permission: start from the one they have.
      return ask(roomId, async (rooms) => (await rooms.updateParticipant(roomId, identity, { permission }), true), () => false);
    },
    async setRoomSettings(roomId, settings) {
      await ask(roomId, (rooms) => rooms.updateRoomMetadata(roomId, JSON.stringify(settings)), () => undefined);
    },
    async makeOwner(roomId, identity) {
      const participant = await getParticipant(roomId, identity);
      if (!participant) return false;
      return ask(roomId, async (rooms) => {
        await rooms.updateParticipant(roomId, identity, {
          attributes: { [OWNER_ATTRIBUTE]: 'true' },
          permission: { ...participant.permission, canPublish: true },
        });
        return true;
      }, () => false);
    },
  };
}
