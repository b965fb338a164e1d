import { metricSpec } from '../../metrics/catalogue.js';
import type { FilterCondition, Locale, LocalText, ReportDefinition } from '../../types.js';
import { sourceKind, type ReportField } from './sources.js';

type Measure = ReportDefinition['measures'][number];
type Dimension = NonNullable<ReportDefinition['dimensions']>[number];

/** What the source's documents are called in a sentence ("calls"); a records source says its entity's label. */
const SOURCE_NOUN: Record<string, LocalText> = {
  calls: { en: 'calls', zh: '通话' },
  dials: { en: 'outbound task dials', zh: '外呼任务拨号' },
  moves: { en: 'ownership moves and changes', zh: '流转和变更' },
  agentStates: { en: 'agent-state intervals', zh: '坐席状态时段' },
};
const RANGE: Record<string, LocalText> = {
  today: { en: 'today', zh: '今天' }, yesterday: { en: 'yesterday', zh: '昨天' },
  thisWeek: { en: 'this week', zh: '本周' }, lastWeek: { en: 'last week', zh: '上周' },
  last7Days: { en: 'the last 7 days', zh: '最近 7 天' }, last30Days: { en: 'the last 30 days', zh: '最近 30 天' },
  thisMonth: { en: 'this month', zh: '本月' }, lastMonth: { en: 'last month', zh: '上月' },
};
const BUILT_IN: Record<string, LocalText> = {
  owner: { en: 'agent', zh: '坐席' }, team: { en: 'team', zh: '团队' }, pool: { en: 'pool', zh: '公海' },
  task: { en: 'outbound task', zh: '外呼任务' }, disposition: { en: 'outcome', zh: '通话结果' },
};
const BUCKET: Record<string, LocalText> = { hour: { en: 'hour', zh: '小时' }, day: { en: 'day', zh: '天' }, week: { en: 'week', zh: '周' }, month: { en: 'month', zh: '月' } };
const VISUAL: Record<string, LocalText> = {
  table: { en: 'the table shows', zh: '表格显示' }, pivot: { en: 'the matrix shows', zh: '交叉表显示' }, bar: { en: 'bars show', zh: '柱状图显示' },
  line: { en: 'lines show', zh: '折线图显示' }, area: { en: 'areas show', zh: '面积图显示' }, pie: { en: 'slices show', zh: '饼图显示' },
  funnel: { en: 'the funnel shows', zh: '漏斗图显示' }, kpi: { en: 'one figure shows', zh: '指标卡显示' }, gauge: { en: 'a gauge shows', zh: '仪表盘显示' },
};
const OP: Record<string, { en: (f: string) => string; zh: (f: string) => string }> = {
  countDistinct: { en: (f) => `distinct ${f}`, zh: (f) => `${f}去重数` },
  sum: { en: (f) => `total ${f}`, zh: (f) => `${f}合计` },
  avg: { en: (f) => `average ${f}`, zh: (f) => `${f}平均值` },
  min: { en: (f) => `lowest ${f}`, zh: (f) => `${f}最小值` },
  max: { en: (f) => `highest ${f}`, zh: (f) => `${f}最大值` },
};
const CONDITION: Record<string, { en: string; zh: string }> = {
  eq: { en: 'is', zh: '为' }, ne: { en: 'is not', zh: '不为' }, gt: { en: 'is above', zh: '大于' }, gte: { en: 'is at least', zh: '不小于' },
  lt: { en: 'is below', zh: '小于' }, lte: { en: 'is at most', zh: '不大于' }, in: { en: 'is one of', zh: '属于' }, nin: { en: 'is none of', zh: '不属于' },
  contains: { en: 'contains', zh: '包含' }, startsWith: { en: 'starts with', zh: '开头是' }, between: { en: 'is between', zh: '介于' },
  isEmpty: { en: 'is empty', zh: '为空' }, isNotEmpty: { en: 'is set', zh: '不为空' },
};

export interface DescribeContext {
  /** The source's fields (their labels); null while unknown (a records source before its entity loads). */
  fields: readonly ReportField[] | null;
  /** A records source's entity label ("customers"). */
  entityLabel?: LocalText;
}

/** A label inside an English sentence starts in lower case ("bars show outbound connected"), unless it is an acronym (AHT). */
const inSentence = (s: string, locale: Locale) => (locale === 'en' && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const pick = (t: LocalText | undefined, locale: Locale, fallback = '') => inSentence(t?.[locale] || t?.en || t?.zh || fallback, locale);

/**
 * The SQL-free sentence under the designer's preview: what is counted, over which period, with which conditions,
 * grouped by what, and what the chart shows ("Counting calls from this week, where Direction is out, grouped by
 * agent; bars show Outbound connected."). Built from the definition alone, so it is the same wherever it is read.
 */
export function describeReport(def: ReportDefinition, locale: Locale, ctx: DescribeContext): string {
  const zh = locale === 'zh';
  const fieldLabel = (key: string | undefined) => pick(ctx.fields?.find((f) => f.key === key)?.label, locale, key ?? '');
  const kind = sourceKind(def.source);
  const noun = kind === 'records' ? pick(ctx.entityLabel, locale, def.source.slice('records:'.length)) : pick(SOURCE_NOUN[kind], locale);

  const r = def.dateRange;
  const period = !r ? (zh ? '全部时间' : 'all time')
    : r.range === 'custom' ? (zh ? `${r.from ?? '?'} 至 ${r.to ?? '?'}` : `${r.from ?? '?'} to ${r.to ?? '?'}`)
      : pick(RANGE[r.range], locale);
  const dateField = r?.field ? (zh ? `（按${fieldLabel(r.field)}）` : ` (by ${fieldLabel(r.field)})`) : '';

  const conditions = conditionsOf(def.filter).map((c) => {
    const words = CONDITION[c.op] ?? { en: c.op, zh: c.op };
    const value = c.value === undefined ? '' : Array.isArray(c.value) ? c.value.join(zh ? '、' : ', ') : String(c.value);
    return zh ? `${fieldLabel(c.field)}${words.zh}${value ? ` ${value}` : ''}` : `${fieldLabel(c.field)} ${words.en}${value ? ` ${value}` : ''}`;
  });

  const dims = (def.dimensions ?? []).map((d) => dimensionName(d, locale, fieldLabel));
  const measures = def.measures.map((m) => measureName(m, def, locale, noun, fieldLabel));
  const and = (xs: string[]) => (zh ? xs.join('、') : xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

  const sort = def.sort?.[0];
  const sorted = sort ? measures[def.measures.findIndex((m) => m.id === sort.by)] ?? dims[(def.dimensions ?? []).findIndex((d) => d.id === sort.by)] : undefined;
  const extras: string[] = [];
  if (sorted) extras.push(zh ? `按${sorted}${sort!.dir === 'asc' ? '从小到大' : '从大到小'}排序` : `sorted by ${sorted}, ${sort!.dir === 'asc' ? 'smallest' : 'largest'} first`);
  if (def.limit) extras.push(zh ? `最多 ${def.limit} 行` : `at most ${def.limit} rows`);
  if (def.compare) extras.push(zh ? '并与上一周期对比' : 'compared with the previous period');

  if (zh) {
    return `统计${period}${dateField}的${noun}` + (conditions.length ? `，条件：${conditions.join('且')}` : '')
      + (dims.length ? `，按${dims.join('和')}分组` : '，合计') + `；${pick(VISUAL[def.visual.type], locale)}${and(measures)}`
      + (extras.length ? `，${extras.join('，')}` : '') + '。';
  }
  return `Counting ${noun} from ${period}${dateField}` + (conditions.length ? `, where ${conditions.join(' and ')}` : '')
    + (dims.length ? `, grouped by ${dims.join(' and by ')}` : ', in total') + `; ${pick(VISUAL[def.visual.type], locale)} ${and(measures)}`
    + (extras.length ? `, ${extras.join(', ')}` : '') + '.';
}

/** The conditions of a filter joined by `and` (an `or` group reads as its conditions too: a sentence, not a parser). */
function conditionsOf(filter: unknown): FilterCondition[] {
  if (!filter || typeof filter !== 'object') return [];
  const f = filter as { and?: unknown[]; or?: unknown[] } & Partial<FilterCondition>;
  if (Array.isArray(f.and)) return f.and.flatMap(conditionsOf);
  if (Array.isArray(f.or)) return f.or.flatMap(conditionsOf);
  return typeof f.field === 'string' && typeof f.op === 'string' ? [f as FilterCondition] : [];
}

function dimensionName(d: Dimension, locale: Locale, fieldLabel: (k: string | undefined) => string): string {
  if (d.label) return pick(d.label, locale);
  if (d.by === 'field') return fieldLabel(d.field);
  if (d.by === 'date') {
    const bucket = pick(BUCKET[d.bucket ?? 'day'], locale);
    const of = d.field ? fieldLabel(d.field) : '';
    return locale === 'zh' ? `${of}${of ? '的' : ''}${bucket}` : `${bucket}${of ? ` of ${of}` : ''}`;
  }
  return pick(BUILT_IN[d.by], locale, d.by);
}

function measureName(m: Measure, def: ReportDefinition, locale: Locale, noun: string, fieldLabel: (k: string | undefined) => string): string {
  if (m.label) return pick(m.label, locale);
  const zh = locale === 'zh';
  const other = (id: string | undefined) => {
    const o = def.measures.find((x) => x.id === id);
    return o && o !== m ? measureName(o, def, locale, noun, fieldLabel) : (id ?? '?');
  };
  switch (m.op) {
    case 'count': return zh ? `${noun}数` : `the number of ${noun}`;
    case 'metric': return pick(metricSpec(m.metric ?? '')?.label, locale, m.metric ?? '?');
    case 'shareOfTotal': return zh ? `${other(m.of)}占比` : `the share of ${other(m.of)}`;
    case 'ratio': return zh ? `${other(m.numerator)} / ${other(m.denominator)}` : `${other(m.numerator)} per ${other(m.denominator)}`;
    default: return OP[m.op]![locale](fieldLabel(m.field));
  }
}
