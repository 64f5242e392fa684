/**
 * Reads the meeting token (`?t=` or `#t=`) and `?name=` from the link once, before anything renders,
 * and removes the token from the address bar so it never lands in history, a screenshot or a referrer.
 * The token stays in memory and in this tab's sessionStorage, so a reload in the same tab still works.
 */
export interface LinkParams {
  roomName: string;
  token?: string;
  presetName?: string;
}

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
  const fromLink = search.get('t') || hash.get('t') || undefined;
  const presetName = search.get('name') || hash.get('name') || undefined;

  if (search.has('t') || hash.has('t')) {
    search.delete('t');
    hash.delete('t');
    const query = search.toString();
    const fragment = hash.toString();
    history.replaceState(history.state, '', `${loc.pathname}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`);
  }

  let token = fromLink;
  try {
    if (fromLink) storage.setItem(storageKey(roomName), fromLink);
    else token = storage.getItem(storageKey(roomName)) ?? undefined;
  } catch {
    // Storage can be blocked in third-party iframes; the in-memory token still works for this load.
  }
  return { roomName, ...(token ? { token } : {}), ...(presetName ? { presetName } : {}) };
}

/** "Continue as a guest": forget the refused token for this tab. */
export function forgetToken(roomName: string, storage: Storage = window.sessionStorage): void {
  try {
    storage.removeItem(storageKey(roomName));
  } catch {
    // see above
  }
}
