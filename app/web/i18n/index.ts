/**
 * The UI's words, one catalogue per language: `en.ts` (the source of keys) and `fr.ts`.
 *
 * How to add a text:
 * 1. Add the key to `en.ts` under your area's block (`prejoin.*`, `access.*`, `end.*`, `call.*`, `lobby.*`,
 *    `chat.*`, `participants.*`, `error.*`), and the same key to `fr.ts` in the same commit: `fr.ts` is typed
 *    as the English keys, so a missing key fails `npm run typecheck`.
 * 2. Variables are written `{name}`; their names come from the English text, so `t('lobby.wantsToJoin')`
 *    without `{ name }` is a type error. A plural is `{ one: '{count} person', other: '{count} people' }`,
 *    chosen by the `count` variable.
 * 3. In a component: `const t = useT(); t('call.leave')` (re-renders when the language changes). Outside
 *    React: `t('call.leave')`. To put an element (a `<PersonName>`) into a text, use
 *    `<Message id="lobby.wantsToJoin" vars={{ name: <PersonName name={n} /> }} />`.
 * Never show a server's or an exception's raw message; map it to a key (see `app/web/errors/`).
 *
 * Language: the token's `lang`, else the room's (both arrive as `preauth.room.lang`), else the browser's
 * (`navigator.languages`), else English. `applyRoomLanguage(lang)` sets it and `<html lang>`.
 */
import { Fragment, createElement, type ReactNode } from 'react';
import { create } from 'zustand';
import type { Catalogue, Message, MessageKey, VarArgs } from './catalogue.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

export type { Catalogue, MessageKey } from './catalogue.ts';

/** Every catalogue by language tag. */
export const CATALOGUES = { en, fr } satisfies Record<string, Catalogue>;
export type Language = keyof typeof CATALOGUES;
export const LANGUAGES = Object.keys(CATALOGUES) as Language[];

const isLanguage = (tag: string): tag is Language => (LANGUAGES as string[]).includes(tag);

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

const browserLanguages = (): readonly string[] => (typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));

interface LanguageState {
  lang: Language;
}

/** The current language; change it with `setLanguage` / `applyRoomLanguage`. */
export const useLanguage = create<LanguageState>(() => ({ lang: pickLanguage(undefined, browserLanguages()) }));

/** Shows the UI in `lang` and tells the page (`<html lang>`, for screen readers and hyphenation). */
export function setLanguage(lang: Language): void {
  useLanguage.setState({ lang });
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** Applies the `lang` the server gave for this person in this room (`preauth.room.lang`), falling back to the browser's. */
export function applyRoomLanguage(lang: string | undefined): void {
  setLanguage(pickLanguage(lang, browserLanguages()));
}

if (typeof document !== 'undefined') document.documentElement.lang = useLanguage.getState().lang;

function pick(message: Message, lang: Language, count: unknown): string {
  if (typeof message === 'string') return message;
  const form = typeof count === 'number' ? new Intl.PluralRules(lang).select(count) : 'other';
  return message[form] ?? message.other;
}

/** The text for `key` in `lang`, with its `{variables}` filled in. */
export function translate<K extends MessageKey>(lang: Language, key: K, ...[vars]: VarArgs<K>): string {
  const values = (vars ?? {}) as Record<string, string | number>;
  return pick(CATALOGUES[lang][key], lang, values.count).replace(/\{(\w+)\}/g, (whole, name: string) =>
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
  const text = pick(CATALOGUES[lang][props.id], lang, count);
  const parts = text.split(/\{(\w+)\}/);
  // Odd indexes are variable names (the split's captured group).
  return createElement(
    Fragment,
    null,
    ...parts.map((part, i) => (i % 2 === 1 ? createElement(Fragment, { key: i }, props.vars[part] ?? `{${part}}`) : part)),
  );
}
