import { isoToLocalInput, localInputToIso } from '../../fields/datetime';
import { str, type WidgetProps } from './widget-props';

export function DateWidget({ id, field, value, onChange, disabled, invalid }: WidgetProps) {
  if (field.type === 'date')
    return <input id={id} type="date" value={str(value)} disabled={disabled} aria-invalid={invalid} onChange={(e) => onChange(e.target.value || undefined)} />;
  return <input id={id} type="datetime-local" value={isoToLocalInput(value)} disabled={disabled} aria-invalid={invalid} onChange={(e) => onChange(localInputToIso(e.target.value))} />;
}
