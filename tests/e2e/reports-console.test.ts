import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallJson, ReportResultJson } from '@telesales/schemas';
import { IDS } from '../integration/auth-support.js';
import { insertCalls } from '../integration/reports-support.js';
import type { ConsolePage } from './pages/console-page.js';
import { barPoints, connectedByAgent, drillIntoBar, TodayCalls } from './support/report-charts.js';
import { useSession } from './support/session.js';

const SHOTS = process.env.SHOTS ?? join(tmpdir(), 'telesales-shots');
const REPORT = 'connected_by_agent';

/**
 * The console's reports (issue 17): the supervisor opens a published report from the navigation, sees its bar chart,
 * clicks agent 1's bar and gets exactly the calls it counted, and exports the rows as CSV; agent 1 opening the same
 * report sees only their own bar; the workbench's figures of the day are those GET /api/calls/today answers, and the
 * template's workbench reports are drawn. Screenshots in Chinese and English go to SHOTS.
 */
describe('reports in the console: chart, drill-down, export, per-viewer figures, the workbench', () => {
  const session = useSession();
  let lead: ConsolePage;
  let agent: ConsolePage;

  const today = new TodayCalls();
  const chart = (page: ConsolePage) => page.page.getByTestId('report-view');

  async function openReport(page: ConsolePage) {
    await page.page.getByTestId('nav-reports').click();
    await page.page.locator(`[data-testid=report-link][data-report=${REPORT}]`).click();
    await barPoints(chart(page));
  }

  /** Clicks the bar of `agentId` (its place among the run's rows) and returns the call ids the drill-down lists. */
  async function drillInto(page: ConsolePage, agentId: string): Promise<string[]> {
    const run = (await page.api<ReportResultJson>('POST', `/api/reports/${REPORT}/run`, {})).body;
    return drillIntoBar(page.page, chart(page), run.rows.findIndex((r) => r.agent === agentId));
  }

  it('the admin publishes a bar chart of connected calls per agent today', async () => {
    today.add(IDS.agent1, true);
    today.add(IDS.agent1, true);
    today.add(IDS.agent1, false);
    today.add(IDS.agent1, true, { direction: 'in', talkSec: 30 });
    today.add(IDS.agent2, true);
    today.add(IDS.agent2, false);
    today.add(IDS.lead, true);
    await insertCalls(session.product, today.calls);
    const admin = await session.consoleAs('admin', 'admin123');
    const def = connectedByAgent(REPORT);
    expect((await admin.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await admin.api('POST', `/api/definitions/report/${REPORT}/publish`, { message: 'e2e' })).status).toBe(200);
  }, 60_000);

  it('the supervisor opens it, sees a bar per agent of the team, and agent 1\'s bar lists exactly agent 1\'s connected calls', async () => {
    lead = await session.consoleAs('lead', 'lead123');
    await openReport(lead);
    expect(await lead.page.getByTestId('report-title').textContent()).toBe('Connected calls per agent today');
    expect((await barPoints(chart(lead))).length).toBe(3); // agent 1, agent 2 and the lead (Sales A)
    expect(await drillInto(lead, IDS.agent1)).toEqual(today.connectedOf(IDS.agent1));
    mkdirSync(SHOTS, { recursive: true });
    await lead.page.screenshot({ path: join(SHOTS, 'report-drill-en.png') });
    await lead.page.getByTestId('drill-close').click();
  }, 60_000);

  it('the supervisor exports the rows as CSV: one line per agent, with the figures of the chart', async () => {
    const [download] = await Promise.all([lead.page.waitForEvent('download'), lead.page.getByTestId('export-csv').click()]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    const run = (await lead.api<ReportResultJson>('POST', `/api/reports/${REPORT}/run`, {})).body;
    expect(lines[0]).toBe(run.columns.map((c) => c.label).join(','));
    const want = run.rows.map((r) => `${run.labels.agent![String(r.agent)]},${r.connected}`).sort();
    expect(lines.slice(1).sort()).toEqual(want);
    expect(want).toContain(`${run.labels.agent![IDS.agent1]},2`);
  }, 60_000);

  it('in Chinese the same page speaks Chinese (screenshot)', async () => {
    await lead.setLanguage('zh');
    await lead.page.getByText('导出 CSV').waitFor();
    await lead.page.getByText('今日各坐席接通数').waitFor(); // the run again, labelled in Chinese by the server
    await lead.page.waitForTimeout(500);
    await barPoints(chart(lead));
    await lead.page.screenshot({ path: join(SHOTS, 'report-zh.png') });
    await lead.setLanguage('en');
  }, 30_000);

  it('agent 1 opens the same report: one bar, their own, and its calls', async () => {
    agent = await session.consoleAs('agent1', 'agent123');
    await openReport(agent);
    expect((await barPoints(chart(agent))).length).toBe(1);
    expect(await drillInto(agent, IDS.agent1)).toEqual(today.connectedOf(IDS.agent1));
    await agent.page.getByTestId('drill-close').click();
  }, 60_000);

  it('the workbench: today\'s figures are those of GET /api/calls/today, the template\'s reports are drawn', async () => {
    await agent.page.getByTestId('nav-workbench').click();
    const today = (await agent.api<{ outbound: number; connected: number; inbound: number; talkSec: number }>('GET', '/api/calls/today')).body;
    expect(today).toMatchObject({ outbound: 3, connected: 2, inbound: 1 });
    await agent.page.getByTestId('today-outbound').waitFor();
    expect(await agent.page.getByTestId('today-outbound').textContent()).toBe(String(today.outbound));
    expect(await agent.page.getByTestId('today-connected').textContent()).toBe(String(today.connected));
    expect(await agent.page.getByTestId('today-inbound').textContent()).toBe(String(today.inbound));
    const m = Math.floor(today.talkSec / 60);
    expect(await agent.page.getByTestId('today-talk').textContent()).toBe(`${m}:${String(today.talkSec % 60).padStart(2, '0')}`);
    for (const key of ['workbench_customers', 'workbench_opportunities']) {
      await agent.page.locator(`[data-testid=wb-report][data-report=${key}] [data-testid=report-chart]`).waitFor();
    }
    // agent 1's customers by follow-up status: the bars are the API's rows for agent 1
    const mine = (await agent.api<ReportResultJson>('POST', '/api/reports/workbench_customers/run', {})).body;
    const drawn = await barPoints(agent.page.locator('[data-testid=wb-report][data-report=workbench_customers]'));
    expect(drawn.length).toBe(mine.rows.length);
    await agent.page.getByTestId('wb-period-year').click();
    await agent.page.waitForTimeout(800);
    await agent.page.screenshot({ path: join(SHOTS, 'workbench-en.png'), fullPage: true });
    await agent.setLanguage('zh');
    await agent.page.getByText('我的外呼任务').waitFor();
    await agent.page.waitForTimeout(800);
    await agent.page.screenshot({ path: join(SHOTS, 'workbench-zh.png'), fullPage: true });
    await agent.setLanguage('en');
  }, 60_000);

  it('a call in the drill-down opens its page', async () => {
    await openReport(lead);
    const id = today.connectedOf(IDS.lead)[0]!;
    await drillInto(lead, IDS.lead);
    await lead.page.getByTestId(`call-open-${id}`).click();
    await lead.page.waitForURL(`**/console/calls/${id}`);
    const call = (await lead.api<CallJson>('GET', `/api/calls/${id}`)).body;
    expect(call.agentId).toBe(IDS.lead);
  }, 60_000);
});
