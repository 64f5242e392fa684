import { describe, expect, it } from 'vitest';
import { frameSrc, roomAddress } from './frame-address.ts';

const PAGE = 'https://host.example/app/page.html';

describe('room address', () => {
  it('takes t= out (keeping the other parameters) and returns it as the token', () => {
    expect(roomAddress('https://foyer.example/standup?lang=fr&t=abc.def&x=1#top', PAGE)).toEqual({ url: 'https://foyer.example/standup?lang=fr&x=1', token: 'abc.def' });
  });

  it("drops an embed id and origin already in the address (the frame's own are added)", () => {
    expect(roomAddress('https://foyer.example/standup?embed=old&embedOrigin=https%3A%2F%2Fevil.example', PAGE)).toEqual({ url: 'https://foyer.example/standup' });
  });

  it('resolves a relative address against the page', () => {
    expect(roomAddress('/standup', PAGE).url).toBe('https://host.example/standup');
  });

  it('refuses what is not http(s)', () => {
    expect(() => roomAddress('javascript:alert(1)', PAGE)).toThrow('Not a Foyer room address');
  });

  it("the frame's address: the room's plus the frame id and the host page's origin", () => {
    expect(frameSrc('https://foyer.example/standup?lang=fr', 'abcdefghijklmnopqrstuv', 'https://host.example')).toBe(
      'https://foyer.example/standup?lang=fr&embed=abcdefghijklmnopqrstuv&embedOrigin=https%3A%2F%2Fhost.example',
    );
  });
});
