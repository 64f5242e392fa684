/**
 * A room's privacy (a select, with what it means under it) and knocking (a checkbox): in the create form,
 * and on each room, where a change is sent at once.
 */
import { useId } from 'react';
import type { DashboardPrivacy } from '../../shared/dashboard-api.ts';
import { useT } from '../i18n/index.ts';
import { PRIVACIES, PRIVACY_HINT, PRIVACY_LABEL } from './privacy-texts.ts';

export interface RoomSettingsProps {
  privacy: DashboardPrivacy;
  knocking: boolean;
  onPrivacy(privacy: DashboardPrivacy): void;
  onKnocking(knocking: boolean): void;
  disabled?: boolean;
  /** Prefix of the fields' test ids (`create`, `room`). */
  testId: string;
}

export function RoomSettings(props: RoomSettingsProps) {
  const t = useT();
  const hintId = useId();
  const selectId = useId();
  return (
    <div className="dash-settings">
      <div className="dash-settings__privacy">
        {/* Labelled by id, not by wrapping: a wrapped select's options would join its name. */}
        <div className="field">
          <label htmlFor={selectId}>{t('dashboard.privacy.label')}</label>
          <select
            id={selectId}
            value={props.privacy}
            aria-describedby={hintId}
            data-testid={`${props.testId}-privacy`}
            disabled={props.disabled}
            onChange={(e) => props.onPrivacy(e.target.value as DashboardPrivacy)}
          >
            {PRIVACIES.map((p) => (
              <option key={p} value={p}>
                {t(PRIVACY_LABEL[p])}
              </option>
            ))}
          </select>
        </div>
        <p className="dash-hint" id={hintId}>
          {t(PRIVACY_HINT[props.privacy])}
        </p>
      </div>
      <label className="dash-check">
        <input type="checkbox" checked={props.knocking} data-testid={`${props.testId}-knocking`} disabled={props.disabled} onChange={(e) => props.onKnocking(e.target.checked)} />
        <span>{t('dashboard.knocking.label')}</span>
      </label>
    </div>
  );
}
