// GET /api/reports: the published reports a person may run, the same test a run makes. A report over a field hidden
// from a role (dimension or filter) or over the dial log (which belongs to no agent) is not offered to that role;
// a draft is offered to nobody. Each item carries what the console's filters bar needs.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { prospectEntity, publish } from './records-support.js';
import { publishReport, report, runReport } from './reports-support.js';

/** The insurance template's own reports (read from the template, which grows), beside this file's. */
const templateDir = new URL('../../templates/insurance/', import.meta.url);
const TEMPLATE: string[] = (JSON.parse(readFileSync(new URL('template.json', templateDir), 'utf8')).definitions as string[])
  .filter((f) => f.startsWith('reports/'))
  .map((f) => JSON.parse(readFileSync(new URL(f, templateDir), 'utf8')).key as string);
const own = (list: string[]) => list.filter((k) => !TEMPLATE.includes(k));
let rt: RuntimeFixture;
const as = {} as Record<'admin' | 'lead' | 'agent1', ApiClient>;

beforeAll(async () => {
  rt = await startRuntime();
  [as.admin, as.lead, as.agent1] = await Promise.all([rt.login('admin'), rt.login('lead'), rt.login('agent1')]);
  expect((await publish(as.admin, prospectEntity())).status).toBe(200);
  await publishReport(as.admin, report('calls_by_agent', {
    source: 'calls', dateRange: { range: 'thisWeek' }, dimensions: [{ id: 'agent', by: 'owner' }],
    measures: [{ id: 'calls', op: 'metric', metric: 'calls' }], visual: { type: 'bar' },
  }));
  await publishReport(as.admin, report('customers_by_status', {
    source: 'records:customer', dimensions: [{ id: 'status', by: 'field', field: 'status' }], measures: [{ id: 'n', op: 'count' }], visual: { type: 'pie' },
  }));
  await publishReport(as.admin, report('by_secret', {
    source: 'records:prospect', dimensions: [{ id: 'secret', by: 'field', field: 'secret' }], measures: [{ id: 'n', op: 'count' }],
  }));
  await publishReport(as.admin, report('secret_filter', {
    source: 'records:prospect', filter: { field: 'secret', op: 'eq', value: 'x' }, measures: [{ id: 'n', op: 'count' }], visual: { type: 'kpi' },
  }));
  await publishReport(as.admin, report('dials_per_task', {
    source: 'dials', dimensions: [{ id: 'task', by: 'task' }], measures: [{ id: 'n', op: 'count' }],
  }));
  // a draft never published: nobody may run it yet
  expect((await as.admin.post('/api/definitions', report('draft_only', { source: 'calls', measures: [{ id: 'n', op: 'count' }] }))).status).toBe(201);
}, 120_000);
afterAll(async () => rt?.close());

const keys = async (who: keyof typeof as) => {
  const res = await as[who].get('/api/reports');
  expect(res.status, res.text).toBe(200);
  return res.body.items.map((i: { key: string }) => i.key);
};

describe('GET /api/reports: the reports I may run', () => {
  it('the admin sees every published report, no draft', async () => {
    expect(await keys('admin')).toEqual(['by_secret', 'calls_by_agent', 'customers_by_status', 'dials_per_task', 'secret_filter', ...TEMPLATE].sort());
  });

  it('an agent and a supervisor: no report over a field hidden from them, nor the dial log', async () => {
    for (const who of ['agent1', 'lead'] as const) {
      const offered = await keys(who);
      expect(own(offered)).toEqual(['calls_by_agent', 'customers_by_status']);
      // the template's workbench figures are every seller's
      expect(offered).toEqual(expect.arrayContaining(['workbench_customers', 'workbench_opportunities']));
    }
  });

  it('every report offered runs for the reader; one held back would have been refused', async () => {
    for (const key of await keys('agent1')) expect((await runReport(as.agent1, key)).status).toBe(200);
    expect((await runReport(as.agent1, 'by_secret')).status).toBe(400);
    expect((await runReport(as.agent1, 'dials_per_task')).status).toBe(403);
  });

  it('each item: its label in the reader\'s language, its chart, its own period and the filters its source takes', async () => {
    const res = await as.agent1.get('/api/reports');
    expect(res.body.items.filter((i: { key: string }) => !TEMPLATE.includes(i.key))).toEqual([
      { key: 'calls_by_agent', version: 1, label: '报表 calls_by_agent', source: 'calls', visual: 'bar', range: 'thisWeek', filters: ['team', 'task'], mayExport: true },
      // the template's agents may not export customers: no download offered
      { key: 'customers_by_status', version: 1, label: '报表 customers_by_status', source: 'records:customer', visual: 'pie', range: null, filters: ['team'], mayExport: false },
    ]);
    expect((await as.agent1.get('/api/reports/customers_by_status/export.csv')).status).toBe(403);
    const en = await as.admin.request('GET', '/api/reports', undefined, { 'accept-language': 'en' });
    expect(en.body.items.find((i: { key: string }) => i.key === 'dials_per_task')).toMatchObject({ label: 'Report dials_per_task', filters: ['task'], mayExport: true });
    expect(en.body.items.find((i: { key: string }) => i.key === 'customers_by_status')).toMatchObject({ mayExport: true });
  });

  it('without a session: 401', async () => {
    expect((await rt.anonymous().get('/api/reports')).status).toBe(401);
  });
});
