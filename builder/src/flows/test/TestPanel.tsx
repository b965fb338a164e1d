import { useTranslation } from 'react-i18next';
import { CallLog } from './CallLog';
import { Keypad } from './Keypad';
import type { Simulator } from './use-simulator';
import { VariableList } from './VariableList';
import { WaitingActions } from './WaitingActions';

/**
 * Calls the draft flow without a phone: a caller number and a clock to start with, a keypad, buttons for
 * whatever else the flow waits for; the canvas highlights where the call is and the path it took.
 */
export function TestPanel({ sim, blocked }: { sim: Simulator; blocked: boolean }) {
  const { t } = useTranslation();
  const { state } = sim;
  const live = state !== null && !state.ended;
  const waitsFor = state?.waiting?.for ?? [];
  return (
    <div className="test-panel" data-testid="test-panel" data-node={state?.node} data-waiting={waitsFor.join(' ')} data-ended={state?.ended ?? undefined}>
      <div className="panel-scroll">
        <div className="grid-2">
          <label className="stack-label small">
            {t('flows.test.caller')}
            <input value={sim.caller} onChange={(e) => sim.setCaller(e.target.value)} disabled={live} data-testid="sim-caller" />
          </label>
          <label className="stack-label small">
            {t('flows.test.clock')}
            <input type="datetime-local" value={sim.clock} onChange={(e) => sim.setClock(e.target.value)} disabled={live} aria-describedby="sim-clock-zone" data-testid="sim-clock" />
            <span className="hint" id="sim-clock-zone" data-testid="sim-clock-zone">
              {t('flows.test.clockZone', { zone: sim.timeZone })}
            </span>
          </label>
        </div>
        <div className="row gap sim-call">
          {live ? (
            <button type="button" className="danger" onClick={() => sim.send({ type: 'hangup' }, t('flows.test.hungUp'))} data-testid="sim-hangup">
              {t('flows.test.hangup')}
            </button>
          ) : (
            <button type="button" className="primary" onClick={sim.start} disabled={blocked || sim.busy} title={blocked ? t('flows.test.blocked') : undefined} data-testid="sim-start">
              ☎ {t('flows.test.start')}
            </button>
          )}
          {state?.ended && (
            <span className="badge muted" data-testid="sim-ended" data-reason={state.endReason}>
              {t('flows.test.ended', { reason: state.endReason ?? '' })}
            </span>
          )}
          {sim.busy && <span className="spinner" aria-label={t('state.loading')} />}
        </div>
        {blocked && !state && <p className="hint">{t('flows.test.blocked')}</p>}
        {sim.error && (
          <p className="form-error" role="alert" data-testid="sim-error">
            {sim.error}
          </p>
        )}
        <Keypad disabled={!live} onKey={(key) => sim.send({ type: 'digits', digits: key }, `⌨ ${key}`)} />
        <WaitingActions waitsFor={live ? waitsFor : []} disabled={sim.busy} onEvent={(e, label) => sim.send(e, label)} />
        <CallLog lines={sim.lines} />
        {state && <VariableList vars={state.vars} />}
      </div>
    </div>
  );
}
