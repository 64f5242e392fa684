import { describe, expect, it } from 'vitest';
import type { Message } from './catalogue.ts';
import { CATALOGUES, LANGUAGES, pickLanguage, setLanguage, t, translate } from './index.ts';

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
  it('fills variables and picks plurals by count, in the current language', () => {
    setLanguage('en');
    expect(t('lobby.wantsToJoin', { name: 'Ada' })).toBe('Ada wants to join');
    expect(t('call.people', { count: 1 })).toBe('1 person');
    expect(t('call.people', { count: 3 })).toBe('3 people');
    setLanguage('fr');
    expect(t('call.people', { count: 0 })).toBe('0 personne');
    expect(t('end.rejoin')).toBe('Revenir');
    setLanguage('en');
  });

  it('a name that looks like a variable is not filled again', () => {
    expect(translate('en', 'lobby.wantsToJoin', { name: '{name}' })).toBe('{name} wants to join');
  });
});
