/**
 * The owner's side of knocking in the call: the lobby channel (opened only for owners; the server
 * refuses anyone else, and a guest made a host mid-call opens it then) and the knock toast.
 */
import { useCallStore } from '../flow/call-store.ts';
import { KnockToast } from '../lobby/KnockToast.tsx';
import { useOwnerLobby } from '../lobby/use-owner-lobby.ts';
import { useIsOwner } from './use-is-owner.ts';

export function OwnerLobby() {
  const roomName = useCallStore((s) => s.roomName);
  const session = useCallStore((s) => s.self?.session);
  const isOwner = useIsOwner();
  useOwnerLobby(roomName, isOwner ? session : undefined);
  return isOwner ? <KnockToast /> : null;
}
