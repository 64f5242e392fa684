/** What route handlers get: the composed parts, built once in main.ts (or a fake in unit tests). */
import type { Config } from './config.ts';
import type { LivekitGateway } from './livekit/gateway.ts';
import type { Store } from './store/store.ts';

export interface Deployment {
  apiKey: string;
  domainId: string;
  domainName: string;
}

export interface AppContext {
  config: Config;
  store: Store;
  livekit: LivekitGateway;
  deployment: Deployment;
  /** Unix seconds (fractional). Injected so tests can move time. */
  now(): number;
}
