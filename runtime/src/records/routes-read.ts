import type { FastifyInstance } from 'fastify';
import { recordContext } from './context.js';
import { parseFilterParam } from './filter-to-mongo.js';
import { findRecord } from './find-record.js';
import { listRecords, type ListInput } from './list-records.js';
import { readLog } from './oplog.js';
import { recordJson } from './record-json.js';
import { listSchema, logSchema, querySchema, readSchema } from './route-schemas.js';

type EntityParams = { entity: string };
type RecordParams = { entity: string; id: string };

export async function readRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: EntityParams; Querystring: Omit<ListInput, 'filter'> & { filter?: string } }>(
    '/api/records/:entity',
    { schema: listSchema },
    async (request) => {
      const ctx = await recordContext(app, request, request.params.entity, 'read');
      const { filter, ...rest } = request.query;
      return listRecords(ctx, { ...rest, filter: filter === undefined ? undefined : parseFilterParam(ctx, filter) });
    },
  );

  app.post<{ Params: EntityParams; Body: ListInput }>(
    '/api/records/:entity/query',
    { schema: querySchema },
    async (request) => {
      const ctx = await recordContext(app, request, request.params.entity, 'read');
      return listRecords(ctx, request.body ?? {});
    },
  );

  app.get<{ Params: RecordParams }>('/api/records/:entity/:id', { schema: readSchema }, async (request) => {
    const ctx = await recordContext(app, request, request.params.entity, 'read');
    return recordJson(ctx, await findRecord(ctx, request.params.id, { deleted: true }));
  });

  app.get<{ Params: RecordParams }>('/api/records/:entity/:id/log', { schema: logSchema }, async (request) => {
    const ctx = await recordContext(app, request, request.params.entity, 'read');
    const doc = await findRecord(ctx, request.params.id, { deleted: true });
    return readLog(ctx, doc);
  });
}
