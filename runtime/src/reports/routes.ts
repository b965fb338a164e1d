import { localize, message, validateDefinition, type ReportDefinition, type ReportDrillBody, type ReportParams, type ReportResultJson } from '@telesales/schemas';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { csvFile } from '../spreadsheets/csv-file.js';
import { xlsxStream } from '../spreadsheets/xlsx-stream.js';
import { text } from './messages.js';
import { checkReportAgainstEntity } from './publish-checks.js';
import * as s from './route-schemas.js';
import { runnableReports } from './runnable.js';
import type { ReportsService } from './service.js';
import { openSource, type Viewer } from './viewer-source.js';

type KeyParams = { key: string };

/** A run's rows as spreadsheet lines: dimension values as people read them (names, option labels), then the figures. */
function sheetOf(result: ReportResultJson): { header: string[]; rows: AsyncIterable<unknown[]> } {
  const cell = (id: string, kind: string, v: unknown) => (kind === 'dimension' && typeof v === 'string' ? result.labels[id]?.[v] ?? v : v ?? '');
  async function* rows() {
    for (const row of result.rows) yield result.columns.map((c) => cell(c.id, c.kind, row[c.id]));
  }
  return { header: result.columns.map((c) => c.label), rows: rows() };
}

export function reportRoutes(svc: ReportsService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('preValidation', app.authenticate);
    const viewer = async (request: FastifyRequest): Promise<Viewer> => {
      const user = request.session!.user;
      return { user, locale: requestLocale(request), permissions: await app.permissions.of(user) };
    };

    app.get('/api/reports', { schema: s.listSchema }, async (request) => ({ items: await runnableReports(app, await viewer(request)) }));

    app.post<{ Params: KeyParams; Body: ReportParams }>('/api/reports/:key/run', { schema: s.runSchema }, async (request) => {
      const v = await viewer(request);
      const { def, version } = await svc.published(request.params.key, v.locale);
      return svc.run(def, version, request.body ?? {}, v);
    });

    // The designer's live preview: the draft as its designer's own scope sees it, checked as a publish would check it.
    app.post<{ Body: { definition: unknown; params?: ReportParams } }>('/api/reports/preview', { schema: s.previewSchema }, async (request) => {
      const v = await viewer(request);
      if (!v.permissions.manageDefinitions) throw new ApiError(403, 'forbidden', text('forbidden_preview', v.locale));
      const kind = (request.body.definition as { kind?: unknown }).kind;
      const issues = kind === 'report'
        ? validateDefinition(request.body.definition, v.locale)
        : [{ path: '/definition/kind', code: 'const', message: message('const', v.locale, { allowedValue: 'report' }) }];
      const def = request.body.definition as ReportDefinition;
      if (!issues.length) issues.push(...(await checkReportAgainstEntity(app.definitions, def, v.locale)));
      if (issues.length) throw new ApiError(400, 'invalid_report', text('invalid_report', v.locale), issues);
      return svc.run(def, null, request.body.params ?? {}, v);
    });

    app.post<{ Params: KeyParams; Body: ReportDrillBody }>('/api/reports/:key/drill', { schema: s.drillSchema }, async (request) => {
      const v = await viewer(request);
      const { def } = await svc.published(request.params.key, v.locale);
      const { params = {}, cell, page = 1, pageSize = 50 } = request.body;
      return svc.drill(def, params, cell as Record<string, string | number | boolean | null>, page, pageSize, v);
    });

    const exported = async (request: FastifyRequest<{ Params: KeyParams; Querystring: ReportParams }>, reply: FastifyReply, type: 'csv' | 'xlsx') => {
      const v = await viewer(request);
      const { def, version } = await svc.published(request.params.key, v.locale);
      if (!(await openSource(app, v, def.source)).mayExport) throw new ApiError(403, 'forbidden', text('forbidden_export', v.locale));
      const result = await svc.run(def, version, request.query ?? {}, v);
      const { header, rows } = sheetOf(result);
      const name = `${def.key}-${new Date().toISOString().slice(0, 10)}.${type}`;
      reply.header('content-disposition', `attachment; filename="${name}"`).header('x-report-partial', String(result.partial));
      if (type === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(csvFile(header, rows));
      const sheet = (localize(def.label, v.locale) || def.key).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsxStream(header, rows, sheet));
    };
    app.get<{ Params: KeyParams; Querystring: ReportParams }>('/api/reports/:key/export.csv', { schema: s.exportSchema }, (request, reply) => exported(request, reply, 'csv'));
    app.get<{ Params: KeyParams; Querystring: ReportParams }>('/api/reports/:key/export.xlsx', { schema: s.exportSchema }, (request, reply) => exported(request, reply, 'xlsx'));
  };
}
