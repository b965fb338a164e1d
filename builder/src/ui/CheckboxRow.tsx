import type { ReactNode } from 'react';

interface Props {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  testId: string;
  hint?: string;
  disabled?: boolean;
}

export function CheckboxRow({ label, checked, onChange, testId, hint, disabled }: Props) {
  return (
    <label className="check-row" title={hint}>
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span>{label}</span>
    </label>
  );
}
