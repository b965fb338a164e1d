import { useTranslation } from 'react-i18next';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { PrincipalList } from '../pools/PrincipalList';
import { usePrincipals } from '../pools/use-principals';
import { CheckboxRow } from '../ui/CheckboxRow';
import { FormRow } from '../ui/FormRow';
import { PanelSection } from '../ui/PanelSection';
import { TagsInput } from '../ui/TagsInput';
import { setDay, setSchedule, type Campaign } from './campaign-ops';
import { WeekWindows } from './WeekWindows';

interface Props {
  def: Campaign;
  issues: readonly Issue[];
  onChange(change: (def: Campaign) => Campaign): void;
}

/** Who works the task and when it may call: dates, weekday windows, holidays, the time zone they are read in. */
export function CampaignPeople({ def, issues, onChange }: Props) {
  const { t } = useTranslation();
  const principals = usePrincipals();
  const s = def.schedule;
  const text = (key: 'timeZone' | 'startDate' | 'endDate', type: 'text' | 'date', hint?: string) => (
    <FormRow label={t(`campaigns.${key}`)} hint={hint} issues={issuesAt(issues, `/schedule/${key}`)}>
      {(id, invalid) => (
        <input id={id} type={type} aria-invalid={invalid} value={s[key] ?? ''} onChange={(e) => onChange((d) => setSchedule(d, key, e.target.value))} data-testid={`campaign-${key}`} />
      )}
    </FormRow>
  );
  return (
    <section className="pool-pane" aria-labelledby="campaign-people-title" data-testid="campaign-people">
      <div className="pane-head">
        <h2 id="campaign-people-title">{t('campaigns.people')}</h2>
      </div>
      <div className="pane-scroll pool-pane-body">
        <PanelSection title={t('campaigns.agents')}>
          <PrincipalList
            chosen={def.agents ?? []}
            onChange={(change) => onChange((d) => ({ ...d, agents: change(d.agents ?? []) }))}
            principals={principals}
            issues={issues}
            pointer="/agents"
            text={{ title: t('campaigns.agents'), hint: t('campaigns.agentsHint'), empty: t('campaigns.agentsEmpty') }}
            testId="campaign-agents"
          />
        </PanelSection>
        <PanelSection title={t('campaigns.schedule')}>
          {text('timeZone', 'text', t('campaigns.timeZoneHint'))}
          <div className="row gap">
            {text('startDate', 'date')}
            {text('endDate', 'date')}
          </div>
          <div className="label-like">{t('campaigns.week')}</div>
          <p className="hint">{t('campaigns.weekHint')}</p>
          <WeekWindows week={s.week} issues={issues} pointer="/schedule/week" onDay={(day, windows) => onChange((d) => setDay(d, day, windows))} />
          <FormRow label={t('campaigns.holidays')} hint={t('campaigns.holidaysHint')} issues={issuesUnder(issues, '/schedule/holidays')}>
            {(id, invalid) => (
              <TagsInput id={id} aria-invalid={invalid} value={s.holidays} onValue={(h) => onChange((d) => setSchedule(d, 'holidays', h))} placeholder="2026-10-01" data-testid="campaign-holidays" />
            )}
          </FormRow>
          <CheckboxRow label={t('campaigns.calleeTimeZone')} checked={s.calleeTimeZone ?? true} onChange={(on) => onChange((d) => setSchedule(d, 'calleeTimeZone', on ? undefined : false))} testId="campaign-calleeTimeZone" />
        </PanelSection>
      </div>
    </section>
  );
}
