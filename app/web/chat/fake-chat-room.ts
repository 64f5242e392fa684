/** A small stand-in for livekit-client's `Room`, as far as the chat uses it (text streams and names). */
import type { ChatRoom, ChatStreamReader } from './chat-transport.ts';

type Handler = Parameters<ChatRoom['registerTextStreamHandler']>[1];

export class FakeChatRoom implements ChatRoom {
  readonly handlers = new Map<string, Handler>();
  readonly sent: { text: string; topic: string }[] = [];
  /** Remote participants by identity, with the name the server gave them. */
  readonly names = new Map<string, string>();
  /** Set to make the next sends fail, as LiveKit does when the connection is gone. */
  failSends = false;
  private streams = 0;

  readonly localParticipant = {
    identity: 'me-id',
    name: 'Me',
    sendText: async (text: string, options: { topic: string }) => {
      if (this.failSends) throw new Error('not connected');
      this.sent.push({ text, topic: options.topic });
      return { id: `sent-${this.sent.length}` };
    },
  };

  getParticipantByIdentity(identity: string) {
    const name = this.names.get(identity);
    return name === undefined ? undefined : { name };
  }

  registerTextStreamHandler(topic: string, handler: Handler) {
    // As livekit-client does: one handler per topic.
    if (this.handlers.has(topic)) throw new Error(`A text stream handler for topic "${topic}" has already been set.`);
    this.handlers.set(topic, handler);
  }

  unregisterTextStreamHandler(topic: string) {
    this.handlers.delete(topic);
  }

  /**
   * Delivers a text stream from `identity` on `topic`, in `chunks`. Resolves once the reader has
   * read it to the end or stopped reading; `cancelled` says which.
   */
  deliver(identity: string, chunks: string[], opts: { topic?: string; size?: number } = {}): Promise<{ cancelled: boolean }> {
    const handler = this.handlers.get(opts.topic ?? 'foyer-chat');
    if (!handler) return Promise.resolve({ cancelled: false });
    return new Promise((resolve) => {
      let read = 0;
      const reader: ChatStreamReader = {
        info: { id: `stream-${++this.streams}`, ...(opts.size === undefined ? {} : { size: opts.size }) },
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            if (read < chunks.length) return { done: false, value: chunks[read++]! };
            resolve({ cancelled: false });
            return { done: true, value: undefined };
          },
          return: async () => {
            resolve({ cancelled: true });
            return { done: true, value: undefined };
          },
        }),
      };
      handler(reader, { identity });
      // A reader that never starts reading (refused up front) counts as cancelled.
      setTimeout(() => read === 0 && resolve({ cancelled: true }), 0);
    });
  }
}
