import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CallJson, ReportResultJson } from '@telesales/schemas';
import { IDS } from '../integration/auth-support.js';
import { handCall, insertCalls, type HandCall } from '../integration/reports-support.js';
import type { ConsolePage } from './pages/console-page.js';
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

  // Today's calls, a few seconds old (the report's and the workbench's "today" is the workspace's day).
  const calls: HandCall[] = [];
  const at = () => new Date(Date.now() - 5_000 - calls.length * 1000).toISOString();
  const add = (agentId: string, connected: boolean, extra: Partial<HandCall> = {}) => {
    const ringAt = at();
    calls.push(handCall(`rc-${randomUUID()}`, ringAt, {
      direction: 'out', agentId, ...(connected ? { answerAt: new Date(Date.parse(ringAt) + 3000), talkSec: 60 } : {}), ...extra,
    }));
  };
  const connectedOf = (agentId: string) => calls.filter((c) => c.agentId === agentId && c.direction === 'out' && c.answerAt).map((c) => c._id).sort();

  async function openReport(page: ConsolePage) {
    await page.page.getByTestId('nav-reports').click();
    await page.page.locator(`[data-testid=report-link][data-report=${REPORT}]`).click();
    await page.page.getByTestId('report-canvas').waitFor();
    // the chart marks where it drew each bar once the run is in
    await page.page.waitForFunction(() => !!document.querySelector('[data-testid=report-canvas]')?.getAttribute('data-points'));
  }
  const points = async (page: ConsolePage) =>
    JSON.parse((await page.page.getByTestId('report-canvas').getAttribute('data-points')) ?? '[]') as Array<{ s: number; i: number; x: number; y: number }>;

  /** Clicks the bar of `agentId` (its place among the run's rows) and returns the call ids the drill-down lists. */
  async function drillInto(page: ConsolePage, agentId: string): Promise<string[]> {
    const run = (await page.api<ReportResultJson>('POST', `/api/reports/${REPORT}/run`, {})).body;
    const index = run.rows.findIndex((r) => r.agent === agentId);
    // where the bars are once the chart stops moving (a resize redraws it: the marks follow)
    let seen = '';
    for (let now = JSON.stringify(await points(page)); now !== seen; now = JSON.stringify(await points(page))) {
      seen = now;
      await page.page.waitForTimeout(400);
    }
    const bar = (await points(page)).find((p) => p.s === 0 && p.i === index)!;
    const box = (await page.page.getByTestId('report-canvas').boundingBox())!;
    await page.page.mouse.click(box.x + bar.x, box.y + bar.y);
    const list = page.page.getByTestId('drill-list');
    await list.locator('[data-testid=call-table]').waitFor();
    const ids = await list.locator('tr[data-testid^=call-row-]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('call-row-'.length)));
    expect(Number(await list.getAttribute('data-total'))).toBe(ids.length);
    return ids.sort();
  }

  it('the admin publishes a bar chart of connected calls per agent today', async () => {
    add(IDS.agent1, true);
    add(IDS.agent1, true);
    add(IDS.agent1, false);
    add(IDS.agent1, true, { direction: 'in', talkSec: 30 });
    add(IDS.agent2, true);
    add(IDS.agent2, false);
    add(IDS.lead, true);
    await insertCalls(session.product, calls);
    const admin = await session.consoleAs('admin', 'admin123');
    const def = {
      kind: 'report', schemaVersion: 1, id: randomUUID(), key: REPORT, label: { zh: '今日各坐席接通数', en: 'Connected calls per agent today' },
      // the calls counted are the calls filtered (a drill-down lists a group's documents, so no conditional measure)
      source: 'calls', dateRange: { range: 'today' }, dimensions: [{ id: 'agent', by: 'owner' }],
      filter: { and: [{ field: 'direction', op: 'eq', value: 'out' }, { field: 'answerAt', op: 'isNotEmpty' }] },
      measures: [{ id: 'connected', op: 'count', label: { zh: '接通数', en: 'Connected' } }], visual: { type: 'bar' },
    };
    expect((await admin.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await admin.api('POST', `/api/definitions/report/${REPORT}/publish`, { message: 'e2e' })).status).toBe(200);
  }, 60_000);

  it('the supervisor opens it, sees a bar per agent of the team, and agent 1\'s bar lists exactly agent 1\'s connected calls', async () => {
    lead = await session.consoleAs('lead', 'lead123');
    await openReport(lead);
    expect(await lead.page.getByTestId('report-title').textContent()).toBe('Connected calls per agent today');
    expect((await points(lead)).length).toBe(3); // agent 1, agent 2 and the lead (Sales A)
    expect(await drillInto(lead, IDS.agent1)).toEqual(connectedOf(IDS.agent1));
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
    await lead.page.waitForFunction(() => !!document.querySelector('[data-testid=report-canvas]')?.getAttribute('data-points'));
    await lead.page.waitForTimeout(800); // the bars' entry animation
    await lead.page.screenshot({ path: join(SHOTS, 'report-zh.png') });
    await lead.setLanguage('en');
  }, 30_000);

  it('agent 1 opens the same report: one bar, their own, and its calls', async () => {
    agent = await session.consoleAs('agent1', 'agent123');
    await openReport(agent);
    expect((await points(agent)).length).toBe(1);
    expect(await drillInto(agent, IDS.agent1)).toEqual(connectedOf(IDS.agent1));
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
    await agent.page.waitForFunction(() => !!document.querySelector('[data-report=workbench_customers] [data-testid=report-canvas]')?.getAttribute('data-points'));
    const drawn = JSON.parse((await agent.page.locator('[data-report=workbench_customers] [data-testid=report-canvas]').getAttribute('data-points'))!) as unknown[];
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
    const id = connectedOf(IDS.lead)[0]!;
    await drillInto(lead, IDS.lead);
    await lead.page.getByTestId(`call-open-${id}`).click();
    await lead.page.waitForURL(`**/console/calls/${id}`);
    const call = (await lead.api<CallJson>('GET', `/api/calls/${id}`)).body;
    expect(call.agentId).toBe(IDS.lead);
  }, 60_000);
});
