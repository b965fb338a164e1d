import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { str, type WidgetProps } from './widget-props';

/** Retired options are not offered for new values (a stored one still displays). */
export function SelectWidget({ id, field, value, onChange, disabled, invalid, locale }: WidgetProps) {
  const { t } = useTranslation();
  const current = str(value);
  const options = (field.options ?? []).filter((o) => !o.retired || o.value === current);
  const chosen = options.find((o) => o.value === current);
  return (
    <span className="with-swatch">
      {chosen?.color && <span className="swatch" style={{ background: chosen.color }} aria-hidden="true" />}
      <select id={id} value={current} disabled={disabled} aria-invalid={invalid} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('preview.choose')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.value}>
            {localize(o.label, locale) || o.value}
          </option>
        ))}
      </select>
    </span>
  );
}
