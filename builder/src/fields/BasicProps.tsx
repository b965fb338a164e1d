import { useTranslation } from 'react-i18next';
import type { EntityDefinition, FieldType } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt } from '../api/issues';
import { withType, sortedSections } from '../designer/definition-ops';
import { useLocale } from '../i18n';
import { CheckboxRow } from '../ui/CheckboxRow';
import { FormRow } from '../ui/FormRow';
import { LocalTextInput } from '../ui/LocalTextInput';
import type { FieldEditorProps } from './editor-props';
import { FIELD_TYPES } from './field-types';

interface Props extends FieldEditorProps {
  def: EntityDefinition;
  /** The field exists in the published version: its key is fixed (records store values under it). */
  published: boolean;
}

export function BasicProps({ field, pointer, issues, onPatch, def, published }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const at = (p: string) => issuesAt(issues, `${pointer}/${p}`);
  return (
    <>
      <LocalTextInput
        label={t('field.label')}
        value={field.label}
        onChange={(label) => onPatch({ label: (label ?? {}) as typeof field.label })}
        issues={issues}
        pointer={`${pointer}/label`}
        testId="field-label"
      />
      <div className="grid-2">
        <FormRow label={t('field.key')} issues={at('key')} hint={published ? t('field.keyLocked') : undefined}>
          {(id, invalid) => (
            <input
              id={id}
              value={field.key}
              disabled={published}
              aria-invalid={invalid}
              onChange={(e) => onPatch({ key: e.target.value })}
              data-testid="field-key"
            />
          )}
        </FormRow>
        <FormRow label={t('field.type')} issues={at('type')}>
          {(id, invalid) => (
            <select
              id={id}
              value={field.type}
              aria-invalid={invalid}
              onChange={(e) => onPatch(withType(field, e.target.value as FieldType))}
              data-testid="field-type"
            >
              {FIELD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`types.${type}`)}
                </option>
              ))}
            </select>
          )}
        </FormRow>
      </div>
      {published && <p className="hint">{t('field.typeChangeHint')}</p>}
      <FormRow label={t('field.section')} issues={at('section')}>
        {(id, invalid) => (
          <select
            id={id}
            value={field.section ?? ''}
            aria-invalid={invalid}
            onChange={(e) => onPatch({ section: e.target.value || undefined })}
            data-testid="field-section"
          >
            <option value="">{t('field.noSection')}</option>
            {sortedSections(def).map((s) => (
              <option key={s.id} value={s.key}>
                {localize(s.label, locale) || s.key}
              </option>
            ))}
          </select>
        )}
      </FormRow>
      <CheckboxRow
        label={t('field.required')}
        checked={field.required ?? false}
        onChange={(required) => onPatch({ required })}
        testId="field-required"
      />
    </>
  );
}
