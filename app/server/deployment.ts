/** The deployment's identity: its API key (from FOYER_API_KEY, or made once and kept) and domain id. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Deployment } from './context.ts';
import type { Store } from './store/store.ts';

/**
 * The deployment for this store. FOYER_API_KEY (already checked for strength by `loadConfig`) wins;
 * otherwise the key kept in the store, or a new one (32 random bytes, hex). First-start values are
 * claimed atomically (`claimSetting`), so two first starts on one database keep one key and one
 * domain id, and only the start whose key was kept reports `newKey` (and prints it).
 */
export async function loadDeployment(store: Store, envApiKey: string | undefined, publicUrl: string): Promise<{ deployment: Deployment; newKey: boolean }> {
  const domainId = await store.claimSetting('domain_id', randomUUID());
  let apiKey = envApiKey;
  let newKey = false;
  if (!apiKey) {
    const generated = randomBytes(32).toString('hex');
    apiKey = await store.claimSetting('api_key', generated);
    newKey = apiKey === generated;
  }
  return { deployment: { apiKey, domainId, domainName: new URL(publicUrl).hostname }, newKey };
}
