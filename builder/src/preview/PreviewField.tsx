import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, FieldType } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { WIDE_TYPES, WIDGETS } from './widgets/registry';

interface Props {
  field: FieldDefinition;
  value: unknown;
  readOnly: boolean;
  issues: Issue[];
  selected: boolean;
  onSelect(): void;
  onChange(value: unknown): void;
}

export function PreviewField({ field, value, readOnly, issues, selected, onSelect, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  // Selecting a field in the list brings it into view here, so the effect of each edit is visible.
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);
  const Widget = WIDGETS[field.type as FieldType];
  const help = localize(field.help, locale);
  const classes = ['card-field', WIDE_TYPES.has(field.type as FieldType) && 'wide', selected && 'selected'];
  return (
    <div ref={ref} className={classes.filter(Boolean).join(' ')} data-testid="preview-field" data-key={field.key}>
      <div className="card-label">
        <label htmlFor={id}>
          {localize(field.label, locale) || field.key}
          {field.required && (
            <span className="req" title={t('field.required')}>
              *
            </span>
          )}
        </label>
        {field.masked && <span className="badge muted" title={t('field.maskedHint')}>{t('field.masked')}</span>}
        <button type="button" className="icon-btn edit-link" onClick={onSelect} aria-label={t('designer.editField', { name: localize(field.label, locale) || field.key })}>
          ✎
        </button>
      </div>
      <Widget id={id} field={field} value={value} onChange={onChange} disabled={readOnly} invalid={issues.length > 0} locale={locale} />
      {help && <div className="help">{help}</div>}
      <InlineIssues issues={issues} testId="preview-issues" />
    </div>
  );
}
