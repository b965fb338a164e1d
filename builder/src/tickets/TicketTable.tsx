import { useTranslation } from 'react-i18next';
import type { TeamJson } from '../api/org';
import type { TicketBalanceJson } from '../api/tickets';
import { useLocale } from '../i18n';
import { teamPath } from '../people/team-tree';

interface Props {
  rows: TicketBalanceJson[];
  teams: TeamJson[];
  roleName(key: string): string;
  onAdjust(agent: TicketBalanceJson): void;
  onHistory(agent: TicketBalanceJson): void;
}

export function TicketTable({ rows, teams, roleName, onAdjust, onHistory }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <table className="table" data-testid="ticket-table">
      <thead>
        <tr>
          <th>{t('people.name')}</th>
          <th>{t('people.team')}</th>
          <th>{t('people.role')}</th>
          <th className="num">{t('tickets.reward')}</th>
          <th className="num">{t('tickets.penalty')}</th>
          <th>
            <span className="sr-only">{t('versions.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.userId} data-testid="ticket-row" data-user={b.userId} data-reward={b.reward} data-penalty={b.penalty}>
            <td>{b.name}</td>
            <td className={b.teamId ? undefined : 'muted'}>{b.teamId ? teamPath(teams, b.teamId, locale) || '—' : '—'}</td>
            <td>{roleName(b.role)}</td>
            <td className="num" data-testid="ticket-reward">
              {b.reward}
            </td>
            <td className="num" data-testid="ticket-penalty">
              {b.penalty}
            </td>
            <td className="nowrap">
              <button type="button" className="small" onClick={() => onAdjust(b)} data-testid="ticket-adjust" aria-label={t('tickets.adjustFor', { name: b.name })}>
                {t('tickets.adjust')}
              </button>{' '}
              <button type="button" className="small ghost" onClick={() => onHistory(b)} data-testid="ticket-history" aria-label={t('tickets.historyFor', { name: b.name })}>
                {t('tickets.history')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
