/**
 * The team's invite code (`?tk=<code>`, or `#tk=`) is a secret that lets anyone join the team: like the
 * meeting token (boot/link-params.ts) it leaves the address bar before anything renders, so it never lands
 * in history, a screenshot or a referrer. It stays in this tab's sessionStorage until the sign-up is done,
 * so a reload of the sign-up page still works. In the entry chunk: keep this file tiny.
 */
import { takeSecretParam } from '../boot/link-params.ts';

/** The query (or fragment) parameter of the team's invite link, `<base>/?tk=<code>`. */
export const INVITE_PARAM = 'tk';

const STORAGE_KEY = 'foyer.invite';

/** Removes the invite code from the address bar and returns it, else the one kept for this tab. */
export function takeInviteCode(loc: Location = window.location, history: History = window.history, storage: Storage = window.sessionStorage): string | undefined {
  const fromLink = takeSecretParam(INVITE_PARAM, loc, history);
  try {
    if (fromLink) storage.setItem(STORAGE_KEY, fromLink);
    else return storage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    // Storage can be blocked (a third-party iframe): the in-memory code still works for this load.
  }
  return fromLink;
}

/** Forgets the kept invite code: the sign-up is done, or the server said the code is not the team's. */
export function forgetInviteCode(storage: Storage = window.sessionStorage): void {
  try {
    storage.removeItem(STORAGE_KEY);
  } catch {
    // see above
  }
}
