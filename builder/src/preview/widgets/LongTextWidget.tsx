import { str, type WidgetProps } from './widget-props';

export function LongTextWidget({ id, field, value, onChange, disabled, invalid }: WidgetProps) {
  return <textarea id={id} rows={3} value={str(value)} disabled={disabled} aria-invalid={invalid} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value || undefined)} />;
}
