/**
 * What a ban of someone is keyed by, and what a newcomer is checked against. A meeting token holder is
 * known by their token (its SHA-256, never the token) and its `user_id`; someone without a token only
 * by their client address. The trade-off: people sharing one address (an office, a NAT) are kept out
 * together with a banned guest, while a banned guest who changes network (or a banned token holder
 * who comes back without the token to a public room) is not recognised. A signed-in team member is also
 * known by their member id, so a banned member stays out whichever way (or network) they come back.
 */
import { createHash } from 'node:crypto';
import type { BanKey } from '../store/meeting-store.ts';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The keys for one person at the door. `token`: their meeting token, only when it was accepted (a
 * refused token is not who they are); `userId`: its `user_id`; `memberId`: the signed-in team member's id.
 */
export function banKeysFor(person: { token?: string; userId?: string; clientKey?: string; memberId?: string }): BanKey[] {
  const member: BanKey[] = person.memberId !== undefined ? [{ kind: 'member', value: person.memberId }] : [];
  if (person.token !== undefined) {
    return [{ kind: 'token', value: tokenHash(person.token) }, ...(person.userId ? [{ kind: 'user' as const, value: person.userId }] : []), ...member];
  }
  return [...(person.clientKey !== undefined ? [{ kind: 'client' as const, value: person.clientKey }] : []), ...member];
}
