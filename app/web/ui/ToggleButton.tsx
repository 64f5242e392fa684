/** A round on/off button (mic, camera, screen share) whose look and label follow its state. */
export function ToggleButton(props: {
  on: boolean;
  testId: string;
  label: string;
  ariaLabel?: string;
  disabled?: boolean;
  /** Tooltip: a shortcut, or why the button is off. */
  title?: string;
  /** `aria-keyshortcuts`, e.g. "Control+D Meta+D". */
  keyShortcuts?: string;
  /** `warn` (mic, camera): off looks like a warning. `active` (screen share): on is highlighted instead. */
  look?: 'warn' | 'active';
  onToggle(): void;
}) {
  return (
    <button
      className={`btn btn--round ${props.look === 'active' ? (props.on ? 'btn--active' : '') : props.on ? '' : 'btn--off'}`}
      data-testid={props.testId}
      aria-pressed={props.on}
      aria-label={props.ariaLabel}
      aria-keyshortcuts={props.keyShortcuts}
      title={props.title}
      disabled={props.disabled}
      onClick={props.onToggle}
    >
      {props.label}
    </button>
  );
}
