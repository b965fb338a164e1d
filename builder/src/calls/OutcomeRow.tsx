import { useTranslation } from 'react-i18next';
import type { DispositionsDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { CheckboxRow } from '../ui/CheckboxRow';
import { InlineIssues } from '../ui/InlineIssues';
import { SortableRow } from '../ui/SortableRow';
import { ItemLabelInputs } from './ItemLabelInputs';

export type Outcome = DispositionsDefinition['outcomes'][number];

interface Props {
  id: string;
  outcome: Outcome;
  pointer: string;
  issues: readonly Issue[];
  onPatch(patch: Partial<Outcome>): void;
  onRemove(): void;
}

const FLAGS = ['requiresNote', 'asksContactPlan', 'marksInvalid'] as const;

/** One outcome: key, zh/en name and what it asks of the agent; its problems under it. */
export function OutcomeRow({ id, outcome, pointer, issues, onPatch, onRemove }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = localize(outcome.label, locale) || outcome.key;
  const own = issuesUnder(issues, pointer);
  return (
    <SortableRow id={id} className="call-item-row" handleLabel={t('dispositions.drag', { name })} testId="outcome-row" data={{ key: outcome.key }}>
      {(handle) => (
        <>
          <div className="call-item-line">
            {handle}
            <input
              className="mono call-item-key"
              value={outcome.key}
              aria-label={t('field.key')}
              aria-invalid={issuesAt(issues, `${pointer}/key`).length > 0}
              onChange={(e) => onPatch({ key: e.target.value })}
              data-testid="outcome-key"
            />
            <ItemLabelInputs label={outcome.label} pointer={pointer} issues={issues} onChange={(label) => onPatch({ label })} />
            <button type="button" className="ghost small" aria-label={t('dispositions.remove', { name })} onClick={onRemove} data-testid="outcome-remove">
              ✕
            </button>
          </div>
          <div className="call-item-flags">
            {FLAGS.map((flag) => (
              <CheckboxRow
                key={flag}
                label={t(`dispositions.${flag}`)}
                hint={t(`dispositions.${flag}Hint`)}
                checked={outcome[flag] === true}
                onChange={(on) => onPatch({ [flag]: on })}
                testId={`outcome-${flag}`}
              />
            ))}
          </div>
          {(outcome.asksContactPlan || outcome.setsField) && (
            <label className="call-item-flags" title={t('dispositions.setsFieldHint')}>
              {t('dispositions.setsField')}
              <input
                className="mono call-item-key"
                value={outcome.setsField ?? ''}
                placeholder="next_contact"
                aria-invalid={issuesAt(issues, `${pointer}/setsField`).length > 0}
                onChange={(e) => onPatch({ setsField: e.target.value || undefined })}
                data-testid="outcome-setsField"
              />
            </label>
          )}
          <InlineIssues issues={own} />
        </>
      )}
    </SortableRow>
  );
}
