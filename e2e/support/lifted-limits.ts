/**
 * Every test person comes from 127.0.0.1, so the per-address budgets that defend a real deployment would
 * count the whole suite as one visitor: with two workers, five guests from earlier tests still waiting
 * (or in their grace period) made a sixth knock "already waiting 5 times from this address". Units and
 * integration tests exercise the limits themselves; the suite's servers lift them all.
 */
export const LIFTED_CLIENT_LIMITS: Record<string, string> = {
  FOYER_CLIENT_REQUESTS_PER_10S: '100000',
  FOYER_KNOCKS_PER_MINUTE: '100000',
  FOYER_MAX_WAITING_PER_CLIENT: '100000',
  FOYER_LOBBY_SOCKETS_PER_CLIENT: '100000',
  // One API key for the whole suite: specs that poll /v1 (meetings, presence) while others create rooms
  // would share Daily's 100 per 5 s; the budget itself is tested in app/server/http/api-rate-limit.test.ts.
  FOYER_API_REQUESTS_PER_5S: '100000',
};
