import { describe, expect, it } from 'vitest';
import { forgetInviteCode, takeInviteCode } from './invite-param.ts';
import { fakeWindow } from '../boot/testing/fake-window.ts';

describe('takeInviteCode', () => {
  it('takes ?tk= out of the address bar at once, keeping the other parameters', () => {
    const w = fakeWindow('http://h/?tk=c0de&lang=fr');
    expect(takeInviteCode(w.loc, w.history, w.storage)).toBe('c0de');
    expect(w.replaced).toEqual(['/?lang=fr']);
  });

  it('takes #tk= out of the fragment too', () => {
    const w = fakeWindow('http://h/#tk=c0de');
    expect(takeInviteCode(w.loc, w.history, w.storage)).toBe('c0de');
    expect(w.replaced).toEqual(['/']);
  });

  it('a reload in the same tab still has the code, until forgetInviteCode', () => {
    const first = fakeWindow('http://h/?tk=c0de');
    takeInviteCode(first.loc, first.history, first.storage);
    const reload = fakeWindow('http://h/', first.data);
    expect(takeInviteCode(reload.loc, reload.history, reload.storage)).toBe('c0de');
    expect(reload.replaced).toEqual([]);
    forgetInviteCode(reload.storage);
    expect(takeInviteCode(reload.loc, reload.history, reload.storage)).toBeUndefined();
  });

  it('a plain home page has no code and leaves the address alone', () => {
    const w = fakeWindow('http://h/');
    expect(takeInviteCode(w.loc, w.history, w.storage)).toBeUndefined();
    expect(w.replaced).toEqual([]);
  });

  it('blocked storage (a third-party iframe) still gives the code for this load', () => {
    const w = fakeWindow('http://h/?tk=c0de');
    const blocked = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); } } as unknown as Storage;
    expect(takeInviteCode(w.loc, w.history, blocked)).toBe('c0de');
  });
});
