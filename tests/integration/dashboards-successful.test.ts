// Dashboards as their readers get them: the list holds only those for the reader's role; one dashboard gives its
// filters and tiles, each with the published report the reader may run (or why not); a tile run with the dashboard's
// filters is the report's own run with those parameters (the same engine, the same scope), checked against counts
// computed here from the calls the test wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/runtime-fixture.js';
import { TEAM_SALES_A } from './auth-support.js';
import { startCallsRuntime, type CallsFixture } from './calls-support.js';
import { dashboard } from './dashboards-support.js';
import { publish } from './records-support.js';
import { handCall, IDS, insertCalls, publishReport, report, runReport, type HandCall } from './reports-support.js';

let fx: CallsFixture;
const as: Record<'admin' | 'lead' | 'agent1', ApiClient> = {} as never;

// The clock stands at Monday 2026-05-04 10:00 in Shanghai (the calls fixture): these calls are all this week.
const calls: HandCall[] = [
  handCall('d1', '2026-05-04T01:00:00.000Z', { direction: 'out', agentId: IDS.agent1, answerAt: new Date('2026-05-04T01:00:04.000Z'), talkSec: 50 }),
  handCall('d2', '2026-05-04T01:10:00.000Z', { direction: 'out', agentId: IDS.agent1, answerAt: new Date('2026-05-04T01:10:04.000Z'), talkSec: 20 }),
  handCall('d3', '2026-05-04T01:20:00.000Z', { direction: 'out', agentId: IDS.agent2, answerAt: new Date('2026-05-04T01:20:04.000Z'), talkSec: 30 }),
  handCall('d4', '2026-05-04T01:30:00.000Z', { direction: 'out', agentId: IDS.agent2 }),
  handCall('d5', '2026-05-04T01:40:00.000Z', { direction: 'out', agentId: IDS.admin, answerAt: new Date('2026-05-04T01:40:04.000Z'), talkSec: 10 }),
];

beforeAll(async () => {
  fx = await startCallsRuntime();
  for (const who of ['admin', 'lead', 'agent1'] as const) as[who] = await fx.rt.login(who);
  await insertCalls(fx.rt, calls);
  await publishReport(as.admin, report('connected_by_agent', {
    source: 'calls', dateRange: { range: 'today' }, dimensions: [{ id: 'agent', by: 'owner' }],
    measures: [{ id: 'connected', op: 'metric', metric: 'outboundConnected' }], visual: { type: 'bar' },
  }));
  await publishReport(as.admin, report('dials_per_task', {
    source: 'dials', dimensions: [{ id: 'task', by: 'task' }], measures: [{ id: 'n', op: 'count' }],
  }));
  for (const def of [
    dashboard('team_today', {
      label: { zh: '主管看板', en: 'Supervisors' }, description: { zh: '团队今日', en: 'The team today' },
      tiles: [
        { id: 'connected', report: 'connected_by_agent', x: 0, y: 0, w: 8, h: 4, title: { zh: '接通', en: 'Connected' } },
        { id: 'dials', report: 'dials_per_task', x: 8, y: 0, w: 4, h: 4 },
      ],
      filters: { range: { default: 'thisWeek', options: ['today', 'thisWeek'] }, team: { default: TEAM_SALES_A }, task: {} },
      roles: ['supervisor', 'admin'],
    }),
    dashboard('agent_today', { label: { zh: '我的看板', en: 'Mine' }, tiles: [{ id: 'c', report: 'connected_by_agent', x: 0, y: 0, w: 12, h: 4 }], roles: ['agent'] }),
  ]) expect((await publish(as.admin, def)).status).toBe(200);
}, 120_000);
afterAll(async () => fx?.close());

describe('GET /api/dashboards lists the dashboards of the reader\'s role', () => {
  it('the supervisor and the admin see the supervisors\' one, the agent only their own', async () => {
    // Besides these two, the insurance template ships `supervisors` (supervisor, admin) and `my_day` (agent).
    const list = async (who: keyof typeof as) => (await as[who].get('/api/dashboards')).body.items;
    const lead = await list('lead');
    expect(lead.map((d: any) => d.key)).toEqual(['supervisors', 'team_today']);
    expect(lead[1]).toEqual({ key: 'team_today', version: 1, label: '主管看板', description: '团队今日', tiles: 2 });
    expect((await list('admin')).map((d: any) => d.key)).toEqual(['supervisors', 'team_today']);
    const agent = await list('agent1');
    expect(agent.map((d: any) => d.key)).toEqual(['agent_today', 'my_day']);
    expect(agent[0]).toEqual({ key: 'agent_today', version: 1, label: '我的看板', tiles: 1 });
  });

  it('in the language the reader asks for', async () => {
    const res = await as.lead.request('GET', '/api/dashboards', undefined, { 'accept-language': 'en' });
    expect(res.body.items[1]).toMatchObject({ label: 'Supervisors', description: 'The team today' });
  });
});

describe('GET /api/dashboards/:key gives the tiles with the reports the reader may run', () => {
  it('each tile its place, title and published report; one outside the reader\'s scope says why', async () => {
    const res = await as.lead.get('/api/dashboards/team_today');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      key: 'team_today', version: 1, label: '主管看板',
      filters: { range: { default: 'thisWeek', options: ['today', 'thisWeek'] }, team: { default: TEAM_SALES_A }, task: {} },
    });
    const [connected, dials] = res.body.tiles;
    expect(connected).toMatchObject({ id: 'connected', report: 'connected_by_agent', x: 0, y: 0, w: 8, h: 4, title: '接通', version: 1 });
    expect(connected.definition).toMatchObject({ kind: 'report', key: 'connected_by_agent', visual: { type: 'bar' } });
    // The dial log belongs to no agent: only people who see everything count it.
    expect(dials).toMatchObject({
      id: 'dials', title: '报表 dials_per_task', definition: null, version: null,
      unavailable: { code: 'forbidden', message: '拨号记录不属于某个坐席，只有能查看全部数据的人才能统计' },
    });
    const admin = await as.admin.get('/api/dashboards/team_today');
    expect(admin.body.tiles[1]).toMatchObject({ definition: { key: 'dials_per_task' }, version: 1 });
    expect(admin.body.tiles[1].unavailable).toBeUndefined();
  });

  it('a dashboard of another role is not found for the reader (as if it did not exist)', async () => {
    const res = await as.agent1.get('/api/dashboards/team_today');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', message: '没有您可以查看的仪表盘 “team_today”' });
    expect((await as.lead.get('/api/dashboards/nothing')).status).toBe(404);
  });

  it('a tile run with the dashboard\'s filters counts what the report counts with those parameters, in the reader\'s scope', async () => {
    const { filters, tiles } = (await as.lead.get('/api/dashboards/team_today')).body;
    const params = { range: filters.range.default, team: filters.team.default };
    const rows = (await runReport(as.lead, tiles[0].report, params)).body.rows;
    const connected = (agent: string) => calls.filter((c) => c.agentId === agent && c.answerAt).length;
    // Team Sales A: agent1 and agent2 (the admin's call is outside both the lead's scope and the team).
    expect(Object.fromEntries(rows.map((r: any) => [r.agent, r.connected]))).toEqual({ [IDS.agent1]: connected(IDS.agent1), [IDS.agent2]: connected(IDS.agent2) });
    const adminRows = (await runReport(as.admin, tiles[0].report, params)).body.rows;
    expect(adminRows.map((r: any) => r.agent).sort()).toEqual([IDS.agent1, IDS.agent2].sort());
    const adminAll = (await runReport(as.admin, tiles[0].report, { range: 'thisWeek' })).body.rows;
    expect(adminAll.map((r: any) => r.agent)).toContain(IDS.admin);
  });

  it('the agent\'s own dashboard runs within their own calls', async () => {
    const { tiles } = (await as.agent1.get('/api/dashboards/agent_today')).body;
    const rows = (await runReport(as.agent1, tiles[0].report)).body.rows;
    expect(rows).toEqual([{ agent: IDS.agent1, connected: 2 }]);
  });
});
