import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {} from '@telesales/runtime/calls/plugin';
import { ReportDesignerPage } from './pages/report-designer-page.js';
import { useOpenHoursClock } from './support/open-hours.js';
import { pageApi } from './support/page-api.js';
import { useAdminInBuilder } from './support/session.js';

const AGENT1 = 'e6120985-3928-413f-9a6f-a7d23c3fc1d6';
const AGENT2 = 'cf7a2a17-930c-496d-87f8-edd9e9625ae0';

/**
 * The report designer on the real data: the admin drags the agent dimension to the rows and the catalogue's
 * outbound-connected metric to the measures, picks bars, sees the preview chart count exactly the calls written
 * here and the sentence of what is counted, publishes; then lays the report out on a dashboard for supervisors
 * beside a second tile it drags into place and resizes,
 * which the supervisor's API then lists with the report. SHOTS=<dir> saves both designers in zh and en.
 */
describe('the report and dashboard designers', () => {
  const admin = useAdminInBuilder({
    afterStart: async (product) => {
      useOpenHoursClock(product);
      // This week's calls, an hour before the clock's now (a weekday at 10:00): agent1 connects 3 of 4, agent2 1 of 2.
      const at = product.app.calls.now().getTime() - 3600_000;
      const call = (n: number, agentId: string, answered: boolean) => ({
        _id: `e2e-report-${n}`, direction: 'out', agentId, ringAt: new Date(at + n * 1000), status: 'ended', talkSec: answered ? 30 : 0,
        ...(answered ? { answerAt: new Date(at + n * 1000 + 5000) } : {}), from: '+862160000000', to: '+8613800000001', phoneEntity: 'customer', customer: null,
      });
      await product.app.db.collection('calls').insertMany([
        call(1, AGENT1, true), call(2, AGENT1, true), call(3, AGENT1, true), call(4, AGENT1, false), call(5, AGENT2, true), call(6, AGENT2, false),
      ] as never[]);
    },
  });

  it('designs a bar chart of connected calls per agent this week, sees it and its sentence, publishes it', async () => {
    const { page, builder } = admin;
    const designer = new ReportDesignerPage(page);
    await page.getByTestId('language-switch').selectOption('en');
    await designer.create('report', 'connected_by_agent', '坐席外呼接通', 'Connected calls per agent');

    await designer.drag('builtIn:owner', 'rows');
    await page.getByTestId('dimension-agent').waitFor();
    await designer.drag('metric:outboundConnected', 'measures');
    await page.getByTestId('measure-outboundConnected').waitFor({ timeout: 5000 }).catch(async (e) => {
      if (process.env.SHOTS) await page.screenshot({ path: join(process.env.SHOTS, 'report-designer-failed.png') });
      throw e;
    });
    await expect.poll(() => page.getByTestId('measure-outboundConnected-formula').innerText()).toBe('outbound calls answered (answer time set)');
    // the draft's autosave answers after each drop; removing before it settles was lost once in CI (left in the note)
    await builder.waitSaved();
    await page.getByTestId('remove-measure-calls').click();
    await expect.poll(() => page.getByTestId('remove-measure-calls').count()).toBe(0);
    await page.getByTestId('visual-bar').click();

    await expect.poll(() => designer.sentence()).toBe('Counting calls from this week, grouped by agent; bars show outbound connected.');
    await expect.poll(async () => {
      const { categories, series } = await designer.chart();
      return series.length === 1 ? Object.fromEntries(categories.map((c, i) => [c, series[0]!.data[i]])) : null;
    }).toEqual({ '李娜 Li Na': 3, '张伟 Zhang Wei': 1 });
    await builder.waitSaved();
    await shots(page, 'report-designer', async (lang) => {
      await expect.poll(() => designer.sentence()).toBe(lang === 'zh' ? '统计本周的通话，按坐席分组；柱状图显示外呼接通数。' : 'Counting calls from this week, grouped by agent; bars show outbound connected.');
    });

    expect(await builder.publish('connected calls per agent')).toBe(1);
    const published = (await pageApi(page, 'GET', '/api/definitions/report/connected_by_agent')).body.published;
    expect(published).toMatchObject({
      source: 'calls', dateRange: { range: 'thisWeek' }, dimensions: [{ id: 'agent', by: 'owner' }],
      measures: [{ id: 'outboundConnected', op: 'metric', metric: 'outboundConnected' }], visual: { type: 'bar' },
    });
  }, 120_000);

  it('lays the report out on a dashboard for supervisors, previewed with its filters, and publishes it', async () => {
    const { page, builder } = admin;
    const designer = new ReportDesignerPage(page);
    await designer.create('dashboard', 'team_week', '团队本周', 'Team this week');
    await page.getByTestId('add-tile').selectOption('connected_by_agent');
    await page.getByTestId('tile-connected_by_agent').getByTestId('report-chart').waitFor();
    // A second tile (the template's lost reasons) comes in below; dragged by its heading to the right of the first,
    // then made one row taller by its corner.
    await page.getByTestId('add-tile').selectOption('lost_reasons');
    await page.getByTestId('tile-lost_reasons').waitFor();
    const first = (await page.getByTestId('grid-item-connected_by_agent').boundingBox())!;
    const second = (await page.getByTestId('grid-item-lost_reasons').boundingBox())!;
    await designer.moveTile('lost_reasons', first.x + first.width + 10 - second.x, first.y - second.y);
    await expect.poll(async () => (await pageApi(page, 'GET', '/api/definitions/dashboard/team_week')).body.draft?.tiles
      ?.find((t: any) => t.id === 'lost_reasons')).toMatchObject({ x: 6, y: 0, w: 6, h: 4 });
    await designer.resizeTile('lost_reasons', 0, 70);
    await expect.poll(async () => (await pageApi(page, 'GET', '/api/definitions/dashboard/team_week')).body.draft?.tiles
      ?.find((t: any) => t.id === 'lost_reasons')).toMatchObject({ x: 6, y: 0, w: 6, h: 5 });
    await page.getByTestId('role-supervisor').check();
    await page.getByTestId('offer-team').check();
    await expect.poll(() => page.getByTestId('issue-summary').getAttribute('data-count')).toBe('0');
    await builder.waitSaved();
    await shots(page, 'dashboard-designer');

    expect(await builder.publish('for supervisors')).toBe(1);
    const def = (await pageApi(page, 'GET', '/api/definitions/dashboard/team_week')).body.published;
    expect(def).toMatchObject({
      tiles: [{ id: 'connected_by_agent', report: 'connected_by_agent', x: 0, y: 0, w: 6, h: 4 }, { id: 'lost_reasons', report: 'lost_reasons', x: 6, y: 0, w: 6, h: 5 }],
      filters: { range: { default: 'thisWeek' }, team: {} }, roles: ['admin', 'supervisor'],
    });
    // Opened again, the grid lays the tiles out where they were saved and makes no draft of its own.
    await page.goto(page.url().replace(/\/versions$/, ''));
    await page.reload();
    await page.getByTestId('tile-connected_by_agent').getByTestId('report-chart').waitFor();
    await page.waitForTimeout(1500); // past the autosave delay
    expect(await page.getByTestId('save-status').getAttribute('data-state')).toBe('clean');

    // The supervisor's API lists it with the report they may run.
    const lead = await admin.product.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'lead', password: 'lead123' } });
    const cookie = String(lead.headers['set-cookie']).split(';')[0]!;
    const opened = await admin.product.app.inject({ method: 'GET', url: '/api/dashboards/team_week', headers: { cookie } });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().tiles[0]).toMatchObject({ report: 'connected_by_agent', definition: { visual: { type: 'bar' } } });
  }, 120_000);

  /** With SHOTS=<dir>, the page in Chinese and in English (checked by `check` in each language first). */
  async function shots(page: typeof admin.page, name: string, check?: (lang: 'zh' | 'en') => Promise<void>) {
    for (const lang of ['zh', 'en'] as const) {
      await page.getByTestId('language-switch').selectOption(lang);
      await check?.(lang);
      if (process.env.SHOTS) {
        await page.waitForTimeout(1000); // the charts' entry animation
        await page.screenshot({ path: join(process.env.SHOTS, `${name}-${lang}.png`) });
      }
    }
  }
});
