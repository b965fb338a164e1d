import { useTranslation } from 'react-i18next';
import { issuesAt, type Issue } from '../api/issues';

interface Props {
  label: { zh?: string; en?: string };
  /** JSON pointer of the item (its label is at `${pointer}/label`). */
  pointer: string;
  issues: readonly Issue[];
  /** Labels are required in both languages, so both keys are always kept (an empty one is reported). */
  onChange(label: { zh: string; en: string }): void;
}

/** The zh and en name of one outcome or state, inline in its row. */
export function ItemLabelInputs({ label, pointer, issues, onChange }: Props) {
  const { t } = useTranslation();
  const whole = issuesAt(issues, `${pointer}/label`).length > 0;
  return (
    <>
      {(['zh', 'en'] as const).map((lang) => (
        <input
          key={lang}
          className="call-item-label"
          value={label[lang] ?? ''}
          placeholder={t(`lang.${lang}`)}
          aria-label={`${t('field.label')} (${t(`lang.${lang}`)})`}
          aria-invalid={whole || issuesAt(issues, `${pointer}/label/${lang}`).length > 0}
          onChange={(e) => onChange({ zh: label.zh ?? '', en: label.en ?? '', [lang]: e.target.value })}
          data-testid={`item-label-${lang}`}
        />
      ))}
    </>
  );
}
