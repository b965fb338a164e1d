import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { isDuplicateKeyError } from '../db/duplicate-key.js';
import { text } from './messages.js';
import { createSchema, deleteSchema, listSchema } from './route-schemas.js';
import { ensureSavedFilterIndexes, savedFilters, toJson } from './store.js';

interface SaveBody {
  entity: string;
  name: string;
  filter?: unknown;
  q?: string;
  sort?: string;
}

/**
 * Per-user quick filters ("my hot leads"). A filter is checked like a search before it is saved, with the
 * saver's own permissions, so a saved filter never names a field its owner may not use.
 */
export const savedFiltersPlugin = fp(async (app: FastifyInstance) => {
  await ensureSavedFilterIndexes(app.db);
  app.addHook('preValidation', app.authenticate);

  app.get<{ Querystring: { entity?: string } }>('/api/saved-filters', { schema: listSchema }, async (request) => {
    const { entity } = request.query;
    const docs = await savedFilters(app.db)
      .find({ userId: request.session!.user.id, ...(entity ? { entity } : {}) })
      .sort({ entity: 1, name: 1 })
      .toArray();
    return docs.map(toJson);
  });

  app.post<{ Body: SaveBody }>('/api/saved-filters', { schema: createSchema }, async (request, reply) => {
    const { entity, name, filter, q, sort } = request.body;
    const ctx = await app.records.context(request, entity, 'read');
    app.records.checkQuery(ctx, { filter, q, sort });
    const doc = {
      _id: randomUUID(), userId: ctx.user.id, entity, name: name.trim(),
      filter: filter ?? null, q: q ?? null, sort: sort ?? null, createdAt: new Date(),
    };
    try {
      await savedFilters(app.db).insertOne(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const message = text('name_taken', ctx.locale);
      throw new ApiError(409, 'duplicate', message, [{ path: '/name', code: 'duplicate', message }]);
    }
    reply.status(201);
    return toJson(doc);
  });

  app.delete<{ Params: { id: string } }>('/api/saved-filters/:id', { schema: deleteSchema }, async (request, reply) => {
    const { deletedCount } = await savedFilters(app.db).deleteOne({ _id: request.params.id, userId: request.session!.user.id });
    if (!deletedCount) throw new ApiError(404, 'not_found', text('saved_filter_not_found', requestLocale(request)));
    return reply.status(204).send();
  });
}, { name: 'saved-filters', dependencies: ['db', 'auth', 'records'], encapsulate: true });
