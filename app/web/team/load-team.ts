/**
 * The team chunk's loader, in the entry (tiny on purpose: the entry's gzip budget is nearly spent): the
 * team screens, @simplewebauthn/browser and their English texts load only for the home page `/`.
 */
import { loadTeamTexts } from '../i18n/index.ts';

/** The team screens' module, with its texts in the catalogue; rejects when the chunk cannot load. */
export const loadTeam = () => Promise.all([import('./TeamHome.tsx'), loadTeamTexts()]).then(([module]) => module);
