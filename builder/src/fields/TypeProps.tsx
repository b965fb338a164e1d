import { useTranslation } from 'react-i18next';
import type { FieldType } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import type { DefinitionSummary } from '../api/definitions';
import { issuesAt, issuesUnder } from '../api/issues';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { NumberInput } from '../ui/NumberInput';
import type { FieldEditorProps } from './editor-props';
import { FIELD_TYPE_TRAITS } from './field-types';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'TWD'];
const COUNTRIES = ['CN', 'HK', 'MO', 'TW', 'SG', 'US', 'GB', 'JP', 'KR', 'DE', 'FR', 'AU'];

interface Props extends FieldEditorProps {
  entities: DefinitionSummary[];
}

/** Settings only one family of types has: decimals, currency, phone country and leniency, referenced entity. */
export function TypeProps({ field, pointer, issues, onPatch, entities }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const traits = FIELD_TYPE_TRAITS[field.type as FieldType];
  const at = (p: string) => issuesAt(issues, `${pointer}/${p}`);
  if (!traits.decimals && !traits.currency && !traits.country && !traits.reference) return null;
  return (
    <div className="grid-2">
      {traits.decimals && (
        <FormRow label={t('field.decimals')} issues={at('decimals')}>
          {(id, invalid) => (
            <NumberInput id={id} min={0} max={8} step={1} aria-invalid={invalid} value={field.decimals} onValue={(decimals) => onPatch({ decimals })} data-testid="field-decimals" />
          )}
        </FormRow>
      )}
      {traits.currency && (
        <FormRow label={t('field.currency')} issues={at('currency')}>
          {(id, invalid) => (
            <>
              <input
                id={id}
                list="currency-codes"
                maxLength={3}
                aria-invalid={invalid}
                value={field.currency ?? ''}
                onChange={(e) => onPatch({ currency: e.target.value.toUpperCase() || undefined })}
                data-testid="field-currency"
              />
              <datalist id="currency-codes">
                {CURRENCIES.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </>
          )}
        </FormRow>
      )}
      {traits.country && (
        <FormRow label={t('field.defaultCountry')} issues={at('defaultCountry')}>
          {(id, invalid) => (
            <>
              <input
                id={id}
                list="country-codes"
                maxLength={2}
                aria-invalid={invalid}
                value={field.defaultCountry ?? ''}
                onChange={(e) => onPatch({ defaultCountry: e.target.value.toUpperCase() || undefined })}
                data-testid="field-defaultCountry"
              />
              <datalist id="country-codes">
                {COUNTRIES.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </>
          )}
        </FormRow>
      )}
      {traits.country && (
        <FormRow label={t('field.lenient')} issues={at('lenient')}>
          {(id) => (
            <label className="check-row">
              <input
                id={id}
                type="checkbox"
                checked={field.lenient ?? false}
                onChange={(e) => onPatch({ lenient: e.target.checked || undefined })}
                data-testid="field-lenient"
              />
              <span>{t('field.lenientHint')}</span>
            </label>
          )}
        </FormRow>
      )}
      {traits.reference && (
        <FormRow label={t('field.reference')} issues={issuesUnder(issues, `${pointer}/reference`)}>
          {(id, invalid) => (
            <select
              id={id}
              aria-invalid={invalid}
              value={field.reference?.entity ?? ''}
              onChange={(e) => onPatch({ reference: e.target.value ? { entity: e.target.value } : undefined })}
              data-testid="field-reference"
            >
              <option value="">{t('field.chooseEntity')}</option>
              {entities.map((e) => (
                <option key={e.key} value={e.key}>
                  {localize(e.label, locale) || e.key} ({e.key})
                </option>
              ))}
            </select>
          )}
        </FormRow>
      )}
    </div>
  );
}
