/**
 * How livekit-client retries a lost connection in a Foyer call. Its own policy keeps retrying the URL
 * it first connected to for ~46 s; in a LiveKit cluster that node may be dead, and only the control
 * plane knows a live one. A dead node refuses at once, so a first retry that fails quickly ends
 * livekit-client's reconnect, and Foyer rejoins through the control plane (fresh URL and token; it
 * keeps trying for a minute, so a browser that is briefly offline comes back the same way). A node
 * that is merely slow makes the retry take its time, and keeps livekit-client's own schedule (a
 * resume keeps the media connections, which a rejoin does not).
 */
import { DefaultReconnectPolicy, type ReconnectContext, type ReconnectPolicy } from 'livekit-client';

/** A failed retry this soon after the loss counts as "refused at once": the server is not there. */
export const QUICK_FAILURE_MS = 1500;
/** The first retry's random spread (livekit-client's is up to 500 ms): people dropped together do not retry in step. */
export const FIRST_RETRY_SPREAD_MS = 100;

/** livekit-client's policy, plus who to tell the moment it gives up (before livekit-client has cleaned up). */
export interface FoyerReconnectPolicy extends ReconnectPolicy {
  onGiveUp?: () => void;
}

export function foyerReconnectPolicy(fallback: ReconnectPolicy = new DefaultReconnectPolicy(), random: () => number = Math.random): FoyerReconnectPolicy {
  const policy: FoyerReconnectPolicy = {
    nextRetryDelayInMs(context: ReconnectContext) {
      if (context.retryCount === 0) return random() * FIRST_RETRY_SPREAD_MS;
      const delay = context.retryCount === 1 && context.elapsedMs < QUICK_FAILURE_MS ? null : fallback.nextRetryDelayInMs(context);
      // livekit-client takes ~100 ms more to report the disconnection: the rejoin need not wait for it.
      if (delay === null) policy.onGiveUp?.();
      return delay;
    },
  };
  return policy;
}
