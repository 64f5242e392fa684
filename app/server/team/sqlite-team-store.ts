/** The team's members, passkeys and sessions (migration 7), and which call participants were members (8), in the SQLite store. */
import type Database from 'better-sqlite3';
import { EmailTakenError, type Member, type Passkey, type TeamStore } from './team-store.ts';

interface PasskeyRow {
  id: string;
  member_id: string;
  public_key: Buffer;
  counter: number;
  transports: string;
}

const toPasskey = (row: PasskeyRow): Passkey => ({
  id: row.id,
  memberId: row.member_id,
  publicKey: new Uint8Array(row.public_key),
  counter: row.counter,
  transports: JSON.parse(row.transports) as string[],
});

export function sqliteTeamStore(db: Database.Database): TeamStore {
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM team_members');
  const insertMember = db.prepare('INSERT INTO team_members (id, email, name, role, created_at) VALUES (@id, @email, @name, @role, @created_at)');
  const insertPasskey = db.prepare(
    'INSERT INTO team_passkeys (id, member_id, public_key, counter, transports, created_at) VALUES (@id, @member_id, @public_key, @counter, @transports, @created_at)',
  );
  const insertSession = db.prepare('INSERT INTO team_sessions (id_hash, member_id, created_at, expires_at) VALUES (@idHash, @memberId, @createdAt, @expiresAt)');
  const byEmail = db.prepare<[string], Member>('SELECT id, email, name, role, created_at FROM team_members WHERE email = ?');
  const byId = db.prepare<[string], Member>('SELECT id, email, name, role, created_at FROM team_members WHERE id = ?');
  const all = db.prepare<[], Member>('SELECT id, email, name, role, created_at FROM team_members ORDER BY created_at, email');
  const removeByEmail = db.prepare('DELETE FROM team_members WHERE email = ?');
  const ownerCount = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM team_members WHERE role = 'owner'");
  const promoteEldest = db.prepare("UPDATE team_members SET role = 'owner' WHERE id = (SELECT id FROM team_members ORDER BY created_at, email LIMIT 1)");
  const removeMember = db.transaction((email: string): boolean => {
    if (removeByEmail.run(email).changes === 0) return false;
    // A team always has an owner: when the last one goes, the longest-standing member becomes one.
    if (ownerCount.get()!.n === 0) promoteEldest.run();
    return true;
  });
  const passkeyById = db.prepare<[string], PasskeyRow>('SELECT * FROM team_passkeys WHERE id = ?');
  const setCounter = db.prepare('UPDATE team_passkeys SET counter = ? WHERE id = ?');
  const sessionMember = db.prepare<{ idHash: string; now: number }, Member>(
    `SELECT m.id, m.email, m.name, m.role, m.created_at FROM team_sessions s JOIN team_members m ON m.id = s.member_id
     WHERE s.id_hash = @idHash AND s.expires_at > @now`,
  );
  const endSession = db.prepare('DELETE FROM team_sessions WHERE id_hash = ?');
  const sweep = db.prepare('DELETE FROM team_sessions WHERE expires_at <= ?');
  const insertParticipant = db.prepare(
    'INSERT OR REPLACE INTO team_participants (participant_id, member_id, email, room_id, owner_by_membership, joined_at) VALUES (@participantId, @memberId, @email, @roomId, @owner, @joinedAt)',
  );
  const ownedByMembership = db.prepare<[string], { roomId: string; participantId: string }>(
    'SELECT room_id AS roomId, participant_id AS participantId FROM team_participants WHERE member_id = ? AND owner_by_membership = 1 ORDER BY joined_at DESC',
  );
  const participantEmail = db.prepare<[string], { participant_id: string; email: string }>('SELECT participant_id, email FROM team_participants WHERE participant_id = ?');

  const addMember = db.transaction((input: Parameters<TeamStore['addMember']>[0]): Member => {
    const member: Member = { ...input.member, role: count.get()!.n === 0 ? 'owner' : 'member' };
    try {
      insertMember.run(member);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && byEmail.get(member.email)) throw new EmailTakenError();
      throw err;
    }
    insertPasskey.run({
      id: input.passkey.id,
      member_id: member.id,
      public_key: Buffer.from(input.passkey.publicKey),
      counter: input.passkey.counter,
      transports: JSON.stringify(input.passkey.transports),
      created_at: member.created_at,
    });
    insertSession.run({ ...input.session, memberId: member.id });
    return member;
  });

  return {
    // Immediate: the write lock is held from the member count on, so two first sign-ups (even from two
    // instances) cannot both become owner.
    addMember: async (input) => addMember.immediate(input),
    memberByEmail: async (email) => byEmail.get(email) ?? null,
    memberById: async (id) => byId.get(id) ?? null,
    members: async () => all.all(),
    removeMember: async (email) => removeMember.immediate(email),
    async passkey(credentialId) {
      const row = passkeyById.get(credentialId);
      return row ? toPasskey(row) : null;
    },
    async updateCounter(credentialId, counter) {
      setCounter.run(counter, credentialId);
    },
    async createSession(session) {
      insertSession.run(session);
    },
    sessionMember: async (idHash, now) => sessionMember.get({ idHash, now }) ?? null,
    async endSession(idHash) {
      endSession.run(idHash);
    },
    async sweepSessions(now) {
      sweep.run(now);
    },
    async recordParticipant({ ownerByMembership, ...row }) {
      insertParticipant.run({ ...row, owner: ownerByMembership ? 1 : 0 });
    },
    ownersByMembership: async (memberId) => ownedByMembership.all(memberId),
    async participantEmails(participantIds) {
      const emails = new Map<string, string>();
      for (const id of new Set(participantIds)) {
        const row = participantEmail.get(id);
        if (row) emails.set(row.participant_id, row.email);
      }
      return emails;
    },
  };
}
