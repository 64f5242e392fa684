/**
 * Reads the meeting token (`?t=` or `#t=`) and `?name=` from the link once, before anything renders,
 * and removes the token from the address bar so it never lands in history, a screenshot or a referrer.
 * The token stays in memory and in this tab's sessionStorage, so a reload in the same tab still works,
 * until the server refuses it: then it is dropped from storage (see `refusedForTheToken`).
 */
import type { AccessError } from '../../shared/access.ts';

export interface LinkParams {
  roomName: string;
  token?: string;
  presetName?: string;
}

/** The team dashboard's path (without its slash): the server reserves it, so no room has this name. */
export const DASHBOARD_PATH = 'dashboard';

/** Whether the path (as `takeLinkParams` reads it into `roomName`) is the team dashboard's page. */
export const isDashboardPath = (roomName: string): boolean => roomName === DASHBOARD_PATH;

const storageKey = (room: string) => `foyer.token.${room}`;

export function takeLinkParams(loc: Location = window.location, history: History = window.history, storage: Storage = window.sessionStorage): LinkParams {
  const rawPath = loc.pathname.replace(/^\/+|\/+$/g, '');
  let roomName = rawPath;
  try {
    roomName = decodeURIComponent(rawPath);
  } catch {
    // A malformed path: the server answers "no such room" for it.
  }
  const search = new URLSearchParams(loc.search);
  const hash = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const presetName = search.get('name') || hash.get('name') || undefined;
  const fromLink = takeSecretParam('t', loc, history);

  let token = fromLink;
  try {
    if (fromLink) storage.setItem(storageKey(roomName), fromLink);
    else token = storage.getItem(storageKey(roomName)) ?? undefined;
  } catch {
    // Storage can be blocked in third-party iframes; the in-memory token still works for this load.
  }
  return { roomName, ...(token ? { token } : {}), ...(presetName ? { presetName } : {}) };
}

/**
 * Removes the secret parameter `name` (`?name=` or `#name=`) from the address bar with `replaceState`,
 * keeping every other parameter, and returns its value: a meeting token (`t`), the team's invite code (`tk`).
 */
export function takeSecretParam(name: string, loc: Location = window.location, history: History = window.history): string | undefined {
  const search = new URLSearchParams(loc.search);
  const hash = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const value = search.get(name) || hash.get(name) || undefined;
  if (search.has(name) || hash.has(name)) {
    search.delete(name);
    hash.delete(name);
    const query = search.toString();
    const fragment = hash.toString();
    history.replaceState(history.state, '', `${loc.pathname}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`);
  }
  return value;
}

/**
 * Whether a refusal was caused by the meeting token itself (damaged, forged, for another room, expired,
 * not valid yet) rather than by the room or the call. Such a token is forgotten for later loads of the
 * bare room URL, so that link then offers what it offers anyone (knock, or "This room is private").
 * A link that is not valid *yet* is forgotten too: the page keeps it in memory, so Try again on this
 * page still sends it, and a reload of the bare URL should not keep refusing with a link nobody typed.
 */
export function refusedForTheToken(error: AccessError | undefined): boolean {
  if (!error) return false;
  return error.type === 'exp-token' || error.type === 'nbf-token' || error.detail === 'token-invalid' || error.detail === 'token-wrong-room';
}

/** Keep a token the server accepted for reloads in this tab (again, after a Try again that now succeeds). */
export function rememberToken(roomName: string, token: string, storage: Storage = window.sessionStorage): void {
  try {
    storage.setItem(storageKey(roomName), token);
  } catch {
    // Storage blocked (third-party iframe): the in-memory token still works for this load.
  }
}

/** Forget the token for this tab: it was refused, or the person chose "Continue as a guest". */
export function forgetToken(roomName: string, storage: Storage = window.sessionStorage): void {
  try {
    storage.removeItem(storageKey(roomName));
  } catch {
    // see above
  }
}
