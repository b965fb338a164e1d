import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { issuesAt } from '../api/issues';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useAgentStatesDraft } from '../designer/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { InlineIssues } from '../ui/InlineIssues';
import { Loading } from '../ui/Loading';
import { SortableList } from '../ui/SortableList';
import { CallDefinitionSettings } from './CallDefinitionSettings';
import { freeKey, moveItem, patchItem, removeAt } from './call-list-ops';
import { focusItemIssue } from './focus-item-issue';
import { StateRow } from './StateRow';
import { useRowIds } from './use-row-ids';

/** The states of an agent's phone (ready, busy, after-call work, breaks): a sortable list, validated live, autosaved, published. */
export function AgentStatesEditor({ defKey }: { defKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useAgentStatesDraft(defKey);
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);
  const rows = useRowIds(def?.states.length ?? 0);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  // A new state is a break: the kinds the phone needs once (ready, busy, after-call work) usually exist already.
  const add = () => {
    rows.added();
    draft.update((d) => ({ ...d, states: [...d.states, { key: freeKey(d.states, 'break'), label: { zh: '', en: '' }, kind: 'break' as const }] }));
  };
  const move = (from: number, to: number) => {
    rows.moved(from, to);
    draft.update((d) => ({ ...d, states: moveItem(d.states, from, to) as typeof d.states }));
  };

  return (
    <DraftFrame kind="agent-states" draft={draft} issueCount={issues.length} neverPublishedText={t('agentStates.discardNeverPublished')} className="designer call-def-editor">
      <IssueSummary def={def} issues={issues} onGo={(_field, path) => focusItemIssue(path, 'state-row')} />
      <div className="call-def-body">
        <CallDefinitionSettings def={def} issues={issues} section="agentStates" onChange={draft.update} />
        <section className="pool-pane" aria-labelledby="states-title" data-testid="states">
          <div className="pane-head">
            <h2 id="states-title">{t('agentStates.states')}</h2>
            <button type="button" className="small" onClick={add} data-testid="add-state">
              + {t('agentStates.add')}
            </button>
          </div>
          <div className="pane-scroll pool-pane-body">
            <p className="hint">{t('agentStates.hint')}</p>
            <InlineIssues issues={issuesAt(issues, '/states')} testId="states-issues" />
            <SortableList ids={rows.ids} onMove={move}>
              <ol className="call-item-list">
                {def.states.map((state, i) => (
                  <StateRow
                    key={rows.ids[i]}
                    id={rows.ids[i]!}
                    state={state}
                    pointer={`/states/${i}`}
                    issues={issues}
                    onPatch={(patch) => draft.update((d) => ({ ...d, states: patchItem(d.states, i, patch) as typeof d.states }))}
                    onRemove={() => {
                      rows.removed(i);
                      draft.update((d) => ({ ...d, states: removeAt(d.states, i) as typeof d.states }));
                    }}
                  />
                ))}
              </ol>
            </SortableList>
          </div>
        </section>
      </div>
    </DraftFrame>
  );
}
