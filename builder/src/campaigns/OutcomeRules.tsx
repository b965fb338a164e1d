import { useTranslation } from 'react-i18next';
import { CAMPAIGN_ACTIONS, CAMPAIGN_CARRIER_OUTCOMES, localize, type CampaignRule, type DispositionsDefinition } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import type { DefinitionSummary } from '../api/definitions';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { NumberInput } from '../ui/NumberInput';
import { addRule, removeRule, setDispositionsDefinition, toggleOffered, updateRule, type Campaign } from './campaign-ops';

interface Props {
  def: Campaign;
  /** Published dispositions definitions to choose from, and the chosen one's outcomes. */
  definitions: DefinitionSummary[];
  chosen: DispositionsDefinition | undefined;
  issues: readonly Issue[];
  onChange(change: (def: Campaign) => Campaign): void;
}

/** Which outcomes agents pick from, and what each line or agent outcome leads to next. */
export function OutcomeRules({ def, definitions, chosen, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const offered = def.dispositions?.offered;
  const agentOutcomes = (chosen?.outcomes ?? []).filter((o) => !offered?.length || offered.includes(o.key));
  const whenOf = (r: CampaignRule) => (r.outcome ? `line:${r.outcome}` : `agent:${r.disposition ?? ''}`);
  const setWhen = (r: CampaignRule, value: string) => {
    const [side, key] = value.split(':') as ['line' | 'agent', string];
    onChange((d) => updateRule(d, r.id, side === 'line' ? { outcome: key as CampaignRule['outcome'], disposition: undefined } : { disposition: key, outcome: undefined }));
  };
  return (
    <>
      <FormRow label={t('campaigns.definition')} issues={issuesUnder(issues, '/dispositions/definition')}>
        {(id, invalid) => (
          <select id={id} aria-invalid={invalid} value={def.dispositions?.definition ?? ''} onChange={(e) => onChange((d) => setDispositionsDefinition(d, e.target.value))} data-testid="campaign-dispositions">
            <option value="">{t('campaigns.noDispositions')}</option>
            {definitions.map((d) => (
              <option key={d.key} value={d.key}>{localize(d.label, locale) || d.key}</option>
            ))}
          </select>
        )}
      </FormRow>
      {chosen && (
        <fieldset className="campaign-offered" data-testid="campaign-offered">
          <legend>{t('campaigns.offered')}</legend>
          <p className="hint">{t('campaigns.offeredHint')}</p>
          {chosen.outcomes.map((o) => (
            <label key={o.key} className="check-row">
              <input type="checkbox" checked={offered?.includes(o.key) ?? false} onChange={(e) => onChange((d) => toggleOffered(d, o.key, e.target.checked))} data-testid={`campaign-offer-${o.key}`} />
              <span>{localize(o.label, locale) || o.key}</span>
            </label>
          ))}
          <InlineIssues issues={issuesUnder(issues, '/dispositions/offered')} />
        </fieldset>
      )}
      <div className="label-like">{t('campaigns.rules')}</div>
      <p className="hint">{t('campaigns.rulesHint')}</p>
      {(def.rules ?? []).length === 0 && <p className="muted small">{t('campaigns.noRules')}</p>}
      <ol className="campaign-rules">
        {(def.rules ?? []).map((r, i) => (
          <li key={r.id} className={`campaign-rule${issuesUnder(issues, `/rules/${i}`).length ? ' has-issues' : ''}`} data-testid="campaign-rule">
            <div className="campaign-rule-row">
              <span className="muted">{t('campaigns.when')}</span>
              <select aria-label={`${t('campaigns.ruleN', { n: i + 1 })}: ${t('campaigns.when')}`} value={whenOf(r)} onChange={(e) => setWhen(r, e.target.value)} data-testid="campaign-rule-when">
                <optgroup label={t('campaigns.lineOutcome')}>
                  {CAMPAIGN_CARRIER_OUTCOMES.map((o) => <option key={o} value={`line:${o}`}>{t(`campaigns.outcome.${o}`)}</option>)}
                </optgroup>
                <optgroup label={t('campaigns.agentOutcome')}>
                  {agentOutcomes.map((o) => <option key={o.key} value={`agent:${o.key}`}>{localize(o.label, locale) || o.key}</option>)}
                  {r.disposition && !agentOutcomes.some((o) => o.key === r.disposition) && <option value={`agent:${r.disposition}`}>{r.disposition} ⚠</option>}
                </optgroup>
              </select>
              <span className="muted">{t('campaigns.then')}</span>
              <select aria-label={`${t('campaigns.ruleN', { n: i + 1 })}: ${t('campaigns.then')}`} value={r.action} onChange={(e) => onChange((d) => updateRule(d, r.id, { action: e.target.value as CampaignRule['action'], ...(e.target.value === 'retry' ? { retryAfterMinutes: r.retryAfterMinutes ?? 30 } : {}) }))} data-testid="campaign-rule-action">
                {CAMPAIGN_ACTIONS.map((a) => <option key={a} value={a}>{t(`campaigns.action.${a}`)}</option>)}
              </select>
              <button type="button" className="icon-btn" aria-label={t('campaigns.removeRule', { n: i + 1 })} onClick={() => onChange((d) => removeRule(d, r.id))} data-testid="campaign-rule-remove">×</button>
            </div>
            {r.action === 'retry' && (
              <div className="campaign-rule-row">
                <label className="muted">{t('campaigns.retryAfter')}
                  <NumberInput min={1} step={1} value={r.retryAfterMinutes} aria-invalid={issuesAt(issues, `/rules/${i}/retryAfterMinutes`).length > 0} onValue={(v) => onChange((d) => updateRule(d, r.id, { retryAfterMinutes: v }))} data-testid="campaign-rule-after" />
                </label>
                <label className="muted">{t('campaigns.upTo')}
                  <NumberInput min={1} max={100} step={1} value={r.maxAttempts} onValue={(v) => onChange((d) => updateRule(d, r.id, { maxAttempts: v }))} data-testid="campaign-rule-attempts" />
                </label>
              </div>
            )}
            <InlineIssues issues={issuesUnder(issues, `/rules/${i}`)} />
          </li>
        ))}
      </ol>
      <button type="button" className="small" onClick={() => onChange(addRule)} data-testid="campaign-add-rule">{t('campaigns.addRule')}</button>
    </>
  );
}
