import { useTranslation } from 'react-i18next';
import { CheckboxRow } from '../ui/CheckboxRow';
import type { FlowLanguage } from './new-flow';

/** The languages callers of a new flow may use (every prompt then needs a text in each). */
export function FlowLanguagesInput({ value, onChange }: { value: FlowLanguage[]; onChange(v: FlowLanguage[]): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="local-text" data-testid="new-flow-languages">
      <legend>{t('flows.languages')}</legend>
      <div className="check-list">
        {(['zh', 'en'] as const).map((lang) => (
          <CheckboxRow
            key={lang}
            label={t(`lang.${lang}`)}
            checked={value.includes(lang)}
            // At least one language: unticking the last one is ignored.
            onChange={(on) => {
              const next = (['zh', 'en'] as const).filter((l) => (l === lang ? on : value.includes(l)));
              if (next.length) onChange(next);
            }}
            testId={`new-flow-language-${lang}`}
          />
        ))}
      </div>
      <p className="hint">{t('flows.languagesHint')}</p>
    </fieldset>
  );
}
