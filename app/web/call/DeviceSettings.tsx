/** Switch camera, microphone and speaker mid-call, without leaving. */
import { useId, useState } from 'react';
import { useCallStore } from '../flow/call-store.ts';
import type { SwitchableDevice } from './livekit-session.ts';
import { useMediaDevices } from './use-media-devices.ts';
import { useT, type MessageKey } from '../i18n/index.ts';

const speakerChoiceSupported = () => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

function DeviceSelect({ kind, label, testId, devices }: { kind: SwitchableDevice; label: MessageKey; testId: string; devices: MediaDeviceInfo[] }) {
  const t = useT();
  const id = useId();
  const session = useCallStore((s) => s.session);
  const [chosen, setChosen] = useState(() => session?.activeDevice(kind) ?? '');
  if (devices.length === 0) return null;
  return (
    <label className="picker" htmlFor={id}>
      <span>{t(label as 'call.settings.camera')}</span>
      <select
        id={id}
        data-testid={testId}
        value={chosen || devices[0]!.deviceId}
        onChange={(e) => {
          setChosen(e.target.value);
          void session?.switchDevice(kind, e.target.value);
        }}
      >
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${t(label as 'call.settings.camera')} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DeviceSettings({ onClose }: { onClose(): void }) {
  const t = useT();
  const { cameras, mics, speakers } = useMediaDevices(true);
  return (
    <section className="panel device-settings" data-testid="device-settings" role="dialog" aria-label={t('call.settings.title')}>
      <header className="panel__header">
        <h2>{t('call.settings.title')}</h2>
        <button className="btn btn--small" onClick={onClose} data-testid="settings-close">
          {t('call.close')}
        </button>
      </header>
      <DeviceSelect kind="videoinput" label="call.settings.camera" testId="settings-camera" devices={cameras} />
      <DeviceSelect kind="audioinput" label="call.settings.mic" testId="settings-mic" devices={mics} />
      {speakerChoiceSupported() && <DeviceSelect kind="audiooutput" label="call.settings.speaker" testId="settings-speaker" devices={speakers} />}
    </section>
  );
}
