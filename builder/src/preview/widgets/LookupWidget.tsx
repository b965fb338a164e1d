import { useTranslation } from 'react-i18next';
import type { WidgetProps } from './widget-props';

/** user and reference: a search box in the console; here a disabled stand-in naming what it looks up. */
export function LookupWidget({ id, field }: WidgetProps) {
  const { t } = useTranslation();
  const what = field.type === 'user' ? t('preview.pickUser') : t('preview.pickRecord', { entity: field.reference?.entity ?? '?' });
  return (
    <span className="with-unit">
      <input id={id} type="search" placeholder={what} disabled />
      <span className="unit">⌕</span>
    </span>
  );
}
