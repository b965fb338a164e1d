import { useTranslation } from 'react-i18next';
import type { EntityDefinition, PoolDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { NumberInput } from '../ui/NumberInput';
import { optionsOf, selectFields, type RecycleRule } from './pool-ops';

interface Props {
  rule: RecycleRule;
  index: number;
  entity: EntityDefinition | undefined;
  /** Pools of the same object a rule may send records to (this pool excluded: that is "back to this pool"). */
  otherPools: PoolDefinition[];
  /** Records this rule would take back now (from the preview); undefined while unknown. */
  count: number | undefined;
  issues: readonly Issue[];
  onPatch(patch: Partial<RecycleRule>): void;
  onRemove(): void;
}

/** One recycle rule: when it fires, what a deal is (no-deal rules), where the record goes and its status after. */
export function RecycleRuleRow({ rule, index, entity, otherPools, count, issues, onPatch, onRemove }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const base = `/recycle/${index}`;
  const fields = selectFields(entity);
  const fieldName = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? localize(f.label, locale) || f.key : key;
  };
  const dealOptions = optionsOf(entity, rule.dealWhen?.field);
  const resetOptions = optionsOf(entity, rule.resetStatus?.field);
  // Issues some input below shows; anything else (a duplicate id...) is listed at the top of the card.
  const shown = /^\/recycle\/\d+\/(when|after|dealWhen|toPool|resetStatus)(\/|$)/;
  const rest = issues.filter((i) => !shown.test(i.path));

  return (
    <li className="rule-card" data-testid="recycle-rule" data-id={rule.id}>
      <div className="rule-head">
        <strong>{t('pools.ruleN', { n: index + 1 })}</strong>
        {count !== undefined && (
          <span className="badge" data-testid="rule-preview-count" data-count={count} title={t('pools.ruleCountHint')}>
            {t('pools.ruleCount', { count })}
          </span>
        )}
        <button type="button" className="icon-btn danger" onClick={onRemove} aria-label={t('pools.removeRule', { n: index + 1 })} data-testid="rule-remove">
          ×
        </button>
      </div>
      <InlineIssues issues={rest} />
      <div className="rule-when">
        <FormRow label={t('pools.when')} issues={issuesAt(issues, `${base}/when`)}>
          {(id, invalid) => (
            <select id={id} aria-invalid={invalid} value={rule.when} onChange={(e) => onPatch({ when: e.target.value as RecycleRule['when'] })} data-testid="rule-when">
              <option value="noFollowUp">{t('pools.noFollowUp')}</option>
              <option value="noDeal">{t('pools.noDeal')}</option>
            </select>
          )}
        </FormRow>
        <FormRow label={t('pools.after')} issues={issuesUnder(issues, `${base}/after`)}>
          {(id, invalid) => (
            <div className="row gap">
              <NumberInput
                id={id}
                min={1}
                step={1}
                aria-invalid={invalid}
                value={rule.after.value}
                onValue={(value) => onPatch({ after: { ...rule.after, value: value ?? 0 } })}
                data-testid="rule-after-value"
              />
              <select
                value={rule.after.unit}
                aria-label={t('pools.unit')}
                onChange={(e) => onPatch({ after: { ...rule.after, unit: e.target.value as RecycleRule['after']['unit'] } })}
                data-testid="rule-after-unit"
              >
                <option value="hours">{t('pools.hours')}</option>
                <option value="days">{t('pools.days')}</option>
              </select>
            </div>
          )}
        </FormRow>
      </div>
      {rule.when === 'noDeal' && (
        <div className="rule-deal">
          <FormRow label={t('pools.dealField')} issues={issuesUnder(issues, `${base}/dealWhen`)} hint={t('pools.dealHint')}>
            {(id, invalid) => (
              <select
                id={id}
                aria-invalid={invalid}
                value={rule.dealWhen?.field ?? ''}
                onChange={(e) => onPatch({ dealWhen: e.target.value ? { field: e.target.value, values: [] } : undefined })}
                data-testid="rule-deal-field"
              >
                <option value="">{t('pools.chooseField')}</option>
                {fields.map((f) => (
                  <option key={f.id} value={f.key}>
                    {fieldName(f.key)}
                  </option>
                ))}
              </select>
            )}
          </FormRow>
          {rule.dealWhen && (
            <fieldset className="check-list deal-values" aria-label={t('pools.dealValues')}>
              {dealOptions.map((o) => (
                <label key={o.value} className="check-row">
                  <input
                    type="checkbox"
                    checked={rule.dealWhen!.values.includes(o.value)}
                    onChange={(e) => {
                      const values = e.target.checked ? [...rule.dealWhen!.values, o.value] : rule.dealWhen!.values.filter((v) => v !== o.value);
                      onPatch({ dealWhen: { field: rule.dealWhen!.field, values } });
                    }}
                    data-testid={`rule-deal-value-${o.value}`}
                  />
                  {localize(o.label, locale) || o.value}
                </label>
              ))}
            </fieldset>
          )}
        </div>
      )}
      <FormRow label={t('pools.toPool')} issues={issuesAt(issues, `${base}/toPool`)}>
        {(id, invalid) => (
          <select id={id} aria-invalid={invalid} value={rule.toPool ?? ''} onChange={(e) => onPatch({ toPool: e.target.value || undefined })} data-testid="rule-to-pool">
            <option value="">{t('pools.thisPool')}</option>
            {otherPools.map((p) => (
              <option key={p.key} value={p.key}>
                {localize(p.label, locale) || p.key}
              </option>
            ))}
            {rule.toPool && !otherPools.some((p) => p.key === rule.toPool) && <option value={rule.toPool}>{rule.toPool} ⚠</option>}
          </select>
        )}
      </FormRow>
      <div className="rule-reset">
        <FormRow label={t('pools.resetField')} issues={issuesUnder(issues, `${base}/resetStatus`)}>
          {(id, invalid) => (
            <div className="row gap">
              <select
                id={id}
                aria-invalid={invalid}
                value={rule.resetStatus?.field ?? ''}
                onChange={(e) => {
                  const field = e.target.value;
                  const first = optionsOf(entity, field)[0]?.value;
                  onPatch({ resetStatus: field && first ? { field, value: first } : undefined });
                }}
                data-testid="rule-reset-field"
              >
                <option value="">{t('pools.noReset')}</option>
                {fields.map((f) => (
                  <option key={f.id} value={f.key}>
                    {fieldName(f.key)}
                  </option>
                ))}
              </select>
              {rule.resetStatus && (
                <select
                  value={rule.resetStatus.value}
                  aria-label={t('pools.resetValue')}
                  onChange={(e) => onPatch({ resetStatus: { field: rule.resetStatus!.field, value: e.target.value } })}
                  data-testid="rule-reset-value"
                >
                  {resetOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {localize(o.label, locale) || o.value}
                    </option>
                  ))}
                  {!resetOptions.some((o) => o.value === rule.resetStatus!.value) && <option value={rule.resetStatus.value}>{rule.resetStatus.value} ⚠</option>}
                </select>
              )}
            </div>
          )}
        </FormRow>
      </div>
    </li>
  );
}
