import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { batchJson, batchScope, findBatch } from './batch-access.js';
import { batchesCollection } from './collections.js';
import { text } from './messages.js';
import { firstReportRows, reportCsv, reportLines, reportXlsx } from './report.js';
import { batchListSchema, batchSchema, reportRowsSchema, reportSchema, resumeSchema, runSchema } from './route-schemas.js';
import { loadFile, runInBackground, startImport, type ImportBody } from './run-import.js';

type EntityParams = { entity: string };
type BatchParams = { entity: string; id: string };

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Running an import, following its progress, resuming it after a crash, and its row report. */
export async function batchRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: EntityParams; Body: ImportBody }>('/api/imports/:entity', { schema: runSchema }, async (request, reply) => {
    const ctx = await app.records.context(request, request.params.entity, 'create');
    const batch = await startImport(ctx, request.body);
    return reply.status(202).send({ batchId: batch._id });
  });

  app.get<{ Params: EntityParams }>('/api/imports/:entity/batches', { schema: batchListSchema }, async (request) => {
    const ctx = await app.records.context(request, request.params.entity, 'create');
    const docs = await batchesCollection(app.db).find(await batchScope(ctx)).sort({ at: -1 }).limit(100).toArray();
    return docs.map(batchJson);
  });

  app.get<{ Params: BatchParams }>('/api/imports/:entity/batches/:id', { schema: batchSchema }, async (request) => {
    const ctx = await app.records.context(request, request.params.entity, 'create');
    return batchJson(await findBatch(ctx, request.params.id));
  });

  app.post<{ Params: BatchParams }>('/api/imports/:entity/batches/:id/resume', { schema: resumeSchema }, async (request, reply) => {
    const ctx = await app.records.context(request, request.params.entity, 'create');
    const batch = await findBatch(ctx, request.params.id);
    // Only its importer resumes it: the rows go in with that person's permissions and name.
    if (batch.by.id !== ctx.user.id) throw new ApiError(403, 'forbidden', text('forbidden_resume', ctx.locale));
    const file = await loadFile(ctx, batch.fileId);
    const claimed = await batchesCollection(app.db).findOneAndUpdate(
      { _id: batch._id, status: 'interrupted' },
      { $set: { status: 'running', heartbeatAt: new Date(), finishedAt: null } },
      { returnDocument: 'after' },
    );
    if (!claimed) throw new ApiError(409, 'not_interrupted', text('not_interrupted', ctx.locale));
    runInBackground(ctx, claimed, file);
    return reply.status(202).send(batchJson(claimed));
  });

  app.get<{ Params: BatchParams }>('/api/imports/:entity/batches/:id/report.json', { schema: reportRowsSchema }, async (request) => {
    const ctx = await app.records.context(request, request.params.entity, 'create');
    const batch = await findBatch(ctx, request.params.id);
    return firstReportRows(reportLines(ctx, batch._id));
  });

  app.get<{ Params: BatchParams }>('/api/imports/:entity/batches/:id/report.csv', { schema: reportSchema }, async (request, reply) => {
    const ctx = await app.records.context(request, request.params.entity, 'create');
    const batch = await findBatch(ctx, request.params.id);
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(`${batch.fileName}-report.csv`));
    return reply.send(reportCsv(ctx, batch._id));
  });

  app.get<{ Params: BatchParams }>('/api/imports/:entity/batches/:id/report.xlsx', { schema: reportSchema }, async (request, reply) => {
    const ctx = await app.records.context(request, request.params.entity, 'create');
    const batch = await findBatch(ctx, request.params.id);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`${batch.fileName}-report.xlsx`));
    return reply.send(reportXlsx(ctx, batch._id));
  });
}
