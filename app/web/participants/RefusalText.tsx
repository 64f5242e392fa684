/** Why the server said no to an owner action, in the page's language when the error type is a known one. */
import { useT, type MessageKey } from '../i18n/index.ts';
import type { Refusal } from './owner-actions-store.ts';

const KNOWN = {
  'forbidden-error': 'participants.refused.forbidden',
  'authentication-error': 'participants.refused.session',
  'not-found': 'participants.refused.gone',
  'rate-limit-error': 'participants.refused.tooFast',
  'network-error': 'participants.refused.network',
  'not-in-call': 'participants.refused.notInCall',
} as const satisfies Record<string, MessageKey>;
type KnownKey = (typeof KNOWN)[keyof typeof KNOWN];

export function RefusalText({ refusal }: { refusal: Refusal }) {
  const t = useT();
  const key: KnownKey | undefined = (KNOWN as Record<string, KnownKey>)[refusal.error];
  return (
    <p className="error" role="alert" data-testid="owner-action-refused" data-error={refusal.error}>
      {key ? t(key) : refusal.info || t('participants.refused.other')}
    </p>
  );
}
