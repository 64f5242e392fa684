import { describe, expect, it } from 'vitest';
import { ConnectionCounter, lobbyOrigins, originAllowed } from './channel-guard.ts';

describe('lobbyOrigins', () => {
  it('on a local machine, the same port under 127.0.0.1, localhost and [::1] is one origin', () => {
    expect(lobbyOrigins('http://127.0.0.1:3000', ['*']).sort()).toEqual(['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000']);
  });

  it('adds frame ancestors that are origins; wildcards and keywords add nothing', () => {
    expect(lobbyOrigins('https://meet.example.com', ['*', "'self'", 'https:', 'https://*.example.org', 'https://app.example.org/'])).toEqual([
      'https://meet.example.com',
      'https://app.example.org',
    ]);
  });
});

describe('originAllowed', () => {
  it.each([
    [undefined, true],
    ['https://meet.example.com', true],
    ['HTTPS://MEET.EXAMPLE.COM', true],
    ['https://meet.example.com.evil.example', false],
    ['null', false],
    ['', false],
  ])('%s → %s', (origin, allowed) => {
    expect(originAllowed(origin, ['https://meet.example.com'])).toBe(allowed);
  });
});

describe('ConnectionCounter', () => {
  it('caps per client and in total, and a release frees exactly one slot once', () => {
    const counter = new ConnectionCounter({ perClient: 2, total: 3 });
    const a1 = counter.open('a');
    const a2 = counter.open('a');
    expect(a1.ok && a2.ok).toBe(true);
    expect(counter.open('a')).toMatchObject({ ok: false, info: expect.stringMatching(/from your address/) });
    expect(counter.open('b').ok).toBe(true);
    expect(counter.open('c')).toMatchObject({ ok: false, info: expect.stringMatching(/too many people/) });
    if (a1.ok) {
      a1.release();
      a1.release();
    }
    expect(counter.count()).toBe(2);
    expect(counter.count('a')).toBe(1);
    expect(counter.open('c').ok).toBe(true);
  });
});
