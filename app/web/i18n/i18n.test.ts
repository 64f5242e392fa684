import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CATALOGUES, LANGUAGES } from './all-catalogues.ts';
import type { Message } from './catalogue.ts';
import { enCall } from './en-call.ts';
import { enDashboard } from './en-dashboard.ts';
import { enTeam } from './en-team.ts';
import { fr as realFr } from './fr.ts';
import { applyRoomLanguage, loadCallTexts, pickLanguage, t, translate } from './index.ts';

const placeholders = (m: Message) =>
  [...new Set((typeof m === 'string' ? [m] : Object.values(m)).flatMap((s) => [...(s ?? '').matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();

describe('catalogues', () => {
  it.each(LANGUAGES)('%s has every key, each with a text and the same variables as English', (lang) => {
    const cat = CATALOGUES[lang];
    for (const [key, message] of Object.entries(CATALOGUES.en)) {
      const own = cat[key as keyof typeof cat];
      expect(own, key).toBeTruthy();
      expect(placeholders(own), key).toEqual(placeholders(message));
    }
  });
});

describe('pickLanguage', () => {
  it('takes the token/room language first, then the browser, then English', () => {
    expect(pickLanguage('fr', ['en-US'])).toBe('fr');
    expect(pickLanguage(undefined, ['fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage('user', ['fr'])).toBe('fr');
    expect(pickLanguage('en', ['fr'])).toBe('en');
  });

  it('a language we have no catalogue for falls to the browser, then English', () => {
    expect(pickLanguage('de', ['fr'])).toBe('fr');
    expect(pickLanguage('de', ['ja'])).toBe('en');
    expect(pickLanguage(undefined, [])).toBe('en');
  });
});

describe('t', () => {
  it('fills variables and picks plurals by count, in the current language', async () => {
    await loadCallTexts();
    await applyRoomLanguage('en');
    expect(t('lobby.wantsToJoin', { name: 'Ada' })).toBe('Ada wants to join');
    expect(t('call.people', { count: 1 })).toBe('1 person');
    expect(t('call.people', { count: 3 })).toBe('3 people');
    await applyRoomLanguage('fr');
    expect(t('call.people', { count: 0 })).toBe('0 personne');
    expect(t('end.rejoin')).toBe('Revenir');
    await applyRoomLanguage('en');
  });

  it('a name that looks like a variable is not filled again', () => {
    expect(translate('en', 'lobby.wantsToJoin', { name: '{name}' })).toBe('{name} wants to join');
  });
});

/**
 * Loading: each test gets fresh modules, with the French chunk replaced by one the test controls
 * (`frChunk`: how many times it was fetched, and when it answers).
 */
describe('loading a catalogue', () => {
  let fetches = 0;
  let answer: () => Promise<{ fr: typeof realFr }>;
  const fresh = async () => {
    vi.resetModules();
    vi.doMock('./fr.ts', () => {
      fetches++;
      return answer();
    });
    return { i18n: await import('./index.ts'), languages: await import('./languages.ts') };
  };
  /** A French chunk that answers when the test says. */
  const gated = () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    answer = () => gate.then(() => ({ fr: realFr }));
    return open;
  };

  beforeEach(() => {
    fetches = 0;
    answer = async () => ({ fr: realFr });
    vi.stubGlobal('navigator', { languages: ['en-US'] });
  });
  afterEach(() => {
    vi.doUnmock('./fr.ts');
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('English is there at once; French only after applyRoomLanguage resolves, and the UI switches then, not before', async () => {
    const { i18n, languages } = await fresh();
    expect(languages.loadedCatalogue('en')).toBeDefined();
    expect(languages.loadedCatalogue('fr')).toBeUndefined();
    const open = gated();
    const applied = i18n.applyRoomLanguage('fr');
    await Promise.resolve();
    // Still loading: the screen must not render yet, and the language has not moved.
    expect(i18n.useLanguage.getState().lang).toBe('en');
    open();
    await applied;
    expect(i18n.useLanguage.getState().lang).toBe('fr');
    expect(i18n.t('end.rejoin')).toBe('Revenir');
  });

  it('the browser language starts loading at boot, and the first screen reuses that fetch', async () => {
    vi.stubGlobal('navigator', { languages: ['fr-CA', 'en'] });
    const { i18n, languages } = await fresh();
    languages.preloadBrowserLanguage();
    await vi.waitFor(() => expect(languages.loadedCatalogue('fr')).toBeDefined());
    // The room has no lang (or `user`): the browser's French, already here.
    await i18n.applyRoomLanguage(undefined);
    expect(i18n.useLanguage.getState().lang).toBe('fr');
    await i18n.applyRoomLanguage('user');
    expect(fetches).toBe(1);
  });

  it('a newer choice wins over an older one whose catalogue arrives later', async () => {
    const { i18n } = await fresh();
    const open = gated();
    const french = i18n.applyRoomLanguage('fr');
    await i18n.applyRoomLanguage('en');
    open();
    await french;
    expect(i18n.useLanguage.getState().lang).toBe('en');
  });

  it('a catalogue that cannot load leaves English, never rejects, and is fetched again next time', async () => {
    const { i18n } = await fresh();
    answer = () => Promise.reject(new Error('chunk failed'));
    await expect(i18n.applyRoomLanguage('fr')).resolves.toBeUndefined();
    expect(i18n.useLanguage.getState().lang).toBe('en');
    answer = async () => ({ fr: realFr });
    vi.resetModules(); // the module registry keeps a failed import; a real browser fetches the chunk again
    await i18n.applyRoomLanguage('fr');
    expect(i18n.useLanguage.getState().lang).toBe('fr');
  });

  it('a stalled catalogue holds the first screen at most CATALOGUE_WAIT_MS, then English shows until it arrives', async () => {
    const { i18n } = await fresh();
    vi.useFakeTimers();
    const open = gated();
    let done = false;
    const applied = i18n.applyRoomLanguage('fr').then(() => (done = true));
    await vi.advanceTimersByTimeAsync(i18n.CATALOGUE_WAIT_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await applied;
    expect(i18n.useLanguage.getState().lang).toBe('en');
    open();
    await vi.waitFor(() => expect(i18n.useLanguage.getState().lang).toBe('fr'));
  });
});

/** The app's files the entry chunk holds: main.tsx and what it imports statically (dynamic `import()` starts another chunk). */
function entryModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // `import type` is erased; `import x from`, `import {..} from`, `import '..'` and `export .. from` stay
    // (an `export const f = () => import('..')` on one line is a dynamic import: no `(` before the path).
    for (const m of code.matchAll(/^(?:import|export)(?!\s+type\s)[^'";(]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+\.tsx?)['"]/gm)) {
      visit(resolve(dirname(file), m[1]!));
    }
  };
  visit(resolve(__dirname, '../main.tsx'));
  return [...seen];
}

const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe("the call screen's, the team screens' and the dashboard's English texts", () => {
  it('are not in the entry until loadCallTexts / loadTeamTexts / loadDashboardTexts, then are', async () => {
    vi.resetModules();
    const fresh = await import('./index.ts');
    expect(fresh.translate('en', 'call.leave')).toBe('call.leave');
    expect(fresh.translate('en', 'team.signin')).toBe('team.signin');
    await fresh.loadCallTexts();
    expect(fresh.translate('en', 'call.leave')).toBe(enCall['call.leave']);
    await fresh.loadTeamTexts();
    expect(fresh.translate('en', 'team.signin')).toBe(enTeam['team.signin']);
    expect(fresh.translate('en', 'call.leave')).toBe(enCall['call.leave']);
    expect(fresh.translate('en', 'dashboard.title')).toBe('dashboard.title');
    await fresh.loadDashboardTexts();
    expect(fresh.translate('en', 'dashboard.title')).toBe(enDashboard['dashboard.title']);
  });

  it('no module in the entry chunk uses one (they would show as their key before their chunk loads)', () => {
    const files = entryModules();
    expect(files.some((f) => f.endsWith('/prejoin/PrejoinScreen.tsx'))).toBe(true);
    // The team screens are a chunk of their own: only their loader is in the entry.
    expect(files.some((f) => f.endsWith('/team/load-team.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('/team/TeamHome.tsx'))).toBe(false);
    // So is the dashboard.
    expect(files.some((f) => f.endsWith('/dashboard/load-dashboard.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('/dashboard/Dashboard.tsx'))).toBe(false);
    const lazyPrefixes = [...new Set([...Object.keys(enCall), ...Object.keys(enTeam), ...Object.keys(enDashboard)].map((k) => k.split('.')[0]))];
    const use = new RegExp(`['"\`](?:${lazyPrefixes.join('|')})\\.`);
    const users = files.filter((f) => !f.includes('/i18n/') && use.test(withoutComments(readFileSync(f, 'utf8'))));
    expect(users).toEqual([]);
  });
});
