import {
  BUILT_IN_PATHS, DEFAULT_DATE_FIELD, metricParams, metricSpec,
  type ReportDefinition, type ReportDimension, type ReportField, type ReportMeasure, type ResolvedRange, type SourceKind,
} from '@telesales/schemas';
import type { Document } from 'mongodb';

type Expr = unknown;

/** Who is in which team, as two parallel lists: the team dimension looks a person up in the pipeline itself. */
export interface TeamIndex {
  userIds: string[];
  teamIds: Array<string | null>;
}

/** Everything a report compiles against for one viewer: the source, the fields they may use, the zone, the teams. */
export interface CompileContext {
  def: ReportDefinition;
  kind: SourceKind;
  fields: Map<string, ReportField>;
  timeZone: string;
  teams: TeamIndex;
}

/** The most groups a report answers when it sets no limit: a chart of more is unreadable, a table of more is an export. */
export const DEFAULT_ROW_LIMIT = 1000;
const FORMATS = { hour: '%Y-%m-%d %H:00', day: '%Y-%m-%d', week: '%G-W%V', month: '%Y-%m' } as const;

const field = (ctx: CompileContext, key: string) => ctx.fields.get(key)!;
const dateFieldOf = (ctx: CompileContext, key: string | undefined) => field(ctx, key ?? DEFAULT_DATE_FIELD[ctx.kind]);
/** Null and missing are one group (a sub-document `_id` would otherwise keep them apart). */
const orNull = (x: Expr): Expr => ({ $ifNull: [x, null] });

/** A date field as a date in the pipeline (entity dates and times are stored as text). */
function asDate(f: ReportField): Expr {
  return f.storedAsText ? { $toDate: `$${f.path}` } : `$${f.path}`;
}

/** The expression whose value is a document's group on one dimension; the drill-down compares with the same one. */
export function dimensionExpr(d: ReportDimension, ctx: CompileContext): Expr {
  if (d.by === 'field') return orNull(`$${field(ctx, d.field!).path}`);
  if (d.by === 'date') {
    const f = dateFieldOf(ctx, d.field);
    const bucket = d.bucket ?? 'day';
    if (f.type === 'date') {
      // A local calendar date already: the day is the text, the month its first seven characters.
      if (bucket === 'day') return orNull(`$${f.path}`);
      if (bucket === 'month') return orNull({ $substrCP: [`$${f.path}`, 0, 7] });
      return orNull({ $dateToString: { format: FORMATS[bucket], date: asDate(f) } });
    }
    return orNull({ $dateToString: { format: FORMATS[bucket], date: asDate(f), timezone: ctx.timeZone } });
  }
  const path = BUILT_IN_PATHS[ctx.kind][d.by]!;
  if (d.by === 'team') {
    // -1 (not found) reads the last element: the null appended for people in no team.
    return { $arrayElemAt: [[...ctx.teams.teamIds, null], { $indexOfArray: [ctx.teams.userIds, `$${path}`] }] };
  }
  return orNull(`$${path}`);
}

/** The period's condition on the report's date field (an index on it serves the range). */
export function rangeMatch(ctx: CompileContext, range: ResolvedRange | null): Document {
  if (!range) return {};
  const f = dateFieldOf(ctx, ctx.def.dateRange?.field);
  if (f.type === 'date') return { [f.path]: { $gte: range.fromDate, $lte: range.toDate } };
  // Text date-times may carry any offset: compared as dates (no index on an entity's text date-times).
  if (f.storedAsText) return { $expr: { $and: [{ $gte: [asDate(f), range.from] }, { $lt: [asDate(f), range.to] }] } };
  return { [f.path]: { $gte: range.from, $lt: range.to } };
}

interface MeasurePlan {
  accumulators: Record<string, Expr>;
  /** Values of measures computed from their own parts. */
  first: Record<string, Expr>;
  /** Ratios, computed from the first values. */
  second: Record<string, Expr>;
}

const part = (m: ReportMeasure, name: string) => `p_${m.id}_${name}`;
const isNumber = (path: string): Expr => ({ $isNumber: `$${path}` });

function measurePlan(ctx: CompileContext): MeasurePlan {
  const plan: MeasurePlan = { accumulators: {}, first: {}, second: {} };
  for (const m of ctx.def.measures) {
    const acc = (name: string, x: Expr) => { plan.accumulators[part(m, name)] = x; return `$${part(m, name)}`; };
    const path = m.field ? field(ctx, m.field).path : '';
    switch (m.op) {
      case 'count': plan.first[m.id] = acc('n', { $sum: 1 }); break;
      case 'countDistinct': plan.first[m.id] = { $size: { $setDifference: [acc('set', { $addToSet: `$${path}` }), [null]] } }; break;
      case 'sum': plan.first[m.id] = acc('s', { $sum: `$${path}` }); break;
      case 'avg': {
        const s = acc('s', { $sum: `$${path}` });
        const n = acc('n', { $sum: { $cond: [isNumber(path), 1, 0] } });
        plan.first[m.id] = { $cond: [{ $gt: [n, 0] }, { $divide: [s, n] }, null] };
        break;
      }
      case 'min': plan.first[m.id] = acc('m', { $min: `$${path}` }); break;
      case 'max': plan.first[m.id] = acc('m', { $max: `$${path}` }); break;
      case 'metric': {
        const spec = metricSpec(m.metric!)!;
        const parts = spec.parts(metricParams(spec, m.params as never), (key) => field(ctx, key).path);
        for (const [name, x] of Object.entries(parts)) acc(name, x);
        plan.first[m.id] = spec.value((name) => `$${part(m, name)}`);
        break;
      }
      case 'ratio':
        plan.second[m.id] = { $cond: [{ $gt: [`$${m.denominator}`, 0] }, { $divide: [`$${m.numerator}`, `$${m.denominator}`] }, null] };
        break;
      case 'shareOfTotal': break; // a share needs every group's total: run.ts divides once the totals are known
    }
  }
  return plan;
}

/** How the totals row combines a part over all groups: sums add, minima and maxima compare, distinct sets unite. */
function totalOf(name: string, acc: Expr): { group: Expr; after?: Expr } {
  const op = Object.keys(acc as object)[0];
  if (op === '$min') return { group: { $min: `$${name}` } };
  if (op === '$max') return { group: { $max: `$${name}` } };
  if (op === '$addToSet') return { group: { $push: `$${name}` }, after: { $reduce: { input: `$${name}`, initialValue: [], in: { $setUnion: ['$$value', '$$this'] } } } };
  return { group: { $sum: `$${name}` } };
}

/** The sort the report asks for; otherwise by date bucket (chronological) or by the first measure, largest first. */
function sortOf(ctx: CompileContext): Record<string, 1 | -1> {
  const { def } = ctx;
  const dims = def.dimensions ?? [];
  const sort: Record<string, 1 | -1> = {};
  // A share of a total orders as the measure it is a share of (computed after the database sorts).
  const target = (id: string) => def.measures.find((m) => m.id === id && m.op === 'shareOfTotal')?.of ?? id;
  for (const s of def.sort ?? []) sort[target(s.by)] = s.dir === 'desc' ? -1 : 1;
  if (!def.sort?.length) {
    if (dims[0]?.by === 'date') sort[dims[0].id] = 1;
    else if (dims.length) sort[target(def.measures[0]!.id)] = -1;
  }
  for (const d of dims) if (!(d.id in sort)) sort[d.id] = 1; // ties in a stable order
  return sort;
}

/**
 * The stages after the scope and the period's match: one `$group` by the dimensions, then in one `$facet` the
 * sorted and limited rows, the totals over all groups (parts combined, figures computed the same way) and the
 * number of groups.
 */
export function figuresStages(ctx: CompileContext): Document[] {
  const dims = ctx.def.dimensions ?? [];
  const plan = measurePlan(ctx);
  const id = dims.length ? Object.fromEntries(dims.map((d) => [d.id, dimensionExpr(d, ctx)])) : null;
  const values = (stages: Document[]): Document[] => [
    ...(Object.keys(plan.first).length ? [{ $addFields: plan.first }] : []),
    ...(Object.keys(plan.second).length ? [{ $addFields: plan.second }] : []),
    ...stages,
  ];
  const measureIds = ctx.def.measures.filter((m) => m.op !== 'shareOfTotal').map((m) => m.id);
  const project = { _id: 0, ...Object.fromEntries(measureIds.map((m) => [m, 1])) };
  const totals = Object.entries(plan.accumulators).map(([name, acc]) => [name, totalOf(name, acc)] as const);
  const after = Object.fromEntries(totals.filter(([, t]) => t.after).map(([name, t]) => [name, t.after]));
  return [
    { $group: { _id: id, ...plan.accumulators } },
    {
      $facet: {
        rows: values([
          { $project: { ...project, ...Object.fromEntries(dims.map((d) => [d.id, `$_id.${d.id}`])) } },
          ...(dims.length ? [{ $sort: sortOf(ctx) }] : []),
          { $limit: ctx.def.limit ?? DEFAULT_ROW_LIMIT },
        ]),
        totals: [
          { $group: { _id: null, ...Object.fromEntries(totals.map(([name, t]) => [name, t.group])) } },
          ...(Object.keys(after).length ? [{ $addFields: after }] : []),
          ...values([{ $project: project }]),
        ],
        groups: [{ $count: 'n' }],
      },
    },
  ];
}

/** The documents of one cell: each dimension given equals the cell's value, by the very expression that grouped them. */
export function cellMatch(ctx: CompileContext, cell: Record<string, unknown>): Document {
  const dims = ctx.def.dimensions ?? [];
  const conditions = Object.entries(cell).map(([id, value]) => {
    const d = dims.find((x) => x.id === id)!;
    // $literal: a client's value is data, never a field path ("$other") or an operator inside the expression
    return { $eq: [dimensionExpr(d, ctx), { $literal: value ?? null }] };
  });
  return conditions.length ? { $expr: { $and: conditions } } : {};
}
