import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChatButtonView } from './ChatButton.tsx';
import { ChatPanelView } from './ChatPanel.tsx';
import { loadCallTexts } from '../i18n/index.ts';

// In the app the call's English texts come with the call chunk (loadCallModule); these views render without it.
await loadCallTexts();

const noop = () => {};

describe('ChatPanel', () => {
  const messages = [
    { id: '1', fromIdentity: 'a', fromName: 'Eve\u202EtsoH', mine: false, at: 0, text: 'hello' },
    { id: '2', fromIdentity: 'me', fromName: 'Me', mine: true, at: 0, text: 'hi <b>there</b>' },
  ];

  it('lists messages with the sender (isolated), marks ours, and announces new ones politely', () => {
    const html = renderToStaticMarkup(<ChatPanelView messages={messages} send={async () => {}} close={noop} />);
    expect(html).toContain('role="log" aria-live="polite"');
    expect(html).toContain('data-from="Eve\u202EtsoH" data-mine="false"');
    expect(html).toContain('<bdi>Eve\u202EtsoH</bdi>');
    expect(html).toContain('data-mine="true"');
    expect(html.match(/\(you\)/g)).toHaveLength(1);
    // Text is text, never markup.
    expect(html).toContain('hi &lt;b&gt;there&lt;/b&gt;');
  });

  it('bounds the field at 2000 characters and cannot send an empty message', () => {
    const html = renderToStaticMarkup(<ChatPanelView messages={[]} send={async () => {}} close={noop} />);
    expect(html).toMatch(/<textarea[^>]*maxLength="2000"/);
    expect(html).toMatch(/<button[^>]*data-testid="chat-send" disabled=""/);
    expect(html).toContain('No messages yet.');
  });
});

describe('ChatButton', () => {
  it('shows the unread count only while the panel is closed', () => {
    const closed = renderToStaticMarkup(<ChatButtonView open={false} unread={3} toggle={noop} />);
    expect(closed).toContain('data-testid="chat-unread" aria-hidden="true">3</span>');
    expect(closed).toContain('aria-label="Chat, 3 unread messages"');
    expect(renderToStaticMarkup(<ChatButtonView open unread={3} toggle={noop} />)).not.toContain('chat-unread');
    expect(renderToStaticMarkup(<ChatButtonView open={false} unread={0} toggle={noop} />)).not.toContain('chat-unread');
  });
});
