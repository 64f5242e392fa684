/**
 * Chat over LiveKit text streams on the `foyer-chat` topic. Who sent a message is what LiveKit says
 * (the stream's participant, and that participant's server-set name), never anything inside the message.
 * Whether a page may send at all is the server's decision: it grants `canPublishData` only in rooms
 * with `enable_chat`, so a page of a chat-less room cannot reach anyone even from the console.
 */
import type { ChatMessage, ChatState } from './chat-store.ts';

export const CHAT_TOPIC = 'foyer-chat';
/** Longest message, in UTF-16 code units (what a text field's `maxLength` counts). */
export const MAX_CHAT_LENGTH = 2000;
// A message of MAX_CHAT_LENGTH units is at most 3 UTF-8 bytes per unit: anything announced larger is not ours to read.
const MAX_CHAT_BYTES = MAX_CHAT_LENGTH * 3;

/** The text a person typed, trimmed, or undefined when it is empty or too long to send. */
export function chatText(typed: string): string | undefined {
  const text = typed.trim();
  return text.length >= 1 && text.length <= MAX_CHAT_LENGTH ? text : undefined;
}

/** What the chat reads of an incoming text stream (a subset of livekit-client's `TextStreamReader`). */
export interface ChatStreamReader {
  info: { id: string; size?: number };
  [Symbol.asyncIterator](): AsyncIterator<string>;
}

/** What the chat needs of a connected LiveKit `Room` (tests pass a small fake). */
export interface ChatRoom {
  localParticipant: { identity: string; name?: string; sendText(text: string, options: { topic: string }): Promise<{ id: string }> };
  getParticipantByIdentity(identity: string): { name?: string } | undefined;
  registerTextStreamHandler(topic: string, handler: (reader: ChatStreamReader, from: { identity: string }) => void): void;
  unregisterTextStreamHandler(topic: string): void;
}

type ChatSink = Pick<ChatState, 'add' | 'attached' | 'reset'>;

/**
 * Listens for chat on `room` and lets the page send, writing into `sink` (the chat store).
 * Returns the detach function: it stops listening and empties the chat.
 */
export function attachChat(room: ChatRoom, sink: ChatSink, now: () => number = Date.now): () => void {
  let attached = true;
  room.registerTextStreamHandler(CHAT_TOPIC, (reader, { identity }) => {
    void receive(reader, identity).then((message) => {
      if (message && attached) sink.add(message);
    });
  });

  async function receive(reader: ChatStreamReader, identity: string): Promise<ChatMessage | undefined> {
    // Named when the stream starts, from LiveKit's participant list: someone unknown is not shown.
    const fromName = room.getParticipantByIdentity(identity)?.name;
    if (!fromName || (reader.info.size ?? 0) > MAX_CHAT_BYTES) return undefined;
    let received = '';
    try {
      for await (const chunk of reader) {
        received += chunk;
        // Stop reading (the loop's exit cancels the stream) rather than hold an oversized message.
        if (received.length > MAX_CHAT_LENGTH + 64) return undefined;
      }
    } catch {
      return undefined; // the stream broke off (the sender left mid-message)
    }
    const text = chatText(received);
    return text ? { id: reader.info.id, fromIdentity: identity, fromName, mine: false, at: now(), text } : undefined;
  }

  sink.attached(async (typed) => {
    const text = chatText(typed);
    if (!text) throw new Error('A message is 1 to 2000 characters.');
    const { identity, name } = room.localParticipant;
    const sent = await room.localParticipant.sendText(text, { topic: CHAT_TOPIC });
    if (attached) sink.add({ id: sent.id, fromIdentity: identity, fromName: name || identity, mine: true, at: now(), text });
  });

  return () => {
    attached = false;
    room.unregisterTextStreamHandler(CHAT_TOPIC);
    sink.reset();
  };
}
