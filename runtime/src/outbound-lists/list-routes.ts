import type { Locale, SessionUser } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { batchJson } from '../imports/batch-access.js';
import { batchesCollection, filesCollection, rowNumber, rowsCollection } from '../imports/collections.js';
import { text as importText } from '../imports/messages.js';
import { SAMPLE_ROWS, storeFile } from '../imports/store-file.js';
import { uploadedTable } from '../imports/upload-table.js';
import { dncHome, taskHome, type ListHome } from './list-home.js';
import { loadListFile, startListImport, type ListImportBody } from './list-import.js';
import { firstReportRows } from '../imports/report.js';
import { listReport, listReportLines } from './list-report.js';
import { checkListMapping, listRowReader, suggestListMapping, type ListMapping } from './list-row.js';
import { text } from './messages.js';
import { listSchemas } from './route-schemas.js';

interface Asker {
  user: SessionUser;
  locale: Locale;
  home: ListHome;
}

/** Lists are designed with their task: importing them (and the DNC list) is for people who manage definitions. */
export async function requireListManager(app: FastifyInstance, request: FastifyRequest): Promise<{ user: SessionUser; locale: Locale }> {
  const user = request.session!.user;
  const locale = requestLocale(request);
  if (!(await app.permissions.of(user)).manageDefinitions) throw new ApiError(403, 'forbidden', text('forbidden_lists', locale));
  return { user, locale };
}

/**
 * The list columns in the records upload's `fields` shape, so the console's one mapping table serves both: the key
 * is the list column, labelled by the field it fills (else its own name); the number column is the one required.
 */
function listFieldsJson(home: ListHome) {
  const all = [{ column: home.phoneColumn, field: home.phoneField, required: true }, ...home.columns.map((c) => ({ ...c, required: false }))];
  return all.map(({ column, field, required }) => ({
    key: column, label: field?.label ?? { zh: column, en: column }, type: field?.type ?? 'text', required,
  }));
}

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * Upload, preview, import, progress and row report of one kind of number list, on the import machinery's own
 * collections (files in chunks, batches, per-row rejects): `/api/outbound/tasks/:task/list/...` for a task's numbers,
 * `/api/outbound/dnc/list/...` for the do-not-call list.
 */
function listRoutes(kind: 'task' | 'dnc') {
  const base = kind === 'task' ? '/api/outbound/tasks/:task/list' : '/api/outbound/dnc/list';
  const schemas = listSchemas(kind);
  return async (app: FastifyInstance) => {
    const asker = async (request: FastifyRequest): Promise<Asker> => {
      const { user, locale } = await requireListManager(app, request);
      const home = kind === 'task' ? await taskHome(app, (request.params as { task: string }).task, locale) : await dncHome(app, locale);
      return { user, locale, home };
    };

    app.post<{ Querystring: { encoding?: string } }>(`${base}/files`, { schema: schemas.upload }, async (request) => {
      const { user, locale, home } = await asker(request);
      const part = await request.file();
      if (!part) throw new ApiError(400, 'no_file', importText('no_file', locale));
      const table = uploadedTable(await part.toBuffer(), request.query.encoding, locale);
      let stored;
      try {
        stored = await storeFile(app.db, table, { entity: home.key, name: part.filename || 'list', by: { id: user.id, name: user.name } });
      } catch (error) {
        request.log.info({ err: error }, 'list file unreadable');
        throw new ApiError(400, 'bad_file', importText('bad_file', locale));
      }
      const { file, sample } = stored;
      if (!file.rows) {
        await filesCollection(app.db).deleteOne({ _id: file._id });
        throw new ApiError(400, 'empty_file', importText('empty_file', locale));
      }
      return {
        fileId: file._id, name: file.name, format: file.format, encoding: file.encoding,
        encodingUncertain: table.encodings.length > 0, encodings: table.encodings,
        columns: file.columns, rows: file.rows, sample,
        listColumns: [{ column: home.phoneColumn, field: home.phoneField.key, phone: true }, ...home.columns.map((c) => ({ column: c.column, field: c.field?.key ?? null }))],
        fields: listFieldsJson(home),
        suggested: suggestListMapping(home, file.columns),
      };
    });

    app.post<{ Body: { fileId: string; mapping: ListMapping } }>(`${base}/preview`, { schema: schemas.preview }, async (request) => {
      const { user, locale, home } = await asker(request);
      const file = await loadListFile(app, home, user, locale, request.body.fileId);
      const read = listRowReader(home, file.columns, checkListMapping(home, file.columns, request.body.mapping, locale));
      const first = await rowsCollection(app.db).findOne({ fileId: file._id, n: 0 });
      const rows = (first?.rows ?? []).slice(0, SAMPLE_ROWS).map((cells, i) => {
        const judged = read(cells);
        return { row: rowNumber(first!, i), cells, issues: judged.ok ? [] : [{ column: judged.column, reason: judged.reason[locale] }] };
      });
      return { rows, total: file.rows };
    });

    app.post<{ Body: ListImportBody }>(`${base}/imports`, { schema: schemas.run }, async (request, reply) => {
      const { user, locale, home } = await asker(request);
      const batch = await startListImport(app, home, user, locale, request.body);
      return reply.status(202).send({ batchId: batch._id });
    });

    app.get(`${base}/imports`, { schema: schemas.batches }, async (request) => {
      const { home } = await asker(request);
      return (await batchesCollection(app.db).find({ entity: home.key }).sort({ at: -1 }).limit(100).toArray()).map(batchJson);
    });

    const findBatch = async (request: FastifyRequest) => {
      const { locale, home } = await asker(request);
      const batch = await batchesCollection(app.db).findOne({ _id: (request.params as { id: string }).id, entity: home.key });
      if (!batch) throw new ApiError(404, 'not_found', importText('batch_not_found', locale));
      return { batch, locale };
    };
    app.get(`${base}/imports/:id`, { schema: schemas.batch }, async (request) => batchJson((await findBatch(request)).batch));
    app.get(`${base}/imports/:id/report.json`, { schema: schemas.reportRows }, async (request) => {
      const { batch, locale } = await findBatch(request);
      return firstReportRows(listReportLines(app.db, batch._id, batch.mapping, locale));
    });
    for (const format of ['csv', 'xlsx'] as const) {
      app.get(`${base}/imports/:id/report.${format}`, { schema: schemas.report }, async (request, reply) => {
        const { batch, locale } = await findBatch(request);
        reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachment(`${batch.fileName}-report.${format}`));
        return reply.send(listReport(app.db, batch, locale, format));
      });
    }
  };
}

export const taskListRoutes = listRoutes('task');
export const dncListRoutes = listRoutes('dnc');
