/**
 * Imported first by main.tsx: ES modules evaluate in import order, so the token (and a team invite
 * code) leaves the address bar before React or anything else runs, and the server is asked about access while
 * React is still loading. The browser language's catalogue (if not English) is fetched beside it,
 * so the first screen can be shown in it without a flash of English.
 */
import { preauth } from '../api/client-api.ts';
import { preloadBrowserLanguage } from '../i18n/languages.ts';
import { takeInviteCode } from '../team/invite-param.ts';
import { isDashboardPath, takeLinkParams } from './link-params.ts';

export const link = takeLinkParams();

/** `/dashboard` is a page of Foyer's own (the team dashboard), not a room: no preauth, no call. */
export const onDashboard = isDashboardPath(link.roomName);

/** The team's invite code (`?tk=`), out of the address bar like the token; only the home page `/` uses it. */
export const inviteCode = takeInviteCode();

export const firstPreauth = link.roomName && !onDashboard ? preauth(link.roomName, link.token) : undefined;
// Handled where it is awaited; this keeps an early failure from being reported as unhandled.
firstPreauth?.catch(() => {});

preloadBrowserLanguage();
