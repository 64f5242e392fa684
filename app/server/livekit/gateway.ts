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
import { AccessToken, RoomServiceClient, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { OWNER_ATTRIBUTE } from '../../shared/client-api.ts';
import { LivekitUnavailableError, describeLivekitFailure, isNotFound } from './errors.ts';

export interface JoinGrant {
  roomId: string;
  identity: string;
  name: string;
  isOwner: boolean;
  userId?: string;
  canPublish: boolean;
  canScreenShare: boolean;
}

/** How a new call's LiveKit room is set up. */
export interface OpenRoomOptions {
  /** LiveKit's own cap on people in the call (a backstop to the control plane's seat count). */
  maxParticipants: number;
}

export interface LivekitGateway {
  /** The URL browsers connect to. */
  readonly publicUrl: string;
  /** Identities in the call right now; none when LiveKit has no such room. */
  participants(roomId: string): Promise<string[]>;
  /** Whether this identity is in the call right now. */
  isInCall(roomId: string, identity: string): Promise<boolean>;
  /** Creates the LiveKit room for a call about to start; a room that exists already is left as it is. */
  openRoom(roomId: string, opts: OpenRoomOptions): Promise<void>;
  mintJoinToken(grant: JoinGrant): Promise<string>;
  /** Ends the call: LiveKit disconnects everyone in it. No LiveKit room means no call, which is fine. */
  endRoom(roomId: string): Promise<void>;
}

/** Identities are made by the server, never chosen by the client. */
export const newIdentity = () => `p_${randomBytes(12).toString('base64url')}`;

/** A LiveKit token is only for connecting; it expires soon after (LiveKit refreshes it in-call). */
export const JOIN_TOKEN_TTL_SECONDS = 120;

/** The participant attribute carrying the meeting token's `user_id`. */
export const USER_ID_ATTRIBUTE = 'foyer.user_id';

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
      canPublishData: true,
      // The display name and owner flag are the server's to set.
      canUpdateOwnMetadata: false,
    },
  };
}

export function livekitGateway(opts: {
  url: string;
  publicUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Per RoomService call (default {@link DEFAULT_LIVEKIT_TIMEOUT_MS}). */
  timeoutMs?: number;
}): LivekitGateway {
  const httpUrl = opts.url.replace(/^ws/, 'http');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LIVEKIT_TIMEOUT_MS;
  const rooms = new RoomServiceClient(httpUrl, opts.apiKey, opts.apiSecret, { requestTimeout: timeoutMs / 1000, failover: false });

  /**
   * One RoomService call with a hard time limit: the SDK's own abort covers the request, the race
   * covers anything after it (reading a body that never ends). "Not found" is handed back to the
   * caller to interpret; everything else becomes a clear LivekitUnavailableError.
   */
  async function ask<T>(call: () => Promise<T>, onNotFound: () => T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), timeoutMs);
    });
    try {
      return await Promise.race([call(), limit]);
    } catch (err) {
      if (isNotFound(err)) return onNotFound();
      throw new LivekitUnavailableError(describeLivekitFailure(err, httpUrl, timeoutMs / 1000));
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    publicUrl: opts.publicUrl,
    async participants(roomId) {
      // LiveKit lists a missing room as empty; "not found" is the same answer.
      const list = await ask(() => rooms.listParticipants(roomId), () => []);
      return list.map((p) => p.identity);
    },
    async isInCall(roomId, identity) {
      return ask(async () => (await rooms.getParticipant(roomId, identity), true), () => false);
    },
    async openRoom(roomId, { maxParticipants }) {
      await ask(
        () => rooms.createRoom({
          name: roomId,
          maxParticipants,
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
      await ask(() => rooms.deleteRoom(roomId), () => undefined);
    },
  };
}
