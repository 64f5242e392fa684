/**
 * Which languages exist and how their catalogues load. English is in the entry (the fallback, and the
 * language most people see), less the call screen's texts, which load with the call chunk
 * (`loadCallTexts`), and the team screens', which load with the team chunk (`loadTeamTexts`); every other catalogue is its own chunk, fetched only by the pages that show it. No React here: boot imports this to start fetching the browser's catalogue beside the
 * first preauth, before React is evaluated.
 */
import type { Catalogue } from './catalogue.ts';
import { en } from './en.ts';

/** How to fetch each catalogue but English; the compiler checks each against English's keys. */
const LOADERS = {
  fr: () => import('./fr.ts').then((m) => m.fr),
} satisfies Record<string, () => Promise<Catalogue>>;

/** A language tag we have a catalogue for. */
export type Language = 'en' | keyof typeof LOADERS;
/** Every language the UI can show, English first. */
export const LANGUAGES: readonly Language[] = ['en', ...(Object.keys(LOADERS) as (keyof typeof LOADERS)[])];

const isLanguage = (tag: string): tag is Language => (LANGUAGES as readonly string[]).includes(tag);

/**
 * The language to show: `preferred` (token > room, already chosen by the server) when we have it,
 * otherwise the first browser language we have, otherwise English. `user` or absent means the browser's.
 * Tags match on their primary subtag (`fr-CA` → `fr`).
 */
export function pickLanguage(preferred: string | undefined, browser: readonly string[]): Language {
  for (const tag of [preferred && preferred !== 'user' ? preferred : undefined, ...browser]) {
    const primary = tag?.toLowerCase().split('-')[0];
    if (primary && isLanguage(primary)) return primary;
  }
  return 'en';
}

/** The browser's preferred languages, best first (none outside a browser). */
export const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);

// English lacks the call's texts (en-call.ts) until `loadCallTexts`, and the team screens' (en-team.ts)
// until `loadTeamTexts`; the cast is that promise.
const loaded = new Map<Language, Catalogue>([['en', en as Catalogue]]);
const loading = new Map<Language, Promise<Catalogue>>();

/** The catalogue for `lang` if it is here already (English always is). */
export const loadedCatalogue = (lang: Language): Catalogue | undefined => loaded.get(lang);

/**
 * Fetches `lang`'s catalogue once (later calls share the first fetch). A failed fetch is forgotten,
 * so a later call tries again, and rejects: the caller keeps the language it has.
 */
export function loadCatalogue(lang: Language): Promise<Catalogue> {
  const have = loaded.get(lang);
  if (have) return Promise.resolve(have);
  let pending = loading.get(lang);
  if (!pending) {
    pending = LOADERS[lang as keyof typeof LOADERS]().then(
      (catalogue) => {
        loaded.set(lang, catalogue);
        return catalogue;
      },
      (err: unknown) => {
        loading.delete(lang);
        throw err;
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

/** Starts fetching the catalogue the browser's languages ask for (boot calls it beside the first preauth). */
export function preloadBrowserLanguage(): void {
  loadCatalogue(pickLanguage(undefined, browserLanguages())).catch(() => {});
}

/**
 * A loader for a part of English kept out of the entry (`en-call.ts`, `en-team.ts`): fetches it once and adds
 * it to the English catalogue (other languages' catalogues are whole). A failed fetch is forgotten, so the
 * next call tries again.
 */
function englishPart(load: () => Promise<Partial<Catalogue>>): () => Promise<void> {
  let pending: Promise<void> | undefined;
  return () =>
    (pending ??= load().then(
      (part) => void loaded.set('en', { ...loaded.get('en')!, ...part }),
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    ));
}

/**
 * Fetches the call screen's English texts (`call.*`, `chat.*`, `participants.*`). `loadCallModule` awaits
 * it with the call chunk, so the call never renders without them.
 */
export const loadCallTexts = englishPart(() => import('./en-call.ts').then((m) => m.enCall));

/** Fetches the team screens' English texts (`team.*`); the team chunk's loader (app/web/team/load-team.ts) awaits it. */
export const loadTeamTexts = englishPart(() => import('./en-team.ts').then((m) => m.enTeam));

/** Fetches the team dashboard's English texts (`dashboard.*`); app/web/dashboard/load-dashboard.ts awaits it. */
export const loadDashboardTexts = englishPart(() => import('./en-dashboard.ts').then((m) => m.enDashboard));
