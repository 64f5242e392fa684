import { EventEmitter } from 'node:events';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCallStore } from '../flow/call-store.ts';
import { BroadcastNoticeView } from './BroadcastNotice.tsx';
import { BroadcastSwitchView } from './BroadcastSwitch.tsx';
import { ParticipantRowView, type RowOps } from './ParticipantRow.tsx';
import { ParticipantsPanelView } from './ParticipantsPanel.tsx';
import { useOwnerActions, type RowActionState } from './owner-actions-store.ts';
import { watchPublishPermission, type PermissionSource } from './use-publish-permission.ts';
import { loadCallTexts } from '../i18n/index.ts';

// In the app the call's English texts come with the call chunk (loadCallModule); these views render without it.
await loadCallTexts();

const guest = { identity: 'g1', name: 'Gus', isLocal: false, isOwner: false, micOn: true, cameraOn: true };
const me = { identity: 'me', name: 'Olivia', isLocal: true, isOwner: true, micOn: true, cameraOn: true };
const ops: RowOps = { ask: async () => {}, perform: async () => {}, cancel: () => {} };
const OWNER_BUTTONS = ['mute-mic', 'mute-camera', 'make-owner', 'remove-participant', 'ban-participant'];

const row = (person: typeof guest, viewerIsOwner: boolean, actions: RowActionState = {}) =>
  renderToStaticMarkup(<ParticipantRowView person={person} viewerIsOwner={viewerIsOwner} actions={actions} ops={ops} />);
const buttonsIn = (html: string) => [...html.matchAll(/<button[^>]*data-testid="([^"]+)"/g)].map((m) => m[1]);
const isDisabled = (html: string, testId: string) => html.match(new RegExp(`<button[^>]*data-testid="${testId}"[^>]*>`))![0].includes('disabled=""');

describe('the participants panel, as a guest sees it', () => {
  it('lists the person with their name, mic and camera state, and no owner powers', () => {
    const html = row({ ...guest, micOn: false }, false);
    expect(html).toContain('data-testid="participant-row"');
    expect(html).toContain('data-mic="off"');
    expect(html).toContain('<bdi>Gus</bdi>');
    expect(html).toContain('Mic off');
    expect(buttonsIn(html)).toEqual([]);
  });

  it('marks the local person "(you)" and an owner with the Host badge', () => {
    const html = row(me, false);
    expect(html).toContain('(you)');
    expect(html).toContain('>Host</span>');
    expect(html).toContain('data-owner="true"');
  });

  it('has no room switch', () => {
    expect(renderToStaticMarkup(<ParticipantsPanelView order={[]} viewerIsOwner={false} onClose={() => {}} />)).not.toContain('broadcast-toggle');
  });
});

describe('the participants panel, as an owner sees it', () => {
  it('offers every owner power on someone else', () => {
    expect(buttonsIn(row(guest, true))).toEqual(OWNER_BUTTONS);
  });

  it('offers none on their own row', () => {
    expect(buttonsIn(row(me, true))).toEqual([]);
  });

  it('does not offer "Make host" for someone who is already one, and cannot mute what is off', () => {
    const html = row({ ...guest, isOwner: true, micOn: false }, true);
    expect(buttonsIn(html)).toEqual(['mute-mic', 'mute-camera', 'remove-participant', 'ban-participant']);
    expect(isDisabled(html, 'mute-mic')).toBe(true);
    expect(isDisabled(html, 'mute-camera')).toBe(false);
  });

  it('asks before removing with a ban, naming the person', () => {
    const html = row(guest, true, { confirming: 'ban' });
    expect(html).toContain('Remove <bdi>Gus</bdi> and keep them out');
    expect(buttonsIn(html)).toEqual(['confirm-action']);
  });

  it('has the owner-only broadcast switch, showing the room setting until changed', () => {
    expect(renderToStaticMarkup(<ParticipantsPanelView order={[]} viewerIsOwner onClose={() => {}} />)).toContain('data-testid="broadcast-toggle"');
    const off = renderToStaticMarkup(<BroadcastSwitchView broadcast={{ pending: false }} atJoin={false} onChange={() => {}} />);
    expect(off).toContain('aria-pressed="false"');
    const on = renderToStaticMarkup(<BroadcastSwitchView broadcast={{ pending: false }} atJoin onChange={() => {}} />);
    expect(on).toContain('aria-pressed="true"');
    expect(on).toContain('Only hosts can share audio and video');
    const changed = renderToStaticMarkup(<BroadcastSwitchView broadcast={{ pending: false, ownerOnly: false }} atJoin onChange={() => {}} />);
    expect(changed).toContain('aria-pressed="false"');
  });
});

describe('owner actions go to the server with the caller\'s own session, and a refusal is shown', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const answer = (status: number, body: unknown) => fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(body), { status }));
  const sent = (i = 0) => ({ url: fetchMock.mock.calls[i]![0], body: JSON.parse(String(fetchMock.mock.calls[i]![1]!.body)) });

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    useCallStore.setState({ roomName: 'standup', self: { identity: 'me', name: 'Olivia', isOwner: true, session: 'my-session', chat: false, canScreenShare: false } });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    useOwnerActions.getState().reset();
    useCallStore.setState({ roomName: '', self: undefined });
  });

  it('mute mic: POSTs {session, setAudio: false} to the participant\'s path', async () => {
    answer(200, { ok: true });
    await useOwnerActions.getState().ask('g/1', 'mute-mic');
    expect(sent()).toEqual({ url: '/api/rooms/standup/participants/g%2F1', body: { session: 'my-session', setAudio: false } });
    expect(useOwnerActions.getState().rows['g/1']).toEqual({});
  });

  it('remove and ban: nothing is sent before the confirmation; then eject with ban', async () => {
    await useOwnerActions.getState().ask('g1', 'ban');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(useOwnerActions.getState().rows.g1).toEqual({ confirming: 'ban' });
    answer(200, { ok: true });
    await useOwnerActions.getState().perform('g1', 'ban');
    expect(sent().body).toEqual({ session: 'my-session', eject: true, ban: true });
  });

  it('a 403 from the server is shown in the row, in words, and nothing else changes', async () => {
    answer(403, { error: 'forbidden-error', info: 'Only an owner in this call can do that.' });
    await useOwnerActions.getState().perform('g1', 'make-owner');
    const state = useOwnerActions.getState().rows.g1!;
    expect(state.refusal).toEqual({ error: 'forbidden-error', info: 'Only an owner in this call can do that.' });
    const html = row(guest, true, state);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Only a host in this call can do that.');
  });

  it('an unknown refusal shows the server\'s sentence; an answer that is not JSON still gives a sentence', async () => {
    answer(400, { error: 'invalid-request-error', info: 'identity is too long' });
    await useOwnerActions.getState().perform('g1', 'mute-camera');
    expect(row(guest, true, useOwnerActions.getState().rows.g1)).toContain('identity is too long');
    fetchMock.mockResolvedValueOnce(new Response('<html>bad gateway</html>', { status: 502 }));
    await useOwnerActions.getState().perform('g1', 'mute-camera');
    expect(useOwnerActions.getState().rows.g1!.refusal).toEqual({ error: 'server-error', info: 'The server answered 502. Try again.' });
  });

  it('owner-only broadcast: sends {session, ownerOnly}, keeps the server\'s answer, and a refusal leaves the switch as it was', async () => {
    answer(200, { ownerOnlyBroadcast: true });
    await useOwnerActions.getState().setOwnerOnlyBroadcast(true);
    expect(sent()).toEqual({ url: '/api/rooms/standup/broadcast', body: { session: 'my-session', ownerOnly: true } });
    expect(useOwnerActions.getState().broadcast).toEqual({ ownerOnly: true, pending: false });
    answer(429, { error: 'rate-limit-error', info: 'Too many requests' });
    await useOwnerActions.getState().setOwnerOnlyBroadcast(false);
    const broadcast = useOwnerActions.getState().broadcast;
    expect(broadcast.ownerOnly).toBe(true);
    expect(renderToStaticMarkup(<BroadcastSwitchView broadcast={broadcast} atJoin={false} onChange={() => {}} />)).toContain('Too many actions at once');
  });

  it('without a session of its own (not in the call) nothing is sent', async () => {
    useCallStore.setState({ self: undefined });
    await useOwnerActions.getState().perform('g1', 'remove');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(useOwnerActions.getState().rows.g1!.refusal!.error).toBe('not-in-call');
  });
});

describe('the guest\'s notice when owner-only broadcast changes their right to publish', () => {
  function fakeRoom() {
    const events = new EventEmitter();
    const localParticipant = { permissions: { canPublish: true } };
    const room = { localParticipant, on: events.on.bind(events), off: events.off.bind(events) } as unknown as PermissionSource;
    const change = (canPublish: boolean) => {
      const before = { ...localParticipant.permissions };
      localParticipant.permissions = { canPublish };
      events.emit('participantPermissionsChanged', before, localParticipant);
    };
    return { room, events, localParticipant, change };
  }

  it('says revoked when canPublish turns false, restored when it comes back, and ignores others and the grant at connect', () => {
    const { room, events, localParticipant, change } = fakeRoom();
    const seen: string[] = [];
    const stop = watchPublishPermission(room, (c) => seen.push(c));
    // Joining a room already under owner-only broadcast: the grant arrives without publishing, and that is no change.
    localParticipant.permissions = { canPublish: false };
    events.emit('participantPermissionsChanged', undefined, localParticipant);
    events.emit('participantPermissionsChanged', { canPublish: false }, { identity: 'someone else', permissions: { canPublish: true } });
    expect(seen).toEqual([]);
    change(true);
    change(false);
    expect(seen).toEqual(['restored', 'revoked']);
    stop();
    change(true);
    expect(seen).toHaveLength(2);
  });

  it('tells the guest why, and that they may share again', () => {
    expect(renderToStaticMarkup(<BroadcastNoticeView change="revoked" onDismiss={() => {}} />)).toContain(
      'The host turned on owner-only broadcast: only hosts can share audio and video now.',
    );
    expect(renderToStaticMarkup(<BroadcastNoticeView change="restored" onDismiss={() => {}} />)).toContain('turn your camera and mic back on');
  });

  it('when the host took sending away without owner-only broadcast (REST canSend: false), says so, not the broadcast text', () => {
    const html = renderToStaticMarkup(<BroadcastNoticeView change="revoked" reason="host" onDismiss={() => {}} />);
    expect(html).toContain('The host turned off your camera and microphone');
    expect(html).not.toContain('owner-only broadcast');
  });
});
