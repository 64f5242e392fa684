/**
 * Tells a guest why their camera and mic went off: an owner turned on owner-only broadcast, or the
 * host took their right to send away (the operator's `update-permissions` with `canSend: false`); and
 * that they may share again when it comes back (broadcast off, made an owner, `canSend: true`).
 */
import { useCallStatus } from '../call/call-status-store.ts';
import { useT } from '../i18n/index.ts';
import { usePublishPermission, type PublishPermissionChange } from './use-publish-permission.ts';

/** Why publishing was taken away: the room's owner-only broadcast, or the host for this person alone. */
export type RevokeReason = 'broadcast' | 'host';

export function BroadcastNotice() {
  const [change, dismiss] = usePublishPermission();
  // The room metadata says whether owner-only broadcast is on; without it, it was the host's own decision.
  const ownerOnly = useCallStatus((s) => s.ownerOnlyBroadcast);
  if (change === 'unchanged') return null;
  return <BroadcastNoticeView change={change} reason={ownerOnly ? 'broadcast' : 'host'} onDismiss={dismiss} />;
}

/** The notice itself, for a given change (rendered alone in tests). */
export function BroadcastNoticeView({ change, reason = 'broadcast', onDismiss }: { change: Exclude<PublishPermissionChange, 'unchanged'>; reason?: RevokeReason; onDismiss(): void }) {
  const t = useT();
  const text = change === 'restored' ? 'participants.broadcastRestored' : reason === 'broadcast' ? 'participants.broadcastRevoked' : 'participants.sendRevoked';
  return (
    <div className="broadcast-notice" role="status" data-testid="broadcast-notice" data-change={change} data-reason={change === 'revoked' ? reason : undefined}>
      <span>{t(text)}</span>
      <button className="btn btn--small" onClick={onDismiss}>
        {t('participants.ok')}
      </button>
    </div>
  );
}
