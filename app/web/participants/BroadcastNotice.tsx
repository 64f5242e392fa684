/**
 * Tells a guest why their camera and mic went off when an owner turns on owner-only broadcast, and
 * that they may share again when it is turned off (or they are made an owner).
 */
import { useT } from '../i18n/index.ts';
import { usePublishPermission, type PublishPermissionChange } from './use-publish-permission.ts';

export function BroadcastNotice() {
  const [change, dismiss] = usePublishPermission();
  if (change === 'unchanged') return null;
  return <BroadcastNoticeView change={change} onDismiss={dismiss} />;
}

/** The notice itself, for a given change (rendered alone in tests). */
export function BroadcastNoticeView({ change, onDismiss }: { change: Exclude<PublishPermissionChange, 'unchanged'>; onDismiss(): void }) {
  const t = useT();
  return (
    <div className="broadcast-notice" role="status" data-testid="broadcast-notice" data-change={change}>
      <span>{t(change === 'revoked' ? 'participants.broadcastRevoked' : 'participants.broadcastRestored')}</span>
      <button className="btn btn--small" onClick={onDismiss}>
        {t('participants.ok')}
      </button>
    </div>
  );
}
