import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesAt, type Issue } from '../api/issues';
import { InlineIssues } from '../ui/InlineIssues';

interface Props {
  value: string | undefined;
  onChange(value: string | undefined): void;
  issues: readonly Issue[];
}

/** An expression is code in any UI language: shown as code, never translated. */
const EXAMPLE = "values.source = 'online'";

/** The JSONata landing condition; a parse error (from validation) is shown right under it. */
export function ConditionInput({ value, onChange, issues }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const own = issuesAt(issues, '/condition');
  return (
    <div className={`form-row${own.length ? ' has-issues' : ''}`}>
      <label htmlFor={id}>{t('pools.condition')}</label>
      <textarea
        id={id}
        rows={3}
        className="mono"
        spellCheck={false}
        translate="no"
        value={value ?? ''}
        placeholder={EXAMPLE}
        aria-invalid={own.length > 0}
        aria-describedby={`${id}-hint`}
        // An empty condition means "no condition" (the key is dropped; the schema wants it non-empty).
        onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : e.target.value)}
        data-testid="pool-condition"
      />
      <div className="hint" id={`${id}-hint`}>
        {t('pools.conditionHint')} <code>{EXAMPLE}</code>
      </div>
      <InlineIssues issues={own} testId="pool-condition-issues" />
    </div>
  );
}
