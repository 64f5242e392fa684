/** The form that creates a room: an optional name (else the server makes an unguessable one), privacy and knocking. */
import { useId, useState, type FormEvent } from 'react';
import type { CreateRoomRequest, DashboardPrivacy } from '../../shared/dashboard-api.ts';
import { useT } from '../i18n/index.ts';
import type { DashboardProblem } from './dashboard-problem.ts';
import { ProblemText } from './ProblemText.tsx';
import { RoomSettings } from './RoomSettings.tsx';

export interface CreateRoomFormProps {
  busy: boolean;
  problem: DashboardProblem | null;
  /** Resolves true once the room exists: the form then clears. */
  create(req: CreateRoomRequest): Promise<boolean>;
}

export function CreateRoomForm({ busy, problem, create }: CreateRoomFormProps) {
  const t = useT();
  const headingId = useId();
  const hintId = useId();
  const [name, setName] = useState('');
  // New rooms are for the team unless said otherwise: members join, anyone else needs a link.
  const [privacy, setPrivacy] = useState<DashboardPrivacy>('org');
  const [knocking, setKnocking] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    void create({ ...(trimmed ? { name: trimmed } : {}), privacy, knocking }).then((done) => done && setName(''));
  };

  return (
    <form className="dash-create" aria-labelledby={headingId} onSubmit={submit} data-testid="create-room">
      <h3 id={headingId}>{t('dashboard.create.heading')}</h3>
      <label className="field">
        <span>{t('dashboard.create.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} aria-describedby={hintId} autoComplete="off" spellCheck={false} data-testid="create-name" />
      </label>
      <p className="dash-hint" id={hintId}>
        {t('dashboard.create.nameHint')}
      </p>
      <RoomSettings privacy={privacy} knocking={knocking} onPrivacy={setPrivacy} onKnocking={setKnocking} disabled={busy} testId="create" />
      <button className="btn btn--primary" type="submit" disabled={busy} data-testid="create-submit">
        {t(busy ? 'dashboard.create.busy' : 'dashboard.create.submit')}
      </button>
      <ProblemText problem={problem} />
    </form>
  );
}
