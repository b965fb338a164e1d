import { useTranslation } from 'react-i18next';
import type { WidgetProps } from './widget-props';

export function BooleanWidget({ id, value, onChange, disabled }: WidgetProps) {
  const { t } = useTranslation();
  return (
    <label className="check-row">
      <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {value === true ? t('preview.yes') : t('preview.no')}
    </label>
  );
}
