// The sentence under the designer's preview says, without any query language, what a report counts: the source,
// the period, the conditions, the grouping, what the chart shows, the sort, the limit and the comparison, in zh and en.
import { describe, expect, it } from 'vitest';
import { describeReport, sourceFields, type ReportDefinition } from '@telesales/schemas';

const calls = sourceFields('calls')!;
const report = (extra: Partial<ReportDefinition>): ReportDefinition => ({
  kind: 'report', schemaVersion: 1, id: '00000000-0000-4000-8000-000000000001', key: 'r', label: { zh: '报表', en: 'Report' },
  source: 'calls', measures: [{ id: 'n', op: 'count' }], visual: { type: 'table' }, ...extra,
} as ReportDefinition);

describe('describeReport', () => {
  it('connected calls per agent this week, as bars', () => {
    const def = report({
      dateRange: { range: 'thisWeek' }, dimensions: [{ id: 'agent', by: 'owner' }],
      measures: [{ id: 'connected', op: 'metric', metric: 'outboundConnected' }], visual: { type: 'bar' },
    });
    expect(describeReport(def, 'en', { fields: calls })).toBe('Counting calls from this week, grouped by agent; bars show outbound connected.');
    expect(describeReport(def, 'zh', { fields: calls })).toBe('统计本周的通话，按坐席分组；柱状图显示外呼接通数。');
  });

  it('conditions, a date bucket, several measures, sort, limit and comparison', () => {
    const def = report({
      dateRange: { range: 'last30Days' },
      filter: { and: [{ field: 'direction', op: 'eq', value: 'out' }, { field: 'disposition', op: 'in', value: ['busy', 'no_answer'] }] },
      dimensions: [{ id: 'agent', by: 'owner' }, { id: 'day', by: 'date', field: 'ringAt', bucket: 'day' }],
      measures: [{ id: 'n', op: 'count' }, { id: 'talk', op: 'avg', field: 'talkSec' }, { id: 'share', op: 'shareOfTotal', of: 'n' }],
      sort: [{ by: 'n', dir: 'desc' }], limit: 20, compare: true, visual: { type: 'line' },
    });
    expect(describeReport(def, 'en', { fields: calls })).toBe(
      'Counting calls from the last 30 days, where direction is out and outcome is one of busy, no_answer, grouped by agent and by day of started; '
      + 'lines show the number of calls, average talk time (s) and the share of the number of calls, sorted by the number of calls, largest first, at most 20 rows, compared with the previous period.',
    );
    expect(describeReport(def, 'zh', { fields: calls })).toBe(
      '统计最近 30 天的通话，条件：方向为 out且通话结果属于 busy、no_answer，按坐席和开始时间的天分组；折线图显示通话数、通话时长（秒）平均值、通话数占比，按通话数从大到小排序，最多 20 行，并与上一周期对比。',
    );
  });

  it('a records source names its entity; a custom period its dates; no dimension is a total; labels win', () => {
    const def = report({
      source: 'records:customer', dateRange: { range: 'custom', from: '2026-05-01', to: '2026-05-31' },
      measures: [{ id: 'won', op: 'metric', metric: 'conversion', label: { zh: '成交率', en: 'Closing rate' } }], visual: { type: 'kpi' },
    });
    const ctx = { fields: null, entityLabel: { zh: '客户', en: 'customers' } };
    expect(describeReport(def, 'en', ctx)).toBe('Counting customers from 2026-05-01 to 2026-05-31, in total; one figure shows closing rate.');
    expect(describeReport(def, 'zh', ctx)).toBe('统计2026-05-01 至 2026-05-31的客户，合计；指标卡显示成交率。');
  });

  it('no period is all time; a ratio reads as one measure per another', () => {
    const def = report({
      dimensions: [{ id: 'task', by: 'task' }],
      measures: [{ id: 'talk', op: 'sum', field: 'talkSec' }, { id: 'n', op: 'count' }, { id: 'per', op: 'ratio', numerator: 'talk', denominator: 'n' }],
      visual: { type: 'pivot' },
    });
    expect(describeReport(def, 'en', { fields: calls })).toBe(
      'Counting calls from all time, grouped by outbound task; the matrix shows total talk time (s), the number of calls and total talk time (s) per the number of calls.',
    );
  });
});
