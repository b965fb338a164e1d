import { useTranslation } from 'react-i18next';
import { issuesUnder } from '../../api/issues';
import { FormRow } from '../../ui/FormRow';
import { TagsInput } from '../../ui/TagsInput';
import { withKey, type FormProps } from './form-props';
import { TextRow } from './rows';
import { WeekEditor, type Week } from './WeekEditor';

const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'];

/** Business hours: a week schedule and holidays in one time zone; the call leaves through open or closed. */
export function HoursForm({ node, issues, base, set }: FormProps<'hours'>) {
  const { t } = useTranslation();
  const c = node.config;
  return (
    <>
      <TextRow label={t('flows.form.timeZone')} value={c.timeZone} list="flow-time-zones" onChange={(v) => set({ ...c, timeZone: v ?? '' })} issues={issues} pointer={`${base}/timeZone`} testId="hours-timeZone" />
      <datalist id="flow-time-zones">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <WeekEditor week={c.week as Week} issues={issues} pointer={`${base}/week`} onChange={(week) => set({ ...c, week })} />
      <FormRow label={t('flows.form.holidays')} issues={issuesUnder(issues, `${base}/holidays`)} hint={t('flows.form.holidaysHint')}>
        {(id, invalid) => <TagsInput id={id} value={c.holidays} aria-invalid={invalid} placeholder="2026-10-01, 2026-10-02" onValue={(v) => set(withKey(c, 'holidays', v))} data-testid="hours-holidays" />}
      </FormRow>
    </>
  );
}
