import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportResultJson } from '@telesales/schemas';
import { IDS } from '../integration/auth-support.js';
import { insertCalls } from '../integration/reports-support.js';
import type { ConsolePage } from './pages/console-page.js';
import { barPoints, connectedByAgent, drillIntoBar, TodayCalls } from './support/report-charts.js';
import { useSession } from './support/session.js';

const SHOTS = process.env.SHOTS ?? join(tmpdir(), 'telesales-shots');
const BARS = 'dash_connected';
const KPI = 'dash_calls_kpi';
const DASHBOARD = 'team_today';

/**
 * Dashboards in the console (issue 17): a dashboard for supervisors with a bar chart and a KPI on the 12-column grid,
 * its filters bar applied to every tile; the supervisor opens it, drills into agent 1's bar, and moves the period to
 * yesterday (every tile says there is no data); an agent does not see it.
 */
describe('dashboards: a grid of reports with one filters bar', () => {
  const session = useSession();
  const today = new TodayCalls();
  let lead: ConsolePage;
  const tile = (key: string) => lead.page.locator(`[data-testid=report-tile][data-report=${key}]`);

  it('the admin publishes two reports and a dashboard for supervisors', async () => {
    today.add(IDS.agent1, true);
    today.add(IDS.agent1, true);
    today.add(IDS.agent2, true);
    today.add(IDS.agent2, false);
    await insertCalls(session.product, today.calls);
    const admin = await session.consoleAs('admin', 'admin123');
    const kpi = {
      kind: 'report', schemaVersion: 1, id: randomUUID(), key: KPI, label: { zh: '今日通话数', en: 'Calls today' }, source: 'calls',
      dateRange: { range: 'today' }, measures: [{ id: 'calls', op: 'metric', metric: 'calls' }], visual: { type: 'kpi' },
    };
    const dashboard = {
      kind: 'dashboard', schemaVersion: 1, id: randomUUID(), key: DASHBOARD, label: { zh: '团队今日', en: 'Team today' },
      tiles: [
        { id: 'bars', report: BARS, x: 0, y: 0, w: 8, h: 5 },
        { id: 'kpi', report: KPI, x: 8, y: 0, w: 4, h: 3 },
      ],
      filters: { range: { default: 'today' }, team: {} },
      roles: ['supervisor'],
    };
    for (const def of [connectedByAgent(BARS), kpi, dashboard]) {
      expect((await admin.api('POST', '/api/definitions', def)).status).toBe(201);
      expect((await admin.api('POST', `/api/definitions/${def.kind}/${def.key}/publish`, { message: 'e2e' })).status).toBe(200);
    }
  }, 60_000);

  it('the supervisor opens it: the tiles where the grid places them, agent 1\'s bar drills into agent 1\'s calls', async () => {
    lead = await session.consoleAs('lead', 'lead123');
    await lead.page.getByTestId('nav-dashboards').click();
    await lead.page.locator(`[data-testid=dashboard-link][data-dashboard=${DASHBOARD}]`).click();
    await lead.page.getByTestId('dashboard').waitFor();
    expect(await lead.page.getByTestId('report-tile').count()).toBe(2);
    const bars = await tile(BARS).boundingBox();
    const kpi = await tile(KPI).boundingBox();
    expect(kpi!.x).toBeGreaterThan(bars!.x + bars!.width - 1); // 8 columns, then 4 beside them
    expect(await tile(KPI).getByTestId('report-kpi').textContent()).toContain(String(today.calls.length));
    const run = (await lead.api<ReportResultJson>('POST', `/api/reports/${BARS}/run`, { range: 'today' })).body;
    expect((await barPoints(tile(BARS))).length).toBe(run.rows.length);
    expect(await drillIntoBar(lead.page, tile(BARS), run.rows.findIndex((r) => r.agent === IDS.agent1))).toEqual(today.connectedOf(IDS.agent1));
    await lead.page.getByTestId('drill-close').click();
    mkdirSync(SHOTS, { recursive: true });
    await lead.page.screenshot({ path: join(SHOTS, 'dashboard-en.png') });
  }, 60_000);

  it('the period moves to yesterday for every tile: no data in this period', async () => {
    await lead.page.getByTestId('report-range').selectOption('yesterday');
    // nothing matched: no rows for the chart, no totals for the figure
    await expect.poll(() => lead.page.getByTestId('report-empty').count(), { timeout: 15_000 }).toBe(2);
    await lead.setLanguage('zh');
    await expect.poll(() => lead.page.getByText('该时间段内没有数据。').count(), { timeout: 15_000 }).toBe(2);
    await lead.page.screenshot({ path: join(SHOTS, 'dashboard-zh.png') });
  }, 60_000);

  it('an agent does not see the supervisors\' dashboard', async () => {
    const agent = await session.consoleAs('agent1', 'agent123');
    await agent.page.getByTestId('nav-dashboards').click();
    await agent.page.getByTestId('dashboards-title').waitFor();
    await agent.page.getByTestId('state-empty').or(agent.page.getByTestId('dashboard-list')).waitFor();
    expect(await agent.page.locator(`[data-dashboard=${DASHBOARD}]`).count()).toBe(0);
  }, 60_000);
});
