import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FoyerEventMap, FoyerEventName, FoyerFrameOptions } from './api.ts';
import { CallFrame, DESTROYED } from './call-frame.ts';
import { FakeIframe, FakePage, FOYER_ORIGIN, frameSays, HOST_ORIGIN } from './fake-page.ts';
import { participant, snapshot } from './test-fixtures.ts';

const ROOM = `${FOYER_ORIGIN}/standup`;
let page: FakePage;
let iframe: FakeIframe;
let onRemoved: (() => void) | undefined;
let stoppedWatching: boolean;

function frame(options: FoyerFrameOptions = {}, ownsIframe = true): CallFrame {
  return new CallFrame({
    page,
    iframe: iframe as unknown as HTMLIFrameElement,
    ownsIframe,
    options,
    watchRemoval: (_iframe, removed) => {
      onRemoved = removed;
      return () => (stoppedWatching = true);
    },
  });
}

/** Every event the call emits, in order. */
function record(call: CallFrame, names: FoyerEventName[]) {
  const seen: FoyerEventMap[FoyerEventName][] = [];
  for (const name of names) call.on(name, (e) => seen.push(e));
  return seen;
}

const says = (call: CallFrame, message: Record<string, unknown>) => frameSays(page, iframe, call.callClientId, message);
const lastCall = () => iframe.contentWindow!.calls().at(-1)!;
/** Lets the awaits in the call frame run (no timers involved). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A call whose frame has loaded ROOM and listens (through a preAuth left unanswered). */
async function loadedCall(): Promise<CallFrame> {
  const call = frame({ url: ROOM });
  void call.preAuth().catch(() => undefined);
  await settle();
  says(call, { kind: 'ready' });
  await settle();
  return call;
}

beforeEach(() => {
  page = new FakePage();
  iframe = new FakeIframe();
  onRemoved = undefined;
  stoppedWatching = false;
});
afterEach(() => vi.useRealTimers());

describe('call frame: the address and the token', () => {
  it('join({url}) loads the room with the frame id and the page origin, and sends the token by message only', async () => {
    const call = frame();
    const seen = record(call, ['loading', 'loaded']);
    const joined = call.join({ url: `${ROOM}?lang=fr`, token: 'secret-token', userName: 'Ada' });
    await settle();
    expect(iframe.src).toBe(`${ROOM}?lang=fr&embed=${call.callClientId}&embedOrigin=${encodeURIComponent(HOST_ORIGIN)}`);
    expect(iframe.src).not.toContain('secret-token');
    expect(call.meetingState()).toBe('loading');
    expect(iframe.contentWindow!.posted).toEqual([]); // nothing before the frame listens
    says(call, { kind: 'ready' });
    await settle();
    expect(lastCall()).toMatchObject({ method: 'join', args: { token: 'secret-token', userName: 'Ada' } });
    expect(seen.map((e) => e.action)).toEqual(['loading', 'loaded']);
    says(call, { kind: 'reply', id: lastCall().id, ok: true, value: { local: participant('local') } });
    await expect(joined).resolves.toEqual({ local: participant('local') });
  });

  it("a t= in join's url is moved into the token and never reaches the iframe's address", async () => {
    const call = frame();
    void call.join({ url: `${ROOM}?t=from-url&x=1` });
    await settle();
    expect(iframe.src).toBe(`${ROOM}?x=1&embed=${call.callClientId}&embedOrigin=${encodeURIComponent(HOST_ORIGIN)}`);
    says(call, { kind: 'ready' });
    await settle();
    expect(lastCall().args).toEqual({ token: 'from-url' });
  });

  it("a t= in createFrame's url too; an explicit token wins over it", async () => {
    const call = frame({ url: `${ROOM}?t=from-url`, startVideoOff: true });
    void call.join({ token: 'explicit' });
    await settle();
    expect(iframe.src).not.toContain('t=');
    says(call, { kind: 'ready' });
    await settle();
    expect(lastCall().args).toEqual({ token: 'explicit', startVideoOff: true });
  });

  it('the same room again does not reload the frame; another room does', async () => {
    const call = frame({ url: ROOM });
    void call.preAuth();
    await settle();
    const first = iframe.src;
    says(call, { kind: 'ready' });
    await settle();
    says(call, { kind: 'reply', id: lastCall().id, ok: true, value: { access: { level: 'full' } } });
    void call.join({ url: `${ROOM}?t=abc` }).catch(() => undefined);
    await settle();
    expect(iframe.src).toBe(first);
    expect(lastCall().method).toBe('join');
    void call.join({ url: `${FOYER_ORIGIN}/other` }).catch(() => undefined);
    await settle();
    expect(iframe.src).toContain(`${FOYER_ORIGIN}/other?embed=`);
    expect(call.meetingState()).toBe('loading');
  });

  it('join without any url rejects with a clear message', async () => {
    await expect(frame().join()).rejects.toThrow('No room to join');
  });

  it('callClientId is 22 url-safe random characters, and differs per frame', () => {
    const a = frame().callClientId;
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(frame().callClientId).not.toBe(a);
  });
});

describe('call frame: state mirror and events', () => {
  async function joinedCall() {
    const call = frame({ url: ROOM });
    const joined = call.join();
    await settle();
    says(call, { kind: 'ready' });
    await settle();
    return { call, joined };
  }

  it('getters answer from the last snapshot; events come from comparing snapshots, with callClientId', async () => {
    const { call } = await joinedCall();
    const seen = record(call, ['joining-meeting', 'joined-meeting', 'participant-joined', 'access-state-updated']);
    const me = participant('local', { audio: true });
    const full = { access: { level: 'full' as const } };
    says(call, { kind: 'state', state: snapshot({ meetingState: 'joining-meeting', participants: { local: me } }) });
    says(call, { kind: 'state', state: snapshot({ meetingState: 'joined-meeting', accessState: full, localAudio: true, participants: { local: me } }) });
    const ann = participant('ann');
    says(call, { kind: 'state', state: snapshot({ meetingState: 'joined-meeting', accessState: full, localAudio: true, participants: { local: me, ann } }) });
    expect(seen).toEqual([
      { action: 'joining-meeting', callClientId: call.callClientId },
      { action: 'access-state-updated', access: full.access, callClientId: call.callClientId },
      { action: 'joined-meeting', participants: { local: me }, callClientId: call.callClientId },
      { action: 'participant-joined', participant: ann, callClientId: call.callClientId },
    ]);
    expect(call.meetingState()).toBe('joined-meeting');
    expect(call.participants()).toEqual({ local: me, ann });
    expect(call.localAudio()).toBe(true);
    expect(call.accessState()).toEqual(full);
  });

  it("before the frame speaks: 'new', and a placeholder local with the given name", () => {
    const call = frame({ userName: 'Ada' });
    expect(call.meetingState()).toBe('new');
    expect(call.participants().local).toMatchObject({ local: true, user_name: 'Ada', audio: false });
    expect(call.accessState()).toEqual({ access: 'unknown' });
  });

  it("the frame's error events pass as they are; once() handlers run once; off() removes", async () => {
    const { call } = await joinedCall();
    const errors: string[] = [];
    const onError = (e: FoyerEventMap['error']) => errors.push(`on:${e.error.type}`);
    call.once('error', (e) => errors.push(`once:${e.errorMsg}`)).on('error', onError);
    const payload = { errorMsg: 'You were removed from the call', error: { type: 'ejected', msg: 'You were removed from the call' } };
    says(call, { kind: 'event', event: 'error', payload });
    call.off('error', onError);
    says(call, { kind: 'event', event: 'error', payload });
    expect(errors).toEqual(['once:You were removed from the call', 'on:ejected']);
  });

  it('a handler that throws does not keep the others from their event', async () => {
    vi.useFakeTimers();
    const call = frame();
    const seen: string[] = [];
    call.on('loading', () => {
      throw new Error('page bug');
    });
    call.on('loading', (e) => seen.push(e.action));
    void call.join({ url: ROOM }).catch(() => undefined);
    await Promise.resolve();
    expect(seen).toEqual(['loading']);
    expect(() => vi.runOnlyPendingTimers()).toThrow('page bug');
  });
});

describe('call frame: methods that return this', () => {
  it("setLocalAudio/updateParticipant return the call at once; the frame's refusal comes as owner-action-refused", async () => {
    const call = await loadedCall();
    const errors = record(call, ['nonfatal-error', 'owner-action-refused']);
    expect(call.setLocalAudio(false)).toBe(call);
    await settle();
    expect(lastCall()).toMatchObject({ method: 'setLocalAudio', args: { enabled: false } });
    expect(call.updateParticipant('ann', { setAudio: false, eject: true })).toBe(call);
    await settle();
    expect(lastCall()).toMatchObject({ method: 'updateParticipant', args: { sessionId: 'ann', updates: { setAudio: false, eject: true } } });
    says(call, { kind: 'reply', id: lastCall().id, ok: false, message: 'Only owners can do that' });
    await settle();
    expect(errors).toEqual([{ action: 'owner-action-refused', sessionId: 'ann', errorMsg: 'Only owners can do that', callClientId: call.callClientId }]);
  });

  it("daily-js's updates Foyer does not do are not sent", async () => {
    const call = await loadedCall();
    const before = iframe.contentWindow!.calls().length;
    call.updateParticipant('ann', { setScreenShare: false } as never);
    await settle();
    expect(iframe.contentWindow!.calls().length).toBe(before);
  });

  it('before any room is loaded, setLocalVideo(false) is the choice join() starts with', async () => {
    const call = frame({ url: ROOM });
    call.setLocalVideo(false).setLocalAudio(true);
    void call.join();
    await settle();
    says(call, { kind: 'ready' });
    await settle();
    expect(lastCall().args).toEqual({ startVideoOff: true, startAudioOff: false });
  });

  it('updateWaitingParticipant asks for that one and resolves to its id', async () => {
    const call = await loadedCall();
    const done = call.updateWaitingParticipant('w1', { grantRequestedAccess: true });
    await settle();
    expect(lastCall()).toMatchObject({ method: 'updateWaitingParticipants', args: { updates: { w1: { grantRequestedAccess: true } } } });
    says(call, { kind: 'reply', id: lastCall().id, ok: true, value: { ids: ['w1'] } });
    await expect(done).resolves.toEqual({ id: 'w1' });
  });
});

describe('call frame: the end', () => {
  it('destroy: pending calls reject, the iframe goes, every later method throws or rejects; leave and destroy again are no-ops', async () => {
    const call = frame({ url: ROOM });
    const joining = call.join();
    await settle();
    call.destroy();
    await expect(joining).rejects.toThrow(DESTROYED);
    expect(iframe.removed).toBe(true);
    expect(stoppedWatching).toBe(true);
    expect(page.listening()).toBe(0);
    expect(call.isDestroyed()).toBe(true);
    expect(() => call.participants()).toThrow(DESTROYED);
    expect(() => call.setLocalAudio(true)).toThrow(DESTROYED);
    expect(() => call.on('loaded', () => undefined)).toThrow(DESTROYED);
    await expect(call.join()).rejects.toThrow(DESTROYED);
    await expect(call.requestAccess({ name: 'Ada' })).rejects.toThrow(DESTROYED);
    await expect(call.leave()).resolves.toBeUndefined();
    await expect(call.destroy()).resolves.toBeUndefined();
  });

  it('destroy while in the meeting asks the frame to leave first, then says left-meeting', async () => {
    const call = frame({ url: ROOM });
    void call.join().catch(() => undefined);
    await settle();
    says(call, { kind: 'ready' });
    await settle();
    says(call, { kind: 'state', state: snapshot({ meetingState: 'joined-meeting' }) });
    const seen = record(call, ['left-meeting']);
    const destroyed = call.destroy();
    await settle();
    expect(lastCall().method).toBe('leave');
    says(call, { kind: 'reply', id: lastCall().id, ok: true, value: undefined });
    says(call, { kind: 'state', state: snapshot({ meetingState: 'left-meeting' }) });
    await destroyed;
    expect(seen.map((e) => e.action)).toEqual(['left-meeting']);
  });

  it('a wrapped iframe stays on the page after destroy', async () => {
    const call = frame({}, false);
    await call.destroy();
    expect(iframe.removed).toBe(false);
  });

  it('the iframe removed from the page: pending calls reject saying so, and the meeting is over', async () => {
    const call = frame({ url: ROOM });
    const joining = call.join();
    await settle();
    onRemoved!();
    await expect(joining).rejects.toThrow('The Foyer frame was removed from the page');
    expect(call.isDestroyed()).toBe(true);
  });

  it('leave() then destroy(): both resolve', async () => {
    const call = await loadedCall();
    const left = call.leave();
    await settle();
    says(call, { kind: 'reply', id: lastCall().id, ok: true, value: undefined });
    await expect(left).resolves.toBeUndefined();
    await expect(call.destroy()).resolves.toBeUndefined();
  });
});
