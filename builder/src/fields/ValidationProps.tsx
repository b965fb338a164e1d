import { useTranslation } from 'react-i18next';
import type { FieldType } from '@telesales/schemas';
import { issuesAt } from '../api/issues';
import { FormRow } from '../ui/FormRow';
import { LocalTextInput } from '../ui/LocalTextInput';
import { NumberInput } from '../ui/NumberInput';
import { isoToLocalInput, localInputToIso } from './datetime';
import type { FieldEditorProps } from './editor-props';
import { FIELD_TYPE_TRAITS } from './field-types';
import { PatternTester } from './PatternTester';

/** Range, length and pattern constraints: only those the field's type supports are shown. */
export function ValidationProps({ field, pointer, issues, onPatch }: FieldEditorProps) {
  const { t } = useTranslation();
  const traits = FIELD_TYPE_TRAITS[field.type as FieldType];
  const at = (p: string) => issuesAt(issues, `${pointer}/${p}`);
  if (!traits.range && !traits.length) return null;

  const rangeInput = (which: 'min' | 'max') => (id: string, invalid: boolean) => {
    const common = { id, 'aria-invalid': invalid, 'data-testid': `field-${which}` };
    if (traits.range === 'number')
      return <NumberInput {...common} value={field[which] as number | undefined} onValue={(v) => onPatch({ [which]: v })} />;
    if (traits.range === 'date')
      return <input type="date" {...common} value={(field[which] as string | undefined) ?? ''} onChange={(e) => onPatch({ [which]: e.target.value || undefined })} />;
    return (
      <input
        type="datetime-local"
        {...common}
        value={isoToLocalInput(field[which])}
        onChange={(e) => onPatch({ [which]: localInputToIso(e.target.value) })}
      />
    );
  };

  return (
    <>
      {traits.range && (
        <div className="grid-2">
          <FormRow label={t('field.min')} issues={at('min')}>
            {rangeInput('min')}
          </FormRow>
          <FormRow label={t('field.max')} issues={at('max')}>
            {rangeInput('max')}
          </FormRow>
        </div>
      )}
      {traits.length && (
        <>
          <div className="grid-2">
            <FormRow label={t('field.minLength')} issues={at('minLength')}>
              {(id, invalid) => (
                <NumberInput id={id} min={0} step={1} aria-invalid={invalid} value={field.minLength} onValue={(minLength) => onPatch({ minLength })} data-testid="field-minLength" />
              )}
            </FormRow>
            <FormRow label={t('field.maxLength')} issues={at('maxLength')}>
              {(id, invalid) => (
                <NumberInput id={id} min={0} step={1} aria-invalid={invalid} value={field.maxLength} onValue={(maxLength) => onPatch({ maxLength })} data-testid="field-maxLength" />
              )}
            </FormRow>
          </div>
          <FormRow label={t('field.pattern')} issues={at('pattern')} hint={t('field.patternHint')}>
            {(id, invalid) => (
              <input
                id={id}
                className="mono"
                value={field.pattern ?? ''}
                placeholder="^P\d{8}$"
                aria-invalid={invalid}
                spellCheck={false}
                onChange={(e) => onPatch({ pattern: e.target.value || undefined })}
                data-testid="field-pattern"
              />
            )}
          </FormRow>
          {field.pattern && <PatternTester pattern={field.pattern} />}
          <LocalTextInput
            label={t('field.patternMessage')}
            value={field.patternMessage}
            onChange={(patternMessage) => onPatch({ patternMessage })}
            issues={issues}
            pointer={`${pointer}/patternMessage`}
            testId="field-patternMessage"
          />
        </>
      )}
    </>
  );
}
