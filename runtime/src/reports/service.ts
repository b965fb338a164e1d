import {
  DEFAULT_DATE_FIELD, localize, metricSpec, sourceKind,
  type ReportCellValue, type ReportColumnJson, type ReportDefinition, type ReportFiguresJson, type ReportParams,
  type ReportResultJson, type ResolvedRange,
} from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import type { Document } from 'mongodb';
import { ApiError } from '../http/errors.js';
import { teamsCollection, usersInTeamTree } from '../org/teams.js';
import { usersCollection } from '../org/users.js';
import { ResultCache } from './cache.js';
import { cellMatch, figuresStages, rangeMatch, type CompileContext, type TeamIndex } from './compile.js';
import { text } from './messages.js';
import { periodOf } from './params.js';
import { refuseHiddenFields } from './viewer-fields.js';
import { openSource, peoplePath, type Viewer, type ViewerSource } from './viewer-source.js';

/** How long a result is reused for the same version, parameters and scope: a dashboard's refresh, not a stale day. */
const CACHE_MS = 30_000;
const TIMED_OUT = Symbol('timed out');

type Row = Record<string, ReportCellValue>;

/** A report ready to run for one viewer: its source opened in their scope, the pipeline's context and the match. */
interface Prepared {
  source: ViewerSource;
  ctx: CompileContext;
  /** The documents counted, before the period (the period differs between the current and the previous run). */
  match: Document[];
}

/**
 * The report engine: a definition, parameters and a viewer -> one aggregation pipeline the database runs (never
 * records loaded into the runtime), within the viewer's data scope, bounded in time, cached per scope.
 */
export class ReportsService {
  readonly cache = new ResultCache<ReportResultJson>(CACHE_MS);
  /** How long a run may take before it answers `partial` (REPORT_TIME_BOUND_MS; tests lower it). */
  timeBoundMs = Number(process.env.REPORT_TIME_BOUND_MS ?? 10_000);

  constructor(private readonly app: FastifyInstance) {}

  /** The published report and its version, or 404. */
  async published(key: string, locale: Viewer['locale']): Promise<{ def: ReportDefinition; version: number }> {
    const head = await this.app.definitions.head('report', key);
    if (!head?.published) throw new ApiError(404, 'not_found', text('report_not_found', locale, { key }));
    return { def: head.published as ReportDefinition, version: head.version };
  }

  /** Why this viewer cannot run the report (a source outside their scope, a field they do not see), or null. */
  async refusal(def: ReportDefinition, viewer: Viewer): Promise<ApiError | null> {
    try {
      refuseHiddenFields(def, await openSource(this.app, viewer, def.source), viewer.locale);
      return null;
    } catch (e) {
      if (e instanceof ApiError) return e;
      throw e;
    }
  }

  private now(): number {
    return this.app.calls.now().getTime();
  }

  private async prepare(def: ReportDefinition, params: ReportParams, viewer: Viewer): Promise<Prepared> {
    const source = await openSource(this.app, viewer, def.source);
    refuseHiddenFields(def, source, viewer.locale);
    const ctx: CompileContext = { def, kind: source.kind, fields: source.fields, timeZone: this.app.ownership.timeZone, teams: await this.teamIndex(def) };
    const match: Document[] = [];
    if (def.filter !== undefined) match.push(source.filterMatch(def.filter));
    const people = peoplePath(source.kind);
    if (params.team && people) match.push({ [people]: { $in: await usersInTeamTree(this.app.db, params.team) } });
    const task = source.kind === 'calls' ? 'task.key' : source.kind === 'dials' ? 'task' : null;
    if (params.task && task) match.push({ [task]: params.task });
    return { source, ctx, match };
  }

  /** Who is in which team, only when a team dimension needs it. */
  private async teamIndex(def: ReportDefinition): Promise<TeamIndex> {
    if (!(def.dimensions ?? []).some((d) => d.by === 'team')) return { userIds: [], teamIds: [] };
    const users = await usersCollection(this.app.db).find({}, { projection: { teamId: 1 } }).toArray();
    return { userIds: users.map((u) => u._id), teamIds: users.map((u) => u.teamId ?? null) };
  }

  /** One period's figures, or TIMED_OUT when the bound ran out first (the database stops it by maxTimeMS too). */
  private async figures(p: Prepared, range: ResolvedRange | null): Promise<ReportFiguresJson | typeof TIMED_OUT> {
    const stages = [{ $match: { $and: [rangeMatch(p.ctx, range), ...p.match] } }, ...figuresStages(p.ctx)];
    const run = p.source.aggregate(stages, { maxTimeMS: this.timeBoundMs });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<typeof TIMED_OUT>((resolve) => { timer = setTimeout(() => resolve(TIMED_OUT), this.timeBoundMs); });
    try {
      const out = await Promise.race([run, bound]);
      if (out === TIMED_OUT) {
        run.catch(() => undefined); // the database ends it (maxTimeMS); nobody waits for it any more
        return TIMED_OUT;
      }
      const [facet] = out as Document[];
      const rows = (facet?.rows ?? []) as Row[];
      const totals = ((facet?.totals as Row[] | undefined)?.[0] ?? null);
      sharesOfTotal(p.ctx.def, rows, totals);
      const groups = Number((facet?.groups as Array<{ n: number }> | undefined)?.[0]?.n ?? 0);
      return { rows, totals, truncated: groups > rows.length, range: range && rangeJson(range, p.ctx.timeZone) };
    } catch (e) {
      if ((e as { code?: number }).code === 50) return TIMED_OUT; // MaxTimeMSExpired
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs a report for a viewer. `version` null: a draft's preview, never cached. */
  async run(def: ReportDefinition, version: number | null, params: ReportParams, viewer: Viewer): Promise<ReportResultJson> {
    const p = await this.prepare(def, params, viewer);
    const period = periodOf(def, params, this.now(), p.ctx.timeZone, viewer.locale);
    const key = version === null ? null : JSON.stringify([def.key, version, params, p.source.scopeKey, viewer.locale, period.current?.from]);
    const hit = key ? this.cache.get(key) : undefined;
    if (hit) return { ...hit, cached: true };

    const [current, previous] = await Promise.all([this.figures(p, period.current), period.previous ? this.figures(p, period.previous) : null]);
    const partial = current === TIMED_OUT || previous === TIMED_OUT;
    const figures = current === TIMED_OUT ? { rows: [], totals: null, truncated: false, range: period.current && rangeJson(period.current, p.ctx.timeZone) } : current;
    const result: ReportResultJson = {
      key: def.key, version, label: localize(def.label, viewer.locale), source: def.source, visual: def.visual as Record<string, unknown>,
      columns: columnsOf(def, p.source, viewer.locale), ...figures,
      previous: previous && previous !== TIMED_OUT ? previous : null,
      labels: await this.labels(def, p.source, [...figures.rows, ...(previous && previous !== TIMED_OUT ? previous.rows : [])], viewer.locale),
      partial, ...(partial ? { message: text('partial', viewer.locale, { seconds: Math.round(this.timeBoundMs / 100) / 10 }) } : {}),
      cached: false,
    };
    if (key && !partial) this.cache.set(key, result);
    return result;
  }

  /** The documents behind one cell, bar or slice: the run's scope and match, plus the cell's dimension values. */
  async drill(def: ReportDefinition, params: ReportParams, cell: Record<string, ReportCellValue>, page: number, pageSize: number, viewer: Viewer) {
    const dims = def.dimensions ?? [];
    const unknown = Object.keys(cell).find((id) => !dims.some((d) => d.id === id));
    if (unknown) throw new ApiError(400, 'unknown_cell', text('unknown_cell', viewer.locale, { id: unknown }), [{ path: `/cell/${unknown}`, code: 'unknown_cell', message: text('unknown_cell', viewer.locale, { id: unknown }) }]);
    const p = await this.prepare(def, params, viewer);
    const period = periodOf(def, params, this.now(), p.ctx.timeZone, viewer.locale);
    const match = { $and: [rangeMatch(p.ctx, period.current), ...p.match, cellMatch(p.ctx, cell)] };
    const { items, total } = await p.source.drill(match, { skip: (page - 1) * pageSize, limit: pageSize });
    return { source: def.source, items: items as Array<Record<string, unknown>>, total, page, pageSize };
  }

  /** How dimension values read: people's names, teams' names, options' labels. */
  private async labels(def: ReportDefinition, source: ViewerSource, rows: Row[], locale: Viewer['locale']): Promise<Record<string, Record<string, string>>> {
    const out: Record<string, Record<string, string>> = {};
    for (const d of def.dimensions ?? []) {
      const values = [...new Set(rows.map((r) => r[d.id]).filter((v): v is string => typeof v === 'string'))];
      const field = d.by === 'field' ? source.fields.get(d.field!) : undefined;
      if (d.by === 'owner' || field?.type === 'user') {
        const users = await usersCollection(this.app.db).find({ _id: { $in: values } }, { projection: { name: 1 } }).toArray();
        out[d.id] = Object.fromEntries(users.map((u) => [u._id, u.name]));
      } else if (d.by === 'team') {
        const teams = await teamsCollection(this.app.db).find({ _id: { $in: values } }, { projection: { name: 1 } }).toArray();
        out[d.id] = Object.fromEntries(teams.map((t) => [t._id, localize(t.name, locale)]));
      } else if (field?.options && source.entity) {
        const options = source.entity.fields.find((f) => f.key === field.key)?.options ?? [];
        out[d.id] = Object.fromEntries(options.map((o) => [o.value, localize(o.label, locale)]));
      }
    }
    return out;
  }
}

/** A share of the total: the row's value of the measure named by `of`, over that measure's total. */
function sharesOfTotal(def: ReportDefinition, rows: Row[], totals: Row | null): void {
  for (const m of def.measures.filter((x) => x.op === 'shareOfTotal')) {
    const total = Number(totals?.[m.of!] ?? 0);
    for (const row of rows) row[m.id] = total ? Number(row[m.of!] ?? 0) / total : null;
    if (totals) totals[m.id] = total ? 1 : null;
  }
}

function rangeJson(r: ResolvedRange, timeZone: string) {
  return { from: r.from.toISOString(), to: r.to.toISOString(), fromDate: r.fromDate, toDate: r.toDate, timeZone };
}

const DIMENSION_WORDS = {
  owner: { zh: '负责人', en: 'Owner' }, team: { zh: '团队', en: 'Team' }, pool: { zh: '公海', en: 'Pool' },
  task: { zh: '外呼任务', en: 'Outbound task' }, disposition: { zh: '通话结果', en: 'Outcome' },
} as const;
const OP_WORDS = {
  count: { zh: '数量', en: 'Count' }, countDistinct: { zh: '去重数', en: 'Distinct' }, sum: { zh: '合计', en: 'Sum' },
  avg: { zh: '平均', en: 'Average' }, min: { zh: '最小', en: 'Min' }, max: { zh: '最大', en: 'Max' },
  shareOfTotal: { zh: '占比', en: 'Share' }, ratio: { zh: '比率', en: 'Ratio' }, metric: { zh: '指标', en: 'Metric' },
} as const;

/** The columns in order, each with the label the report gave it, else the field's, the metric's or the dimension's. */
function columnsOf(def: ReportDefinition, source: ViewerSource, locale: Viewer['locale']): ReportColumnJson[] {
  const kind = sourceKind(def.source);
  const fieldLabel = (key: string | undefined) => (key ? localize(source.fields.get(key)?.label, locale) || key : '');
  const dims = (def.dimensions ?? []).map((d): ReportColumnJson => ({
    id: d.id, kind: 'dimension',
    label: d.label ? localize(d.label, locale) : d.by === 'field' || d.by === 'date' ? fieldLabel(d.field ?? (d.by === 'date' ? DEFAULT_DATE_FIELD[kind] : undefined)) : localize(DIMENSION_WORDS[d.by], locale),
    ...(d.by === 'date' ? { bucket: d.bucket ?? 'day' } : {}),
  }));
  const measures = def.measures.map((m): ReportColumnJson => {
    const spec = m.op === 'metric' ? metricSpec(m.metric!) : undefined;
    const label = m.label ? localize(m.label, locale) : spec ? localize(spec.label, locale) : `${localize(OP_WORDS[m.op], locale)}${m.field ? ` ${fieldLabel(m.field)}` : ''}`;
    const unit = spec?.unit ?? (m.op === 'count' || m.op === 'countDistinct' ? 'count' : m.op === 'ratio' || m.op === 'shareOfTotal' ? 'ratio' : 'number');
    return { id: m.id, kind: 'measure', label, unit };
  });
  return [...dims, ...measures];
}
