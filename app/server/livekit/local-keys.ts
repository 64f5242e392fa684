/**
 * The local LiveKit's key pair, kept in the store: the same on every start (so a restart keeps
 * adopting it) and for every control plane on one database (so several instances drive one LiveKit
 * cluster). Claimed as one setting, so two first starts at once agree on one pair.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.ts';

const SETTING = 'livekit_keys';

export interface LivekitKeys {
  apiKey: string;
  apiSecret: string;
}

export async function localLivekitKeys(store: Pick<Store, 'claimSetting'>): Promise<LivekitKeys> {
  const fresh: LivekitKeys = { apiKey: `foyer_${randomBytes(6).toString('hex')}`, apiSecret: randomBytes(32).toString('base64url') };
  const kept = parse(await store.claimSetting(SETTING, JSON.stringify(fresh)));
  if (typeof kept?.apiKey !== 'string' || typeof kept.apiSecret !== 'string') {
    throw new Error(`The store's ${SETTING} setting is damaged (no apiKey and apiSecret): delete it and restart every instance, so they agree on new LiveKit keys`);
  }
  return { apiKey: kept.apiKey, apiSecret: kept.apiSecret };
}

function parse(raw: string): Partial<LivekitKeys> | undefined {
  try {
    return JSON.parse(raw) as Partial<LivekitKeys>;
  } catch {
    return undefined;
  }
}
