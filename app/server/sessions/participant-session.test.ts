import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { participantSessions, sessionKeyFrom } from './participant-session.ts';

const T = 1_735_689_600;
const HOURS_12 = 12 * 3600;
const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-bytes!!');

describe('participantSessions', () => {
  it('verifies what it issued: room, identity, owner', async () => {
    const sessions = participantSessions(secret);
    const token = await sessions.issue({ roomId: 'room-1', identity: 'p_abc', isOwner: true }, T);
    expect(await sessions.verify(token, T)).toEqual({ roomId: 'room-1', identity: 'p_abc', isOwner: true });
  });

  it('keeps a non-owner a non-owner', async () => {
    const sessions = participantSessions(secret);
    const token = await sessions.issue({ roomId: 'room-1', identity: 'p_abc', isOwner: false }, T);
    expect(await sessions.verify(token, T + 1)).toEqual({ roomId: 'room-1', identity: 'p_abc', isOwner: false });
  });


  it('expires after 12 hours', async () => {
    const sessions = participantSessions(secret);
    const token = await sessions.issue({ roomId: 'r', identity: 'i', isOwner: true }, T);
    expect(await sessions.verify(token, T + HOURS_12 - 1)).not.toBeNull();
    expect(await sessions.verify(token, T + HOURS_12 + 1)).toBeNull();
    expect(await sessions.verify(token, T + 10 * HOURS_12)).toBeNull();
  });

  it('counts the 12 hours from the time it was issued', async () => {
    const sessions = participantSessions(secret);
    const later = T + 100_000;
    const token = await sessions.issue({ roomId: 'r', identity: 'i', isOwner: false }, later);
    expect(await sessions.verify(token, later + HOURS_12 - 1)).not.toBeNull();
    expect(await sessions.verify(token, later + HOURS_12 + 1)).toBeNull();
  });

  it('refuses a token from another secret (another process)', async () => {
    const mine = participantSessions(secret);
    const theirs = participantSessions(new TextEncoder().encode('another-secret-of-at-least-32-bytes'));
    const token = await theirs.issue({ roomId: 'r', identity: 'i', isOwner: true }, T);
    expect(await mine.verify(token, T)).toBeNull();
  });

  it('refuses a tampered token (owner flag flipped in the payload)', async () => {
    const sessions = participantSessions(secret);
    const token = await sessions.issue({ roomId: 'r', identity: 'i', isOwner: false }, T);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims.own).toBe(false);
    const forged = Buffer.from(JSON.stringify({ ...claims, own: true })).toString('base64url');
    expect(await sessions.verify(`${header}.${forged}.${signature}`, T)).toBeNull();
  });

  it('refuses a token with a changed signature', async () => {
    const sessions = participantSessions(secret);
    const token = await sessions.issue({ roomId: 'r', identity: 'i', isOwner: true }, T);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    expect(await sessions.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`, T)).toBeNull();
  });

  it('refuses an unsigned (alg none) token', async () => {
    const sessions = participantSessions(secret);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none' })}.${b64({ rid: 'r', sub: 'i', own: true, exp: T + 100 })}.`;
    expect(await sessions.verify(none, T)).toBeNull();
  });

  it('refuses garbage', async () => {
    const sessions = participantSessions(secret);
    for (const bad of ['', 'garbage', 'a.b.c', '...']) expect(await sessions.verify(bad, T)).toBeNull();
  });

  it('refuses a validly signed token without room or identity', async () => {
    const sessions = participantSessions(secret);
    const sign = (claims: Record<string, unknown>, sub?: string) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(T + 100);
      return (sub ? jwt.setSubject(sub) : jwt).sign(secret);
    };
    expect(await sessions.verify(await sign({ own: true }, 'i'), T)).toBeNull();
    expect(await sessions.verify(await sign({ rid: 'r', own: true }), T)).toBeNull();
    expect(await sessions.verify(await sign({ rid: 7, own: true }, 'i'), T)).toBeNull();
    // Only a literal `true` makes an owner.
    expect(await sessions.verify(await sign({ rid: 'r', own: 'true' }, 'i'), T)).toEqual({ roomId: 'r', identity: 'i', isOwner: false });
  });
});

describe('sessionKeyFrom', () => {
  it('lets a restarted control plane (same API key) accept sessions it issued before', async () => {
    const before = participantSessions(sessionKeyFrom('the-api-key'));
    const after = participantSessions(sessionKeyFrom('the-api-key'));
    const token = await before.issue({ roomId: 'r', identity: 'p_1', isOwner: true }, 1_000);
    expect(await after.verify(token, 1_001)).toEqual({ roomId: 'r', identity: 'p_1', isOwner: true });
  });

  it('derives a different key per API key', async () => {
    expect(Buffer.from(sessionKeyFrom('a')).equals(Buffer.from(sessionKeyFrom('b')))).toBe(false);
    const token = await participantSessions(sessionKeyFrom('a')).issue({ roomId: 'r', identity: 'p', isOwner: true }, 1_000);
    expect(await participantSessions(sessionKeyFrom('b')).verify(token, 1_001)).toBeNull();
  });
});

describe('participantSessions: bounded by the meeting token', () => {
  it('never outlives the meeting token it came from', async () => {
    const sessions = participantSessions(sessionKeyFrom('k'));
    const token = await sessions.issue({ roomId: 'r', identity: 'p', isOwner: true }, 1_000, 1_600);
    expect(await sessions.verify(token, 1_599)).not.toBeNull();
    expect(await sessions.verify(token, 1_600)).toBeNull();
  });
});
