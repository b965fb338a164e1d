import { useTranslation } from 'react-i18next';
import { issuesUnder, type Issue } from '../api/issues';
import { InlineIssues } from '../ui/InlineIssues';
import { TagsInput } from '../ui/TagsInput';
import { DAYS, type Day, type Week } from './campaign-ops';

interface Props {
  week: Week;
  issues: readonly Issue[];
  /** The week's JSON pointer (a window's issue is at `${pointer}/mon/1`). */
  pointer: string;
  onDay(day: Day, windows: string[] | undefined): void;
}

/** A row per weekday: its calling windows as "09:00-12:00, 13:30-18:00", each problem under its day. */
export function WeekWindows({ week, issues, pointer, onDay }: Props) {
  const { t } = useTranslation();
  return (
    <div className="week-windows" data-testid="campaign-week">
      {DAYS.map((day) => {
        const dayIssues = issuesUnder(issues, `${pointer}/${day}`);
        const name = t(`campaigns.day.${day}`);
        return (
          <div key={day} className={`week-day${dayIssues.length ? ' has-issues' : ''}`} data-testid={`campaign-day-${day}`}>
            <span className="week-day-name">{name}</span>
            <TagsInput
              aria-label={t('campaigns.windowsOf', { day: name })}
              aria-invalid={dayIssues.length > 0}
              value={week[day]}
              onValue={(windows) => onDay(day, windows)}
              placeholder={t('campaigns.noCalls')}
              data-testid={`campaign-windows-${day}`}
            />
            <InlineIssues issues={dayIssues} />
          </div>
        );
      })}
    </div>
  );
}
