/** Display names: trimmed, 1 to 64 characters, no control characters. Returns the clean name or an error. */
export const DISPLAY_NAME_MAX = 64;

export type DisplayNameCheck = { ok: true; name: string } | { ok: false; reason: string };

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function checkDisplayName(raw: unknown): DisplayNameCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'name must be a string' };
  const name = raw.trim();
  if (name.length === 0) return { ok: false, reason: 'name is required' };
  if ([...name].length > DISPLAY_NAME_MAX) return { ok: false, reason: `name must be at most ${DISPLAY_NAME_MAX} characters` };
  if (CONTROL_CHARS.test(name)) return { ok: false, reason: 'name must not contain control characters' };
  return { ok: true, name };
}
