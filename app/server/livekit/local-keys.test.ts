import { describe, expect, it } from 'vitest';
import { localLivekitKeys } from './local-keys.ts';

/** claimSetting as the store contract says: the first value wins, every claim gets it back. */
function settings(initial: Record<string, string> = {}) {
  const kept = new Map(Object.entries(initial));
  return {
    async claimSetting(key: string, value: string) {
      if (!kept.has(key)) kept.set(key, value);
      return kept.get(key)!;
    },
  };
}

describe('localLivekitKeys', () => {
  it('makes a strong pair once; every later start and every other instance gets the same one', async () => {
    const store = settings();
    const [a, b] = await Promise.all([localLivekitKeys(store), localLivekitKeys(store)]);
    expect(a).toEqual(b);
    expect(a.apiKey).toMatch(/^foyer_[0-9a-f]{12}$/);
    expect(a.apiSecret.length).toBeGreaterThanOrEqual(43);
    expect(await localLivekitKeys(store)).toEqual(a);
  });

  it('refuses a damaged setting by name rather than starting LiveKit without keys', async () => {
    await expect(localLivekitKeys(settings({ livekit_keys: '{"apiKey":1}' }))).rejects.toThrow(/livekit_keys setting is damaged/);
    await expect(localLivekitKeys(settings({ livekit_keys: 'not json' }))).rejects.toThrow(/livekit_keys setting is damaged/);
  });
});
