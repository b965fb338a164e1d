import { Fragment, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import type { DefinitionOf } from '../api/definitions';
import { issuesAt, type Issue } from '../api/issues';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import type { DefinitionDraft } from '../hooks/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { InlineIssues } from '../ui/InlineIssues';
import { Loading } from '../ui/Loading';
import { SortableList } from '../ui/SortableList';
import { CallDefinitionSettings } from './CallDefinitionSettings';
import { moveItem, patchItem, removeAt } from './call-list-ops';
import { focusItemIssue } from './focus-item-issue';
import { useRowIds } from './use-row-ids';

/** What the editor hands each row of its list (the row adds the item itself). */
export interface ItemRowProps<T> {
  id: string;
  pointer: string;
  issues: readonly Issue[];
  onPatch(patch: Partial<T>): void;
  onRemove(): void;
}

interface Props<K extends 'dispositions' | 'agent-states', T extends { key: string }> {
  kind: K;
  draft: DefinitionDraft<K>;
  /** i18n section (title `${section}.${list}`, add, hint, discard text) and settings test id prefix. */
  section: 'dispositions' | 'agentStates';
  /** The definition's list property: its JSON pointer and the section's test id. */
  list: 'outcomes' | 'states';
  /** One item in test ids: add-${item}, ${item}-row. */
  item: 'outcome' | 'state';
  /** Test id of the list's own issues (default: InlineIssues'). */
  issuesTestId?: string;
  items(def: DefinitionOf[K]): readonly T[];
  withItems(def: DefinitionOf[K], items: T[]): DefinitionOf[K];
  newItem(items: readonly T[]): T;
  renderRow(item: T, row: ItemRowProps<T>): ReactNode;
}

/** A call definition (outcomes, agent states) as a sortable list of items, validated live, autosaved, published. */
export function CallListEditor<K extends 'dispositions' | 'agent-states', T extends { key: string }>(props: Props<K, T>) {
  const { kind, draft, section, list, item, issuesTestId, items, withItems, newItem, renderRow } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const { def, record } = draft;
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);
  const rows = useRowIds(def ? items(def).length : 0);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  const edit = (change: (current: readonly T[]) => T[]) => draft.update((d) => withItems(d, change(items(d))));
  const add = () => {
    rows.added();
    edit((current) => [...current, newItem(current)]);
  };
  const move = (from: number, to: number) => {
    rows.moved(from, to);
    edit((current) => moveItem(current, from, to));
  };

  return (
    <DraftFrame kind={kind} draft={draft} issueCount={issues.length} neverPublishedText={t(`${section}.discardNeverPublished`)} className="designer call-def-editor">
      <IssueSummary def={def} issues={issues} onGo={(_field, path) => focusItemIssue(path, `${item}-row`)} />
      <div className="call-def-body">
        <CallDefinitionSettings def={def} issues={issues} section={section} onChange={draft.update} />
        <section className="pool-pane" aria-labelledby={`${list}-title`} data-testid={list}>
          <div className="pane-head">
            <h2 id={`${list}-title`}>{t(`${section}.${list}`)}</h2>
            <button type="button" className="small" onClick={add} data-testid={`add-${item}`}>
              + {t(`${section}.add`)}
            </button>
          </div>
          <div className="pane-scroll pool-pane-body">
            <p className="hint">{t(`${section}.hint`)}</p>
            <InlineIssues issues={issuesAt(issues, `/${list}`)} testId={issuesTestId} />
            <SortableList ids={rows.ids} onMove={move}>
              <ol className="call-item-list">
                {items(def).map((one, i) => (
                  <Fragment key={rows.ids[i]}>
                    {renderRow(one, {
                      id: rows.ids[i]!,
                      pointer: `/${list}/${i}`,
                      issues,
                      onPatch: (patch) => edit((current) => patchItem(current, i, patch)),
                      onRemove: () => {
                        rows.removed(i);
                        edit((current) => removeAt(current, i));
                      },
                    })}
                  </Fragment>
                ))}
              </ol>
            </SortableList>
          </div>
        </section>
      </div>
    </DraftFrame>
  );
}
