// The report kind on its own: a complete report validates; what the schema cannot say comes back with its JSON path
// and a sentence; relative ranges begin at midnight in the workspace's time zone, and the previous period is the one
// just before.
import { describe, expect, it } from 'vitest';
import { METRICS, previousRange, resolveRange, validateDefinition } from '@telesales/schemas';

const report = (extra: Record<string, unknown> = {}) => ({
  kind: 'report', schemaVersion: 1, id: '00000000-0000-4000-8000-000000000001', key: 'calls_per_agent',
  label: { zh: '坐席通话量', en: 'Calls per agent' }, source: 'calls', dateRange: { range: 'thisWeek' },
  dimensions: [{ id: 'agent', by: 'owner' }, { id: 'day', by: 'date', bucket: 'day' }],
  measures: [{ id: 'calls', op: 'metric', metric: 'calls' }, { id: 'talk', op: 'sum', field: 'talkSec' }, { id: 'perCall', op: 'ratio', numerator: 'talk', denominator: 'calls' }],
  sort: [{ by: 'calls', dir: 'desc' }], limit: 50, compare: true,
  visual: { type: 'pivot', options: { columns: 'day' } },
  ...extra,
});
const paths = (def: unknown) => validateDefinition(def, 'en').map((i) => `${i.path} ${i.code}`);

describe('the report kind', () => {
  it('a complete report validates', () => {
    expect(validateDefinition(report(), 'en')).toEqual([]);
  });

  it('names each problem by its path, in the reader\'s language', () => {
    const def = report({
      dateRange: { range: 'custom', from: '2026-05-10', to: '2026-05-01' },
      dimensions: [{ id: 'agent', by: 'owner' }, { id: 'agent', by: 'date', field: 'direction', bucket: 'day' }],
      measures: [
        { id: 'n', op: 'avg', field: 'queue' },
        { id: 's', op: 'shareOfTotal', of: 'r' },
        { id: 'r', op: 'ratio', numerator: 'n', denominator: 'n' },
        { id: 'm', op: 'metric', metric: 'happiness' },
        { id: 'sl', op: 'metric', metric: 'serviceLevel', params: { seconds: 0 } },
      ],
      sort: [{ by: 'nothing' }],
      filter: { field: 'talkSec', op: 'contains', value: 'x' },
      visual: { type: 'kpi' },
    });
    expect(paths(def)).toEqual(expect.arrayContaining([
      '/dateRange/to end_before_start',
      '/dimensions/1/id duplicate_key',
      '/dimensions/1/field report_not_a_date',
      '/measures/0/field report_not_numeric',
      '/measures/1/of report_share_of_ratio',
      '/measures/2/denominator report_ratio_of_itself',
      '/measures/3/metric report_unknown_metric',
      '/measures/4/params/seconds minimum',
      '/sort/0/by report_unknown_column',
      '/visual/type report_single_figure',
      '/filter/op unknown_operator',
    ]));
    expect(validateDefinition(report({ measures: [{ id: 'r', op: 'ratio', numerator: 'x' }] }), 'zh')).toEqual([
      { path: '/measures/0/numerator', code: 'report_unknown_measure', message: '没有指标 “x”' },
      { path: '/measures/0/denominator', code: 'report_ratio_of_nothing', message: '比率需要指定分子和分母两个指标' },
      { path: '/sort/0/by', code: 'report_unknown_column', message: '没有维度或指标 “calls”' },
    ]);
  });

  it('charts need a dimension, a pivot two; dates need a custom range; an hour has no date-only field', () => {
    expect(paths(report({ dimensions: [], sort: [], visual: { type: 'bar' } }))).toEqual(['/dimensions report_chart_needs_dimension']);
    expect(paths(report({ visual: { type: 'pivot' }, dimensions: [{ id: 'agent', by: 'owner' }] }))).toEqual(['/visual/type report_pivot_dimensions']);
    expect(paths(report({ dateRange: { range: 'today', from: '2026-01-01' } }))).toEqual(['/dateRange/from report_dates_need_custom']);
    expect(paths(report({ source: 'dials', dimensions: [{ id: 'agent', by: 'owner' }, { id: 'day', by: 'date', bucket: 'day' }], measures: [{ id: 'calls', op: 'count' }] })))
      .toEqual(['/dimensions/0/by report_dimension_not_in_source']);
    expect(paths(report({ source: 'records:nothing here' }))).toEqual(['/source pattern']);
  });

  it('an entity\'s fields are checked at publish, where its definition is known', () => {
    // A records source's field names cannot be judged here (the runtime's publish check does): no false alarms.
    expect(paths(report({ source: 'records:customer', dimensions: [{ id: 's', by: 'field', field: 'status' }], measures: [{ id: 'n', op: 'sum', field: 'annual_premium' }], sort: [], visual: { type: 'bar' } }))).toEqual([]);
  });

  it('every metric has both labels and its formula in both languages', () => {
    for (const m of METRICS) {
      expect(m.label.zh && m.label.en && m.formula.zh && m.formula.en, m.id).toBeTruthy();
      expect(/[\u4e00-\u9fff]/.test(m.formula.zh!) && !/[\u4e00-\u9fff]/.test(m.formula.en!), m.id).toBe(true);
    }
  });
});

describe('relative date ranges in the workspace\'s time zone', () => {
  // Monday 2026-05-04 00:30 in Shanghai is still Sunday 16:30 in UTC.
  const now = Date.parse('2026-05-03T16:30:00.000Z');
  const zone = 'Asia/Shanghai';
  const r = (range: any, extra = {}) => {
    const x = resolveRange({ range, ...extra }, now, zone);
    return [x.from.toISOString(), x.to.toISOString(), x.fromDate, x.toDate];
  };

  it('today, yesterday, this and last week (Monday first) start at Shanghai\'s midnight', () => {
    expect(r('today')).toEqual(['2026-05-03T16:00:00.000Z', '2026-05-04T16:00:00.000Z', '2026-05-04', '2026-05-04']);
    expect(r('yesterday')).toEqual(['2026-05-02T16:00:00.000Z', '2026-05-03T16:00:00.000Z', '2026-05-03', '2026-05-03']);
    expect(r('thisWeek')).toEqual(['2026-05-03T16:00:00.000Z', '2026-05-10T16:00:00.000Z', '2026-05-04', '2026-05-10']);
    expect(r('lastWeek')).toEqual(['2026-04-26T16:00:00.000Z', '2026-05-03T16:00:00.000Z', '2026-04-27', '2026-05-03']);
  });

  it('the last 7 and 30 days end with today; months are calendar months; custom dates are inclusive', () => {
    expect(r('last7Days').slice(2)).toEqual(['2026-04-28', '2026-05-04']);
    expect(r('last30Days').slice(2)).toEqual(['2026-04-05', '2026-05-04']);
    expect(r('thisMonth')).toEqual(['2026-04-30T16:00:00.000Z', '2026-05-31T16:00:00.000Z', '2026-05-01', '2026-05-31']);
    expect(r('lastMonth').slice(2)).toEqual(['2026-04-01', '2026-04-30']);
    expect(r('custom', { from: '2026-02-01', to: '2026-02-28' })).toEqual(['2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z', '2026-02-01', '2026-02-28']);
  });

  it('in a zone with daylight saving, a day is 23 hours when the clocks go forward', () => {
    const ny = resolveRange({ range: 'today' }, Date.parse('2026-03-08T12:00:00.000Z'), 'America/New_York');
    expect([ny.from.toISOString(), ny.to.toISOString()]).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });

  it('the previous period: as many days just before, or the month before', () => {
    const week = previousRange({ range: 'thisWeek' }, now, zone);
    expect([week.fromDate, week.toDate]).toEqual(['2026-04-27', '2026-05-03']);
    const month = previousRange({ range: 'thisMonth' }, now, zone);
    expect([month.fromDate, month.toDate]).toEqual(['2026-04-01', '2026-04-30']);
    const days = previousRange({ range: 'last7Days' }, now, zone);
    expect([days.fromDate, days.toDate]).toEqual(['2026-04-21', '2026-04-27']);
  });
});
