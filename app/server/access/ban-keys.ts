/**
 * What a ban of someone is keyed by, and what a newcomer is checked against. A meeting token holder is
 * known by their token (its SHA-256, never the token) and its `user_id`; someone without a token only
 * by their client address. The trade-off: people sharing one address (an office, a NAT) are kept out
 * together with a banned guest, while a banned guest who changes network (or a banned token holder
 * who comes back without the token to a public room) is not recognised.
 */
import { createHash } from 'node:crypto';
import type { BanKey } from '../store/meeting-store.ts';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The keys for one person at the door. `token`: their meeting token, only when it was accepted (a
 * refused token is not who they are); `userId`: its `user_id`.
 */
export function banKeysFor(person: { token?: string; userId?: string; clientKey?: string }): BanKey[] {
  if (person.token !== undefined) {
    return [{ kind: 'token', value: tokenHash(person.token) }, ...(person.userId ? [{ kind: 'user' as const, value: person.userId }] : [])];
  }
  return person.clientKey !== undefined ? [{ kind: 'client', value: person.clientKey }] : [];
}
