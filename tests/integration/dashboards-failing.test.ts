// What publishing a dashboard refuses, with the path and the sentence a person reads: tiles of reports that do not
// exist or were never published, tiles on top of one another, roles that do not exist, a team or task that is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { dashboard } from './dashboards-support.js';
import { publish } from './records-support.js';
import { publishReport, report } from './reports-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  admin = await rt.login('admin');
  await publishReport(admin, report('calls_today', { source: 'calls', dateRange: { range: 'today' }, measures: [{ id: 'n', op: 'count' }], visual: { type: 'kpi' } }));
  // A draft that was never published: a dashboard cannot show it.
  expect((await admin.post('/api/definitions', report('draft_only', { source: 'calls', measures: [{ id: 'n', op: 'count' }] }))).status).toBe(201);
}, 120_000);
afterAll(async () => rt?.close());

async function refused(def: Record<string, unknown>, locale = 'zh') {
  await publish(admin, def as { kind: string; key: string });
  const res = await admin.request('POST', `/api/definitions/dashboard/${def.key}/publish`, { message: 'test' }, { 'accept-language': locale });
  return { status: res.status, issues: (res.body.errors ?? []).map((e: any) => ({ path: e.path, code: e.code, message: e.message })) };
}

describe('publishing refuses a dashboard that points at nothing', () => {
  it('an unknown report, an unpublished one, an unknown role, team and task', async () => {
    const res = await refused(dashboard('broken', {
      tiles: [
        { id: 'a', report: 'calls_today', x: 0, y: 0, w: 4, h: 2 },
        { id: 'b', report: 'nothing_here', x: 4, y: 0, w: 4, h: 2 },
        { id: 'c', report: 'draft_only', x: 8, y: 0, w: 4, h: 2 },
      ],
      filters: { team: { default: 'no-such-team' }, task: { default: 'no_task' } },
      roles: ['supervisor', 'ghost'],
    }));
    expect(res.status).toBe(409);
    expect(res.issues).toEqual([
      { path: '/tiles/1/report', code: 'dashboard_unknown_report', message: '报表 “nothing_here” 不存在或未发布' },
      { path: '/tiles/2/report', code: 'dashboard_unknown_report', message: '报表 “draft_only” 不存在或未发布' },
      { path: '/roles/1', code: 'dashboard_unknown_role', message: '角色 “ghost” 不存在或未发布' },
      { path: '/filters/team/default', code: 'dashboard_unknown_team', message: '团队 “no-such-team” 不存在' },
      { path: '/filters/task/default', code: 'dashboard_unknown_task', message: '外呼任务 “no_task” 不存在或未发布' },
    ]);
    const en = await refused(dashboard('broken_en', { tiles: [{ id: 'b', report: 'nothing_here', x: 0, y: 0, w: 4, h: 2 }], roles: ['ghost'] }), 'en');
    expect(en.issues.map((i: any) => i.message)).toEqual(['Report "nothing_here" does not exist or is not published', 'Role "ghost" does not exist or is not published']);
  });

  it('tiles on top of one another or past the grid\'s edge', async () => {
    const res = await refused(dashboard('overlapping', {
      tiles: [
        { id: 'a', report: 'calls_today', x: 0, y: 0, w: 6, h: 4 },
        { id: 'b', report: 'calls_today', x: 3, y: 3, w: 6, h: 2 },
        { id: 'c', report: 'calls_today', x: 10, y: 8, w: 4, h: 2 },
      ],
    }));
    expect(res.status).toBe(400);
    expect(res.issues).toEqual([
      { path: '/tiles/1', code: 'dashboard_tiles_overlap', message: '与第 1 个报表块重叠' },
      { path: '/tiles/2/w', code: 'dashboard_tile_too_wide', message: '报表块超出了 12 列宽的网格' },
    ]);
  });

  it('a valid one publishes and is listed for its roles only', async () => {
    const res = await publish(admin, dashboard('fine', { tiles: [{ id: 'a', report: 'calls_today', x: 0, y: 0, w: 12, h: 2 }], roles: ['admin'] }));
    expect(res.status).toBe(200);
    // The template's `supervisors` is the admin's too.
    expect((await admin.get('/api/dashboards')).body.items.map((d: any) => d.key)).toEqual(['fine', 'supervisors']);
  });
});
