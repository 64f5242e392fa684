/** A fake LiveKit gateway for units: it records every call and answers what the test sets. */
import type { JoinGrant, LivekitGateway } from '../livekit/gateway.ts';

export interface FakeLivekit extends LivekitGateway {
  publicUrl: string;
  /** What `participantCount` answers, per LiveKit room id (default 0). */
  counts: Map<string, number>;
  participantCountCalls: string[];
  mintCalls: JoinGrant[];
  endRoomCalls: string[];
  /** Identities `isInCall` says are not in the call (everyone else is). */
  notInCall: Set<string>;
}

export function fakeLivekit(publicUrl = 'ws://127.0.0.1:7880'): FakeLivekit {
  const fake: FakeLivekit = {
    publicUrl,
    counts: new Map(),
    participantCountCalls: [],
    mintCalls: [],
    endRoomCalls: [],
    notInCall: new Set(),
    async isInCall(_roomId, identity) {
      return !fake.notInCall.has(identity);
    },
    async participantCount(roomId) {
      fake.participantCountCalls.push(roomId);
      return fake.counts.get(roomId) ?? 0;
    },
    async mintJoinToken(grant) {
      fake.mintCalls.push(grant);
      return `lk-token-${fake.mintCalls.length}`;
    },
    async endRoom(roomId) {
      fake.endRoomCalls.push(roomId);
    },
  };
  return fake;
}
