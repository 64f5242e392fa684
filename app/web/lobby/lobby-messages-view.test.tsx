import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LobbyMessage } from '../../shared/lobby.ts';
import { HostMessagesView } from './HostMessages.tsx';
import { KnockToastView } from './KnockToast.tsx';
import { OwnerWaitingListView } from './OwnerWaitingList.tsx';
import type { WaitingMessaging } from './owner-lobby-store.ts';

const at = '2030-01-01T00:00:05Z';
const host = (text: string): LobbyMessage => ({ from: 'host', text, at });
const guest = (text: string): LobbyMessage => ({ from: 'guest', text, at });
const person = (id: string, name: string) => ({ id, name, since: `2030-01-01T00:00:0${id.length}Z`, awaitingAccess: { level: 'full' as const } });
const noop = () => {};
const reply = () => ({ ok: true as const });

const messaging = (threads: WaitingMessaging['threads'], problems: WaitingMessaging['problems'] = {}): WaitingMessaging => ({ threads, problems, send: reply });

describe("the guest's messages from the host", () => {
  it('shows nothing, and no reply box, until a host writes', () => {
    expect(renderToStaticMarkup(<HostMessagesView messages={[]} reply={reply} />)).toBe('');
  });

  it('"The host says: …", the guest\'s own answers as "You:", and a reply box; never an owner\'s name', () => {
    const html = renderToStaticMarkup(<HostMessagesView messages={[host('One moment, finishing a call'), guest('Sure')]} reply={reply} />);
    expect(html).toContain('The host says:</span> <bdi>One moment, finishing a call</bdi>');
    expect(html).toContain('You:</span> <bdi>Sure</bdi>');
    expect(html).toContain('data-testid="host-reply-input"');
    expect(html).toContain('data-testid="host-reply-send"');
  });

  it("shows the server's refusal of a reply in words, not its raw text", () => {
    const html = renderToStaticMarkup(<HostMessagesView messages={[host('Hi')]} problem="too-many" reply={reply} />);
    expect(html).toContain('data-problem="too-many"');
    expect(html).toContain('Too many messages. Wait a minute and try again.');
  });
});

describe("the owners' view of a waiting guest's thread", () => {
  it("the knock toast shows the guest's answer under their name, and a Message button", () => {
    const html = renderToStaticMarkup(
      <KnockToastView waiting={[person('a', 'Ann')]} answer={noop} allowAll={noop} messaging={messaging({ a: [host('One moment'), guest('No problem')] })} />,
    );
    expect(html).toContain('wants to join');
    expect(html).toContain('You:</span> <bdi>One moment</bdi>');
    expect(html).toMatch(/data-from="guest"><span class="lobby-thread__from"><bdi>Ann<\/bdi>:<\/span> <bdi>No problem<\/bdi>/);
    expect(html).toContain('data-testid="waiting-message-toggle"');
    expect(html).toContain('aria-label="Write to Ann"');
  });

  it('the waiting list (for the participants panel) shows everyone with Allow, Deny and their own thread', () => {
    const html = renderToStaticMarkup(
      <OwnerWaitingListView waiting={[person('a', 'Ann'), person('bb', 'Ben')]} answer={noop} messaging={messaging({ bb: [host('Hi Ben'), guest('Hello')] })} />,
    );
    expect(html).toContain('2 people want to join');
    expect(html.match(/data-testid="owner-waiting-participant"/g)).toHaveLength(2);
    expect(html.match(/aria-label="Allow (Ann|Ben)"/g)).toHaveLength(2);
    // Ann has no thread yet; Ben's two lines are under Ben.
    expect(html.match(/data-testid="lobby-message"/g)).toHaveLength(2);
    expect(html.indexOf('Hello')).toBeGreaterThan(html.indexOf('data-name="Ben"'));
  });

  it('shows nothing when nobody waits', () => {
    expect(renderToStaticMarkup(<OwnerWaitingListView waiting={[]} answer={noop} messaging={messaging({})} />)).toBe('');
  });
});
