import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { KnockExpiredPanel, WaitingPanel, waitedText } from './WaitingPanel.tsx';

describe('the guest waiting screen', () => {
  it('says "Reconnecting…" while the lobby channel is down, and not the usual line', () => {
    const html = renderToStaticMarkup(<WaitingPanel ownerPresent reconnecting />);
    expect(html).toContain('Reconnecting…');
    expect(html).not.toContain('The host has been told');
    expect(renderToStaticMarkup(<WaitingPanel ownerPresent />)).not.toContain('Reconnecting');
  });

  it('after the maximum wait: "Nobody let you in for 15 minutes. Ask to join again?" with Ask again', () => {
    const html = renderToStaticMarkup(<KnockExpiredPanel waitedMs={15 * 60_000 + 400} knockName="Gus" />);
    expect(html).toContain('Nobody let you in for 15 minutes. Ask to join again?');
    expect(html).toContain('>Ask again</button>');
  });

  it.each([
    [15 * 60_000, '15 minutes'],
    [60_000, '1 minute'],
    [89_000, '1 minute'],
    [30_000, '30 seconds'],
    [200, '1 second'],
  ])('words a wait of %i ms as %s', (ms, text) => {
    expect(waitedText(ms)).toBe(text);
  });
});
