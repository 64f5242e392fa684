/** On/off toggle and picker for one device kind, used by the prejoin. */
import { useMediaStore, type DeviceKind } from '../media/media-store.ts';
import { ToggleButton } from '../ui/ToggleButton.tsx';

const LABEL: Record<DeviceKind, string> = { camera: 'Camera', mic: 'Microphone' };

export function DeviceToggle({ kind }: { kind: DeviceKind }) {
  const state = useMediaStore((s) => s[kind]);
  const setEnabled = useMediaStore((s) => s.setEnabled);
  const label = LABEL[kind];
  return (
    <ToggleButton
      on={state.enabled}
      testId={`prejoin-${kind}-toggle`}
      label={`${label} ${state.enabled ? 'on' : 'off'}`}
      ariaLabel={state.enabled ? `Turn ${label.toLowerCase()} off` : `Turn ${label.toLowerCase()} on`}
      onToggle={() => void setEnabled(kind, !state.enabled)}
    />
  );
}

export function DevicePicker({ kind }: { kind: DeviceKind }) {
  const devices = useMediaStore((s) => (kind === 'camera' ? s.cameras : s.mics));
  const selected = useMediaStore((s) => s[kind].deviceId);
  const selectDevice = useMediaStore((s) => s.selectDevice);
  if (devices.length === 0) return null;
  return (
    <label className="picker">
      <span>{LABEL[kind]}</span>
      <select data-testid={`prejoin-${kind}-select`} value={selected ?? ''} onChange={(e) => void selectDevice(kind, e.target.value)}>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${LABEL[kind]} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}
