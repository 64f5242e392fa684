/**
 * The dashboard chunk's loader, in the entry (tiny on purpose: the entry's gzip budget is nearly spent):
 * the `/dashboard` page and its English texts load only there.
 */
import { loadDashboardTexts } from '../i18n/index.ts';

/** The dashboard's module, with its texts in the catalogue; rejects when the chunk cannot load. */
export const loadDashboard = () => Promise.all([import('./Dashboard.tsx'), loadDashboardTexts()]).then(([module]) => module);
