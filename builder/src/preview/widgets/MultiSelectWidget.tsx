import { localize } from '@telesales/schemas';
import { strs, type WidgetProps } from './widget-props';

/** Options as toggle chips in their colours. */
export function MultiSelectWidget({ id, field, value, onChange, disabled, locale }: WidgetProps) {
  const chosen = strs(value);
  const options = (field.options ?? []).filter((o) => !o.retired || chosen.includes(o.value));
  const toggle = (v: string) => {
    const next = chosen.includes(v) ? chosen.filter((x) => x !== v) : [...chosen, v];
    onChange(next.length ? next : undefined);
  };
  return (
    <div id={id} className="chips" role="group">
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          className={`chip${chosen.includes(o.value) ? ' on' : ''}`}
          aria-pressed={chosen.includes(o.value)}
          disabled={disabled}
          style={o.color ? { borderColor: o.color, ...(chosen.includes(o.value) ? { background: o.color } : {}) } : undefined}
          onClick={() => toggle(o.value)}
        >
          {localize(o.label, locale) || o.value}
        </button>
      ))}
    </div>
  );
}
