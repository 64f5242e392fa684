/**
 * One person in the participants panel: name, "(you)", Host badge, mic and camera state, and for
 * an owner looking at someone else, the owner powers. Re-renders only for its own participant.
 */
import { memo } from 'react';
import { useParticipant, type ParticipantView } from '../call/participants-store.ts';
import { Message, useT } from '../i18n/index.ts';
import { PersonName } from '../ui/PersonName.tsx';
import { RefusalText } from './RefusalText.tsx';
import { useOwnerActions, useRowActions, type OwnerAction, type RowActionState } from './owner-actions-store.ts';

type Person = Pick<ParticipantView, 'identity' | 'name' | 'isLocal' | 'isOwner' | 'micOn' | 'cameraOn'>;

/** What a row can ask of the owner-actions store (its functions, stable for the page's life). */
export type RowOps = Pick<ReturnType<typeof useOwnerActions.getState>, 'ask' | 'perform' | 'cancel'>;

export const ParticipantRow = memo(function ParticipantRow({ identity, viewerIsOwner }: { identity: string; viewerIsOwner: boolean }) {
  const person = useParticipant(identity);
  const actions = useRowActions(identity);
  if (!person) return null;
  return <ParticipantRowView person={person} viewerIsOwner={viewerIsOwner} actions={actions} ops={useOwnerActions.getState()} />;
});

const BUTTONS: { action: OwnerAction; testId: string; label: 'participants.muteMic' | 'participants.stopCamera' | 'participants.makeHost' | 'participants.remove' | 'participants.ban' }[] = [
  { action: 'mute-mic', testId: 'mute-mic', label: 'participants.muteMic' },
  { action: 'mute-camera', testId: 'mute-camera', label: 'participants.stopCamera' },
  { action: 'make-owner', testId: 'make-owner', label: 'participants.makeHost' },
  { action: 'remove', testId: 'remove-participant', label: 'participants.remove' },
  { action: 'ban', testId: 'ban-participant', label: 'participants.ban' },
];

/** Whether an action can do anything for this person now (a host can mute, never unmute). */
function hasEffect(action: OwnerAction, person: Person): boolean {
  if (action === 'mute-mic') return person.micOn;
  if (action === 'mute-camera') return person.cameraOn;
  return true;
}

/** The row itself, from what it is given (rendered alone in tests). */
export function ParticipantRowView({ person, viewerIsOwner, actions, ops }: { person: Person; viewerIsOwner: boolean; actions: RowActionState; ops: RowOps }) {
  const t = useT();
  const canAct = viewerIsOwner && !person.isLocal;
  return (
    <li
      className="participant-row"
      data-testid="participant-row"
      data-identity={person.identity}
      data-name={person.name}
      data-mic={person.micOn ? 'on' : 'off'}
      data-camera={person.cameraOn ? 'on' : 'off'}
      data-owner={person.isOwner}
    >
      <div className="participant-row__who">
        <PersonName name={person.name} />
        {person.isLocal && <span className="muted"> {t('participants.you')}</span>}
        {person.isOwner && <span className="badge">{t('participants.host')}</span>}
        <span className="participant-row__media">
          <span className={`media-state ${person.micOn ? '' : 'media-state--off'}`}>{t(person.micOn ? 'participants.micOn' : 'participants.micOff')}</span>
          <span className={`media-state ${person.cameraOn ? '' : 'media-state--off'}`}>{t(person.cameraOn ? 'participants.cameraOn' : 'participants.cameraOff')}</span>
        </span>
      </div>
      {canAct && actions.confirming && (
        <div className="participant-row__confirm" role="group" aria-label={t('participants.confirmFor', { name: person.name })}>
          <span>
            <Message id={actions.confirming === 'ban' ? 'participants.confirmBan' : 'participants.confirmRemove'} vars={{ name: <PersonName name={person.name} /> }} />
          </span>
          <button className="btn btn--small btn--danger" data-testid="confirm-action" onClick={() => void ops.perform(person.identity, actions.confirming!)}>
            {t(actions.confirming === 'ban' ? 'participants.ban' : 'participants.remove')}
          </button>
          <button className="btn btn--small" onClick={() => ops.cancel(person.identity)}>
            {t('participants.cancel')}
          </button>
        </div>
      )}
      {canAct && !actions.confirming && (
        <div className="participant-row__actions" role="group" aria-label={t('participants.actionsFor', { name: person.name })}>
          {BUTTONS.filter((b) => b.action !== 'make-owner' || !person.isOwner).map((b) => (
            <button
              key={b.action}
              className={`btn btn--small ${b.action === 'remove' || b.action === 'ban' ? 'btn--danger' : ''}`}
              data-testid={b.testId}
              disabled={!!actions.pending || !hasEffect(b.action, person)}
              aria-busy={actions.pending === b.action}
              onClick={() => void ops.ask(person.identity, b.action)}
            >
              {t(b.label)}
            </button>
          ))}
        </div>
      )}
      {actions.refusal && <RefusalText refusal={actions.refusal} />}
    </li>
  );
}
