import { useTranslation } from 'react-i18next';
import type { FieldType } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt } from '../api/issues';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { NumberInput } from '../ui/NumberInput';
import { TagsInput } from '../ui/TagsInput';
import { isoToLocalInput, localInputToIso } from './datetime';
import type { FieldEditorProps } from './editor-props';
import { FIELD_TYPE_TRAITS } from './field-types';

/** The default value, entered with an input that produces the field type's stored value shape. */
export function DefaultValueInput({ field, pointer, issues, onPatch }: FieldEditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const type = field.type as FieldType;
  if (!FIELD_TYPE_TRAITS[type].defaultValue) return null;
  const value: unknown = field.default;
  const set = (v: unknown) => onPatch({ default: v as never });
  const options = (field.options ?? []).filter((o) => !o.retired);

  const input = (id: string, invalid: boolean) => {
    const common = { id, 'aria-invalid': invalid, 'data-testid': 'field-default' };
    switch (type) {
      case 'integer':
      case 'decimal':
      case 'money':
      case 'percent':
        return <NumberInput {...common} value={typeof value === 'number' ? value : undefined} onValue={set} />;
      case 'date':
        return <input type="date" {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value || undefined)} />;
      case 'datetime':
        return <input type="datetime-local" {...common} value={isoToLocalInput(value)} onChange={(e) => set(localInputToIso(e.target.value))} />;
      case 'boolean':
        return (
          <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value === 'true')}>
            <option value="">{t('field.noDefault')}</option>
            <option value="true">{t('preview.yes')}</option>
            <option value="false">{t('preview.no')}</option>
          </select>
        );
      case 'select':
        return (
          <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value || undefined)}>
            <option value="">{t('field.noDefault')}</option>
            {options.map((o) => (
              <option key={o.id} value={o.value}>
                {localize(o.label, locale) || o.value}
              </option>
            ))}
          </select>
        );
      case 'multiselect': {
        const chosen = Array.isArray(value) ? (value as string[]) : [];
        const toggle = (v: string, on: boolean) => {
          const next = on ? [...chosen, v] : chosen.filter((x) => x !== v);
          set(next.length ? next : undefined);
        };
        return (
          <div {...common} role="group" className="check-list">
            {options.length === 0 && <span className="muted">{t('options.none')}</span>}
            {options.map((o) => (
              <label key={o.id} className="check-row">
                <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
                {localize(o.label, locale) || o.value}
              </label>
            ))}
          </div>
        );
      }
      case 'tags':
        return <TagsInput {...common} value={Array.isArray(value) ? (value as string[]) : undefined} placeholder={t('field.tagsHint')} onValue={set} />;
      case 'longtext':
        return <textarea {...common} rows={2} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value || undefined)} />;
      default:
        return <input {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value || undefined)} />;
    }
  };

  return (
    <FormRow label={t('field.default')} issues={issuesAt(issues, `${pointer}/default`)}>
      {input}
    </FormRow>
  );
}
