import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadDashboardTexts, loadTeamTexts } from '../i18n/index.ts';
import { MemberPanel } from '../team/MemberPanel.tsx';
import { SignedOut } from './Dashboard.tsx';
import { DashboardPage, type DashboardPageProps } from './DashboardPage.tsx';
import { HandedLink } from './HandedLink.tsx';
import { ProblemText } from './ProblemText.tsx';
import { member, owner, room } from './testing/fake-dashboard-api.ts';

// In the app the dashboard's English texts come with its chunk (load-dashboard.ts); these views render without it.
await Promise.all([loadDashboardTexts(), loadTeamTexts()]);

const noop = () => {};
const now = 1_800_000_000_000;
const page = (over: Partial<DashboardPageProps> = {}) =>
  renderToStaticMarkup(
    <DashboardPage
      view={{ name: 'ready' }}
      team={{ name: 'example.com', me: owner, members: [owner, member], inviteLink: 'http://localhost:3000/?tk=one' }}
      rooms={[
        room('standup', { inCall: [{ name: 'Ada', owner: true, joinedAt: 1 }, { name: null, owner: false, joinedAt: 2 }], waiting: [{ name: 'Bob', since: now / 1000 - 180 }] }),
        room('retro', { privacy: 'public' }),
      ]}
      total={2}
      stale={null}
      busy={{}}
      problem={null}
      link={null}
      said={null}
      now={now}
      refresh={async () => {}}
      createRoom={async () => true}
      updateRoom={async () => {}}
      deleteRoom={async () => {}}
      copyRoomLink={async () => {}}
      copyInvite={async () => {}}
      rotateInvite={async () => {}}
      removeMember={async () => {}}
      dismissLink={noop}
      {...over}
    />,
  );
const roomHtml = (html: string, name: string) => html.split('data-testid="room"').find((part) => part.includes(`data-room="${name}"`)) ?? '';

describe('the dashboard page', () => {
  it("names the team and who is signed in, and has the rooms, invite and members sections under headings", () => {
    const html = page();
    expect(html).toContain('<h1 data-testid="team-name">example.com</h1>');
    expect(html).toContain('You’re signed in as <bdi>Olive</bdi>');
    expect(html).toMatch(/<h2 id="dash-rooms-heading"[^>]*>Rooms \(2\)<\/h2>/);
    expect(html).toContain('>Invite link</h2>');
    expect(html).toContain('>Members (2)</h2>');
    expect(html).toContain('role="status"');
  });

  it('each room: its link, privacy, who is in the call (owners marked), knocking and privacy fields with labels', () => {
    const standup = roomHtml(page(), 'standup');
    expect(standup).toMatch(/href="http:\/\/localhost:3000\/standup" target="_blank" rel="noopener"[^>]*>standup</);
    expect(standup).toContain('data-privacy="org">Team</span>');
    expect(standup).toContain('In the call (2)');
    expect(standup).toMatch(/data-owner="true"><bdi>Ada<\/bdi><span class="badge">Owner<\/span>/);
    expect(standup).toContain('Someone without a name');
    expect(standup).toMatch(/<label for="([^"]+)">Who can join<\/label><select id="\1"[^>]*data-testid="room-privacy"/);
    expect(standup).toMatch(/<label class="dash-check"><input type="checkbox"[^>]*data-testid="room-knocking"[^>]*\/><span>Knocking:/);
    expect(standup).toMatch(/>Copy guest link<.*>Copy owner link<.*>Delete</);
    expect(roomHtml(page(), 'retro')).toContain('Nobody is in the call.');
    const justNow = page({ rooms: [room('r', { waiting: [{ name: 'Cy', since: now / 1000 - 20 }] })] });
    expect(justNow).toMatch(/<bdi>Cy<\/bdi> <span class="muted">just now<\/span>/);
  });

  it('a room with people waiting stands out, in words too: how many, who, since when', () => {
    const html = page();
    expect(html).toMatch(/class="dash-room dash-room--waiting"[^>]*data-room="standup"/);
    expect(html).toMatch(/class="dash-room"[^>]*data-room="retro"/);
    const standup = roomHtml(html, 'standup');
    expect(standup).toContain('data-testid="room-waiting-count">1 waiting</span>');
    expect(standup).toContain('1 person waiting to join');
    expect(standup).toMatch(/<bdi>Bob<\/bdi> <span class="muted">for 3 min<\/span>/);
  });

  it('a team owner can make a new invite link and remove others, never themself; a member can do neither', () => {
    const asOwner = page();
    expect(asOwner).toContain('data-testid="rotate-invite"');
    expect(asOwner.match(/data-testid="remove-member"/g)).toHaveLength(1);
    expect(asOwner).toMatch(/data-email="max@example.com".*data-testid="remove-member"/);
    const asMember = page({ team: { name: 'example.com', me: member, members: [owner, member], inviteLink: 'l' } });
    expect(asMember).not.toContain('rotate-invite');
    expect(asMember).not.toContain('remove-member');
    expect(asMember).toContain('data-testid="copy-invite"');
  });

  it("a failed action is said where it happened, in words with the server's detail; a failed refresh says the list may be old", () => {
    const html = page({ problem: { target: 'room:retro', problem: { key: 'dashboard.problem.gone', detail: 'room retro not found' } }, stale: { key: 'error.network' } });
    expect(roomHtml(html, 'retro')).toContain('role="alert" data-testid="dashboard-problem" data-problem="dashboard.problem.gone">This no longer exists');
    expect(roomHtml(html, 'retro')).toContain('(The server said: “room retro not found”)');
    expect(roomHtml(html, 'standup')).not.toContain('dashboard-problem');
    expect(html).toContain('The list could not be refreshed');
  });

  it('busy: the room’s buttons wait; the create button says it is creating', () => {
    const html = page({ busy: { 'room:retro': true, create: true } });
    expect(roomHtml(html, 'retro')).toMatch(/disabled=""[^>]*data-testid="copy-owner-link"/);
    expect(roomHtml(html, 'standup')).not.toMatch(/disabled=""[^>]*data-testid="copy-owner-link"/);
    expect(html).toMatch(/data-testid="create-submit">Creating…</);
  });

  it('no rooms: says so', () => {
    expect(page({ rooms: [], total: 0 })).toContain('The team has no rooms yet.');
  });
});

describe('a handed-out link', () => {
  it('an owner link says it is an owner’s key and when it expires', () => {
    const html = renderToStaticMarkup(<HandedLink link={{ target: 'room:r', kind: 'owner', url: 'http://x/r?t=tok', expiresAt: now / 1000 + 24 * 3600, copied: true }} now={now} dismiss={noop} />);
    expect(html).toContain('<p role="status">Copied to the clipboard.</p>');
    expect(html).toMatch(/<span>Owner link<\/span><input readOnly=""[^>]*value="http:\/\/x\/r\?t=tok"/);
    expect(html).toMatch(/data-testid="owner-link-warning">This link is an owner’s key to the room.*expires in 24 hours \(at [^)]+\)\. Share it carefully\./);
  });

  it('not copied: says to copy it by hand', () => {
    const html = renderToStaticMarkup(<HandedLink link={{ target: 'invite', kind: 'invite', url: 'u', expiresAt: null, copied: false }} now={now} dismiss={noop} />);
    expect(html).toContain('copy it yourself');
    expect(html).not.toContain('owner-link-warning');
  });
});

describe('other screens', () => {
  it('signed out: what the page is, and a link to sign in at /', () => {
    const html = renderToStaticMarkup(<SignedOut />);
    expect(html).toContain('<h1>Sign in to see the dashboard</h1>');
    expect(html).toMatch(/<a class="btn btn--primary" href="\/" data-testid="dashboard-signin-link">Sign in on the home page<\/a>/);
  });

  it('a problem without a server detail (no answer at all) is only the sentence', () => {
    expect(renderToStaticMarkup(<ProblemText problem={{ key: 'error.network' }} />)).toBe(
      '<p class="error" role="alert" data-testid="dashboard-problem" data-problem="error.network">Could not reach the server. Check your connection and try again.</p>',
    );
  });

  it('the signed-in home links to the dashboard', () => {
    const html = renderToStaticMarkup(<MemberPanel member={member} framed={false} busy={null} problem={null} signIn={noop} signOut={noop} />);
    expect(html).toContain('<a class="team-link" href="/dashboard" data-testid="dashboard-link">Open the dashboard</a>');
  });
});
