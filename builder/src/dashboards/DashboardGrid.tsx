import ReactGridLayout, { useContainerWidth, verticalCompactor, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import 'react-resizable/css/styles.css';
import { useTranslation } from 'react-i18next';
import { DASHBOARD_COLUMNS, type DashboardDefinition, type ReportParams } from '@telesales/schemas';
import type { DefinitionSummary } from '@telesales/schemas';
import { applyLayout, removeTile } from './dashboard-ops';
import { DashboardTileView } from './DashboardTileView';

const ROW_PX = 60;

interface Props {
  def: DashboardDefinition;
  reports: DefinitionSummary[];
  params: ReportParams;
  onChange(change: (def: DashboardDefinition) => DashboardDefinition): void;
}

/**
 * The tiles on the 12-column grid (react-grid-layout): dragged by their heading, resized by the corner, packed
 * upward; each change of place is written back into the tiles, so the saved layout is the one seen.
 */
export function DashboardGrid({ def, reports, params, onChange }: Props) {
  const { t } = useTranslation();
  const { width, containerRef, mounted } = useContainerWidth();
  const layout: Layout = def.tiles.map((tile) => ({ i: tile.id, x: tile.x, y: tile.y, w: tile.w, h: tile.h, minW: 2, minH: 2 }));
  return (
    <div ref={containerRef} className="dashboard-grid" data-testid="dashboard-grid" aria-label={t('dashboardDesigner.grid')}>
      {def.tiles.length === 0 && <p className="muted">{t('dashboardDesigner.emptyGrid')}</p>}
      {mounted && def.tiles.length > 0 && (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: DASHBOARD_COLUMNS, rowHeight: ROW_PX, margin: [10, 10] }}
          dragConfig={{ enabled: true, handle: '.tile-drag-handle' }}
          resizeConfig={{ enabled: true }}
          compactor={verticalCompactor}
          // The grid reports its layout on mount too: only a real move or resize becomes an edit (and a draft).
          onLayoutChange={(next) => {
            if (applyLayout(def, next) !== def) onChange((d) => applyLayout(d, next));
          }}
        >
          {def.tiles.map((tile) => (
            <div key={tile.id} data-testid={`grid-item-${tile.id}`}>
              <DashboardTileView tile={tile} reportLabel={reports.find((r) => r.key === tile.report)?.label} params={params}
                onRemove={() => onChange((d) => removeTile(d, tile.id))} />
            </div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  );
}
