/** The prejoin: camera preview, mic meter, device pickers and toggles, name, and Join. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { checkDisplayName } from '../../shared/display-name.ts';
import { loadedGuestSide, useCallStore } from '../flow/call-store.ts';
import { useMediaStore } from '../media/media-store.ts';
import { useT } from '../i18n/index.ts';
import { deviceProblemKey, joinErrorKey, nameProblem } from './prejoin-copy.ts';
import { DevicePicker, DeviceToggle } from './DeviceControls.tsx';
import { MicMeter } from './MicMeter.tsx';
import { PreviewVideo } from './PreviewVideo.tsx';
import { TeamMemberHint } from './TeamMemberHint.tsx';
import { rememberedName, rememberName } from './remembered-name.ts';

/** The token's name (fixed), else the embedder's, else a signed-in member's own, else the one used last time. */
function initialName(tokenName?: string, presetName?: string, memberName?: string): string {
  return tokenName || presetName || memberName || rememberedName();
}

export function PrejoinScreen() {
  const preauth = useCallStore((s) => s.preauth)!;
  const presetName = useCallStore((s) => s.presetName);
  const roomName = useCallStore((s) => s.roomName);
  const phase = useCallStore((s) => s.phase.name);
  const joinError = useCallStore((s) => s.joinError);
  const joinErrorType = useCallStore((s) => s.joinErrorType);
  const join = useCallStore((s) => s.join);
  const requestAccess = useCallStore((s) => s.requestAccess);
  const phaseState = useCallStore((s) => s.phase);
  const camera = useMediaStore((s) => s.camera);
  const mic = useMediaStore((s) => s.mic);
  const startMedia = useMediaStore((s) => s.start);
  const tokenName = preauth.user.name;
  // Loaded before the phase can be waiting (see requestAccess in flow/call-store.ts).
  const waitingScreens = loadedGuestSide();
  const [name, setName] = useState(() => initialName(tokenName, presetName, preauth.user.member?.name));
  const [touched, setTouched] = useState(false);
  const t = useT();

  useEffect(() => {
    // Under owner-only broadcast a guest will send nothing: no camera light, no mic opened for nothing.
    const canPublish = preauth.user.canPublish !== false;
    void startMedia({ cameraOn: canPublish && !preauth.room?.startVideoOff, micOn: canPublish && !preauth.room?.startAudioOff });
  }, [startMedia, preauth.user.canPublish, preauth.room?.startVideoOff, preauth.room?.startAudioOff]);

  const check = checkDisplayName(name);
  const autoJoined = useRef(false);
  const joining = phase === 'joining';
  const knocking = preauth.access.level === 'lobby';
  const problem = nameProblem(name);
  const nameText = problem.key === 'prejoin.name.tooLong' ? t(problem.key, { max: problem.max }) : t(problem.key);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!check.ok || joining) return;
    // The knock or join goes out first; remembering the name (a disk write) comes after.
    void (knocking ? requestAccess(check.name) : join(check.name));
    if (!tokenName) rememberName(check.name);
  };

  // With the prejoin turned off (room or token), go straight in (or knock) once the devices have
  // answered, if we already know the person's name; otherwise the form asks for it.
  const devicesSettled = !camera.starting && !mic.starting && (!!camera.track || !camera.enabled) && (!!mic.track || !mic.enabled);
  useEffect(() => {
    if (preauth.room?.prejoin !== false || autoJoined.current || phase !== 'prejoin' || !devicesSettled || !check.ok) return;
    autoJoined.current = true;
    void (knocking ? requestAccess(check.name) : join(check.name));
  }, [preauth.room?.prejoin, phase, devicesSettled, check, knocking, requestAccess, join]);

  return (
    <main className="prejoin" data-testid="prejoin">
      <section className="prejoin__preview">
        <div className="stage">
          {camera.track ? (
            <PreviewVideo track={camera.track} />
          ) : (
            <div className="stage__placeholder" data-testid="preview-off">
              {t(camera.starting ? 'prejoin.cameraStarting' : 'prejoin.cameraOff')}
            </div>
          )}
        </div>
        <div className="prejoin__toolbar">
          <DeviceToggle kind="mic" />
          <DeviceToggle kind="camera" />
          <MicMeter track={mic.track} />
        </div>
        {camera.problem && <p className="notice" data-testid="camera-problem">{t(deviceProblemKey('camera', camera.problem))}</p>}
        {mic.problem && <p className="notice" data-testid="mic-problem">{t(deviceProblemKey('mic', mic.problem))}</p>}
        <div className="prejoin__pickers">
          <DevicePicker kind="camera" />
          <DevicePicker kind="mic" />
        </div>
      </section>
      {waitingScreens && phaseState.name === 'waiting' ? (
        <waitingScreens.WaitingPanel ownerPresent={phaseState.ownerPresent} reconnecting={phaseState.reconnecting} />
      ) : waitingScreens && phaseState.name === 'knock-expired' ? (
        <waitingScreens.KnockExpiredPanel waitedMs={phaseState.waitedMs} knockName={phaseState.knockName} />
      ) : (
        <form className="prejoin__form" onSubmit={submit}>
          <h1>{t(knocking ? 'prejoin.titleKnock' : 'prejoin.title')}</h1>
          <p className="muted">
            {t('prejoin.room')} <strong>{roomName}</strong>
            {preauth.user.isOwner && <span className="badge" data-testid="owner-badge">{t('prejoin.hostBadge')}</span>}
          </p>
          {knocking && <p className="muted">{t('prejoin.knockExplain')}</p>}
          <TeamMemberHint preauth={preauth} roomName={roomName} />
          <label className="field">
            <span>{t('prejoin.nameLabel')}</span>
            <input
              data-testid="name-input"
              value={name}
              autoComplete="name"
              readOnly={!!tokenName}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={touched && !check.ok}
              aria-describedby={touched && !check.ok ? 'name-problem' : undefined}
            />
          </label>
          {touched && !check.ok && <p className="error" id="name-problem">{nameText}</p>}
          {joinError && (
            <p className="error" role="alert" data-testid="join-error" data-error={joinErrorType ?? ''}>
              {t(joinErrorKey(joinError, joinErrorType, knocking))}
            </p>
          )}
          <button className="btn btn--primary btn--wide" data-testid="join-button" type="submit" disabled={joining}>
            {t(joining ? 'prejoin.joining' : knocking ? 'prejoin.askToJoin' : 'prejoin.join')}
          </button>
        </form>
      )}
    </main>
  );
}
