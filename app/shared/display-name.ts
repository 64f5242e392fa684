/**
 * Display names: trimmed, 1 to 64 characters (code points), no control characters, and no invisible
 * or text-direction characters (Unicode category Cf), so a name can neither hide text nor reorder
 * what is shown around it ("Eve\u202EtsoH" would render as "Eve Host" backwards). Returns the clean
 * name or the reason it was refused.
 */
export const DISPLAY_NAME_MAX = 64;

export type DisplayNameCheck = { ok: true; name: string } | { ok: false; reason: string };

// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Unicode format characters: direction marks, overrides and isolates, zero-width characters, tags, the BOM. */
const FORMAT_CHARS = /\p{Cf}/u;

// The few places where a format character is part of writing a name, not a trick, taken out before the check:
/** A zero-width joiner between two emoji (👩‍💻, 🏳️‍🌈, 👨🏽‍🚀): an emoji ZWJ sequence draws one picture. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]?)\u200D(?=\p{Extended_Pictographic})/gu;
/** The tag sequence of a subdivision flag (🏴 + tag letters + cancel tag, e.g. England's flag). */
const FLAG_TAGS = /(?<=\u{1F3F4})[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,6}\u{E007F}/gu;
/** Scripts whose spelling uses ZWNJ/ZWJ between letters (Persian, Urdu, the Indic scripts, ...). */
const JOINING_SCRIPTS =
  '\\p{scx=Arabic}\\p{scx=Syriac}\\p{scx=Nko}\\p{scx=Mongolian}\\p{scx=Devanagari}\\p{scx=Bengali}\\p{scx=Gurmukhi}' +
  '\\p{scx=Gujarati}\\p{scx=Oriya}\\p{scx=Tamil}\\p{scx=Telugu}\\p{scx=Kannada}\\p{scx=Malayalam}\\p{scx=Sinhala}';
const SCRIPT_JOINER = new RegExp(`(?<=[${JOINING_SCRIPTS}])(?<=[\\p{L}\\p{M}])[\\u200C\\u200D](?=[${JOINING_SCRIPTS}])(?=[\\p{L}\\p{M}])`, 'gu');

const INVISIBLE_REASON =
  'name must not contain invisible or text-direction characters (such as zero-width spaces or direction marks); type the name as plain text';

/** Whether the text holds invisible or text-direction characters (the few legitimate joiners aside). */
export function hasFormatChars(text: string): boolean {
  return FORMAT_CHARS.test(text.replace(EMOJI_JOINER, '').replace(FLAG_TAGS, '').replace(SCRIPT_JOINER, ''));
}

/** Checks a display name as typed (or as given in a meeting token or a lobby message). */
export function checkDisplayName(raw: unknown): DisplayNameCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'name must be a string' };
  const name = raw.trim();
  if (name.length === 0) return { ok: false, reason: 'name is required' };
  if ([...name].length > DISPLAY_NAME_MAX) return { ok: false, reason: `name must be at most ${DISPLAY_NAME_MAX} characters` };
  if (CONTROL_CHARS.test(name)) return { ok: false, reason: 'name must not contain control characters' };
  // On the untrimmed text: trim() silently drops a leading or trailing U+FEFF, which is still a trick worth refusing.
  if (hasFormatChars(raw)) return { ok: false, reason: INVISIBLE_REASON };
  return { ok: true, name };
}
