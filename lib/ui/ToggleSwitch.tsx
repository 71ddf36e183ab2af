/**
 * An on/off switch (`role="switch"`): a button that states its label and
 * whether it is on. Props only.
 */
export interface ToggleSwitchProps {
  checked: boolean;
  label: string;
  /** Extra line under the label. */
  description?: string;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  id?: string;
}

export function ToggleSwitch({
  checked,
  label,
  description,
  disabled,
  onChange,
  id = 'vb-switch',
}: ToggleSwitchProps) {
  return (
    <div class="vb-switch-row">
      <span class="vb-switch-text">
        <span id={`${id}-label`} class="vb-switch-label">
          {label}
        </span>
        {description && (
          <span id={`${id}-description`} class="vb-switch-description">
            {description}
          </span>
        )}
      </span>
      <button
        type="button"
        id={id}
        role="switch"
        class="vb-switch"
        aria-checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
      >
        <span class="vb-switch-thumb" aria-hidden="true" />
      </button>
    </div>
  );
}
