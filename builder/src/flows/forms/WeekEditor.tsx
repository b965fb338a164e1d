import { useTranslation } from 'react-i18next';
import { issuesUnder, type Issue } from '../../api/issues';
import { InlineIssues } from '../../ui/InlineIssues';
import { removeAt, replaceAt } from './form-props';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
type Range = { from: string; to: string };
export type Week = Partial<Record<Day, Range[]>>;

interface Props {
  week: Week;
  issues: readonly Issue[];
  pointer: string;
  onChange(week: Week): void;
}

/** Opening hours per weekday: any number of from–to ranges, none = closed; "copy Monday" fills the working week. */
export function WeekEditor({ week, issues, pointer, onChange }: Props) {
  const { t } = useTranslation();
  const setDay = (day: Day, ranges: Range[]) => onChange({ ...week, [day]: ranges });
  return (
    <fieldset className="week-editor" data-testid="hours-week">
      <legend>{t('flows.form.week')}</legend>
      {DAYS.map((day) => {
        const ranges = week[day] ?? [];
        return (
          <div key={day} className="week-day" data-day={day}>
            <span className="week-day-name">{t(`flows.day.${day}`)}</span>
            <div className="week-ranges">
              {ranges.length === 0 && <span className="muted small">{t('flows.form.closed')}</span>}
              {ranges.map((r, i) => (
                <span key={i} className="week-range">
                  <input type="time" value={r.from} aria-label={`${t(`flows.day.${day}`)} ${t('flows.form.from')}`} onChange={(e) => setDay(day, replaceAt(ranges, i, { ...r, from: e.target.value }))} />
                  –
                  <input type="time" value={r.to === '24:00' ? '23:59' : r.to} aria-label={`${t(`flows.day.${day}`)} ${t('flows.form.to')}`} onChange={(e) => setDay(day, replaceAt(ranges, i, { ...r, to: e.target.value }))} />
                  <button type="button" className="icon-btn danger" aria-label={t('action.remove')} onClick={() => setDay(day, removeAt(ranges, i))}>
                    ×
                  </button>
                </span>
              ))}
              {ranges.length < 6 && (
                <button type="button" className="icon-btn" aria-label={t('flows.form.addRange')} title={t('flows.form.addRange')} onClick={() => setDay(day, [...ranges, { from: '09:00', to: '18:00' }])}>
                  +
                </button>
              )}
            </div>
            <InlineIssues issues={issuesUnder(issues, `${pointer}/${day}`)} />
          </div>
        );
      })}
      <button type="button" className="small" onClick={() => onChange({ ...week, tue: week.mon, wed: week.mon, thu: week.mon, fri: week.mon })}>
        {t('flows.form.copyMonday')}
      </button>
    </fieldset>
  );
}
