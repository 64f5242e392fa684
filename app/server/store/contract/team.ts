/**
 * The contract of `store.team` (team/team-store.ts): members with their passkeys and sessions, the
 * team always having an owner, session expiry, and which call participants were members.
 */
import { describe, expect, it } from 'vitest';
import { EmailTakenError, type Member } from '../../team/team-store.ts';
import { freshStore, T, type CloseStore, type MakeStore } from './harness.ts';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Sign-up input for `name` (email `{name}@example.com`, passkey `pk-{name}`, session `s-{name}`), joined at `joined`. */
function signup(name: string, joined: number, over: { passkeyId?: string; email?: string } = {}) {
  return {
    member: { id: `m-${name}`, email: over.email ?? `${name}@example.com`, name, created_at: iso(joined) },
    passkey: { id: over.passkeyId ?? `pk-${name}`, publicKey: new Uint8Array([1, 2, 3, name.length]), counter: 0, transports: ['internal', 'hybrid'] },
    session: { idHash: `s-${name}`, createdAt: joined, expiresAt: joined + 3600 },
  };
}

/** The team, as `team-store.ts` promises it. */
export function describeTeamContract(makeStore: MakeStore, close?: CloseStore): void {
  describe('store contract: team', () => {
    const store = freshStore(makeStore, close);
    const team = () => store().team;
    const roles = async () => (await team().members()).map((m) => [m.name, m.role]);

    it('the first member of an empty team is owner, later ones members; each is given back whole', async () => {
      const ada = await team().addMember(signup('ada', T));
      const bob = await team().addMember(signup('bob', T + 10));
      expect(ada).toStrictEqual({ id: 'm-ada', email: 'ada@example.com', name: 'ada', role: 'owner', created_at: iso(T) });
      expect(bob.role).toBe('member');
      expect(await team().memberByEmail('bob@example.com')).toStrictEqual(bob);
      expect(await team().memberById('m-ada')).toStrictEqual(ada);
      expect(await team().memberByEmail('nobody@example.com')).toBeNull();
      expect(await team().memberById('nobody')).toBeNull();
    });

    it('lists members longest-standing first', async () => {
      await team().addMember(signup('ada', T));
      await team().addMember(signup('cy', T + 20));
      await team().addMember(signup('bob', T + 10));
      expect(await roles()).toEqual([['ada', 'owner'], ['bob', 'member'], ['cy', 'member']]);
    });

    it('addMember stores the first passkey and signs the member in', async () => {
      await team().addMember(signup('ada', T));
      expect(await team().passkey('pk-ada')).toStrictEqual({ id: 'pk-ada', memberId: 'm-ada', publicKey: new Uint8Array([1, 2, 3, 3]), counter: 0, transports: ['internal', 'hybrid'] });
      expect((await team().sessionMember('s-ada', T + 1))?.id).toBe('m-ada');
    });

    it('refuses an email already a member with EmailTakenError, creating nothing', async () => {
      await team().addMember(signup('ada', T));
      const again = { ...signup('ada2', T + 5, { email: 'ada@example.com' }) };
      await expect(async () => team().addMember(again)).rejects.toThrow(EmailTakenError);
      expect(await team().memberById('m-ada2')).toBeNull();
      expect(await team().passkey('pk-ada2')).toBeNull();
      expect(await team().sessionMember('s-ada2', T + 6)).toBeNull();
    });

    it('addMember is all or nothing: a passkey already registered leaves no member behind', async () => {
      await team().addMember(signup('ada', T));
      await expect(async () => team().addMember(signup('bob', T + 5, { passkeyId: 'pk-ada' }))).rejects.toThrow();
      expect(await team().memberByEmail('bob@example.com')).toBeNull();
      expect(await team().sessionMember('s-bob', T + 6)).toBeNull();
      expect((await team().passkey('pk-ada'))?.memberId).toBe('m-ada');
    });

    it('of first sign-ups made at once, exactly one is owner', async () => {
      const added = await Promise.all(['ada', 'bob', 'cy'].map((n) => team().addMember(signup(n, T))));
      expect(added.filter((m: Member) => m.role === 'owner')).toHaveLength(1);
    });

    it('removeMember takes the member with their passkeys and sessions; false when there is no such member', async () => {
      await team().addMember(signup('ada', T));
      await team().addMember(signup('bob', T + 10));
      await team().createSession({ idHash: 's-bob-2', memberId: 'm-bob', createdAt: T + 20, expiresAt: T + 9999 });
      expect(await team().removeMember('bob@example.com')).toBe(true);
      expect(await team().removeMember('bob@example.com')).toBe(false);
      expect(await team().memberById('m-bob')).toBeNull();
      expect(await team().passkey('pk-bob')).toBeNull();
      expect(await team().sessionMember('s-bob', T + 30)).toBeNull();
      expect(await team().sessionMember('s-bob-2', T + 30)).toBeNull();
      // The others keep theirs.
      expect((await team().sessionMember('s-ada', T + 30))?.id).toBe('m-ada');
      expect(await team().passkey('pk-ada')).not.toBeNull();
      expect(await roles()).toEqual([['ada', 'owner']]);
    });

    it('when the last owner goes, the longest-standing member left becomes owner (by joining time, not insertion order)', async () => {
      await team().addMember(signup('ada', T));
      await team().addMember(signup('cy', T + 20));
      await team().addMember(signup('bob', T + 10));
      await team().removeMember('ada@example.com');
      expect(await roles()).toEqual([['bob', 'owner'], ['cy', 'member']]);
      // Removing a member who is not the owner promotes nobody.
      await team().removeMember('cy@example.com');
      expect(await roles()).toEqual([['bob', 'owner']]);
    });

    it('a team emptied and joined again: the next member is owner', async () => {
      await team().addMember(signup('ada', T));
      await team().removeMember('ada@example.com');
      expect(await team().members()).toEqual([]);
      expect((await team().addMember(signup('bob', T + 10))).role).toBe('owner');
    });

    it('updateCounter records the passkey counter', async () => {
      await team().addMember(signup('ada', T));
      await team().updateCounter('pk-ada', 42);
      expect((await team().passkey('pk-ada'))?.counter).toBe(42);
      expect(await team().passkey('nope')).toBeNull();
    });

    it('a session signs its member in until it expires (expiresAt is the first moment it no longer does); endSession ends it', async () => {
      await team().addMember(signup('ada', T));
      await team().createSession({ idHash: 's-2', memberId: 'm-ada', createdAt: T, expiresAt: T + 100 });
      expect((await team().sessionMember('s-2', T + 99.5))?.email).toBe('ada@example.com');
      expect(await team().sessionMember('s-2', T + 100)).toBeNull();
      expect(await team().sessionMember('made-up', T)).toBeNull();
      await team().endSession('s-ada');
      expect(await team().sessionMember('s-ada', T + 1)).toBeNull();
      expect((await team().sessionMember('s-2', T + 1))?.id).toBe('m-ada');
    });

    it('sweepSessions drops the sessions expired at `now`, and only those', async () => {
      await team().addMember(signup('ada', T));
      await team().createSession({ idHash: 'short', memberId: 'm-ada', createdAt: T, expiresAt: T + 10 });
      await team().createSession({ idHash: 'long', memberId: 'm-ada', createdAt: T, expiresAt: T + 1000 });
      await team().sweepSessions(T + 10);
      // Asked at a time it would still have been valid, the swept session is gone.
      expect(await team().sessionMember('short', T)).toBeNull();
      expect((await team().sessionMember('long', T))?.id).toBe('m-ada');
      expect((await team().sessionMember('s-ada', T))?.id).toBe('m-ada');
    });

    describe('call participants who were members', () => {
      const participant = (participantId: string, roomId: string, joinedAt: number, ownerByMembership: boolean, memberId = 'm-ada', email = 'ada@example.com') =>
        ({ participantId, memberId, email, roomId, ownerByMembership, joinedAt });

      it('ownersByMembership: the participants a member owns only by membership, most recent first', async () => {
        await team().recordParticipant(participant('p1', 'r1', T, true));
        await team().recordParticipant(participant('p2', 'r2', T + 20, true));
        await team().recordParticipant(participant('p3', 'r3', T + 10, false));
        await team().recordParticipant(participant('p4', 'r1', T + 30, true, 'm-bob', 'bob@example.com'));
        expect(await team().ownersByMembership('m-ada')).toEqual([{ roomId: 'r2', participantId: 'p2' }, { roomId: 'r1', participantId: 'p1' }]);
        expect(await team().ownersByMembership('m-nobody')).toEqual([]);
      });

      it('participantEmails names the members among the participants asked about, by the email at their join', async () => {
        await team().recordParticipant(participant('p1', 'r1', T, true));
        await team().recordParticipant(participant('p2', 'r1', T, false, 'm-bob', 'bob@old.example'));
        const emails = await team().participantEmails(['p1', 'p2', 'guest', 'p1']);
        expect([...emails.entries()].sort()).toEqual([['p1', 'ada@example.com'], ['p2', 'bob@old.example']]);
        expect((await team().participantEmails([])).size).toBe(0);
      });

      it('recording a participant again (a rejoin) replaces the record', async () => {
        await team().recordParticipant(participant('p1', 'r1', T, true));
        await team().recordParticipant(participant('p1', 'r1', T + 5, false, 'm-ada', 'ada@new.example'));
        expect(await team().ownersByMembership('m-ada')).toEqual([]);
        expect((await team().participantEmails(['p1'])).get('p1')).toBe('ada@new.example');
      });

      it("outlive the member's removal (their calls are ended after it; the meetings list keeps their email)", async () => {
        await team().addMember(signup('ada', T));
        await team().addMember(signup('bob', T + 1));
        await team().recordParticipant(participant('p1', 'r1', T + 2, true, 'm-bob', 'bob@example.com'));
        await team().removeMember('bob@example.com');
        expect(await team().ownersByMembership('m-bob')).toEqual([{ roomId: 'r1', participantId: 'p1' }]);
        expect((await team().participantEmails(['p1'])).get('p1')).toBe('bob@example.com');
      });
    });
  });
}
