/**
 * A host page's method calls, checked before the frame acts on them: known method, the argument
 * shapes daily-js documents, and bounds (name, token, bulk size). Anything else is refused with a
 * sentence the host page's promise rejects with.
 */
import { MAX_BULK_UPDATES, MAX_NAME_LENGTH, MAX_TOKEN_LENGTH, type EmbedMethod, type EmbedMethods } from '../../shared/embed-protocol.ts';

export type Checked<M extends EmbedMethod> = { ok: true; args: EmbedMethods[M]['args'] } | { ok: false; message: string };
export type CheckedCall = { [M in EmbedMethod]: { ok: true; method: M; args: EmbedMethods[M]['args'] } }[EmbedMethod] | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalBoolean = (v: unknown) => v === undefined || typeof v === 'boolean';

function checkToken(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_TOKEN_LENGTH) return 'token must be a meeting token (a non-empty string)';
  return undefined;
}

function checkName(v: unknown, field: string, required: boolean): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim().length === 0 || v.length > MAX_NAME_LENGTH) return `${field} must be a name of 1 to ${MAX_NAME_LENGTH} characters`;
  return undefined;
}

const CHECKS: { [M in EmbedMethod]: (a: Record<string, unknown>) => string | undefined } = {
  join: (a) =>
    checkToken(a.token) ??
    checkName(a.userName, 'userName', false) ??
    (optionalBoolean(a.startVideoOff) && optionalBoolean(a.startAudioOff) ? undefined : 'startVideoOff and startAudioOff must be true or false'),
  leave: () => undefined,
  setLocalAudio: (a) => (typeof a.enabled === 'boolean' ? undefined : 'setLocalAudio takes true or false'),
  setLocalVideo: (a) => (typeof a.enabled === 'boolean' ? undefined : 'setLocalVideo takes true or false'),
  preAuth: (a) => checkToken(a.token),
  requestAccess: (a) => checkName(a.name, 'name', true),
  updateWaitingParticipants: (a) => {
    if (!isObject(a.updates)) return 'updates must be an object of {<id>|"*": {grantRequestedAccess}}';
    const entries = Object.entries(a.updates);
    if (entries.length === 0 || entries.length > MAX_BULK_UPDATES) return `updates must name 1 to ${MAX_BULK_UPDATES} waiting participants`;
    for (const [id, update] of entries) {
      if (id.length === 0 || id.length > 128) return 'a waiting participant id must be 1 to 128 characters';
      if (!isObject(update) || typeof update.grantRequestedAccess !== 'boolean') return `updates["${id.slice(0, 40)}"] must be {grantRequestedAccess: true|false}`;
    }
    return undefined;
  },
  updateParticipant: (a) => {
    if (typeof a.sessionId !== 'string' || a.sessionId.length === 0 || a.sessionId.length > 128) return 'updateParticipant needs a session id (or "local")';
    const u = a.updates;
    if (!isObject(u)) return 'updateParticipant needs updates: {setAudio, setVideo, eject}';
    const known = ['setAudio', 'setVideo', 'eject'];
    const unsupported = Object.keys(u).find((k) => !known.includes(k));
    if (unsupported) return `updateParticipant: Foyer does not support ${unsupported.slice(0, 40)} (only setAudio, setVideo, eject)`;
    if (!optionalBoolean(u.setAudio) || !optionalBoolean(u.setVideo) || (u.eject !== undefined && u.eject !== true)) return 'setAudio and setVideo take true or false; eject takes true';
    return undefined;
  },
};

/** The call, checked: its method and arguments as the frame may act on them, or why not. */
export function checkCall(method: unknown, args: unknown): CheckedCall {
  if (typeof method !== 'string' || !Object.hasOwn(CHECKS, method)) return { ok: false, message: `Unknown method ${String(method).slice(0, 40)}` };
  const a = args === undefined ? {} : args;
  if (!isObject(a)) return { ok: false, message: `${method}: arguments must be an object` };
  const problem = CHECKS[method as EmbedMethod](a);
  return problem ? { ok: false, message: `${method}: ${problem}` } : ({ ok: true, method, args: a } as CheckedCall);
}
