import { describe, expect, it, vi } from 'vitest';
import { EMBED_PROTOCOL, type FrameMessage } from '../../shared/embed-protocol.ts';
import type { CallPhase } from '../flow/call-store.ts';
import { MAX_CALLS_PER_SECOND, startFrameBridge, type BridgeEnv } from './frame-bridge.ts';
import type { FrameCommands } from './frame-commands.ts';
import type { FrameInputs } from './frame-state.ts';
import { frameInputs as inputs } from './testing/frame-inputs.ts';

const HOST = 'https://shop.example';
const FRAME_ID = 'frame-id-0123456789';


function setup(commands: Partial<FrameCommands> = {}) {
  const hostWindow = { name: 'host' };
  const posted: FrameMessage[] = [];
  let deliver: (e: { source: unknown; origin: string; data: unknown }) => void = () => {};
  let now = 1_000;
  let current = inputs({ name: 'prejoin' });
  let notify = () => {};
  const env: BridgeEnv = {
    post: (m) => posted.push(m),
    listen: (fn) => ((deliver = fn), () => (deliver = () => {})),
    host: hostWindow,
    now: () => now,
  };
  const stop = startFrameBridge(
    { frameId: FRAME_ID, hostOrigin: HOST },
    env,
    { read: () => current, subscribe: (fn) => ((notify = fn), () => {}) },
    {
      leave: vi.fn(async () => undefined),
      ...commands,
    } as FrameCommands,
  );
  const call = (id: number, method: string, args: unknown = {}, over: Partial<{ source: unknown; origin: string; frameId: string; protocol: string }> = {}) =>
    deliver({
      source: over.source ?? hostWindow,
      origin: over.origin ?? HOST,
      data: { protocol: over.protocol ?? EMBED_PROTOCOL, frameId: over.frameId ?? FRAME_ID, kind: 'call', id, method, args },
    });
  const replies = () => posted.filter((m) => m.kind === 'reply');
  return {
    posted,
    call,
    replies,
    stop,
    advance: (ms: number) => (now += ms),
    change(phase: CallPhase, over: Partial<FrameInputs> = {}) {
      current = inputs(phase, over);
      notify();
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the frame bridge', () => {
  it('says it is ready, then sends its state', () => {
    const b = setup();
    expect(b.posted.map((m) => m.kind)).toEqual(['ready', 'state']);
    expect(b.posted[1]).toMatchObject({ protocol: EMBED_PROTOCOL, frameId: FRAME_ID, state: { meetingState: 'loaded', accessState: { access: { level: 'full' } } } });
  });

  it('answers a call from the host page', async () => {
    const leave = vi.fn(async () => undefined);
    const b = setup({ leave });
    b.call(1, 'leave');
    await flush();
    expect(leave).toHaveBeenCalledOnce();
    expect(b.replies()).toEqual([expect.objectContaining({ id: 1, ok: true })]);
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['another window, even with the right origin', { source: { name: 'other' } }],
    ['another frame id', { frameId: 'someone-elses-frame' }],
    ['another protocol', { protocol: 'daily' }],
  ])('ignores a call from %s', async (_, over) => {
    const leave = vi.fn(async () => undefined);
    const b = setup({ leave });
    b.call(1, 'leave', {}, over);
    await flush();
    expect(leave).not.toHaveBeenCalled();
    expect(b.replies()).toEqual([]);
  });

  it('refuses bad arguments with a sentence, and does nothing', async () => {
    const leave = vi.fn(async () => undefined);
    const b = setup({ leave });
    b.call(1, 'requestAccess', { name: '' });
    b.call(2, 'constructor', {});
    await flush();
    expect(b.replies()).toEqual([
      expect.objectContaining({ id: 1, ok: false, message: expect.stringContaining('requestAccess: name must be') }),
      expect.objectContaining({ id: 2, ok: false, message: 'Unknown method constructor' }),
    ]);
  });

  it('passes a failure of the method on as the rejection message', async () => {
    const b = setup({ requestAccess: async () => Promise.reject(new Error('requestAccess: this person already has full access; call join()')) });
    b.call(1, 'requestAccess', { name: 'Ada' });
    await flush();
    expect(b.replies()).toEqual([expect.objectContaining({ id: 1, ok: false, message: 'requestAccess: this person already has full access; call join()' })]);
  });

  it(`answers at most ${MAX_CALLS_PER_SECOND} calls a second; the rest are refused without acting`, async () => {
    const leave = vi.fn(async () => undefined);
    const b = setup({ leave });
    for (let i = 0; i < MAX_CALLS_PER_SECOND + 5; i++) {
      b.call(i, 'leave');
      await flush();
    }
    expect(leave).toHaveBeenCalledTimes(MAX_CALLS_PER_SECOND);
    expect(b.replies().filter((r) => r.kind === 'reply' && !r.ok)).toHaveLength(5);
    b.advance(1_001);
    b.call(999, 'leave');
    await flush();
    expect(leave).toHaveBeenCalledTimes(MAX_CALLS_PER_SECOND + 1);
  });

  it('refuses new calls while too many wait for an answer', async () => {
    const never = vi.fn(() => new Promise<undefined>(() => {}));
    const b = setup({ leave: never });
    for (let i = 0; i < 25; i++) b.call(i, 'leave');
    await flush();
    expect(never).toHaveBeenCalledTimes(20);
    expect(b.replies()).toHaveLength(5);
    expect(b.replies()[0]).toMatchObject({ ok: false, message: expect.stringContaining('Too many calls waiting') });
  });

  it('sends the fatal error before the state that says the call is over', async () => {
    const b = setup();
    b.posted.length = 0;
    b.change({ name: 'in-call' });
    await flush();
    b.change({ name: 'ended', reason: 'removed' });
    await flush();
    const kinds = b.posted.map((m) => (m.kind === 'state' ? `state:${m.state.meetingState}` : m.kind === 'event' ? `event:${m.event}` : m.kind));
    expect(kinds).toEqual(['state:joined-meeting', 'event:error', 'state:left-meeting']);
  });

  it('sends a state only when it changed', async () => {
    const b = setup();
    const before = b.posted.length;
    b.change({ name: 'prejoin' });
    await flush();
    expect(b.posted.length).toBe(before);
  });

  it('stops listening when stopped', async () => {
    const leave = vi.fn(async () => undefined);
    const b = setup({ leave });
    b.stop();
    b.call(1, 'leave');
    await flush();
    expect(leave).not.toHaveBeenCalled();
  });
});

describe('the frame bridge, between answers', () => {
  it('keeps telling the last access while the door is asked again, instead of unknown in between', async () => {
    const b = setup();
    b.posted.length = 0;
    b.change({ name: 'loading' });
    await flush();
    expect(b.posted).toEqual([]);
    b.change({ name: 'prejoin' });
    await flush();
    expect(b.posted).toEqual([]);
  });

  it('after the call, local stays who they were in it (no change of local just before left-meeting)', async () => {
    const b = setup();
    const me = { identity: 'p-me', name: 'Ada', isLocal: true, isOwner: true, micOn: true, cameraOn: true, screenSharing: false, speaking: false, quality: 'good' as const };
    b.change({ name: 'in-call' }, { connection: 'connected', participants: { byId: { 'p-me': me }, order: ['p-me'] } });
    await flush();
    b.posted.length = 0;
    b.change({ name: 'ended', reason: 'left' });
    await flush();
    const last = b.posted.at(-1);
    expect(last?.kind === 'state' && last.state).toMatchObject({ meetingState: 'left-meeting', participants: { local: { session_id: 'p-me', owner: true } } });
  });
});
