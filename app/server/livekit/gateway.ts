/**
 * Everything the control plane asks of LiveKit, behind one interface so units can fake it.
 * The LiveKit room is named by the Foyer room's id, never its name: a deleted and recreated
 * name must not reopen an old session.
 */
import { AccessToken, RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { OWNER_ATTRIBUTE } from '../../shared/client-api.ts';

export interface JoinGrant {
  roomId: string;
  identity: string;
  name: string;
  isOwner: boolean;
  userId?: string;
  canPublish: boolean;
  canScreenShare: boolean;
}

export interface LivekitGateway {
  /** The URL browsers connect to. */
  readonly publicUrl: string;
  participantCount(roomId: string): Promise<number>;
  /** Whether this identity is in the call right now. */
  isInCall(roomId: string, identity: string): Promise<boolean>;
  mintJoinToken(grant: JoinGrant): Promise<string>;
  /** Ends the call: LiveKit disconnects everyone in it. */
  endRoom(roomId: string): Promise<void>;
}

/** Identities are made by the server, never chosen by the client. */
export const newIdentity = () => `p_${randomBytes(12).toString('base64url')}`;

/** A LiveKit token is only for connecting; it expires soon after (LiveKit refreshes it in-call). */
const JOIN_TOKEN_TTL_SECONDS = 120;

export function livekitGateway(opts: { url: string; publicUrl: string; apiKey: string; apiSecret: string }): LivekitGateway {
  const httpUrl = opts.url.replace(/^ws/, 'http');
  const rooms = new RoomServiceClient(httpUrl, opts.apiKey, opts.apiSecret);
  return {
    publicUrl: opts.publicUrl,
    async participantCount(roomId) {
      try {
        return (await rooms.listParticipants(roomId)).length;
      } catch {
        return 0; // no LiveKit room yet: nobody is in the call
      }
    },
    async isInCall(roomId, identity) {
      try {
        await rooms.getParticipant(roomId, identity);
        return true;
      } catch {
        return false;
      }
    },
    async mintJoinToken(grant) {
      const at = new AccessToken(opts.apiKey, opts.apiSecret, {
        identity: grant.identity,
        name: grant.name,
        ttl: JOIN_TOKEN_TTL_SECONDS,
        attributes: {
          [OWNER_ATTRIBUTE]: grant.isOwner ? 'true' : 'false',
          ...(grant.userId ? { 'foyer.user_id': grant.userId } : {}),
        },
      });
      const sources = [TrackSource.CAMERA, TrackSource.MICROPHONE];
      if (grant.canScreenShare) sources.push(TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO);
      at.addGrant({
        roomJoin: true,
        room: grant.roomId,
        canSubscribe: true,
        canPublish: grant.canPublish,
        canPublishSources: sources,
        canPublishData: true,
        canUpdateOwnMetadata: false,
      });
      return at.toJwt();
    },
    async endRoom(roomId) {
      try {
        await rooms.deleteRoom(roomId);
      } catch {
        // No LiveKit room: there was no call to end.
      }
    },
  };
}
