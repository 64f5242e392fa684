/**
 * Calls to the control plane's client API. Tokens travel in POST bodies, never in URLs.
 * Failures are thrown as `ClientApiError`, a `FoyerError` with the HTTP status and the server's body,
 * so screens show catalogue text for the code, never the server's wording.
 */
import type { ApiErrorBody, JoinRequest, JoinResponse, PreauthResponse } from '../../shared/client-api.ts';
import { apiErrorCode, FoyerError } from '../errors/foyer-error.ts';

/** A client-API call that failed: `status` 0 when nothing answered; `body` is the server's `{error, info, access?}`. */
export class ClientApiError extends FoyerError {
  declare readonly status: number;
  declare readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody, cause?: unknown) {
    super(apiErrorCode(status, body), `${status} ${body.error}: ${body.info}`, { status, body, cause });
  }
}

async function post<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ClientApiError(0, { error: 'network-error', info: err instanceof Error ? err.message : 'fetch failed' }, err);
  }
  const json: unknown = await res.json().catch(() => null);
  // A proxy's HTML error page or an empty body still becomes a typed error, by its status.
  if (!res.ok) throw new ClientApiError(res.status, isErrorBody(json) ? json : { error: 'http-error', info: `HTTP ${res.status}` });
  return json as T;
}

function isErrorBody(json: unknown): json is ApiErrorBody {
  return typeof json === 'object' && json !== null && typeof (json as ApiErrorBody).error === 'string' && typeof (json as ApiErrorBody).info === 'string';
}

const roomPath = (room: string) => `/api/rooms/${encodeURIComponent(room)}`;

export const preauth = (room: string, token?: string) => post<PreauthResponse>(`${roomPath(room)}/preauth`, token ? { token } : {});
export const requestJoin = (room: string, req: JoinRequest) => post<JoinResponse>(`${roomPath(room)}/join`, req);
