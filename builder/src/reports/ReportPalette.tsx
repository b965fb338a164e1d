import { useDraggable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_PATHS, localize, METRICS, type ReportField } from '@telesales/schemas';
import { useLocale } from '../i18n';
import { metricsFor, type PaletteItem } from './report-ops';
import type { ReportSource } from './use-report-source';

/** The id a palette item is dragged by (`builtIn:owner`, `field:talkSec`, `metric:aht`). */
export const itemId = (item: PaletteItem) =>
  item.kind === 'builtIn' ? `builtIn:${item.by}` : item.kind === 'field' ? `field:${item.field.key}` : `metric:${item.metric}`;

function Draggable({ item, children, title }: { item: PaletteItem; children: React.ReactNode; title?: string }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: itemId(item), data: item });
  return (
    <li ref={setNodeRef} {...listeners} {...attributes} className={`palette-item${isDragging ? ' dragging' : ''}`} data-testid={`palette-${itemId(item)}`} title={title}>
      {children}
    </li>
  );
}

/**
 * What can be dragged onto rows, columns and measures: the source's built-in dimensions, its fields (hidden-from-
 * grouping ones still measurable) and the catalogue's metrics for the source, each with its formula.
 */
export function ReportPalette({ source }: { source: ReportSource }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const builtIns = Object.keys(BUILT_IN_PATHS[source.kind]) as Array<'owner' | 'team' | 'pool' | 'task' | 'disposition'>;
  const metrics = metricsFor(source.kind, METRICS);
  const fieldType = (f: ReportField) => t(`types.${f.type}`);
  return (
    <div className="report-palette" data-testid="report-palette">
      <h3>{t('reportDesigner.dimensions')}</h3>
      <ul className="palette-list">
        {builtIns.map((by) => (
          <Draggable key={by} item={{ kind: 'builtIn', by }}>{t(`reportDesigner.builtIn.${by}`)}</Draggable>
        ))}
      </ul>
      <h3>{t('reportDesigner.fields')}</h3>
      {source.fields === null ? <p className="muted small">{t('reportDesigner.noFields')}</p> : (
        <ul className="palette-list">
          {source.fields.map((f) => (
            <Draggable key={f.key} item={{ kind: 'field', field: f }} title={fieldType(f)}>
              {localize(f.label, locale) || f.key}
            </Draggable>
          ))}
        </ul>
      )}
      {metrics.length > 0 && (
        <>
          <h3>{t('reportDesigner.metrics')}</h3>
          <ul className="palette-list metrics">
            {metrics.map((m) => (
              <Draggable key={m.id} item={{ kind: 'metric', metric: m.id }}>
                <strong>{localize(m.label, locale)}</strong>
                <span className="formula">{localize(m.formula, locale)}</span>
              </Draggable>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
