import { describe, expect, it } from 'vitest';
import { redisSettings } from './local-server.ts';

describe("LiveKit's redis section from FOYER_LIVEKIT_REDIS_URL", () => {
  it.each([
    ['redis://127.0.0.1:6380', { address: '127.0.0.1:6380' }],
    ['redis://redis.internal', { address: 'redis.internal:6379' }],
    ['rediss://lk:p%40ss@redis.example.com:6390/2', { address: 'redis.example.com:6390', username: 'lk', password: 'p@ss', db: 2, use_tls: true }],
    ['redis://:secret@[::1]:6379/0', { address: '[::1]:6379', password: 'secret' }],
  ])('%s', (url, settings) => {
    expect(redisSettings(url)).toEqual(settings);
  });
});
