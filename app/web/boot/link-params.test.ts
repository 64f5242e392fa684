import { describe, expect, it } from 'vitest';
import type { AccessError } from '../../shared/access.ts';
import { forgetToken, isDashboardPath, rememberToken, refusedForTheToken, takeLinkParams } from './link-params.ts';
import { fakeWindow } from './testing/fake-window.ts';

describe('takeLinkParams', () => {
  it('takes ?t= out of the address bar, keeps the rest, and keeps the token for this tab', () => {
    const w = fakeWindow('http://h/standup?t=tok.en.x&name=Ada&lang=de');
    expect(takeLinkParams(w.loc, w.history, w.storage)).toEqual({ roomName: 'standup', token: 'tok.en.x', presetName: 'Ada' });
    expect(w.replaced).toEqual(['/standup?name=Ada&lang=de']);
    expect([...w.data.values()]).toEqual(['tok.en.x']);
  });

  it('takes #t= out of the fragment too', () => {
    const w = fakeWindow('http://h/standup#t=abc');
    expect(takeLinkParams(w.loc, w.history, w.storage).token).toBe('abc');
    expect(w.replaced).toEqual(['/standup']);
  });

  it('a reload in the same tab (no t in the link) still has the token; forgetToken drops it', () => {
    const w = fakeWindow('http://h/standup?t=abc');
    takeLinkParams(w.loc, w.history, w.storage);
    const reload = fakeWindow('http://h/standup');
    expect(takeLinkParams(reload.loc, reload.history, w.storage).token).toBe('abc');
    expect(reload.replaced).toEqual([]);
    forgetToken('standup', w.storage);
    expect(takeLinkParams(reload.loc, reload.history, w.storage).token).toBeUndefined();
  });

  it('keeps tokens per room', () => {
    const w = fakeWindow('http://h/a?t=for-a');
    takeLinkParams(w.loc, w.history, w.storage);
    const b = fakeWindow('http://h/b');
    expect(takeLinkParams(b.loc, b.history, w.storage).token).toBeUndefined();
  });

  it('does not throw on a malformed path (the server then says no such room)', () => {
    const w = fakeWindow('http://h/%E0%A4%A');
    expect(takeLinkParams(w.loc, w.history, w.storage).roomName).toBe('%E0%A4%A');
  });

  it('works when storage is blocked (third-party iframe): the token lives in memory for this load', () => {
    const w = fakeWindow('http://h/standup?t=abc');
    const blocked = { getItem() { throw new Error('blocked'); }, setItem() { throw new Error('blocked'); } } as unknown as Storage;
    expect(takeLinkParams(w.loc, w.history, blocked).token).toBe('abc');
  });
});

describe('refusedForTheToken', () => {
  const err = (type: AccessError['type'], detail?: AccessError['detail']): AccessError => ({ type, ...(detail ? { detail } : {}), msg: '' });

  it.each([
    ['damaged or forged', err('not-allowed', 'token-invalid')],
    ['for another room', err('not-allowed', 'token-wrong-room')],
    ['expired', err('exp-token')],
    ['not valid yet', err('nbf-token')],
  ])('is true when the link itself was refused (%s)', (_label, error) => {
    expect(refusedForTheToken(error)).toBe(true);
  });

  it.each([
    ['no such room', err('no-room')],
    ['room expired', err('exp-room')],
    ['room not started', err('nbf-room')],
    ['room private', err('not-allowed', 'room-private')],
    ['call full', err('meeting-full')],
    ['knock denied', err('not-allowed', 'join-request-rejected')],
    ['removed', err('ejected')],
    ['no error given', undefined],
  ])('is false when the refusal is about the room or the call (%s)', (_label, error) => {
    expect(refusedForTheToken(error)).toBe(false);
  });
});

describe('forgetting a refused link', () => {
  it('a forgotten link is gone for the next load of the bare URL, and a remembered one comes back', () => {
    const w = fakeWindow('http://h/standup?t=abc');
    takeLinkParams(w.loc, w.history, w.storage);
    forgetToken('standup', w.storage);
    const bare = fakeWindow('http://h/standup');
    expect(takeLinkParams(bare.loc, bare.history, w.storage).token).toBeUndefined();
    rememberToken('standup', 'abc', w.storage);
    expect(takeLinkParams(bare.loc, bare.history, w.storage).token).toBe('abc');
  });
});

describe('isDashboardPath', () => {
  it('/dashboard (with or without a trailing slash) is the team dashboard, not a room', () => {
    const at = (path: string) => {
      const w = fakeWindow(`http://localhost${path}`);
      return takeLinkParams(w.loc, w.history, w.storage).roomName;
    };
    expect(isDashboardPath(at('/dashboard'))).toBe(true);
    expect(isDashboardPath(at('/dashboard/'))).toBe(true);
    expect(isDashboardPath(at('/dashboards'))).toBe(false);
    expect(isDashboardPath(at('/'))).toBe(false);
  });
});
