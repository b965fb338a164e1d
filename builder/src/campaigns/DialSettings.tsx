import { useTranslation } from 'react-i18next';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { PanelSection } from '../ui/PanelSection';
import { TagsInput } from '../ui/TagsInput';
import { DIAL_MODES, setCallerNumbers, setLimit, setProp, type Campaign } from './campaign-ops';
import { NumberField } from './NumberField';

interface Props {
  def: Campaign;
  issues: readonly Issue[];
  onChange(change: (def: Campaign) => Campaign): void;
}

/** How the task dials: the mode, its pacing limits, the caller numbers it presents and how often one number is called. */
export function DialSettings({ def, issues, onChange }: Props) {
  const { t } = useTranslation();
  const num = (key: 'ratio' | 'maxConcurrent' | 'maxLinesPerAgent' | 'abandonTarget' | 'abandonWindowDays' | 'ringTimeoutSec' | 'wrapupSec', limits: { min: number; max: number; step?: number }) => (
    <NumberField
      label={t(`campaigns.${key}`)}
      hint={t(`campaigns.${key}Hint`)}
      issues={issues}
      pointer={`/${key}`}
      value={def[key]}
      // maxConcurrent is required: clearing it keeps the last value rather than dropping the key.
      onValue={(v) => onChange((d) => (key === 'maxConcurrent' && v === undefined ? d : setProp(d, key, v)))}
      testId={`campaign-${key}`}
      step={limits.step ?? 1}
      {...limits}
    />
  );
  return (
    <>
      <PanelSection title={t('campaigns.dialing')}>
        <div className="segmented" role="radiogroup" aria-label={t('campaigns.dialMode')} data-testid="campaign-dialMode">
          {DIAL_MODES.map((mode) => (
            <label key={mode} className={def.dialMode === mode ? 'on' : ''}>
              <input type="radio" name="campaign-mode" checked={def.dialMode === mode} onChange={() => onChange((d) => ({ ...d, dialMode: mode }))} data-testid={`campaign-mode-${mode}`} />
              {t(`campaigns.mode_${mode}`)}
            </label>
          ))}
        </div>
        <p className="hint">{t(`campaigns.mode_${def.dialMode}Hint`)}</p>
        <InlineIssues issues={issuesAt(issues, '/dialMode')} />
        {def.dialMode === 'progressive' && num('ratio', { min: 1, max: 5, step: 0.1 })}
        {num('maxConcurrent', { min: 1, max: 10000 })}
        {def.dialMode !== 'preview' && num('maxLinesPerAgent', { min: 1, max: 5, step: 0.1 })}
        {def.dialMode === 'predictive' && num('abandonTarget', { min: 0, max: 10, step: 0.1 })}
        {def.dialMode === 'predictive' && num('abandonWindowDays', { min: 1, max: 90 })}
        {num('ringTimeoutSec', { min: 10, max: 120 })}
        {num('wrapupSec', { min: 0, max: 3600 })}
      </PanelSection>
      <PanelSection title={t('campaigns.callerNumbers')}>
        <FormRow label={t('campaigns.numbers')} hint={t('campaigns.numbersHint')} issues={issuesUnder(issues, '/callerNumbers/numbers')}>
          {(id, invalid) => (
            <TagsInput id={id} aria-invalid={invalid} value={def.callerNumbers?.numbers} onValue={(numbers) => onChange((d) => setCallerNumbers(d, { numbers: numbers ?? [] }))} placeholder="+8610…" data-testid="campaign-callerNumbers" />
          )}
        </FormRow>
        <NumberField
          label={t('campaigns.coolDownHours')}
          hint={t('campaigns.coolDownHoursHint')}
          issues={issues}
          pointer="/callerNumbers/coolDownHours"
          value={def.callerNumbers?.coolDownHours}
          onValue={(coolDownHours) => onChange((d) => setCallerNumbers(d, { coolDownHours }))}
          min={0}
          max={8760}
          step={1}
          testId="campaign-coolDownHours"
        />
      </PanelSection>
      <PanelSection title={t('campaigns.limits')} collapsed={!def.limits}>
        {(['perDay', 'lifetime'] as const).map((key) => (
          <NumberField
            key={key}
            label={t(`campaigns.${key}`)}
            issues={issues}
            pointer={`/limits/${key}`}
            value={def.limits?.[key]}
            onValue={(v) => onChange((d) => setLimit(d, key, v))}
            min={1}
            step={1}
            testId={`campaign-limits-${key}`}
          />
        ))}
      </PanelSection>
    </>
  );
}
