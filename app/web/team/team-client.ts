/**
 * Calls to the team's client API (`/api/team`, app/shared/team-api.ts). The session is an HttpOnly cookie
 * the browser sends by itself (same origin); state-changing calls are JSON POSTs, which the server checks
 * (Origin, content-type) against cross-site requests. A failure is a `TeamApiError` with the server's
 * `{error, info}`: screens map `error` to catalogue text (team-problem.ts), never show `info`.
 */
import {
  TEAM_API,
  type InviteCheckResponse,
  type MeResponse,
  type SignedInResponse,
  type SigninOptionsResponse,
  type SigninVerifyRequest,
  type SignupOptionsRequest,
  type SignupOptionsResponse,
  type SignupVerifyRequest,
} from '../../shared/team-api.ts';

/**
 * A team-API call that failed: `status` 0 when nothing answered; `error` is the server's generic type
 * (Daily's: `forbidden-error`, `conflict-error`, ...) and `reason` says which refusal it was, when it is one
 * the person can act on (`invite-invalid`, `email-taken`, ...: team-problem.ts words them).
 */
export class TeamApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    info: string,
    readonly reason?: string,
  ) {
    super(`${status} ${error}${reason ? ` (${reason})` : ''}: ${info}`);
    this.name = 'TeamApiError';
  }
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, body === undefined ? { credentials: 'same-origin' } : {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new TeamApiError(0, 'network-error', err instanceof Error ? err.message : 'fetch failed');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = json as { error?: unknown; info?: unknown; reason?: unknown } | null;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    // A proxy's HTML error page or an empty body still becomes a typed error, by its status.
    throw new TeamApiError(res.status, text(e?.error) ?? 'http-error', text(e?.info) ?? `HTTP ${res.status}`, text(e?.reason));
  }
  return json as T;
}

/** The team API, one function per route. */
export const teamApi = {
  checkInvite: (code: string) => call<InviteCheckResponse>(TEAM_API.invite(code)),
  signupOptions: (req: SignupOptionsRequest) => call<SignupOptionsResponse>(TEAM_API.signupOptions, req),
  signupVerify: (req: SignupVerifyRequest) => call<SignedInResponse>(TEAM_API.signupVerify, req),
  signinOptions: () => call<SigninOptionsResponse>(TEAM_API.signinOptions, {}),
  signinVerify: (req: SigninVerifyRequest) => call<SignedInResponse>(TEAM_API.signinVerify, req),
  signout: () => call<Record<string, never>>(TEAM_API.signout, {}),
  me: () => call<MeResponse>(TEAM_API.me),
};

/** The team API's shape, so tests can hand the flows a fake. */
export type TeamApi = typeof teamApi;
