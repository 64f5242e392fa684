/**
 * Whether this participant is an owner now: what the server said at join, or later the owner flag
 * LiveKit carries in their attributes (a host can make a guest an owner during the call).
 */
import { useCallStore } from '../flow/call-store.ts';
import { useParticipant } from '../call/participants-store.ts';

export function useIsOwner(): boolean {
  const self = useCallStore((s) => s.self);
  const live = useParticipant(self?.identity ?? '');
  return !!(live?.isOwner || self?.isOwner);
}
