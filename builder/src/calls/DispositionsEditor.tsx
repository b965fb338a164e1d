import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { issuesAt } from '../api/issues';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useDispositionsDraft } from '../designer/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { InlineIssues } from '../ui/InlineIssues';
import { Loading } from '../ui/Loading';
import { SortableList } from '../ui/SortableList';
import { CallDefinitionSettings } from './CallDefinitionSettings';
import { freeKey, moveItem, patchItem, removeAt } from './call-list-ops';
import { focusItemIssue } from './focus-item-issue';
import { OutcomeRow } from './OutcomeRow';
import { useRowIds } from './use-row-ids';

/** Call outcomes agents pick after a call: a sortable list, validated live, autosaved as a draft, published with a message. */
export function DispositionsEditor({ defKey }: { defKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useDispositionsDraft(defKey);
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);
  const rows = useRowIds(def?.outcomes.length ?? 0);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  const outcomes = def.outcomes;
  const add = () => {
    rows.added();
    draft.update((d) => ({ ...d, outcomes: [...d.outcomes, { key: freeKey(d.outcomes, 'outcome'), label: { zh: '', en: '' } }] }));
  };
  const move = (from: number, to: number) => {
    rows.moved(from, to);
    draft.update((d) => ({ ...d, outcomes: moveItem(d.outcomes, from, to) as typeof d.outcomes }));
  };

  return (
    <DraftFrame kind="dispositions" draft={draft} issueCount={issues.length} neverPublishedText={t('dispositions.discardNeverPublished')} className="designer call-def-editor">
      <IssueSummary def={def} issues={issues} onGo={(_field, path) => focusItemIssue(path, 'outcome-row')} />
      <div className="call-def-body">
        <CallDefinitionSettings def={def} issues={issues} section="dispositions" onChange={draft.update} />
        <section className="pool-pane" aria-labelledby="outcomes-title" data-testid="outcomes">
          <div className="pane-head">
            <h2 id="outcomes-title">{t('dispositions.outcomes')}</h2>
            <button type="button" className="small" onClick={add} data-testid="add-outcome">
              + {t('dispositions.add')}
            </button>
          </div>
          <div className="pane-scroll pool-pane-body">
            <p className="hint">{t('dispositions.hint')}</p>
            <InlineIssues issues={issuesAt(issues, '/outcomes')} />
            <SortableList ids={rows.ids} onMove={move}>
              <ol className="call-item-list">
                {outcomes.map((outcome, i) => (
                  <OutcomeRow
                    key={rows.ids[i]}
                    id={rows.ids[i]!}
                    outcome={outcome}
                    pointer={`/outcomes/${i}`}
                    issues={issues}
                    onPatch={(patch) => draft.update((d) => ({ ...d, outcomes: patchItem(d.outcomes, i, patch) as typeof d.outcomes }))}
                    onRemove={() => {
                      rows.removed(i);
                      draft.update((d) => ({ ...d, outcomes: removeAt(d.outcomes, i) as typeof d.outcomes }));
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
