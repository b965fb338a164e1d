import type { LocalText } from '../types.js';
import { and, at, countIf, eq, has, inList, not, ratio, secondsBetween, sumIf, type Expr } from './expressions.js';

/**
 * The metric catalogue: each call-center and sales figure defined once, with its formula in words and how it
 * compiles to aggregation accumulators. Reports, the workbench (runtime/src/calls/today-figures.ts) and the
 * wallboard all take their figures from here, so two screens never differ. The README's table of formulas
 * is this list.
 */
export type MetricSource = 'calls' | 'records' | 'agentStates';
export type MetricUnit = 'count' | 'seconds' | 'ratio' | 'money';
export type MetricParamValue = string | number | string[];
export type MetricParams = Record<string, MetricParamValue>;

export interface MetricParamSpec {
  key: string;
  type: 'seconds' | 'field' | 'values';
  label: LocalText;
  default?: MetricParamValue;
  /** `field` params: the field must be numeric (an amount). */
  numeric?: boolean;
}

export interface MetricSpec {
  id: string;
  source: MetricSource;
  unit: MetricUnit;
  label: LocalText;
  /** The formula in words, numerator and denominator named. */
  formula: LocalText;
  params?: MetricParamSpec[];
  /**
   * `$group` accumulators by part name. `pathOf` turns a field param into its document path (records keep their
   * fields under `values`): the catalogue never knows a layout beyond the call and interval documents.
   */
  parts(params: MetricParams, pathOf: (field: string) => string): Record<string, Expr>;
  /** The figure from the parts' totals; `part(name)` is the expression reading a part's total. */
  value(part: (name: string) => string): Expr;
}

const out = eq('direction', 'out');
const inbound = eq('direction', 'in');
const answered = has('answerAt');
const queued = and(inbound, has('queuedAt'));
/** A dead line is not talk, however long it was up (carriers/sip/sip-bridge.ts: failure `noMedia`). */
const talk: Expr = { $cond: [eq('failure.cause', 'noMedia'), 0, { $ifNull: [at('talkSec'), 0] }] };
/** After-call work: from the agent's end of the call to the outcome they gave (none before the end). */
const acw: Expr = { $max: [0, secondsBetween('endAt', 'disposition.at')] };

const count = (id: string, en: string, zh: string, cond: Expr | null, formula: LocalText): MetricSpec => ({
  id, source: 'calls', unit: 'count', label: { en, zh }, formula,
  parts: () => ({ n: cond === null ? { $sum: 1 } : countIf(cond) }),
  value: (p) => p('n'),
});
const rate = (id: string, en: string, zh: string, num: Expr, den: Expr, formula: LocalText): MetricSpec => ({
  id, source: 'calls', unit: 'ratio', label: { en, zh }, formula,
  parts: () => ({ num: countIf(num), den: countIf(den) }),
  value: (p) => ratio(p('num'), p('den')),
});

const strings = (v: MetricParamValue | undefined): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [String(v)]);
const fieldParam = (key: string, en: string, zh: string, numeric = false): MetricParamSpec => ({ key, type: 'field', label: { en, zh }, ...(numeric ? { numeric } : {}) });
const valuesParam = (key: string, en: string, zh: string): MetricParamSpec => ({ key, type: 'values', label: { en, zh } });
const STATUS = fieldParam('field', 'Status field', '状态字段');
const WON = valuesParam('won', 'Values meaning won', '表示成交的取值');

export const METRICS: readonly MetricSpec[] = [
  count('calls', 'Calls', '通话数', null, { en: 'every call record in the period (both directions, answered or not)', zh: '期间内的全部通话记录（呼入和呼出，无论是否接通）' }),
  count('outboundCalls', 'Outbound calls', '外呼数', out, { en: 'calls placed outward (click-to-call and task dials): direction = out', zh: '呼出的通话（点击外呼和任务拨打）：方向 = 呼出' }),
  count('outboundConnected', 'Outbound connected', '外呼接通数', and(out, answered), { en: 'outbound calls answered (answer time set)', zh: '已接通的外呼（有接通时间）' }),
  count('inboundAnswered', 'Inbound answered', '呼入接听数', and(inbound, answered), { en: 'inbound calls an agent answered', zh: '坐席接听的呼入' }),
  count('connected', 'Connected calls', '接通数', answered, { en: 'calls answered by a person, both directions', zh: '有人接听的通话（双向）' }),
  {
    id: 'talkSec', source: 'calls', unit: 'seconds', label: { en: 'Talk time', zh: '通话时长' },
    formula: { en: 'sum of talk seconds, except calls that carried no audio (noMedia)', zh: '通话秒数之和，不含没有音频（媒体未接通）的通话' },
    parts: () => ({ s: { $sum: talk } }), value: (p) => p('s'),
  },
  rate('contactRate', 'Contact rate', '接通率', and(out, answered), out, { en: 'outbound connected / outbound dialled', zh: '外呼接通数 / 外呼数' }),
  {
    id: 'aht', source: 'calls', unit: 'seconds', label: { en: 'Average handling time', zh: '平均处理时长' },
    formula: {
      en: '(talk + hold + after-call work) / handled calls; handled = answered with an agent; hold is inside the talk time; after-call work = end of call to the outcome given',
      zh: '（通话 + 保持 + 话后处理）/ 处理的通话数；处理 = 有坐席接听；保持时间包含在通话时长中；话后处理 = 通话结束到填写结果',
    },
    parts: () => {
      const handled = and(answered, has('agentId'));
      return { work: sumIf(handled, { $add: [talk, acw] }), handled: countIf(handled) };
    },
    value: (p) => ratio(p('work'), p('handled')),
  },
  {
    id: 'asa', source: 'calls', unit: 'seconds', label: { en: 'Average speed of answer', zh: '平均应答速度' },
    formula: { en: 'total queue wait of answered inbound calls / answered inbound calls that queued', zh: '已接听呼入的排队等待总时长 / 排过队且被接听的呼入数' },
    parts: () => ({ wait: sumIf(and(queued, answered), secondsBetween('queuedAt', 'answerAt')), n: countIf(and(queued, answered)) }),
    value: (p) => ratio(p('wait'), p('n')),
  },
  rate('abandonRateInbound', 'Abandon rate (inbound)', '放弃率（呼入）', and(queued, not(answered)), queued,
    { en: 'inbound calls that hung up while queued / inbound calls offered to a queue', zh: '排队中挂断的呼入 / 进入队列的呼入' }),
  rate('abandonRateOutbound', 'Abandon rate (outbound)', '放弃率（外呼）', and(out, answered, eq('abandoned', true)), and(out, answered),
    { en: 'task calls answered with no agent free (abandoned) / outbound calls answered by a person', zh: '接通后无空闲坐席而放弃的任务通话 / 有人接听的外呼' }),
  {
    id: 'serviceLevel', source: 'calls', unit: 'ratio', label: { en: 'Service level', zh: '服务水平' },
    formula: { en: 'inbound calls answered within N seconds of queueing / inbound calls offered to a queue', zh: '排队后 N 秒内接听的呼入 / 进入队列的呼入' },
    params: [{ key: 'seconds', type: 'seconds', label: { en: 'Answered within (s)', zh: '接听时限（秒）' }, default: 20 }],
    parts: (params) => {
      const n = Number(params.seconds ?? 20);
      const within = and(queued, answered, { $lte: [{ $subtract: [at('answerAt'), at('queuedAt')] }, n * 1000] });
      return { num: countIf(within), den: countIf(queued) };
    },
    value: (p) => ratio(p('num'), p('den')),
  },
  {
    id: 'occupancy', source: 'agentStates', unit: 'ratio', label: { en: 'Occupancy', zh: '占用率' },
    formula: { en: 'seconds on calls and in after-call work / seconds ready, on calls or in after-call work (breaks do not count)', zh: '通话与话后处理的秒数 / 就绪、通话和话后处理的总秒数（小休不计）' },
    parts: () => ({
      work: sumIf(inList('kind', ['busy', 'wrapup']), { $ifNull: [at('sec'), 0] }),
      logged: sumIf(inList('kind', ['ready', 'busy', 'wrapup']), { $ifNull: [at('sec'), 0] }),
    }),
    value: (p) => ratio(p('work'), p('logged')),
  },
  {
    id: 'conversion', source: 'records', unit: 'ratio', label: { en: 'Conversion rate', zh: '转化率' },
    formula: { en: 'records won / records contacted', zh: '成交的记录 / 已联系的记录' },
    params: [STATUS, WON, valuesParam('contacted', 'Values meaning contacted', '表示已联系的取值')],
    parts: (p, pathOf) => ({ won: countIf(inList(pathOf(String(p.field)), strings(p.won))), contacted: countIf(inList(pathOf(String(p.field)), strings(p.contacted))) }),
    value: (p) => ratio(p('won'), p('contacted')),
  },
  {
    id: 'winRate', source: 'records', unit: 'ratio', label: { en: 'Win rate', zh: '赢单率' },
    formula: { en: 'records won / records closed (won, lost or invalid)', zh: '成交的记录 / 已关闭的记录（成交、丢单或无效）' },
    params: [STATUS, WON, valuesParam('closed', 'Values meaning closed', '表示已关闭的取值')],
    parts: (p, pathOf) => ({ won: countIf(inList(pathOf(String(p.field)), strings(p.won))), closed: countIf(inList(pathOf(String(p.field)), strings(p.closed))) }),
    value: (p) => ratio(p('won'), p('closed')),
  },
  {
    id: 'wonAmount', source: 'records', unit: 'money', label: { en: 'Won amount', zh: '成交金额' },
    formula: { en: 'sum of the amount field over records won', zh: '成交记录的金额字段之和' },
    params: [STATUS, WON, fieldParam('amount', 'Amount field', '金额字段', true)],
    parts: (p, pathOf) => ({ s: sumIf(inList(pathOf(String(p.field)), strings(p.won)), { $ifNull: [at(pathOf(String(p.amount))), 0] }) }),
    value: (p) => p('s'),
  },
];

export function metricSpec(id: string): MetricSpec | undefined {
  return METRICS.find((m) => m.id === id);
}

/** The params a measure gives, with the catalogue's defaults filled in. */
export function metricParams(spec: MetricSpec, given: MetricParams | undefined): MetricParams {
  const out: MetricParams = {};
  for (const p of spec.params ?? []) {
    const v = given?.[p.key] ?? p.default;
    if (v !== undefined) out[p.key] = v;
  }
  return out;
}

/**
 * One `$group` stage's accumulators for several metrics, and the `$project` expressions that read each figure:
 * parts are named `<prefix><part>` so metrics never collide. The workbench's figures are computed this way.
 */
export function metricStages(ids: readonly string[], pathOf: (f: string) => string = (f) => f, prefix = (id: string) => `${id}__`): {
  accumulators: Record<string, Expr>; values: Record<string, Expr>;
} {
  const accumulators: Record<string, Expr> = {};
  const values: Record<string, Expr> = {};
  for (const id of ids) {
    const spec = metricSpec(id);
    if (!spec) throw new Error(`no metric ${id}`);
    const params = metricParams(spec, undefined);
    for (const [name, acc] of Object.entries(spec.parts(params, pathOf))) accumulators[`${prefix(id)}${name}`] = acc;
    values[id] = spec.value((name) => `$${prefix(id)}${name}`);
  }
  return { accumulators, values };
}
