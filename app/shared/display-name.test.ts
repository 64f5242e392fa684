import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, checkDisplayName } from './display-name.ts';

describe('checkDisplayName', () => {
  it('accepts and trims a normal name', () => {
    expect(checkDisplayName('  Ada Lovelace \t')).toEqual({ ok: true, name: 'Ada Lovelace' });
  });

  it('accepts a single character', () => {
    expect(checkDisplayName('A')).toEqual({ ok: true, name: 'A' });
  });

  it('accepts exactly 64 characters and refuses 65', () => {
    expect(DISPLAY_NAME_MAX).toBe(64);
    expect(checkDisplayName('x'.repeat(64))).toEqual({ ok: true, name: 'x'.repeat(64) });
    expect(checkDisplayName('x'.repeat(65))).toEqual({ ok: false, reason: 'name must be at most 64 characters' });
  });

  it('counts characters, not UTF-16 units (64 emoji are fine)', () => {
    const name = '😀'.repeat(64);
    expect(name.length).toBe(128);
    expect(checkDisplayName(name)).toEqual({ ok: true, name });
    expect(checkDisplayName('😀'.repeat(65)).ok).toBe(false);
  });

  it('measures the length after trimming', () => {
    expect(checkDisplayName(`   ${'x'.repeat(64)}   `)).toEqual({ ok: true, name: 'x'.repeat(64) });
  });

  it('accepts non-Latin names', () => {
    expect(checkDisplayName('Zoë Ünal 李雷')).toEqual({ ok: true, name: 'Zoë Ünal 李雷' });
  });

  it.each([
    ['empty', ''],
    ['only spaces', '    '],
    ['only whitespace', '\n\t '],
  ])('refuses %s as missing', (_label, raw) => {
    expect(checkDisplayName(raw)).toEqual({ ok: false, reason: 'name is required' });
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['newline inside', 'a\nb'],
    ['tab inside', 'a\tb'],
    ['escape', 'a\u001b[31mb'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['line separator', 'a\u2028b'],
    ['paragraph separator', 'a\u2029b'],
  ])('refuses a control character (%s)', (_label, raw) => {
    expect(checkDisplayName(raw)).toEqual({ ok: false, reason: 'name must not contain control characters' });
  });

  it.each([undefined, null, 42, {}, ['Ada']])('refuses a non-string (%j)', (raw) => {
    expect(checkDisplayName(raw)).toEqual({ ok: false, reason: 'name must be a string' });
  });
});
