/**
 * The owner powers as client-API calls. Each carries the caller's own participant session; the
 * server checks it (owner of this room, in the call now) before asking LiveKit to act.
 */
import type { ApiErrorBody } from '../../shared/client-api.ts';
import type {
  BroadcastModeRequest,
  BroadcastModeResponse,
  EndCallRequest,
  OwnerActionResponse,
  UpdateParticipantRequest,
} from '../../shared/owner-actions.ts';
import { broadcastPath, endCallPath, participantPath } from '../../shared/owner-actions.ts';

/** The server (or the network) said no; `info` is the server's sentence, shown to the owner as is. */
export class OwnerActionRefused extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody) {
    super(body.info);
  }
}

async function send<T>(path: string, body: UpdateParticipantRequest | BroadcastModeRequest | EndCallRequest): Promise<T> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => {
    throw new OwnerActionRefused(0, { error: 'network-error', info: 'Could not reach the server. Check your connection and try again.' });
  });
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return json as T;
  const refusal = json as Partial<ApiErrorBody> | null;
  throw new OwnerActionRefused(res.status, {
    error: refusal?.error ?? 'server-error',
    info: refusal?.info ?? `The server answered ${res.status}. Try again.`,
  });
}

/** Mute, stop the camera of, remove (and ban) or promote one participant. */
export const updateParticipant = (room: string, identity: string, request: UpdateParticipantRequest) =>
  send<OwnerActionResponse>(participantPath(room, identity), request);

/** Turns owner-only broadcast on or off for the whole room, live. */
export const setBroadcastMode = (room: string, session: string, ownerOnly: boolean) =>
  send<BroadcastModeResponse>(broadcastPath(room), { session, ownerOnly });

/** Ends the call for everyone (the room stays for another meeting). */
export const endCallForEveryone = (room: string, session: string) => send<OwnerActionResponse>(endCallPath(room), { session });
