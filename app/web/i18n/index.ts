/**
 * The UI's words, one catalogue per language: English in `en.ts` and `en-call.ts` (the source of keys), and `fr.ts`.
 *
 * How to add a text:
 * 1. Add the key to `en.ts` under your area's block (`app.*`, `error.*`, `prejoin.*`, `access.*`, `end.*`,
 *    `lobby.*`), or to `en-call.ts` for the call screen's (`call.*`, `chat.*`, `participants.*`: they load
 *    with the call chunk, so only the call may use them), or to `en-team.ts` for the team screens' (`team.*`,
 *    loaded with the team chunk), and the same key to `fr.ts` in the same commit:
 *    `fr.ts` is typed as the English keys, so a missing key fails `npm run typecheck`.
 * 2. Variables are written `{name}`; their names come from the English text, so `t('lobby.wantsToJoin')`
 *    without `{ name }` is a type error. A plural is `{ one: '{count} person', other: '{count} people' }`,
 *    chosen by the `count` variable.
 * 3. In a component: `const t = useT(); t('call.leave')` (re-renders when the language changes). Outside
 *    React: `t('call.leave')`. To put an element (a `<PersonName>`) into a text, use
 *    `<Message id="lobby.wantsToJoin" vars={{ name: <PersonName name={n} /> }} />`.
 * Never show a server's or an exception's raw message; map it to a key (see `app/web/errors/`).
 *
 * Language: the token's `lang`, else the room's (both arrive as `preauth.room.lang`), else the browser's
 * (`navigator.languages`), else English. `applyRoomLanguage(lang)` loads it and sets it and `<html lang>`.
 * Only English is in the entry chunk; other catalogues load on demand (`languages.ts`): boot starts the
 * browser's beside the first preauth, and the flow store awaits `applyRoomLanguage` before the first screen
 * with text, so a French page never shows English first. A new language: add it to `LOADERS` there.
 */
import { Fragment, createElement, type ReactNode } from 'react';
import { create } from 'zustand';
import type { Catalogue, Message, MessageKey, VarArgs } from './catalogue.ts';
import { en } from './en.ts';
import { browserLanguages, loadCatalogue, loadedCatalogue, pickLanguage, type Language } from './languages.ts';

export type { Catalogue, MessageKey } from './catalogue.ts';
export { LANGUAGES, loadCallTexts, loadDashboardTexts, loadTeamTexts, pickLanguage, type Language } from './languages.ts';

/** How long a screen waits for its catalogue before showing English (a stalled chunk must not hold the page). */
export const CATALOGUE_WAIT_MS = 3_000;

interface LanguageState {
  lang: Language;
}

/**
 * The language shown; it becomes another only once that catalogue is here (`applyRoomLanguage`).
 * English until then: it is the only catalogue in the entry.
 */
export const useLanguage = create<LanguageState>(() => ({ lang: 'en' }));

function setLanguage(lang: Language): void {
  useLanguage.setState({ lang });
  // <html lang>, for screen readers and hyphenation.
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The language last asked for: a slower, older request must not switch after a newer one. */
let wanted: Language = 'en';

/**
 * Shows the UI in the language for this person in this room: the server's `lang` (token's, else the room's:
 * `preauth.room.lang`), else the browser's, else English. Fetches that catalogue if needed and resolves once
 * it is shown, so the caller can render its first screen in it without a flash of English; after
 * `CATALOGUE_WAIT_MS`, or if the catalogue cannot load, it resolves anyway with the current language
 * (a late catalogue still switches the page when it arrives). Never rejects.
 */
export async function applyRoomLanguage(lang: string | undefined): Promise<void> {
  const next = pickLanguage(lang, browserLanguages());
  wanted = next;
  const shown = loadCatalogue(next).then(
    () => {
      if (wanted === next) setLanguage(next);
    },
    () => {
      // The chunk did not load (offline, a new deploy): keep the current language; the next call tries again.
    },
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([shown, new Promise<void>((resolve) => (timer = setTimeout(resolve, CATALOGUE_WAIT_MS)))]);
  clearTimeout(timer);
}

if (typeof document !== 'undefined') document.documentElement.lang = useLanguage.getState().lang;

/**
 * The text for `key` in `lang`'s loaded catalogue, else English's (the store never holds a language that
 * is not here). A key with no text anywhere shows as itself rather than breaking the screen: a `call.*` text
 * used before the call's texts loaded (i18n.test.ts keeps that from happening).
 */
const messageFor = (lang: Language, key: MessageKey): Message => loadedCatalogue(lang)?.[key] ?? (en as Partial<Catalogue>)[key] ?? key;

function pick(message: Message, lang: Language, count: unknown): string {
  if (typeof message === 'string') return message;
  const form = typeof count === 'number' ? new Intl.PluralRules(lang).select(count) : 'other';
  return message[form] ?? message.other;
}

/** The text for `key` in `lang`, with its `{variables}` filled in. */
export function translate<K extends MessageKey>(lang: Language, key: K, ...[vars]: VarArgs<K>): string {
  const values = (vars ?? {}) as Record<string, string | number>;
  return pick(messageFor(lang, key), lang, values.count).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The text for `key` in the current language (outside React; components use `useT`). */
export function t<K extends MessageKey>(key: K, ...vars: VarArgs<K>): string {
  return translate(useLanguage.getState().lang, key, ...vars);
}

/** A function like `t`, bound to the current language; the component re-renders when it changes. */
export function useT(): <K extends MessageKey>(key: K, ...vars: VarArgs<K>) => string {
  const lang = useLanguage((s) => s.lang);
  return (key, ...vars) => translate(lang, key, ...vars);
}

/** A text whose variables are elements (a person's name in `<bdi>`), rendered in order. */
export function Message<K extends MessageKey>(props: { id: K; vars: Record<string, ReactNode> }): ReactNode {
  const lang = useLanguage((s) => s.lang);
  const count = props.vars.count;
  const text = pick(messageFor(lang, props.id), lang, count);
  const parts = text.split(/\{(\w+)\}/);
  // Odd indexes are variable names (the split's captured group).
  return createElement(
    Fragment,
    null,
    ...parts.map((part, i) => (i % 2 === 1 ? createElement(Fragment, { key: i }, props.vars[part] ?? `{${part}}`) : part)),
  );
}
