import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useChatStore } from './chat-store.ts';
import { attachChat, CHAT_TOPIC, MAX_CHAT_LENGTH } from './chat-transport.ts';
import { FakeChatRoom } from './fake-chat-room.ts';

const chat = () => useChatStore.getState();
const texts = () => chat().messages.map((m) => m.text);

describe('chat transport', () => {
  let room: FakeChatRoom;
  beforeEach(() => {
    chat().reset();
    room = new FakeChatRoom();
    room.names.set('ada-id', 'Ada');
  });

  it('shows a message with the sender name LiveKit has for them, whatever the message carries', async () => {
    attachChat(room, chat(), () => 1234);
    expect([...room.handlers.keys()]).toEqual([CHAT_TOPIC]);
    await room.deliver('ada-id', ['{"name":"The host", ', '"text":"hi"}']);
    await vi.waitFor(() => expect(chat().messages).toHaveLength(1));
    expect(chat().messages[0]).toMatchObject({ fromIdentity: 'ada-id', fromName: 'Ada', mine: false, at: 1234, text: '{"name":"The host", "text":"hi"}' });
    expect(chat().unread).toBe(1);
  });

  it('drops messages it cannot attribute, empty ones, and oversized ones (stopping the read early)', async () => {
    attachChat(room, chat());
    await room.deliver('stranger-id', ['who am I']);
    await room.deliver('ada-id', ['  \n ']);
    expect(await room.deliver('ada-id', ['x'], { size: MAX_CHAT_LENGTH * 3 + 1 })).toEqual({ cancelled: true });
    const endless = Array.from({ length: 100 }, () => 'y'.repeat(500));
    expect(await room.deliver('ada-id', endless)).toEqual({ cancelled: true });
    // A message in bounds after them arrives, so the ones before were handled (and dropped).
    await room.deliver('ada-id', ['  last  ']);
    await vi.waitFor(() => expect(texts()).toContain('last'));
    expect(texts()).toEqual(['last']);
  });

  it('accepts a message of exactly the maximum length', async () => {
    attachChat(room, chat());
    await room.deliver('ada-id', ['é'.repeat(MAX_CHAT_LENGTH)], { size: MAX_CHAT_LENGTH * 2 });
    await vi.waitFor(() => expect(texts()).toEqual(['é'.repeat(MAX_CHAT_LENGTH)]));
  });

  it('sends trimmed text on the chat topic and shows it as ours, not unread', async () => {
    attachChat(room, chat());
    await chat().send!('  hello  ');
    expect(room.sent).toEqual([{ text: 'hello', topic: CHAT_TOPIC }]);
    expect(chat().messages).toMatchObject([{ fromName: 'Me', fromIdentity: 'me-id', mine: true, text: 'hello' }]);
    expect(chat().unread).toBe(0);
  });

  it('refuses to send an empty or too long message, sending nothing', async () => {
    attachChat(room, chat());
    await expect(chat().send!('   ')).rejects.toThrow();
    await expect(chat().send!('z'.repeat(MAX_CHAT_LENGTH + 1))).rejects.toThrow();
    await chat().send!('z'.repeat(MAX_CHAT_LENGTH));
    expect(room.sent.map((s) => s.text.length)).toEqual([MAX_CHAT_LENGTH]);
  });

  it('reports a failed send and shows nothing as sent', async () => {
    attachChat(room, chat());
    room.failSends = true;
    await expect(chat().send!('hello')).rejects.toThrow('not connected');
    expect(chat().messages).toEqual([]);
  });

  it('stops listening and forgets the chat when detached, and can attach again', async () => {
    const detach = attachChat(room, chat());
    await room.deliver('ada-id', ['before']);
    await vi.waitFor(() => expect(texts()).toEqual(['before']));
    detach();
    expect(room.handlers.size).toBe(0);
    expect(chat()).toMatchObject({ messages: [], unread: 0, send: undefined });

    attachChat(room, chat());
    expect(room.handlers.size).toBe(1);
  });

  it('drops a message still arriving when the call ends', async () => {
    const detach = attachChat(room, chat());
    const handler = room.handlers.get(CHAT_TOPIC)!;
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    let done = false;
    handler(
      {
        info: { id: 'slow' },
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            if (done) return { done: true, value: undefined };
            await slow;
            done = true;
            return { done: false, value: 'late' };
          },
        }),
      },
      { identity: 'ada-id' },
    );
    detach();
    release();
    // A message after re-attaching arrives, the late one never does.
    attachChat(room, chat());
    await room.deliver('ada-id', ['next']);
    await vi.waitFor(() => expect(texts()).toEqual(['next']));
  });
});
