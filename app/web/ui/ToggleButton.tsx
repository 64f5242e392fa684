/** A round on/off button (mic, camera) whose look and label follow its state. */
export function ToggleButton(props: { on: boolean; testId: string; label: string; ariaLabel?: string; onToggle(): void }) {
  return (
    <button
      className={`btn btn--round ${props.on ? '' : 'btn--off'}`}
      data-testid={props.testId}
      aria-pressed={props.on}
      aria-label={props.ariaLabel}
      onClick={props.onToggle}
    >
      {props.label}
    </button>
  );
}
