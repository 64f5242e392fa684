/**
 * The lobby's bus over Redis pub/sub: every instance (this one too) hears every message, in the order
 * published, and does with its own sockets what it says. Messages are handled one at a time, so an
 * answer being delivered is never overtaken by what follows it.
 */
import type { Redis } from 'ioredis';
import type { LobbyBus, LobbyBusMessage } from './lobby-state.ts';

/** `publisher` sends; `subscriber` is a connection given over to listening (Redis allows nothing else on it). */
export function redisBus(publisher: Redis, subscriber: Redis, channel: string, onError: (err: unknown) => void): LobbyBus {
  return {
    async publish(message) {
      await publisher.publish(channel, JSON.stringify(message));
    },
    async subscribe(handler) {
      let queue = Promise.resolve();
      subscriber.on('message', (from: string, data: string) => {
        if (from !== channel) return;
        queue = queue.then(() => handler(JSON.parse(data) as LobbyBusMessage)).catch(onError);
      });
      await subscriber.subscribe(channel);
    },
  };
}
