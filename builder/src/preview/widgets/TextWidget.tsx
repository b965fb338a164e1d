import { str, type WidgetProps } from './widget-props';

const INPUT_TYPE: Record<string, string> = { email: 'email', url: 'url', phone: 'tel' };

/** text, phone, email, url: one line. */
export function TextWidget({ id, field, value, onChange, disabled, invalid }: WidgetProps) {
  return (
    <input
      id={id}
      type={INPUT_TYPE[field.type] ?? 'text'}
      value={str(value)}
      disabled={disabled}
      aria-invalid={invalid}
      maxLength={field.maxLength}
      placeholder={field.type === 'phone' && field.defaultCountry ? `${field.defaultCountry} …` : undefined}
      onChange={(e) => onChange(e.target.value || undefined)}
    />
  );
}
