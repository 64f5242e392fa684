import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMBED_PROTOCOL } from '../shared/embed-protocol.ts';
import { FrameChannel, type FrameNotice } from './frame-channel.ts';
import { FakeIframe, FakePage, FOYER_ORIGIN, frameSays } from './fake-page.ts';
import { snapshot } from './test-fixtures.ts';

const FRAME_ID = 'frame-id-0123456789abc';
let page: FakePage;
let iframe: FakeIframe;
let notices: FrameNotice[];
let channel: FrameChannel;
const says = (message: Record<string, unknown>, origin?: string) => frameSays(page, iframe, FRAME_ID, message, origin);

beforeEach(() => {
  vi.useFakeTimers();
  page = new FakePage();
  iframe = new FakeIframe();
  notices = [];
  channel = new FrameChannel(page, iframe, FRAME_ID, 30_000, (n) => notices.push(n));
  channel.expect(FOYER_ORIGIN);
});
afterEach(() => vi.useRealTimers());

async function readyChannel() {
  const ready = channel.whenReady();
  says({ kind: 'ready' });
  await ready;
}

describe('frame channel: who is listened to', () => {
  it("the frame's ready and state reach the page, once ready", async () => {
    await readyChannel();
    says({ kind: 'ready' });
    says({ kind: 'state', state: snapshot() });
    expect(notices.map((n) => n.kind)).toEqual(['ready', 'state']);
  });

  it('a message from another origin is ignored', () => {
    says({ kind: 'ready' }, 'https://evil.example');
    says({ kind: 'state', state: snapshot() }, 'https://evil.example');
    expect(notices).toEqual([]);
    expect(channel.ready).toBe(false);
  });

  it("another frame's id is ignored", () => {
    frameSays(page, iframe, 'another-frame-id-000000', { kind: 'ready' });
    expect(notices).toEqual([]);
  });

  it('a message from another window (right origin and id) is ignored', () => {
    page.deliver({ protocol: EMBED_PROTOCOL, frameId: FRAME_ID, kind: 'ready' }, {}, FOYER_ORIGIN);
    expect(notices).toEqual([]);
  });

  it('something without the protocol marker, or not an object, is ignored', () => {
    page.deliver({ frameId: FRAME_ID, kind: 'ready' }, iframe.contentWindow, FOYER_ORIGIN);
    page.deliver('ready', iframe.contentWindow, FOYER_ORIGIN);
    page.deliver(null, iframe.contentWindow, FOYER_ORIGIN);
    expect(notices).toEqual([]);
  });

  it('only the two events the frame may send, with a payload, pass', async () => {
    await readyChannel();
    says({ kind: 'event', event: 'participant-joined', payload: {} });
    says({ kind: 'event', event: 'error' });
    says({ kind: 'event', event: 'error', payload: { errorMsg: 'x', error: { type: 'ejected', msg: 'x' } } });
    expect(notices.map((n) => n.kind)).toEqual(['ready', 'event']);
  });
});

describe('frame channel: calls', () => {
  it('posts to the frame with its origin as target, and the reply resolves', async () => {
    await readyChannel();
    const result = channel.call('preAuth', { token: 'tok' });
    const [posted] = iframe.contentWindow!.posted;
    expect(posted).toEqual({ targetOrigin: FOYER_ORIGIN, message: { protocol: EMBED_PROTOCOL, frameId: FRAME_ID, kind: 'call', id: 1, method: 'preAuth', args: { token: 'tok' } } });
    says({ kind: 'reply', id: 1, ok: true, value: { access: { level: 'full' } } });
    await expect(result).resolves.toEqual({ access: { level: 'full' } });
  });

  it("a refusal rejects with the frame's message; replies are matched by id", async () => {
    await readyChannel();
    const first = channel.call('leave', {});
    const second = channel.call('requestAccess', { name: 'Ada' });
    says({ kind: 'reply', id: 2, ok: false, message: 'Only from the lobby' });
    says({ kind: 'reply', id: 1, ok: true, value: undefined });
    await expect(second).rejects.toThrow('Only from the lobby');
    await expect(first).resolves.toBeUndefined();
  });

  it('a reply from another origin does not settle the call', async () => {
    await readyChannel();
    const result = channel.call('leave', {});
    says({ kind: 'reply', id: 1, ok: true, value: 'forged' }, 'https://evil.example');
    says({ kind: 'reply', id: 1, ok: true, value: undefined });
    await expect(result).resolves.toBeUndefined();
  });

  it('no answer within the timeout: rejects, saying which method and how long', async () => {
    await readyChannel();
    const result = channel.call('join', {});
    vi.advanceTimersByTime(30_000);
    await expect(result).rejects.toThrow('join(): the Foyer frame did not answer within 30 s');
  });

  it('a frame that never says ready: whenReady rejects after the timeout', async () => {
    const ready = channel.whenReady();
    vi.advanceTimersByTime(30_000);
    await expect(ready).rejects.toThrow(`The Foyer frame (${FOYER_ORIGIN}) did not load within 30 s`);
  });

  it('a call before the frame is ready, or once the iframe is out of the page, fails at once', async () => {
    await expect(channel.call('leave', {})).rejects.toThrow('leave(): the Foyer frame is not loaded');
    await readyChannel();
    iframe.remove();
    await expect(channel.call('leave', {})).rejects.toThrow('leave(): the Foyer frame is not in the page');
  });

  it('close rejects everything pending at once, and every later call', async () => {
    await readyChannel();
    const a = channel.call('join', {});
    const b = channel.call('leave', {});
    channel.close('This Foyer call frame was destroyed');
    await expect(a).rejects.toThrow('This Foyer call frame was destroyed');
    await expect(b).rejects.toThrow('This Foyer call frame was destroyed');
    await expect(channel.call('leave', {})).rejects.toThrow('This Foyer call frame was destroyed');
    await expect(channel.whenReady()).rejects.toThrow('This Foyer call frame was destroyed');
    expect(page.listening()).toBe(0);
  });

  it('loading another page fails what the previous one owed, and waits for ready again', async () => {
    await readyChannel();
    const owed = channel.call('join', {});
    channel.expect('https://other.example');
    await expect(owed).rejects.toThrow('loaded another room');
    expect(channel.ready).toBe(false);
    says({ kind: 'ready' }); // the old origin: ignored
    expect(channel.ready).toBe(false);
  });
});
