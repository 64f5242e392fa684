import { describe, expect, it } from 'vitest';
import { checkDisplayName } from './display-name.ts';

describe('checkDisplayName', () => {
  it('accepts and trims a normal name', () => {
    expect(checkDisplayName('  Ada Lovelace \t')).toEqual({ ok: true, name: 'Ada Lovelace' });
  });

  it('accepts a single character', () => {
    expect(checkDisplayName('A')).toEqual({ ok: true, name: 'A' });
  });

  it('accepts exactly 64 characters and refuses 65', () => {
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

  const INVISIBLE = 'name must not contain invisible or text-direction characters (such as zero-width spaces or direction marks); type the name as plain text';

  it.each([
    ['right-to-left override (renders "… Host" backwards)', 'Eve\u202EtsoH'],
    ['left-to-right override', 'Eve\u202DHost'],
    ['right-to-left embedding', 'a\u202Bb'],
    ['pop directional formatting', 'a\u202Cb'],
    ['left-to-right isolate', 'a\u2066b'],
    ['right-to-left isolate', 'a\u2067b'],
    ['first strong isolate', 'a\u2068b'],
    ['pop directional isolate', 'a\u2069b'],
    ['left-to-right mark', 'Ada\u200E'],
    ['right-to-left mark', '\u200FAda'],
    ['Arabic letter mark', 'a\u061Cb'],
    ['zero-width space', 'Ho\u200Bst'],
    ['zero-width non-joiner between Latin letters', 'Ho\u200Cst'],
    ['zero-width joiner between Latin letters', 'Ho\u200Dst'],
    ['zero-width joiner at the end of an emoji', 'Ada 👩\u200D'],
    ['zero-width joiner alone', '\u200D'],
    ['word joiner', 'a\u2060b'],
    ['byte order mark', '\uFEFFAda'],
    ['soft hyphen', 'Ho\u00ADst'],
    ['invisible times', 'a\u2062b'],
    ['tag characters hiding text', 'Ada\u{E0048}\u{E006F}\u{E0073}\u{E0074}'],
    ['interlinear annotation', 'a\uFFF9b'],
  ])('refuses an invisible or direction character (%s)', (_label, raw) => {
    expect(checkDisplayName(raw)).toEqual({ ok: false, reason: INVISIBLE });
  });

  it.each([
    ['woman technologist (ZWJ sequence)', '👩\u200D💻 Ada'],
    ['rainbow flag (with variation selector)', '🏳\uFE0F\u200D🌈 Sam'],
    ['astronaut with a skin tone', '👨🏽\u200D🚀 Lee'],
    ['family', '👨\u200D👩\u200D👧\u200D👦'],
    ['woman running (ZWJ + female sign)', '🏃\u200D♀\uFE0F Kim'],
    ['England flag (tag sequence)', '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} Joe'],
    ['Persian name with a zero-width non-joiner', 'می\u200Cخواهم'],
    ['Devanagari with a zero-width joiner after the virama', 'क्\u200Dष'],
    ['Hebrew', 'דוד'],
    ['Arabic', 'ليلى'],
  ])('accepts a name that needs its joiners (%s)', (_label, raw) => {
    expect(checkDisplayName(raw)).toEqual({ ok: true, name: raw });
  });
});
