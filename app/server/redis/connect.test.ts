import { describe, expect, it } from 'vitest';
import { connectRedis, redactedRedisUrl } from './connect.ts';

describe('connectRedis', () => {
  it('refuses to start when Redis cannot be reached, naming the variable and never the password', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const failed = connectRedis('redis://:hunter2-secret@127.0.0.1:1/0');
    await expect(failed).rejects.toThrow(/FOYER_REDIS_URL/);
    await expect(failed).rejects.toThrow(/^(?!.*hunter2).*$/s);
  });
});

describe('redactedRedisUrl', () => {
  it('hides the password and keeps where it points', () => {
    expect(redactedRedisUrl('redis://user:pw@10.0.0.7:6379/2')).toBe('redis://user:***@10.0.0.7:6379/2');
    expect(redactedRedisUrl('redis://10.0.0.7:6379')).toBe('redis://10.0.0.7:6379');
  });
});
