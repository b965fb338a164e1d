import { issue } from '../../messages.js';
import type { DashboardDefinition, Locale, ValidationIssue } from '../../types.js';
import { DASHBOARD_COLUMNS } from './schema.js';

type Tile = DashboardDefinition['tiles'][number];

const overlaps = (a: Tile, b: Tile) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * What the schema cannot say about a dashboard: tile ids once each, tiles inside the grid's width and not on top of
 * one another, a default range among the offered ones. Reports and roles that must exist are checked at publish
 * (runtime/src/dashboards/publish-checks.ts), since they are other definitions.
 */
export function checkDashboard(def: DashboardDefinition, locale: Locale): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const ids = new Set<string>();
  def.tiles.forEach((t, i) => {
    if (ids.has(t.id)) out.push(issue(`/tiles/${i}/id`, 'duplicate_id', locale, { id: t.id }));
    ids.add(t.id);
    if (t.x + t.w > DASHBOARD_COLUMNS) out.push(issue(`/tiles/${i}/w`, 'dashboard_tile_too_wide', locale, { columns: DASHBOARD_COLUMNS }));
    const under = def.tiles.findIndex((o, j) => j < i && overlaps(o, t));
    if (under >= 0) out.push(issue(`/tiles/${i}`, 'dashboard_tiles_overlap', locale, { other: under + 1 }));
  });
  const range = def.filters?.range;
  if (range?.options && !(range.options as string[]).includes(range.default)) {
    out.push(issue('/filters/range/default', 'dashboard_default_not_offered', locale));
  }
  return out;
}
