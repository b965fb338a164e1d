import { useTranslation } from 'react-i18next';
import type { AgentStateDefinition, AgentStateKind } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { NumberInput } from '../ui/NumberInput';
import { SortableRow } from '../ui/SortableRow';
import { ItemLabelInputs } from './ItemLabelInputs';

interface Props {
  id: string;
  state: AgentStateDefinition;
  pointer: string;
  issues: readonly Issue[];
  onPatch(patch: Partial<AgentStateDefinition>): void;
  onRemove(): void;
}

export const STATE_KINDS = ['ready', 'busy', 'wrapup', 'break'] as const satisfies readonly AgentStateKind[];

/** One agent state: key, zh/en name, what the system does in it, and its longest time; its problems under it. */
export function StateRow({ id, state, pointer, issues, onPatch, onRemove }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = localize(state.label, locale) || state.key;
  return (
    <SortableRow id={id} className="call-item-row" handleLabel={t('agentStates.drag', { name })} testId="state-row" data={{ key: state.key, kind: state.kind }}>
      {(handle) => (
        <>
          <div className="call-item-line">
            {handle}
            <input
              className="mono call-item-key"
              value={state.key}
              aria-label={t('field.key')}
              aria-invalid={issuesAt(issues, `${pointer}/key`).length > 0}
              onChange={(e) => onPatch({ key: e.target.value })}
              data-testid="state-key"
            />
            <ItemLabelInputs label={state.label} pointer={pointer} issues={issues} onChange={(label) => onPatch({ label })} />
            <button type="button" className="ghost small" aria-label={t('agentStates.remove', { name })} onClick={onRemove} data-testid="state-remove">
              ✕
            </button>
          </div>
          <div className="call-item-flags">
            <label className="inline-field">
              <span>{t('agentStates.kind')}</span>
              <select
                value={state.kind}
                aria-invalid={issuesAt(issues, `${pointer}/kind`).length > 0}
                onChange={(e) => onPatch({ kind: e.target.value as AgentStateKind })}
                data-testid="state-kind"
              >
                {STATE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`agentStates.kind_${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field" title={t('agentStates.maxSecHint')}>
              <span>{t('agentStates.maxSec')}</span>
              <NumberInput
                className="call-item-number"
                min={1}
                max={86400}
                step={1}
                value={state.maxSec}
                aria-invalid={issuesAt(issues, `${pointer}/maxSec`).length > 0}
                onValue={(maxSec) => onPatch({ maxSec })}
                data-testid="state-maxSec"
              />
            </label>
          </div>
          <InlineIssues issues={issuesUnder(issues, pointer)} />
        </>
      )}
    </SortableRow>
  );
}
