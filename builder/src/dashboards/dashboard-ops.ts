import { DASHBOARD_COLUMNS, type DashboardDefinition, type DashboardTile } from '@telesales/schemas';

/** The size a new tile takes: half the grid's width, four rows. */
const NEW_TILE = { w: 6, h: 4 };

/** A tile id not used yet, from the report's key. */
function freeTileId(def: DashboardDefinition, report: string): string {
  const used = new Set(def.tiles.map((t) => t.id));
  const base = report.slice(0, 30);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A report added as a tile below the others (the grid then packs it upward). */
export function addTile(def: DashboardDefinition, report: string): DashboardDefinition {
  const bottom = Math.max(0, ...def.tiles.map((t) => t.y + t.h));
  return { ...def, tiles: [...def.tiles, { id: freeTileId(def, report), report, x: 0, y: bottom, ...NEW_TILE }] };
}

export function removeTile(def: DashboardDefinition, id: string): DashboardDefinition {
  return { ...def, tiles: def.tiles.filter((t) => t.id !== id) };
}

/** The grid's layout (as react-grid-layout reports it after a drag or resize) written back into the tiles. */
export function applyLayout(def: DashboardDefinition, layout: ReadonlyArray<{ i: string; x: number; y: number; w: number; h: number }>): DashboardDefinition {
  const at = new Map(layout.map((l) => [l.i, l]));
  let changed = false;
  const tiles = def.tiles.map((t): DashboardTile => {
    const l = at.get(t.id);
    if (!l || (l.x === t.x && l.y === t.y && l.w === t.w && l.h === t.h)) return t;
    changed = true;
    return { ...t, x: l.x, y: l.y, w: Math.min(l.w, DASHBOARD_COLUMNS - l.x), h: l.h };
  });
  return changed ? { ...def, tiles } : def;
}
