import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_KEPT_MESSAGES, useChatStore, type ChatMessage } from './chat-store.ts';

let n = 0;
const message = (mine = false): ChatMessage => ({ id: `m${++n}`, fromIdentity: mine ? 'me' : 'ada', fromName: mine ? 'Me' : 'Ada', mine, at: 0, text: 'hi' });
const chat = () => useChatStore.getState();

describe('chat store', () => {
  beforeEach(() => chat().reset());

  it('counts messages from others that arrive while the panel is closed, and opening clears the count', () => {
    chat().add(message());
    chat().add(message());
    expect(chat().unread).toBe(2);
    chat().setOpen(true);
    expect(chat().unread).toBe(0);
    chat().add(message());
    expect(chat().unread).toBe(0);
    chat().setOpen(false);
    chat().add(message());
    expect(chat().unread).toBe(1);
    expect(chat().messages).toHaveLength(4);
  });

  it('never counts our own messages as unread', () => {
    chat().add(message(true));
    expect(chat().unread).toBe(0);
  });

  it('keeps only the newest messages when flooded', () => {
    for (let i = 0; i < MAX_KEPT_MESSAGES + 5; i++) chat().add(message());
    expect(chat().messages).toHaveLength(MAX_KEPT_MESSAGES);
    expect(chat().messages.at(-1)!.id).toBe(`m${n}`);
  });

  it('forgets messages, unread count, the open panel and the sender at the end of the call', () => {
    chat().attached(async () => {});
    chat().add(message());
    chat().setOpen(true);
    chat().reset();
    expect(chat()).toMatchObject({ messages: [], unread: 0, open: false, send: undefined });
  });
});
