import { useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDefinition } from '@telesales/schemas';
import { issuesUnder, type Issue } from '../api/issues';
import { DimensionChip } from './DimensionChip';
import { MeasureChip } from './MeasureChip';
import type { Zone } from './report-ops';
import type { ReportSource } from './use-report-source';

function DropZone({ zone, title, hint, children }: { zone: Zone; title: string; hint: string; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: zone });
  return (
    <section ref={setNodeRef} className={`drop-zone${isOver ? ' over' : ''}`} data-testid={`zone-${zone}`} aria-label={title}>
      <h3>{title}</h3>
      <div className="drop-zone-items">{children}</div>
      <p className="muted small drop-hint">{hint}</p>
    </section>
  );
}

interface Props {
  def: ReportDefinition;
  source: ReportSource;
  issues: readonly Issue[];
  onChange(change: (def: ReportDefinition) => ReportDefinition): void;
}

/** Rows, columns and measures: where palette items are dropped, each placed one with its pickers and its problems. */
export function ReportZones({ def, source, issues, onChange }: Props) {
  const { t } = useTranslation();
  const dims = (def.dimensions ?? []).map((d, index) => ({ d, index }));
  const columnsId = def.visual.options?.columns;
  const chip = ({ d, index }: (typeof dims)[number]) => (
    <DimensionChip key={d.id} dimension={d} source={source} issues={issuesUnder(issues, `/dimensions/${index}`)} onChange={onChange} />
  );
  return (
    <div className="report-zones">
      <DropZone zone="rows" title={t('reportDesigner.rows')} hint={t('reportDesigner.rowsHint')}>
        {dims.filter(({ d }) => d.id !== columnsId).map(chip)}
      </DropZone>
      <DropZone zone="columns" title={t('reportDesigner.columns')} hint={t('reportDesigner.columnsHint')}>
        {dims.filter(({ d }) => d.id === columnsId).map(chip)}
      </DropZone>
      <DropZone zone="measures" title={t('reportDesigner.measures')} hint={t('reportDesigner.measuresHint')}>
        {def.measures.map((m, i) => (
          <MeasureChip key={m.id} def={def} measure={m} source={source} issues={issuesUnder(issues, `/measures/${i}`)} onChange={onChange} />
        ))}
      </DropZone>
    </div>
  );
}
