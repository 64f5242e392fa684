/** The deployment's identity: its API key (from FOYER_API_KEY, or made once and kept) and domain id. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Deployment } from './context.ts';
import type { Store } from './store/store.ts';

export function loadDeployment(store: Store, envApiKey: string | undefined, publicUrl: string): { deployment: Deployment; newKey: boolean } {
  let domainId = store.getSetting('domain_id');
  if (!domainId) {
    domainId = randomUUID();
    store.setSetting('domain_id', domainId);
  }
  let apiKey = envApiKey ?? store.getSetting('api_key');
  let newKey = false;
  if (!apiKey) {
    apiKey = randomBytes(32).toString('hex');
    store.setSetting('api_key', apiKey);
    newKey = true;
  }
  return { deployment: { apiKey, domainId, domainName: new URL(publicUrl).hostname }, newKey };
}
