import type { FieldDefinition, FieldType } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPE_ICON } from '../fields/field-types';
import { useLocale } from '../i18n';
import { SortableRow } from '../ui/SortableRow';

interface Props {
  field: FieldDefinition;
  issueCount: number;
  selected: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onSelect(): void;
  onMove(step: -1 | 1): void;
}

export function FieldRow({ field, issueCount, selected, canMoveUp, canMoveDown, onSelect, onMove }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = localize(field.label, locale) || field.key;
  const classes = ['field-row', selected && 'selected', field.retired && 'retired', issueCount > 0 && 'invalid'];
  return (
    <SortableRow
      id={field.id}
      className={classes.filter(Boolean).join(' ')}
      handleLabel={t('designer.dragField', { name })}
      testId="field-row"
      data={{ key: field.key }}
    >
      {(handle) => (
        <>
          {handle}
          <button
            type="button"
            className="field-row-main"
            onClick={onSelect}
            aria-pressed={selected}
            aria-label={t('designer.editField', { name })}
            data-testid={`field-row-${field.key}`}
          >
            <span className="type-icon" title={t(`types.${field.type as FieldType}`)} aria-hidden="true">
              {FIELD_TYPE_ICON[field.type as FieldType]}
            </span>
            <span className="field-name">
              {name}
              {field.required && <span className="req" aria-label={t('field.required')}>*</span>}
            </span>
            <code className="field-key">{field.key}</code>
            {field.retired && <span className="badge muted">{t('field.retiredBadge')}</span>}
            {issueCount > 0 && (
              <span className="badge danger" title={t('issues.count', { count: issueCount })}>
                {issueCount}
              </span>
            )}
          </button>
          <span className="row-actions">
            <button type="button" className="icon-btn" disabled={!canMoveUp} onClick={() => onMove(-1)} aria-label={t('action.moveUpNamed', { name })} data-testid={`move-up-${field.key}`}>
              ↑
            </button>
            <button type="button" className="icon-btn" disabled={!canMoveDown} onClick={() => onMove(1)} aria-label={t('action.moveDownNamed', { name })} data-testid={`move-down-${field.key}`}>
              ↓
            </button>
          </span>
        </>
      )}
    </SortableRow>
  );
}
