import { useTranslation } from 'react-i18next';
import type { SimEventInput } from '../../api/flows';

/** Events other than keys that the current node waits for (an agent answering, a lookup's answer...), as buttons. */
const EVENTS: Record<string, SimEventInput[]> = {
  promptDone: [{ type: 'promptDone' }],
  timeout: [{ type: 'timeout' }],
  lookupResult: [{ type: 'lookupResult', found: true, values: {} }, { type: 'lookupResult', found: false }],
  httpResult: [{ type: 'httpResult', ok: true, status: 200, body: {} }, { type: 'httpResult', ok: false, status: 500 }],
  agentAnswered: [{ type: 'agentAnswered', agentId: 'agent' }],
  agentLegEnded: [{ type: 'agentLegEnded' }],
  queueTimeout: [{ type: 'queueTimeout' }],
  recordingDone: [{ type: 'recordingDone', file: 'recording' }],
  transferFailed: [{ type: 'transferFailed' }],
};

const labelKey = (e: SimEventInput) =>
  e.type === 'lookupResult' || e.type === 'httpResult' ? `${e.type}_${e.found ?? e.ok ? 'yes' : 'no'}` : e.type;

export function WaitingActions({ waitsFor, onEvent, disabled }: { waitsFor: readonly string[]; onEvent(e: SimEventInput, label: string): void; disabled: boolean }) {
  const { t } = useTranslation();
  const events = waitsFor.flatMap((type) => EVENTS[type] ?? []);
  if (events.length === 0) return null;
  return (
    <div className="row gap sim-actions">
      {events.map((e) => {
        const label = t(`flows.test.event.${labelKey(e)}`);
        return (
          <button key={labelKey(e)} type="button" className="small" disabled={disabled} onClick={() => onEvent(e, label)} data-testid={`sim-${labelKey(e)}`}>
            {label}
          </button>
        );
      })}
    </div>
  );
}
