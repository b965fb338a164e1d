import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { listTeams } from '../api/org';
import { listTicketBalances, type TicketBalanceJson } from '../api/tickets';
import { useAsync } from '../hooks/use-async';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { TicketAdjustDialog } from './TicketAdjustDialog';
import { TicketHistoryDialog } from './TicketHistoryDialog';
import { TicketTable } from './TicketTable';

type Dialog = { kind: 'adjust' | 'history'; agent: TicketBalanceJson };

/** Reward and penalty ticket balances per agent; grant or deduct by hand with a reason, and each agent's history. */
export function TicketsPage() {
  const { t } = useTranslation();
  const balances = useAsync(listTicketBalances, []);
  // Team and role names are a nicety: without the right to list them the columns show a dash or the key.
  const teams = useAsync(listTeams, []);
  const roles = useAsync(() => listDefinitions('role'), []);
  const locale = useLocale();
  const roleName = (key: string) => {
    const role = roles.data?.find((r) => r.key === key);
    return role ? localize(role.label, locale) || key : key;
  };
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const q = query.trim().toLowerCase();
  const rows = (balances.data ?? []).filter((b) => !q || b.name.toLowerCase().includes(q));

  return (
    <div className="tickets-page" data-testid="tickets-page">
      <div className="page-head">
        <div>
          <h1>{t('tickets.title')}</h1>
          <p className="muted small page-intro">{t('tickets.intro')}</p>
        </div>
      </div>
      {flash && (
        <div className="toast" role="status" data-testid="tickets-saved" onAnimationEnd={() => setFlash(null)}>
          {flash}
        </div>
      )}
      <section className="pane" aria-labelledby="tickets-agents">
        <div className="pane-head">
          <h2 id="tickets-agents">
            {t('tickets.agents')} {balances.data && <span className="muted">({balances.data.length})</span>}
          </h2>
          <input
            type="search"
            className="search"
            placeholder={t('tickets.search')}
            aria-label={t('tickets.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="tickets-search"
          />
        </div>
        <div className="pane-scroll">
          {balances.loading && !balances.data && <Loading />}
          {balances.error != null && <ErrorState error={balances.error} onRetry={balances.reload} />}
          {balances.data && balances.data.length === 0 && (
            <div className="state empty" data-testid="tickets-empty">
              <strong>{t('tickets.empty')}</strong>
              <p className="muted">{t('tickets.emptyHint')}</p>
            </div>
          )}
          {balances.data && balances.data.length > 0 && rows.length === 0 && (
            <div className="state empty small">{t('people.noMatch', { query })}</div>
          )}
          {rows.length > 0 && (
            <TicketTable
              rows={rows}
              teams={teams.data ?? []}
              roleName={roleName}
              onAdjust={(agent) => setDialog({ kind: 'adjust', agent })}
              onHistory={(agent) => setDialog({ kind: 'history', agent })}
            />
          )}
        </div>
      </section>
      {dialog?.kind === 'adjust' && (
        <TicketAdjustDialog
          agent={dialog.agent}
          onClose={() => setDialog(null)}
          onSaved={(balance) => {
            setDialog(null);
            setFlash(t('tickets.saved', { name: balance.name, reward: balance.reward, penalty: balance.penalty }));
            balances.reload();
          }}
        />
      )}
      {dialog?.kind === 'history' && <TicketHistoryDialog agent={dialog.agent} onClose={() => setDialog(null)} />}
    </div>
  );
}
