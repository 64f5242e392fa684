/** Calls to the control plane's client API. Tokens travel in POST bodies, never in URLs. */
import type { ApiErrorBody, JoinRequest, JoinResponse, PreauthResponse } from '../../shared/client-api.ts';

export class ClientApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody) {
    super(body.info);
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
  } catch {
    throw new ClientApiError(0, { error: 'network-error', info: 'Could not reach the server. Check your connection and try again.' });
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ClientApiError(res.status, json ?? { error: 'server-error', info: `The server answered ${res.status}. Try again.` });
  }
  return json as T;
}

const roomPath = (room: string) => `/api/rooms/${encodeURIComponent(room)}`;

export const preauth = (room: string, token?: string) => post<PreauthResponse>(`${roomPath(room)}/preauth`, token ? { token } : {});
export const requestJoin = (room: string, req: JoinRequest) => post<JoinResponse>(`${roomPath(room)}/join`, req);
