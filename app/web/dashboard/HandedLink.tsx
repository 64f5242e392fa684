/**
 * A link just handed out: said copied (or, when the clipboard refused, selected to copy by hand), shown in a
 * read-only field, and for an owner link what it is: an owner's key to the room until it expires.
 */
import { useEffect, useRef } from 'react';
import { useLanguage, useT } from '../i18n/index.ts';
import type { HandedLink as Link } from './dashboard-store.ts';

const LABELS = { owner: 'dashboard.link.owner', guest: 'dashboard.link.guest', invite: 'dashboard.link.invite' } as const;

/** Whole hours from now (ms) to `expiresAt` (Unix seconds), at least 1. */
export const hoursLeft = (expiresAt: number, now: number): number => Math.max(1, Math.round((expiresAt * 1000 - now) / 3_600_000));

export function HandedLink({ link, now, dismiss }: { link: Link; now: number; dismiss(): void }) {
  const t = useT();
  const lang = useLanguage((s) => s.lang);
  const fieldRef = useRef<HTMLInputElement>(null);
  // Not copied: the link is selected, so Ctrl+C (or the phone's Copy) takes it.
  useEffect(() => {
    if (!link.copied) fieldRef.current?.select();
  }, [link]);
  const at = link.expiresAt && new Date(link.expiresAt * 1000).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  return (
    <div className={`dash-link${link.kind === 'owner' ? ' dash-link--owner' : ''}`} data-testid="handed-link" data-kind={link.kind}>
      <p role="status">{t(link.copied ? 'dashboard.link.copied' : 'dashboard.link.copyByHand')}</p>
      <label className="field">
        <span>{t(LABELS[link.kind])}</span>
        <input ref={fieldRef} readOnly value={link.url} onFocus={(e) => e.target.select()} data-testid="handed-link-url" />
      </label>
      {link.kind === 'owner' && link.expiresAt && (
        <p className="notice" data-testid="owner-link-warning">
          {t('dashboard.link.ownerWarning', { count: hoursLeft(link.expiresAt, now), time: at || '' })}
        </p>
      )}
      {link.kind === 'guest' && link.expiresAt && <p className="dash-hint">{t('dashboard.link.guestExpires', { count: hoursLeft(link.expiresAt, now), time: at || '' })}</p>}
      <button className="btn btn--small" type="button" onClick={dismiss} data-testid="handed-link-done">
        {t('dashboard.link.done')}
      </button>
    </div>
  );
}
