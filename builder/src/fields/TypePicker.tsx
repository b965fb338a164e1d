import { useTranslation } from 'react-i18next';
import type { FieldType } from '@telesales/schemas';
import { FIELD_TYPE_ICON, FIELD_TYPES } from './field-types';

/** All field types as a grid of toggle buttons (a radio group in behaviour). */
export function TypePicker({ value, onChange }: { value: FieldType; onChange(type: FieldType): void }) {
  const { t } = useTranslation();
  return (
    <div className="type-picker" role="radiogroup" aria-label={t('field.type')} data-testid="type-picker">
      {FIELD_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          role="radio"
          aria-checked={value === type}
          className={value === type ? 'on' : ''}
          onClick={() => onChange(type)}
          data-testid={`type-${type}`}
        >
          <span className="type-icon" aria-hidden="true">
            {FIELD_TYPE_ICON[type]}
          </span>
          {t(`types.${type}`)}
        </button>
      ))}
    </div>
  );
}
