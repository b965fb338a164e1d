import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesAt, type Issue } from '../api/issues';
import { adjustTickets, type TicketBalanceJson, type TicketKind } from '../api/tickets';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/server-issues';
import { FormRow } from '../ui/FormRow';
import { FormFooter } from '../ui/FormFooter';
import { Modal } from '../ui/Modal';
import { NumberInput } from '../ui/NumberInput';

interface Props {
  agent: TicketBalanceJson;
  onClose(): void;
  onSaved(balance: TicketBalanceJson): void;
}

const KINDS = ['reward', 'penalty'] as const satisfies readonly TicketKind[];
const POINTERS = ['/kind', '/delta', '/reason'];

/** Grant or deduct one kind of ticket for one agent; the reason is required and goes into the log. */
export function TicketAdjustDialog({ agent, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'grant' | 'deduct'>('grant');
  const [kind, setKind] = useState<TicketKind>('reward');
  const [amount, setAmount] = useState<number | undefined>(1);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState<FormErrors>(NO_ERRORS);

  const balance = agent[kind];
  const issues: Issue[] = [];
  if (amount === undefined || !Number.isInteger(amount) || amount < 1) issues.push({ path: '/delta', code: 'client', message: t('tickets.amountInvalid') });
  else if (direction === 'deduct' && amount > balance) issues.push({ path: '/delta', code: 'client', message: t('tickets.overBalance', { balance }) });
  if (!reason.trim()) issues.push({ path: '/reason', code: 'client', message: t('tickets.reasonRequired') });
  const shown = [...(touched ? issues : []), ...server.issues];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setServer(NO_ERRORS);
    if (issues.length || amount === undefined) return;
    setBusy(true);
    try {
      const delta = direction === 'grant' ? amount : -amount;
      onSaved(await adjustTickets({ userId: agent.userId, kind, delta, reason: reason.trim() }));
    } catch (err) {
      setServer(formErrors(err, t, POINTERS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('tickets.adjustTitle', { name: agent.name })} onClose={onClose} testId="ticket-dialog">
      <form onSubmit={submit} className="stack" noValidate>
        <p className="muted small" data-testid="ticket-dialog-balance">
          {t('tickets.balance', { reward: agent.reward, penalty: agent.penalty })}
        </p>
        <div className="grid-2">
          <div className="form-row">
            <span className="label-text" id="ticket-direction">
              {t('tickets.action')}
            </span>
            <div className="segmented" role="radiogroup" aria-labelledby="ticket-direction">
              {(['grant', 'deduct'] as const).map((d) => (
                <label key={d} className={direction === d ? 'on' : ''}>
                  <input type="radio" name="ticket-direction" checked={direction === d} onChange={() => setDirection(d)} data-testid={`ticket-${d}`} />
                  {t(`tickets.${d}`)}
                </label>
              ))}
            </div>
          </div>
          <div className="form-row">
            <span className="label-text" id="ticket-kind">
              {t('tickets.kind')}
            </span>
            <div className="segmented" role="radiogroup" aria-labelledby="ticket-kind">
              {KINDS.map((k) => (
                <label key={k} className={kind === k ? 'on' : ''}>
                  <input type="radio" name="ticket-kind" checked={kind === k} onChange={() => setKind(k)} data-testid={`ticket-kind-${k}`} />
                  {t(`tickets.${k}`)}
                </label>
              ))}
            </div>
          </div>
        </div>
        <FormRow label={t('tickets.amount')} issues={issuesAt(shown, '/delta')}>
          {(id, invalid) => (
            <NumberInput id={id} min={1} step={1} aria-invalid={invalid} value={amount} onValue={setAmount} data-testid="ticket-amount" autoFocus />
          )}
        </FormRow>
        <FormRow label={t('tickets.reason')} issues={issuesAt(shown, '/reason')} hint={t('tickets.reasonHint')}>
          {(id, invalid) => (
            <textarea id={id} rows={2} maxLength={500} aria-invalid={invalid} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="ticket-reason" />
          )}
        </FormRow>
        <FormFooter
          error={server.general} testId="ticket" onCancel={onClose}
          disabled={busy}
          submitLabel={busy ? t('people.saving') : t(`tickets.${direction}`)}
        />
      </form>
    </Modal>
  );
}
