import { describe, expect, it } from 'vitest';
import { forgetToken, takeLinkParams } from './link-params.ts';

function fakeWindow(href: string) {
  const url = new URL(href);
  const loc = { pathname: url.pathname, search: url.search, hash: url.hash } as Location;
  const replaced: string[] = [];
  const history = { state: null, replaceState: (_s: unknown, _t: string, u: string) => replaced.push(u) } as unknown as History;
  const data = new Map<string, string>();
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  } as Storage;
  return { loc, history, storage, replaced, data };
}

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
