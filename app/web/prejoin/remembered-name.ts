/** The display name this browser used last, kept for the next prejoin (never for a token's own name). */
const NAME_KEY = 'foyer.displayName';

/** The name remembered, or '' (none yet, or storage blocked in a third-party iframe). */
export function rememberedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Storage blocked (third-party iframe): the name just isn't remembered.
  }
}
