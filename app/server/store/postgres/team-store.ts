/** The team's members, passkeys and sessions, and which call participants were members, in the PostgreSQL store (see team-store.ts). */
import { EmailTakenError, type Member, type Passkey, type TeamStore } from '../../team/team-store.ts';
import type { PgDb } from './db.ts';

interface PasskeyRow {
  id: string;
  member_id: string;
  public_key: Buffer;
  /** bigint (a WebAuthn counter is 32-bit unsigned), which pg gives as text. */
  counter: string;
  transports: string[];
}

const toPasskey = (row: PasskeyRow): Passkey => ({
  id: row.id,
  memberId: row.member_id,
  publicKey: new Uint8Array(row.public_key),
  counter: Number(row.counter),
  transports: row.transports,
});

const MEMBER = 'id, email, name, role, created_at';

/**
 * Sign-ups and removals decide roles from the whole team (the first member is owner; the last owner's
 * leaving promotes someone): on several control planes they take turns on this lock, reads going on.
 */
const LOCK_TEAM = 'LOCK TABLE team_members IN SHARE ROW EXCLUSIVE MODE';

export function pgTeamStore(db: PgDb): TeamStore {
  const oneMember = (sql: string, value: string) => db.row<Member>(sql, [value]);

  return {
    addMember: (input) => db.transaction(async () => {
      await db.run(LOCK_TEAM);
      const { n } = (await db.row<{ n: number }>('SELECT count(*)::int AS n FROM team_members'))!;
      const member: Member = { ...input.member, role: n === 0 ? 'owner' : 'member' };
      try {
        await db.run(`INSERT INTO team_members (${MEMBER}) VALUES ($1, $2, $3, $4, $5)`, [member.id, member.email, member.name, member.role, member.created_at]);
      } catch (err) {
        if ((err as { constraint?: string }).constraint === 'team_members_email_key') throw new EmailTakenError();
        throw err;
      }
      await db.run(
        'INSERT INTO team_passkeys (id, member_id, public_key, counter, transports, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
        [input.passkey.id, member.id, Buffer.from(input.passkey.publicKey), input.passkey.counter, JSON.stringify(input.passkey.transports), member.created_at],
      );
      await db.run(
        'INSERT INTO team_sessions (id_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [input.session.idHash, member.id, input.session.createdAt, input.session.expiresAt],
      );
      return member;
    }),
    memberByEmail: (email) => oneMember(`SELECT ${MEMBER} FROM team_members WHERE email = $1`, email),
    memberById: (id) => oneMember(`SELECT ${MEMBER} FROM team_members WHERE id = $1`, id),
    members: () => db.rows<Member>(`SELECT ${MEMBER} FROM team_members ORDER BY created_at, email`),
    removeMember: (email) => db.transaction(async () => {
      await db.run(LOCK_TEAM);
      if ((await db.run('DELETE FROM team_members WHERE email = $1', [email])) === 0) return false;
      // A team always has an owner: when the last one goes, the longest-standing member becomes one.
      await db.run(
        `UPDATE team_members SET role = 'owner'
         WHERE NOT EXISTS (SELECT 1 FROM team_members WHERE role = 'owner')
           AND id = (SELECT id FROM team_members ORDER BY created_at, email LIMIT 1)`,
      );
      return true;
    }),
    async passkey(credentialId) {
      const row = await db.row<PasskeyRow>('SELECT id, member_id, public_key, counter, transports FROM team_passkeys WHERE id = $1', [credentialId]);
      return row ? toPasskey(row) : null;
    },
    async updateCounter(credentialId, counter) {
      await db.run('UPDATE team_passkeys SET counter = $2 WHERE id = $1', [credentialId, counter]);
    },
    async createSession(session) {
      await db.run(
        'INSERT INTO team_sessions (id_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [session.idHash, session.memberId, session.createdAt, session.expiresAt],
      );
    },
    sessionMember: (idHash, now) => db.row<Member>(
      `SELECT m.id, m.email, m.name, m.role, m.created_at FROM team_sessions s JOIN team_members m ON m.id = s.member_id
       WHERE s.id_hash = $1 AND s.expires_at > $2`,
      [idHash, now],
    ),
    async endSession(idHash) {
      await db.run('DELETE FROM team_sessions WHERE id_hash = $1', [idHash]);
    },
    async sweepSessions(now) {
      await db.run('DELETE FROM team_sessions WHERE expires_at <= $1', [now]);
    },
    async recordParticipant(row) {
      await db.run(
        `INSERT INTO team_participants (participant_id, member_id, email, room_id, owner_by_membership, joined_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (participant_id) DO UPDATE SET member_id = excluded.member_id, email = excluded.email, room_id = excluded.room_id,
           owner_by_membership = excluded.owner_by_membership, joined_at = excluded.joined_at`,
        [row.participantId, row.memberId, row.email, row.roomId, row.ownerByMembership, row.joinedAt],
      );
    },
    ownersByMembership: (memberId) => db.rows<{ roomId: string; participantId: string }>(
      `SELECT room_id AS "roomId", participant_id AS "participantId" FROM team_participants
       WHERE member_id = $1 AND owner_by_membership ORDER BY joined_at DESC`,
      [memberId],
    ),
    async participantEmails(participantIds) {
      const rows = await db.rows<{ participant_id: string; email: string }>(
        'SELECT participant_id, email FROM team_participants WHERE participant_id = ANY($1::text[])',
        [[...new Set(participantIds)]],
      );
      return new Map(rows.map((r) => [r.participant_id, r.email]));
    },
  };
}
