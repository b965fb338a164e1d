import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkReport, validateDefinition, type ReportDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { dropItem, type PaletteItem, type Zone } from './report-ops';
import { ReportJsonTab } from './ReportJsonTab';
import { ReportPalette } from './ReportPalette';
import { ReportPreview } from './ReportPreview';
import { ReportSettings } from './ReportSettings';
import { ReportZones } from './ReportZones';
import { useReportSource } from './use-report-source';

/** Moves focus to the first input the issue's path points at (a chip's picker, a setting). */
function focusIssue(path: string) {
  const target = document.querySelector(`[data-path="${CSS.escape(path)}"]`)?.closest('.zone-chip, .form-row, .report-filters')
    ?.querySelector('select, input, button');
  (target as HTMLElement | null | undefined)?.focus();
}

/**
 * The report designer: fields and metrics dragged from the palette onto rows, columns and measures, the source,
 * period, filters, order and chart at the side, a live preview on the real data with the sentence of what is
 * counted; the JSON tab for the rest. Autosaved as a draft and published like every definition.
 */
export function ReportDesigner({ defKey }: { defKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useDefinitionDraft('report', defKey);
  const { def, record } = draft;
  const source = useReportSource(def?.source ?? 'calls');
  const [tab, setTab] = useState<'design' | 'json'>('design');
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor));

  const localIssues = useMemo(() => {
    if (!def) return [];
    const own = validateDefinition(def, locale);
    // A records source's fields come from its entity: check them here as the publish will.
    if (own.length || source.kind !== 'records' || !source.fields) return own;
    return checkReport(def, locale, source.fields);
  }, [def, locale, source]);
  const issues = useMemo(() => [...localIssues, ...serverIssues.filter((s) => !localIssues.some((l) => l.path === s.path))], [localIssues, serverIssues]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  const update = (change: (d: ReportDefinition) => ReportDefinition) => draft.update(change);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const item = active.data.current as PaletteItem | undefined;
    if (item && over) update((d) => dropItem(d, item, over.id as Zone));
  };

  return (
    <DraftFrame kind="report" draft={draft} issueCount={localIssues.length} neverPublishedText={t('reports.discardNeverPublished')} className="designer report-designer">
      <div className="report-designer-bar">
        <IssueSummary def={def} issues={issues} onGo={(_f, path) => focusIssue(path)} />
        <div className="tabs" role="tablist" aria-label={t('reportDesigner.tabs')}>
          {(['design', 'json'] as const).map((k) => (
            <a key={k} href="#" role="tab" aria-selected={tab === k} aria-current={tab === k ? 'page' : undefined} data-testid={`report-tab-${k}`}
              onClick={(e) => { e.preventDefault(); setTab(k); }}>{t(`reportDesigner.tab.${k}`)}</a>
          ))}
        </div>
      </div>
      {tab === 'json' ? <ReportJsonTab key={record.version} def={def} onChange={(next) => update(() => next)} /> : (
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <div className="report-body">
            <aside className="report-pane"><ReportPalette source={source} /></aside>
            <main className="report-pane report-center">
              <ReportZones def={def} source={source} issues={issues} onChange={update} />
              <ReportPreview def={def} source={source} localIssues={localIssues.length} onServerIssues={setServerIssues} />
            </main>
            <aside className="report-pane"><ReportSettings def={def} source={source} issues={issues} onChange={update} /></aside>
          </div>
        </DndContext>
      )}
    </DraftFrame>
  );
}
