/**
 * Is an operator's API key hard enough to guess? The key guards `/v1` and is also the HS256 key of
 * meeting tokens (Daily's design), so a weak one lets anyone mint owner tokens offline.
 */

/** Keys need at least this many estimated bits: 32 random bytes. */
export const MIN_API_KEY_BITS = 256;
/** Fewer distinct characters than this is a pattern, whatever the length (`aaaa…`, `abab…`). */
const MIN_DISTINCT_CHARACTERS = 10;

const CLASSES: { test: RegExp; size: number }[] = [
  { test: /[a-z]/, size: 26 },
  { test: /[A-Z]/, size: 26 },
  { test: /[0-9]/, size: 10 },
  // The rest of printable ASCII: 95 - 62.
  { test: /[^a-zA-Z0-9]/, size: 33 },
];

/**
 * Estimated bits of a key, as a guesser who knows which character classes it uses would see it:
 * length × log2(total size of the classes used: lower case, upper case, digits, others).
 */
export function estimateKeyBits(key: string): number {
  const pool = CLASSES.filter((c) => c.test.test(key)).reduce((sum, c) => sum + c.size, 0);
  return pool === 0 ? 0 : key.length * Math.log2(pool);
}

/** The shortest p such that the key is its first p characters repeated (the key's length if none shorter). */
function period(key: string): number {
  for (let p = 1; p <= key.length / 2; p++) {
    let repeats = true;
    for (let i = p; i < key.length && repeats; i++) repeats = key[i] === key[i - p];
    if (repeats) return p;
  }
  return key.length;
}

/** Steps from one character to the next that go up or down by exactly one (`abcd`, `4321`). */
function consecutiveSteps(key: string): number {
  let steps = 0;
  for (let i = 1; i < key.length; i++) if (Math.abs(key.charCodeAt(i) - key.charCodeAt(i - 1)) === 1) steps++;
  return steps;
}

/**
 * Why `key` is too weak to be an API key, in one sentence, or `null` when it is strong enough.
 * Random keys pass: 64 hex characters (`openssl rand -hex 32`, what Foyer generates and what Daily
 * keys look like) and 43 base64url characters of 32 random bytes.
 */
export function apiKeyWeakness(key: string): string | null {
  if (/\s/.test(key)) return 'it contains a space or line break; it travels in an "Authorization: Bearer" header';
  if (!/^[\x21-\x7e]*$/.test(key)) return 'it contains a control or non-ASCII character; use printable ASCII only';
  const bits = estimateKeyBits(key);
  if (bits < MIN_API_KEY_BITS) {
    return `it has about ${Math.floor(bits)} bits of entropy (${key.length} characters); at least ${MIN_API_KEY_BITS} bits (32 random bytes) are needed`;
  }
  const distinct = new Set(key).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) {
    return `it uses only ${distinct} distinct characters; a random key uses many more`;
  }
  if (period(key) < key.length) return 'it repeats a short pattern';
  if (consecutiveSteps(key) > (key.length - 1) / 2) return 'it is mostly runs of consecutive characters (like abcdef or 123456)';
  return null;
}

/** How to make a key that passes, for error messages. */
export const HOW_TO_MAKE_AN_API_KEY = 'make one with `openssl rand -hex 32`';
