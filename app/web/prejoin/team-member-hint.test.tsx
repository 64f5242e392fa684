import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreauthResponse } from '../../shared/client-api.ts';
import { TeamMemberHint } from './TeamMemberHint.tsx';

function render(privacy: 'public' | 'private' | 'org', member: boolean, framed = false): string {
  const self = {};
  vi.stubGlobal('window', { self, top: framed ? {} : self });
  const preauth = {
    room: { name: 'standup', privacy, knocking: false, prejoin: true, startVideoOff: false, startAudioOff: false, chat: true, ownerOnlyBroadcast: false },
    access: { level: member ? 'full' : 'none' },
    user: { isOwner: member, canPublish: true, canScreenShare: true, ...(member ? { member: { name: 'Ada' } } : {}) },
  } as PreauthResponse;
  return renderToStaticMarkup(<TeamMemberHint preauth={preauth} roomName="standup" />);
}

afterEach(() => vi.unstubAllGlobals());

describe('TeamMemberHint', () => {
  it('says nothing outside team (org) rooms', () => {
    expect(render('private', false)).toBe('');
    expect(render('public', true)).toBe('');
  });

  it('tells a signed-in member they join as a host', () => {
    expect(render('org', true)).toContain('data-testid="team-member-note"');
    expect(render('org', true)).toContain('you join as a host');
  });

  it('offers anyone else the sign-in page in a new tab', () => {
    expect(render('org', false)).toMatch(/On the team\? <a href="\/" target="_blank" rel="noopener" data-testid="team-sign-in-link">Sign in to join as a host<\/a>/);
  });

  it('inside a frame, where the session cookie does not reach, offers the room in its own tab', () => {
    const html = render('org', false, true);
    expect(html).toContain('data-framed="true"');
    expect(html).toMatch(/this frame cannot keep you signed in\. <a href="\/standup" target="_blank"/);
  });
});
