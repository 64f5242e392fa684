/** Boot: take the token out of the address bar first, then ask the server, then render. */
import { firstPreauth, inviteCode, link, onDashboard } from './boot/link.ts';
import { createRoot } from 'react-dom/client';
import { App, Home } from './App.tsx';
import { useCallStore } from './flow/call-store.ts';
import { applyRoomLanguage } from './i18n/index.ts';
import { loadDashboard } from './dashboard/load-dashboard.ts';
import { loadTeam } from './team/load-team.ts';
import { FRAME_ID_PARAM } from '../shared/embed-address.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
if (onDashboard) {
  // The team dashboard, a chunk of its own; if it cannot load, the home page rather than nothing.
  void Promise.all([applyRoomLanguage(undefined), loadDashboard().catch(() => undefined)]).then(([, dashboard]) =>
    root.render(dashboard ? <dashboard.Dashboard /> : <Home />),
  );
} else if (!link.roomName) {
  // In the browser's language from the first text (its catalogue is already on its way, see boot/link.ts).
  // The team's sign-in and sign-up (the invite link) are a chunk of their own; without it, the plain home page.
  void Promise.all([applyRoomLanguage(undefined), loadTeam().catch(() => undefined)]).then(([, team]) =>
    root.render(team ? <team.TeamHome invite={inviteCode} /> : <Home />),
  );
} else {
  // A frame of /embed.js: the bridge to the host page loads beside the prejoin (never for a plain link).
  if (new URLSearchParams(window.location.search).has(FRAME_ID_PARAM)) void import('./embed/start-embedding.ts').then((m) => m.startEmbedding());
  void useCallStore.getState().init(link, firstPreauth);
  root.render(<App />);
}
