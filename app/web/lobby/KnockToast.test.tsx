import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { KnockToastView } from './KnockToast.tsx';

// A name that got past the check elsewhere (an older server, another client) must still not reorder the toast.
const TRICK = 'Eve\u202EtsoH';
const person = (id: string, name: string) => ({ id, name, since: `2030-01-01T00:00:0${id}Z`, awaitingAccess: { level: 'full' as const } });
const noop = () => {};

describe('KnockToast', () => {
  it('isolates a single waiting name, so "wants to join" stays where it is', () => {
    const html = renderToStaticMarkup(<KnockToastView waiting={[person('1', TRICK)]} answer={noop} allowAll={noop} />);
    expect(html).toContain(`<strong><bdi data-testid="knock-name">${TRICK}</bdi></strong> wants to join`);
  });

  it('isolates every name in the list of several', () => {
    const html = renderToStaticMarkup(<KnockToastView waiting={[person('1', TRICK), person('2', 'Ann')]} answer={noop} allowAll={noop} expanded />);
    expect(html).toContain('2 people want to join');
    expect(html.match(/data-testid="knock-name"/g)).toHaveLength(2);
    expect(html.match(/<bdi data-testid="knock-name">/g)).toHaveLength(2);
  });

  it('shows nothing when nobody waits', () => {
    expect(renderToStaticMarkup(<KnockToastView waiting={[]} answer={noop} allowAll={noop} />)).toBe('');
  });
});
