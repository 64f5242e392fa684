import { describe, expect, it } from 'vitest';
import { ACCESS_ERROR_MESSAGES, DETAIL_MESSAGES } from '../../shared/access.ts';
import type { RoomProperties } from '../rooms/properties.ts';
import type { Privacy, Room } from '../store/store.ts';
import type { TokenCheck, VerifiedToken } from '../tokens/meeting-token.ts';
import { decideAccess } from './decide.ts';

const NOW = 1_800_000_000;

function room(privacy: Privacy = 'public', config: RoomProperties = {}, name = 'standup'): Room {
  return {
    id: '11111111-2222-4333-8444-555555555555',
    name,
    api_created: true,
    privacy,
    created_at: new Date((NOW - 3600) * 1000).toISOString(),
    config,
  };
}

const good = (token: VerifiedToken = {}): TokenCheck => ({ ok: true, token });
const bad: TokenCheck = { ok: false, reason: 'bad-signature' };

describe('decideAccess: the room itself', () => {
  it.each([
    ['a rejoin past exp: stays in (no eject_at_room_exp)', {}, true, 'full'],
    ['a rejoin past exp with eject_at_room_exp: refused', { eject_at_room_exp: true }, true, 'none'],
    ['a new join past exp: refused', {}, false, 'none'],
  ] as const)('%s', (_label, extra, rejoin, level) => {
    expect(decideAccess({ room: room('public', { exp: NOW - 10, ...extra }), now: NOW, rejoin, admitted: rejoin }).level).toBe(level);
  });

  it('refuses a missing room with no-room', () => {
    expect(decideAccess({ room: null, now: NOW })).toEqual({
      level: 'none',
      isOwner: false,
      error: { type: 'no-room', msg: ACCESS_ERROR_MESSAGES['no-room'] },
    });
  });

  it('refuses a missing room even with a valid owner token', () => {
    const d = decideAccess({ room: null, token: good({ is_owner: true }), now: NOW });
    expect(d.level).toBe('none');
    expect(d.error?.type).toBe('no-room');
    expect(d.isOwner).toBe(false);
  });

  it('treats now == exp as expired', () => {
    const d = decideAccess({ room: room('public', { exp: NOW }), now: NOW });
    expect(d).toEqual({ level: 'none', isOwner: false, error: { type: 'exp-room', msg: ACCESS_ERROR_MESSAGES['exp-room'] } });
  });

  it('lets people in just before exp (now == exp - 0.001)', () => {
    const d = decideAccess({ room: room('public', { exp: NOW }), now: NOW - 0.001 });
    expect(d.level).toBe('full');
    expect(d.error).toBeUndefined();
  });

  it('handles fractional exp', () => {
    expect(decideAccess({ room: room('public', { exp: NOW + 0.5 }), now: NOW }).level).toBe('full');
    expect(decideAccess({ room: room('public', { exp: NOW + 0.5 }), now: NOW + 0.5 }).error?.type).toBe('exp-room');
  });

  it('refuses an expired room even to an owner token', () => {
    const d = decideAccess({ room: room('public', { exp: NOW - 10 }), token: good({ is_owner: true }), now: NOW });
    expect(d.level).toBe('none');
    expect(d.error?.type).toBe('exp-room');
  });

  it('refuses before nbf (now < nbf) with nbf-room', () => {
    const d = decideAccess({ room: room('public', { nbf: NOW }), now: NOW - 0.001 });
    expect(d).toEqual({ level: 'none', isOwner: false, error: { type: 'nbf-room', msg: ACCESS_ERROR_MESSAGES['nbf-room'] } });
  });

  it('allows at exactly nbf', () => {
    expect(decideAccess({ room: room('public', { nbf: NOW }), now: NOW }).level).toBe('full');
  });

  it('refuses a room before nbf even to an owner token', () => {
    const d = decideAccess({ room: room('public', { nbf: NOW + 60 }), token: good({ is_owner: true }), now: NOW });
    expect(d.error?.type).toBe('nbf-room');
  });
});

describe('decideAccess: banned for the rest of the meeting', () => {
  it.each<[string, Partial<Parameters<typeof decideAccess>[0]>]>([
    ['a guest of a public room', {}],
    ['an owner token', { token: good({ is_owner: true }) }],
    ['a guest let in from the lobby', { room: room('private', { enable_knocking: true }), admitted: true }],
    ['a knocking token holder', { room: room('private', { enable_knocking: true }), token: good({ knocking: true }) }],
  ])('refuses %s with ejected', (_label, change) => {
    expect(decideAccess({ room: room('public'), now: NOW, banned: true, ...change })).toEqual({
      level: 'none',
      isOwner: false,
      error: { type: 'ejected', msg: ACCESS_ERROR_MESSAGES.ejected },
    });
  });

  it('a room that is gone or over says so, not ejected', () => {
    expect(decideAccess({ room: null, now: NOW, banned: true }).error?.type).toBe('no-room');
    expect(decideAccess({ room: room('public', { exp: NOW }), now: NOW, banned: true }).error?.type).toBe('exp-room');
  });
});

describe('decideAccess: no token', () => {
  it('gives full to a guest of a public room', () => {
    expect(decideAccess({ room: room('public'), now: NOW })).toEqual({ level: 'full', isOwner: false });
  });

  it('gives lobby to a guest of a private room with knocking', () => {
    expect(decideAccess({ room: room('private', { enable_knocking: true }), now: NOW })).toEqual({ level: 'lobby', isOwner: false });
  });

  it('refuses a guest of a private room without knocking (room-private)', () => {
    expect(decideAccess({ room: room('private'), now: NOW })).toEqual({
      level: 'none',
      isOwner: false,
      error: { type: 'not-allowed', detail: 'room-private', msg: DETAIL_MESSAGES['room-private'] },
    });
  });

  it('refuses a guest of a private room with knocking explicitly off', () => {
    const d = decideAccess({ room: room('private', { enable_knocking: false }), now: NOW });
    expect(d.error?.detail).toBe('room-private');
  });

  it('gives public-room knocking guests full (knocking only matters for private rooms)', () => {
    expect(decideAccess({ room: room('public', { enable_knocking: true }), now: NOW }).level).toBe('full');
  });
});

describe('decideAccess: refused tokens', () => {
  it('refuses a bad token with token-invalid and offers full on a public room', () => {
    expect(decideAccess({ room: room('public'), token: bad, now: NOW })).toEqual({
      level: 'none',
      isOwner: false,
      error: { type: 'not-allowed', detail: 'token-invalid', msg: DETAIL_MESSAGES['token-invalid'] },
      guestLevel: 'full',
    });
  });

  it('offers lobby as guest level on a private knocking room', () => {
    const d = decideAccess({ room: room('private', { enable_knocking: true }), token: bad, now: NOW });
    expect(d.level).toBe('none');
    expect(d.error?.detail).toBe('token-invalid');
    expect(d.guestLevel).toBe('lobby');
  });

  it('offers no guest level on a private room without knocking', () => {
    const d = decideAccess({ room: room('private'), token: bad, now: NOW });
    expect(d.error?.detail).toBe('token-invalid');
    expect(d).not.toHaveProperty('guestLevel');
  });

  it('offers no guest level on a full public room', () => {
    const d = decideAccess({ room: room('public', { max_participants: 2 }), token: bad, now: NOW, participantCount: 2 });
    expect(d.error?.detail).toBe('token-invalid');
    expect(d).not.toHaveProperty('guestLevel');
  });

  it.each(['malformed', 'bad-signature', 'wrong-domain', 'bad-claims'] as const)('refuses a token failing with %s', (reason) => {
    const d = decideAccess({ room: room('public'), token: { ok: false, reason }, now: NOW });
    expect(d.level).toBe('none');
    expect(d.error?.detail).toBe('token-invalid');
  });

  it('refuses a token for another room with token-wrong-room', () => {
    const d = decideAccess({ room: room('public'), token: good({ room_name: 'other-room', is_owner: true }), now: NOW });
    expect(d).toEqual({
      level: 'none',
      isOwner: false,
      error: { type: 'not-allowed', detail: 'token-wrong-room', msg: DETAIL_MESSAGES['token-wrong-room'] },
      guestLevel: 'full',
    });
  });

  it('compares room names exactly (case matters)', () => {
    const d = decideAccess({ room: room('public', {}, 'standup'), token: good({ room_name: 'Standup' }), now: NOW });
    expect(d.error?.detail).toBe('token-wrong-room');
  });

  it('gives the wrong-room guest level for a private knocking room', () => {
    const d = decideAccess({ room: room('private', { enable_knocking: true }), token: good({ room_name: 'x' }), now: NOW });
    expect(d.guestLevel).toBe('lobby');
  });

  it('treats now == token exp as expired (exp-token)', () => {
    const d = decideAccess({ room: room('public'), token: good({ exp: NOW }), now: NOW });
    expect(d).toEqual({
      level: 'none',
      isOwner: false,
      error: { type: 'exp-token', msg: ACCESS_ERROR_MESSAGES['exp-token'] },
      guestLevel: 'full',
    });
  });

  it('accepts a token just before its exp', () => {
    expect(decideAccess({ room: room('public'), token: good({ exp: NOW }), now: NOW - 0.001 }).level).toBe('full');
  });

  it('refuses a token before its nbf (nbf-token)', () => {
    const d = decideAccess({ room: room('private'), token: good({ nbf: NOW }), now: NOW - 0.001 });
    expect(d).toEqual({ level: 'none', isOwner: false, error: { type: 'nbf-token', msg: ACCESS_ERROR_MESSAGES['nbf-token'] } });
  });

  it('accepts a token at exactly its nbf', () => {
    expect(decideAccess({ room: room('private'), token: good({ nbf: NOW }), now: NOW }).level).toBe('full');
  });

  it('never falls back to guest access silently: level stays none with a guest level offered', () => {
    const d = decideAccess({ room: room('public'), token: good({ exp: NOW - 1, is_owner: true }), now: NOW });
    expect(d.level).toBe('none');
    expect(d.isOwner).toBe(false);
    expect(d.guestLevel).toBe('full');
    expect(d.token).toBeUndefined();
  });
});

describe('decideAccess: valid tokens', () => {
  it('gives full to a valid token on a private room and returns the token', () => {
    const token = { room_name: 'standup', user_name: 'Ada' };
    expect(decideAccess({ room: room('private'), token: good(token), now: NOW })).toEqual({ level: 'full', isOwner: false, token });
  });

  it('marks is_owner tokens as owners', () => {
    const d = decideAccess({ room: room('private'), token: good({ room_name: 'standup', is_owner: true }), now: NOW });
    expect(d.level).toBe('full');
    expect(d.isOwner).toBe(true);
  });

  it('does not treat is_owner: false as owner', () => {
    expect(decideAccess({ room: room('public'), token: good({ is_owner: false }), now: NOW }).isOwner).toBe(false);
  });

  it('accepts a token without room_name for any room', () => {
    for (const name of ['a', 'standup', 'Other_Room-2']) {
      const d = decideAccess({ room: room('private', {}, name), token: good({ is_owner: true }), now: NOW });
      expect(d.level).toBe('full');
      expect(d.isOwner).toBe(true);
    }
  });

  it('sends a knocking token to the lobby on a private knocking room', () => {
    const token = { room_name: 'standup', knocking: true };
    expect(decideAccess({ room: room('private', { enable_knocking: true }), token: good(token), now: NOW })).toEqual({
      level: 'lobby',
      isOwner: false,
      token,
    });
  });

  it('gives full to a knocking token on a public room', () => {
    const d = decideAccess({ room: room('public', { enable_knocking: true }), token: good({ knocking: true }), now: NOW });
    expect(d.level).toBe('full');
  });

  it('gives full to a knocking token on a private room without knocking', () => {
    expect(decideAccess({ room: room('private'), token: good({ knocking: true }), now: NOW }).level).toBe('full');
  });

  it('gives full to a non-knocking token on a private knocking room', () => {
    expect(decideAccess({ room: room('private', { enable_knocking: true }), token: good({}), now: NOW }).level).toBe('full');
  });
});

describe('decideAccess: max_participants', () => {
  it('refuses a guest when the room is at max_participants', () => {
    expect(decideAccess({ room: room('public', { max_participants: 3 }), now: NOW, participantCount: 3 })).toEqual({
      level: 'none',
      isOwner: false,
      error: { type: 'meeting-full', msg: ACCESS_ERROR_MESSAGES['meeting-full'] },
    });
  });

  it('admits a guest one below max_participants', () => {
    expect(decideAccess({ room: room('public', { max_participants: 3 }), now: NOW, participantCount: 2 }).level).toBe('full');
  });

  it('refuses a non-owner token when full', () => {
    const d = decideAccess({ room: room('private', { max_participants: 3 }), token: good({}), now: NOW, participantCount: 5 });
    expect(d.error?.type).toBe('meeting-full');
    expect(d.level).toBe('none');
  });

  it('still admits owners when full', () => {
    const d = decideAccess({ room: room('public', { max_participants: 3 }), token: good({ is_owner: true }), now: NOW, participantCount: 3 });
    expect(d.level).toBe('full');
    expect(d.isOwner).toBe(true);
  });

  it('does no full check when participantCount is unknown', () => {
    expect(decideAccess({ room: room('public', { max_participants: 1 }), now: NOW }).level).toBe('full');
    expect(decideAccess({ room: room('public', { max_participants: 1 }), token: good({}), now: NOW }).level).toBe('full');
  });

  it('defaults max_participants to 200', () => {
    expect(decideAccess({ room: room('public'), now: NOW, participantCount: 199 }).level).toBe('full');
    expect(decideAccess({ room: room('public'), now: NOW, participantCount: 200 }).error?.type).toBe('meeting-full');
  });
});

describe('decideAccess: messages', () => {
  it('every refusal message comes from shared/access.ts', () => {
    const cases = [
      decideAccess({ room: null, now: NOW }),
      decideAccess({ room: room('public', { exp: NOW }), now: NOW }),
      decideAccess({ room: room('public', { nbf: NOW + 1 }), now: NOW }),
      decideAccess({ room: room('private'), now: NOW }),
      decideAccess({ room: room('public'), token: bad, now: NOW }),
      decideAccess({ room: room('public'), token: good({ room_name: 'x' }), now: NOW }),
      decideAccess({ room: room('public'), token: good({ exp: NOW }), now: NOW }),
      decideAccess({ room: room('public'), token: good({ nbf: NOW + 1 }), now: NOW }),
      decideAccess({ room: room('public', { max_participants: 1 }), now: NOW, participantCount: 1 }),
    ];
    for (const d of cases) {
      expect(d.error).toBeDefined();
      const expected = d.error!.detail ? DETAIL_MESSAGES[d.error!.detail] : ACCESS_ERROR_MESSAGES[d.error!.type];
      expect(d.error!.msg).toBe(expected);
    }
    expect(new Set(cases.map((d) => d.error!.msg)).size).toBe(cases.length);
  });
});

describe('decideAccess: team members (an `org` room lets signed-in members in as owners)', () => {
  const knock = { enable_knocking: true };
  const full = { max_participants: 2 };
  type Row = [label: string, privacy: Privacy, config: RoomProperties, member: boolean, token: TokenCheck | undefined, level: string, isOwner: boolean, error?: string];
  it.each<Row>([
    ['org, member, no token: in as an owner', 'org', {}, true, undefined, 'full', true],
    ['org with knocking, member: in as an owner, no lobby', 'org', knock, true, undefined, 'full', true],
    ['org, not a member, no token: refused like a private room', 'org', {}, false, undefined, 'none', false, 'room-private'],
    ['org with knocking, not a member: knocks like in a private room', 'org', knock, false, undefined, 'lobby', false],
    ['org, not a member, a guest token: in as a guest', 'org', {}, false, good({ room_name: 'standup' }), 'full', false],
    ['org, member with a guest token: still an owner', 'org', {}, true, good({ room_name: 'standup' }), 'full', true],
    ['org, member with a knocking token: no lobby', 'org', knock, true, good({ knocking: true }), 'full', true],
    ['org, not a member, a knocking token: the lobby', 'org', knock, false, good({ knocking: true }), 'lobby', false],
    ['org, member with a bad token: the bad token is refused, not ignored', 'org', {}, true, bad, 'none', false, 'token-invalid'],
    ['org, member with a token for another room: refused', 'org', {}, true, good({ room_name: 'other' }), 'none', false, 'token-wrong-room'],
    ['org, member, room expired: refused', 'org', { exp: NOW - 1 }, true, undefined, 'none', false, 'exp-room'],
    ['org, member, room not started: refused', 'org', { nbf: NOW + 60 }, true, undefined, 'none', false, 'nbf-room'],
    ['private, member, no token: refused like anyone', 'private', {}, true, undefined, 'none', false, 'room-private'],
    ['private with knocking, member: knocks like anyone', 'private', knock, true, undefined, 'lobby', false],
    ['private, member with a guest token: a guest', 'private', {}, true, good(), 'full', false],
    ['public, member: a guest, not an owner', 'public', {}, true, undefined, 'full', false],
  ])('%s', (_label, privacy, config, member, token, level, isOwner, error) => {
    const d = decideAccess({ room: room(privacy, config), now: NOW, member, ...(token ? { token } : {}) });
    expect(d.level).toBe(level);
    expect(d.isOwner).toBe(isOwner);
    expect(d.error?.detail ?? d.error?.type).toBe(error);
  });

  it('a member with a bad token in an org room is offered to continue without it, as an owner would enter', () => {
    expect(decideAccess({ room: room('org'), token: bad, now: NOW, member: true }).guestLevel).toBe('full');
  });

  it('a full org room still lets a member in (owners are not counted out); a non-member with a token is turned away', () => {
    expect(decideAccess({ room: room('org', full), now: NOW, member: true, participantCount: 2 })).toEqual({ level: 'full', isOwner: true, byMembership: true });
    expect(decideAccess({ room: room('org', full), now: NOW, member: false, token: good(), participantCount: 2 }).error?.type).toBe('meeting-full');
  });

  it('a full public room turns a member away like anyone', () => {
    expect(decideAccess({ room: room('public', full), now: NOW, member: true, participantCount: 2 }).error?.type).toBe('meeting-full');
  });

  it('a banned member stays out of an org room', () => {
    expect(decideAccess({ room: room('org'), now: NOW, member: true, banned: true }).error?.type).toBe('ejected');
  });

  it('an owner right from membership alone is marked so (it ends with the membership); one from an owner token is not', () => {
    expect(decideAccess({ room: room('org'), now: NOW, member: true }).byMembership).toBe(true);
    expect(decideAccess({ room: room('org'), token: good(), now: NOW, member: true }).byMembership).toBe(true);
    expect(decideAccess({ room: room('org'), token: good({ is_owner: true }), now: NOW, member: true }).byMembership).toBeUndefined();
    expect(decideAccess({ room: room('private'), token: good({ is_owner: true }), now: NOW, member: true }).byMembership).toBeUndefined();
  });

  it('the member flag keeps an owner token an owner token', () => {
    expect(decideAccess({ room: room('org'), token: good({ is_owner: true }), now: NOW, member: false }).isOwner).toBe(true);
  });
});
