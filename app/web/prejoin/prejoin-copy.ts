/** Which catalogue text the prejoin shows for a name it cannot take, a device it cannot use, or a join that failed. */
import { CONTROL_CHARS, DISPLAY_NAME_MAX, hasFormatChars } from '../../shared/display-name.ts';
import { refusalCopy } from '../access/refusal-copy.ts';
import { FoyerError } from '../errors/foyer-error.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { DeviceKind, DeviceProblem } from '../media/media-store.ts';

/** Why a typed name is refused, in the person's language (the shared check's reason is for the API). */
export function nameProblem(raw: string): { key: 'prejoin.name.required' | 'prejoin.name.invisible' } | { key: 'prejoin.name.tooLong'; max: number } {
  const name = raw.trim();
  if (name.length === 0) return { key: 'prejoin.name.required' };
  if ([...name].length > DISPLAY_NAME_MAX) return { key: 'prejoin.name.tooLong', max: DISPLAY_NAME_MAX };
  if (CONTROL_CHARS.test(name) || hasFormatChars(raw)) return { key: 'prejoin.name.invisible' };
  return { key: 'prejoin.name.required' };
}

/** What to tell the person when a device cannot be used, and what they can do. */
export const deviceProblemKey = (kind: DeviceKind, problem: DeviceProblem): `prejoin.${DeviceKind}.${DeviceProblem}` & MessageKey => `prejoin.${kind}.${problem}`;

/** Knock refusals the lobby names by type (the server's `error`); anything else is a lost connection. */
const KNOCK_PROBLEMS = {
  'rate-limit-error': 'prejoin.knock.rate-limit-error',
  'lobby-full': 'prejoin.knock.lobby-full',
  'too-many-waiting': 'prejoin.knock.too-many-waiting',
  'invalid-name': 'prejoin.knock.invalid-name',
} as const satisfies Record<string, MessageKey>;

type JoinErrorKey = (typeof KNOCK_PROBLEMS)[keyof typeof KNOCK_PROBLEMS] | 'prejoin.knock.failed' | 'prejoin.joinFailed' | FoyerError['messageKey'] | ReturnType<typeof refusalCopy>['title'];

/**
 * The text for the prejoin's error line. `error` is what the call store holds: a FoyerError (its code,
 * or the refusal when the door's answer changed mid-join), or a legacy string that is never shown as is.
 * `errorType` is the lobby's error type for a refused knock; a knock refused without one lost its connection.
 */
export function joinErrorKey(error: unknown, errorType: string | undefined, knocking: boolean): JoinErrorKey {
  if (errorType) return (KNOCK_PROBLEMS as Record<string, JoinErrorKey>)[errorType] ?? 'prejoin.knock.failed';
  if (knocking && typeof error === 'string') return 'prejoin.knock.failed';
  if (error instanceof FoyerError) return error.access ? refusalCopy(error.access).title : error.messageKey;
  return 'prejoin.joinFailed';
}
