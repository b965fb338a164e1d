import { useTranslation } from 'react-i18next';
import { listTicketLog, type TicketBalanceJson } from '../api/tickets';
import { useAsync } from '../hooks/use-async';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { Modal } from '../ui/Modal';

/** Every grant, deduction and use of one agent's tickets, newest first, with who did it and why. */
export function TicketHistoryDialog({ agent, onClose }: { agent: TicketBalanceJson; onClose(): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const log = useAsync(() => listTicketLog(agent.userId), [agent.userId]);
  const entries = [...(log.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
  return (
    <Modal title={t('tickets.historyTitle', { name: agent.name })} onClose={onClose} testId="ticket-history-dialog" wide>
      {log.loading && !log.data && <Loading />}
      {log.error != null && <ErrorState error={log.error} onRetry={log.reload} />}
      {log.data && entries.length === 0 && (
        <p className="state empty small" data-testid="ticket-history-empty">
          {t('tickets.historyEmpty')}
        </p>
      )}
      {entries.length > 0 && (
        <table className="table" data-testid="ticket-history">
          <thead>
            <tr>
              <th>{t('versions.at')}</th>
              <th>{t('tickets.kind')}</th>
              <th className="num">{t('tickets.change')}</th>
              <th>{t('tickets.reason')}</th>
              <th>{t('tickets.by')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="ticket-log-row" data-kind={e.kind} data-delta={e.delta}>
                <td className="nowrap muted">{when(e.at)}</td>
                <td>
                  <span className={`badge ${e.kind === 'reward' ? 'success' : 'danger'}`}>{t(`tickets.${e.kind}`)}</span>
                </td>
                <td className={`num ${e.delta > 0 ? 'plus' : 'minus'}`}>{e.delta > 0 ? `+${e.delta}` : e.delta}</td>
                <td>{e.reason}</td>
                <td>{e.by.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
