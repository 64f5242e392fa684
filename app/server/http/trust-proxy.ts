/** FOYER_TRUST_PROXY as Fastify's `trustProxy` option: who may tell Foyer the client's address. */
import type { Config } from '../config.ts';

type TrustProxyOption = false | string[] | ((address: string, hop: number) => boolean);

/**
 * A hop count trusts that many proxies from the socket inward: with 1, the socket's peer (the proxy)
 * is trusted and the client is the last X-Forwarded-For entry, the one the proxy added, so entries a
 * client made up before it are never used. (Fastify's own numeric option trusts no hop at all, so
 * this is a function.) A list trusts only peers at those addresses or CIDRs.
 */
export function fastifyTrustProxy(setting: Config['trustProxy']): TrustProxyOption {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}
