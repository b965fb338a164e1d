import type { FastifyInstance } from 'fastify';
import { recordContext } from './context.js';
import { createRecord } from './create-record.js';
import { deleteRecord, restoreRecord } from './delete-record.js';
import { createSchema, deleteSchema, restoreSchema, updateSchema } from './route-schemas.js';
import { updateRecord } from './update-record.js';

type EntityParams = { entity: string };
type RecordParams = { entity: string; id: string };
type Values = Record<string, unknown>;

export async function writeRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: EntityParams; Body: { values: Values; ownerId?: string } }>(
    '/api/records/:entity',
    { schema: createSchema },
    async (request, reply) => {
      const ctx = await recordContext(app, request, request.params.entity, 'create');
      reply.status(201);
      return createRecord(ctx, request.body);
    },
  );

  app.patch<{ Params: RecordParams; Body: { version: number; values: Values } }>(
    '/api/records/:entity/:id',
    { schema: updateSchema },
    async (request) => {
      const ctx = await recordContext(app, request, request.params.entity, 'update');
      return updateRecord(ctx, request.params.id, request.body);
    },
  );

  app.delete<{ Params: RecordParams; Querystring: { version: number } }>(
    '/api/records/:entity/:id',
    { schema: deleteSchema },
    async (request, reply) => {
      const ctx = await recordContext(app, request, request.params.entity, 'delete');
      await deleteRecord(ctx, request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );

  app.post<{ Params: RecordParams }>('/api/records/:entity/:id/restore', { schema: restoreSchema }, async (request) => {
    const ctx = await recordContext(app, request, request.params.entity, 'read');
    return restoreRecord(ctx, request.params.id);
  });
}
