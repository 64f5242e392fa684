/** On/off toggle and picker for one device kind, used by the prejoin. */
import { useT } from '../i18n/index.ts';
import { useMediaStore, type DeviceKind } from '../media/media-store.ts';
import { ToggleButton } from '../ui/ToggleButton.tsx';

/** Catalogue keys per device kind. */
const COPY = {
  camera: { name: 'prejoin.camera', on: 'prejoin.cameraOnLabel', off: 'prejoin.cameraOffLabel', turnOn: 'prejoin.turnCameraOn', turnOff: 'prejoin.turnCameraOff', numbered: 'prejoin.cameraNumbered' },
  mic: { name: 'prejoin.mic', on: 'prejoin.micOnLabel', off: 'prejoin.micOffLabel', turnOn: 'prejoin.turnMicOn', turnOff: 'prejoin.turnMicOff', numbered: 'prejoin.micNumbered' },
} as const;

export function DeviceToggle({ kind }: { kind: DeviceKind }) {
  const state = useMediaStore((s) => s[kind]);
  const setEnabled = useMediaStore((s) => s.setEnabled);
  const t = useT();
  const copy = COPY[kind];
  return (
    <ToggleButton
      on={state.enabled}
      testId={`prejoin-${kind}-toggle`}
      label={t(state.enabled ? copy.on : copy.off)}
      // The visible text is the name (WCAG 2.5.3, label in name); what a press does is the tooltip.
      title={t(state.enabled ? copy.turnOff : copy.turnOn)}
      onToggle={() => void setEnabled(kind, !state.enabled)}
    />
  );
}

export function DevicePicker({ kind }: { kind: DeviceKind }) {
  const devices = useMediaStore((s) => (kind === 'camera' ? s.cameras : s.mics));
  const selected = useMediaStore((s) => s[kind].deviceId);
  const selectDevice = useMediaStore((s) => s.selectDevice);
  const t = useT();
  if (devices.length === 0) return null;
  const copy = COPY[kind];
  return (
    <label className="picker">
      <span>{t(copy.name)}</span>
      <select data-testid={`prejoin-${kind}-select`} value={selected ?? ''} onChange={(e) => void selectDevice(kind, e.target.value)}>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || t(copy.numbered, { n: i + 1 })}
          </option>
        ))}
      </select>
    </label>
  );
}
