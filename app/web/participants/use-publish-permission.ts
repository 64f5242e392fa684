/**
 * Live changes to this participant's right to publish (LiveKit grants, changed by the server when an
 * owner turns owner-only broadcast on or off): `revoked` when it was taken away, `restored` when it
 * came back, `unchanged` until either happens. The grant is LiveKit's to enforce; this only explains.
 */
import { useEffect, useState } from 'react';
import { RoomEvent, type Participant, type Room } from 'livekit-client';
import { useActiveRoom } from '../call/active-room.ts';

export type PublishPermissionChange = 'unchanged' | 'revoked' | 'restored';

type Permission = Participant['permissions'];
/** The part of a LiveKit `Room` this needs (a fake in tests). */
export type PermissionSource = Pick<Room, 'localParticipant' | 'on' | 'off'>;

/** Calls `onChange` each time the local participant's `canPublish` flips; returns the unsubscribe. */
export function watchPublishPermission(room: PermissionSource, onChange: (change: Exclude<PublishPermissionChange, 'unchanged'>) => void): () => void {
  const onChanged = (before: Permission, participant: Participant) => {
    // Without `before` this is the grant arriving at connect, not a change made during the call.
    if (participant !== room.localParticipant || !before) return;
    const now = participant.permissions?.canPublish ?? false;
    if (before.canPublish !== now) onChange(now ? 'restored' : 'revoked');
  };
  room.on(RoomEvent.ParticipantPermissionsChanged, onChanged);
  return () => {
    room.off(RoomEvent.ParticipantPermissionsChanged, onChanged);
  };
}

/** The last change for this page's call, and a way to dismiss it. */
export function usePublishPermission(): [PublishPermissionChange, () => void] {
  const room = useActiveRoom((s) => s.room);
  const [change, setChange] = useState<PublishPermissionChange>('unchanged');
  useEffect(() => (room ? watchPublishPermission(room, setChange) : undefined), [room]);
  return [change, () => setChange('unchanged')];
}
