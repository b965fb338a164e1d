import type { WidgetProps } from './widget-props';

/** integer, decimal, money, percent: the unit is shown beside the input as the console would. */
export function NumberWidget({ id, field, value, onChange, disabled, invalid }: WidgetProps) {
  const step = field.type === 'integer' ? 1 : field.decimals !== undefined ? 10 ** -field.decimals : 'any';
  const unit = field.type === 'percent' ? '%' : field.type === 'money' ? (field.currency ?? '') : '';
  return (
    <span className="with-unit">
      <input
        id={id}
        type="number"
        step={step}
        min={typeof field.min === 'number' ? field.min : undefined}
        max={typeof field.max === 'number' ? field.max : undefined}
        value={typeof value === 'number' ? value : ''}
        disabled={disabled}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.valueAsNumber)}
      />
      {unit && <span className="unit">{unit}</span>}
    </span>
  );
}
