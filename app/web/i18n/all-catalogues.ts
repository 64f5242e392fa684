/**
 * Every catalogue, imported eagerly: for tests that check all languages at once. The app never imports
 * this (it would put every language back into the entry chunk); it loads them through `languages.ts`.
 */
import type { Catalogue } from './catalogue.ts';
import { enCall } from './en-call.ts';
import { enDashboard } from './en-dashboard.ts';
import { enTeam } from './en-team.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { Language } from './languages.ts';

export { LANGUAGES } from './languages.ts';

/** Every catalogue by language tag; a language without one here is a type error. */
export const CATALOGUES: Record<Language, Catalogue> = { en: { ...en, ...enCall, ...enTeam, ...enDashboard }, fr };
