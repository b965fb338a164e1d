// What a report refuses, with the path and the sentence a person reads: publish checks (the kind's own and those
// against the entity), fields a viewer may not see or only sees masked, a preview by someone who does not design
// definitions, bad parameters, a source outside the viewer's scope, and a run that outlasts its time bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The runtime's `app.reports` augmentation, for the time bound the test lowers.
import type {} from '@telesales/runtime/reports/plugin';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { prospectEntity, publish } from './records-support.js';
import { publishReport, report, runReport } from './reports-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, lead, agent1] = await Promise.all([rt.login('admin'), rt.login('lead'), rt.login('agent1')]);
  expect((await publish(admin, prospectEntity())).status).toBe(200);
  await publishReport(admin, report('by_secret', {
    source: 'records:prospect', dimensions: [{ id: 'secret', by: 'field', field: 'secret' }], measures: [{ id: 'n', op: 'count' }],
  }));
  await publishReport(admin, report('secret_filter', {
    source: 'records:prospect', filter: { field: 'secret', op: 'eq', value: 'x' }, measures: [{ id: 'n', op: 'count' }], visual: { type: 'kpi' },
  }));
  await publishReport(admin, report('phone_filter', {
    source: 'records:customer', filter: { field: 'phone', op: 'eq', value: '13881836553' }, measures: [{ id: 'n', op: 'count' }], visual: { type: 'kpi' },
  }));
  await publishReport(admin, report('dials_per_task', {
    source: 'dials', dimensions: [{ id: 'task', by: 'task' }], measures: [{ id: 'n', op: 'count' }],
  }));
  await publishReport(admin, report('customers_by_level', {
    source: 'records:customer', dimensions: [{ id: 'level', by: 'field', field: 'level' }], measures: [{ id: 'n', op: 'count' }],
  }));
}, 120_000);
afterAll(async () => rt?.close());

/** Saves the draft and publishes it; the refusal's status and issues. */
async function refused(def: Record<string, unknown>) {
  const res = await publish(admin, def as { kind: string; key: string });
  return { status: res.status, issues: (res.body.errors ?? []).map((e: any) => ({ path: e.path, code: e.code, message: e.message })) };
}

describe('publishing refuses a report that cannot mean anything, with the path and why', () => {
  it('a sum over a field that is not a number, a ratio of nothing, a dimension the source lacks', async () => {
    const res = await refused(report('bad_calls', {
      source: 'calls',
      dimensions: [{ id: 'pool', by: 'pool' }],
      measures: [{ id: 'dir', op: 'sum', field: 'direction' }, { id: 'r', op: 'ratio' }, { id: 'm', op: 'metric', metric: 'winRate' }],
    }));
    expect(res.status).toBe(400);
    expect(res.issues).toEqual(expect.arrayContaining([
      { path: '/dimensions/0/by', code: 'report_dimension_not_in_source', message: '这个数据来源没有 “公海” 维度' },
      { path: '/measures/0/field', code: 'report_not_numeric', message: '字段 “direction” 不是数字，不能求和' },
      { path: '/measures/1/numerator', code: 'report_ratio_of_nothing', message: '比率需要指定分子和分母两个指标' },
      { path: '/measures/1/denominator', code: 'report_ratio_of_nothing', message: '比率需要指定分子和分母两个指标' },
      { path: '/measures/2/metric', code: 'report_metric_source', message: '指标 “winRate” 统计的是业务记录，与报表的数据来源不符' },
    ]));
  });

  it('against the entity: a masked field as a dimension, an unknown field, a sum over text', async () => {
    const res = await refused(report('bad_customers', {
      source: 'records:customer',
      dimensions: [{ id: 'phone', by: 'field', field: 'phone' }, { id: 'x', by: 'field', field: 'nope' }],
      measures: [{ id: 'names', op: 'sum', field: 'name' }],
    }));
    expect(res.status).toBe(409);
    expect(res.issues).toEqual(expect.arrayContaining([
      { path: '/dimensions/0/field', code: 'report_masked_dimension', message: '字段 “phone” 是脱敏字段，不能作为分组（每组会暴露一个号码）' },
      { path: '/dimensions/1/field', code: 'report_unknown_field', message: '报表的数据来源没有字段 “nope”' },
      { path: '/measures/0/field', code: 'report_not_numeric', message: '字段 “name” 不是数字，不能求和' },
    ]));
  });

  it('an entity that is not published', async () => {
    const res = await refused(report('ghost', { source: 'records:ghost', measures: [{ id: 'n', op: 'count' }] }));
    expect(res).toMatchObject({ status: 409, issues: [{ path: '/source', code: 'unknown_entity' }] });
  });
});

describe('a viewer uses only the fields they see unmasked', () => {
  it('a field hidden from agents is no dimension for agent1 (400 with its path); the admin sees it', async () => {
    const res = await runReport(agent1, 'by_secret');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'hidden_field', errors: [{ path: '/dimensions/0/field', code: 'hidden_field' }] });
    expect((await runReport(admin, 'by_secret')).status).toBe(200);
    expect((await lead.post('/api/reports/by_secret/drill', { cell: { secret: 'x' } })).status).toBe(400);
  });

  it('nor a filter: agent1 cannot count prospects by a value of the hidden field', async () => {
    const res = await runReport(agent1, 'secret_filter');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: '/filter/field', code: 'unknown_field' });
  });

  it('a masked number is compared to nothing: a filter on its value is a 400 for a reader who sees it masked', async () => {
    const res = await runReport(agent1, 'phone_filter');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: '/filter/op', code: 'masked_field' });
  });
});

describe('runs, previews and exports that are refused', () => {
  it('an unknown report is a 404', async () => {
    expect((await runReport(admin, 'no_such_report')).status).toBe(404);
  });

  it('a custom range needs both dates, in order', async () => {
    const missing = await runReport(admin, 'customers_by_level', { range: 'custom', from: '2026-05-01' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('/to');
    const reversed = await runReport(admin, 'customers_by_level', { range: 'custom', from: '2026-05-02', to: '2026-05-01' });
    expect(reversed.body.errors[0]).toMatchObject({ path: '/to', code: 'end_before_start' });
  });

  it('the dial log belongs to no agent: only readers who see everything count it', async () => {
    expect((await runReport(lead, 'dials_per_task')).status).toBe(403);
    expect((await runReport(admin, 'dials_per_task')).status).toBe(200);
  });

  it('the preview is for people who design definitions, and checks the draft as a publish would', async () => {
    const draft = report('draft_one', { source: 'records:customer', dimensions: [{ id: 'level', by: 'field', field: 'level' }], measures: [{ id: 'n', op: 'count' }] });
    expect((await agent1.post('/api/reports/preview', { definition: draft })).status).toBe(403);
    const bad = await admin.post('/api/reports/preview', { definition: { ...draft, measures: [{ id: 'n', op: 'sum', field: 'level' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/measures/0/field', code: 'report_not_numeric' })]);
    const notReport = await admin.post('/api/reports/preview', { definition: { ...draft, kind: 'entity' } });
    expect(notReport.body.errors[0].path).toBe('/definition/kind');
    const ok = await admin.post('/api/reports/preview', { definition: draft });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ version: null, cached: false, partial: false });
    expect(ok.body.totals.n).toBe(40);
  });

  it('a run that outlasts its time bound answers at once: partial, with a sentence, never cached', async () => {
    const bound = rt.app.reports.timeBoundMs;
    rt.app.reports.timeBoundMs = 0;
    try {
      const res = await agent1.request('POST', '/api/reports/customers_by_level/run', { range: 'last30Days' }, { 'accept-language': 'en' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ partial: true, rows: [], totals: null, message: 'The report could not be computed within 0 s: narrow the date range or add filters' });
    } finally {
      rt.app.reports.timeBoundMs = bound;
    }
    const again = await runReport(agent1, 'customers_by_level', { range: 'last30Days' });
    expect(again.body).toMatchObject({ partial: false, cached: false });
  });

  it('export of a records report needs the entity\'s export permission; the supervisor gets the rows as CSV', async () => {
    expect((await agent1.get('/api/reports/customers_by_level/export.csv')).status).toBe(403);
    const csv = await lead.get('/api/reports/customers_by_level/export.csv');
    expect(csv.status, csv.text).toBe(200);
    const run = await runReport(lead, 'customers_by_level');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('客户等级,数量');
    expect(lines.length).toBe(run.body.rows.length + 1);
    const xlsx = await lead.get('/api/reports/customers_by_level/export.xlsx');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
  });
});
