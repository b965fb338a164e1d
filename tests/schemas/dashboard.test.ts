// The dashboard kind on its own: a complete dashboard validates; tiles past the grid's edge, on top of one another or
// twice the same id, and a default range that is not offered come back with their JSON path and a zh/en sentence.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@telesales/schemas';

const dashboard = (extra: Record<string, unknown> = {}) => ({
  kind: 'dashboard', schemaVersion: 1, id: '00000000-0000-4000-8000-000000000001', key: 'supervisors',
  label: { zh: '主管看板', en: 'Supervisors' },
  tiles: [
    { id: 'calls', report: 'calls_per_agent', x: 0, y: 0, w: 6, h: 4 },
    { id: 'funnel', report: 'funnel', x: 6, y: 0, w: 6, h: 4, title: { zh: '漏斗', en: 'Funnel' } },
    { id: 'lost', report: 'lost_reasons', x: 0, y: 4, w: 12, h: 3 },
  ],
  filters: { range: { default: 'thisWeek', options: ['today', 'thisWeek', 'thisMonth', 'custom'] }, team: {}, task: {} },
  roles: ['supervisor', 'admin'],
  ...extra,
});
const issues = (def: unknown, locale: 'zh' | 'en' = 'en') => validateDefinition(def, locale).map((i) => ({ path: i.path, code: i.code, message: i.message }));

describe('the dashboard kind', () => {
  it('a complete dashboard validates', () => {
    expect(validateDefinition(dashboard(), 'en')).toEqual([]);
  });

  it('tiles past the 12 columns, on top of another, or with an id used twice, each at its path', () => {
    const def = dashboard({
      tiles: [
        { id: 'a', report: 'r1', x: 0, y: 0, w: 6, h: 4 },
        { id: 'b', report: 'r2', x: 4, y: 2, w: 4, h: 4 },
        { id: 'a', report: 'r3', x: 8, y: 6, w: 6, h: 2 },
      ],
    });
    expect(issues(def)).toEqual([
      { path: '/tiles/1', code: 'dashboard_tiles_overlap', message: 'overlaps tile 1' },
      { path: '/tiles/2/id', code: 'duplicate_id', message: 'id a is used twice' },
      { path: '/tiles/2/w', code: 'dashboard_tile_too_wide', message: 'the tile goes past the grid\'s 12 columns' },
    ]);
    expect(issues(def, 'zh').map((i) => i.message)).toEqual(['与第 1 个报表块重叠', '标识 a 重复', '报表块超出了 12 列宽的网格']);
  });

  it('tiles that only touch do not overlap', () => {
    const def = dashboard({ tiles: [{ id: 'a', report: 'r', x: 0, y: 0, w: 6, h: 4 }, { id: 'b', report: 'r', x: 6, y: 0, w: 6, h: 4 }, { id: 'c', report: 'r', x: 0, y: 4, w: 12, h: 1 }] });
    expect(issues(def)).toEqual([]);
  });

  it('a default range must be among the offered ones; roles are required', () => {
    expect(issues(dashboard({ filters: { range: { default: 'today', options: ['thisWeek'] } } }))).toEqual([
      { path: '/filters/range/default', code: 'dashboard_default_not_offered', message: 'the default range is not among the offered ones' },
    ]);
    expect(issues(dashboard({ roles: [] })).map((i) => `${i.path} ${i.code}`)).toEqual(['/roles minItems']);
  });
});
