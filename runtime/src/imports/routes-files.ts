import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import type { RecordContext } from '../records/service.js';
import { filesCollection } from './collections.js';
import { checkMapping, mappableFields, suggestMapping, type Mapping } from './mapping.js';
import { text } from './messages.js';
import { previewImport } from './preview.js';
import { readMappings, saveMapping } from './saved-mappings.js';
import { mappingGetSchema, mappingListSchema, mappingPutSchema, previewSchema, targetsSchema, uploadSchema } from './route-schemas.js';
import { storeFile } from './store-file.js';
import { importTargets } from './target-options.js';
import { uploadedTable } from './upload-table.js';

type EntityParams = { entity: string };
type SourceParams = { entity: string; source: string };

/** Importing is creating: the gate is the entity's create permission (and read, like every records route). */
const importContext = (app: FastifyInstance, request: FastifyRequest, entity: string) =>
  app.records.context(request, entity, 'create');

function fieldsJson(ctx: RecordContext) {
  return mappableFields(ctx).map((f) => ({ key: f.key, label: f.label, type: f.type, required: !!f.required }));
}

/** Upload, saved mappings, targets and preview: everything the wizard asks before it runs an import. */
export async function fileRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: EntityParams; Querystring: { encoding?: string } }>('/api/imports/:entity/files', { schema: uploadSchema }, async (request) => {
    const ctx = await importContext(app, request, request.params.entity);
    const part = await request.file();
    if (!part) throw new ApiError(400, 'no_file', text('no_file', ctx.locale));
    const bytes = await part.toBuffer();
    const table = uploadedTable(bytes, request.query.encoding, ctx.locale);
    let stored;
    try {
      stored = await storeFile(app.db, table, { entity: ctx.entity.key, name: part.filename || 'import', by: { id: ctx.user.id, name: ctx.user.name } });
    } catch (error) {
      request.log.info({ err: error }, 'import file unreadable');
      throw new ApiError(400, 'bad_file', text('bad_file', ctx.locale));
    }
    const { file, sample } = stored;
    if (!file.rows) {
      await filesCollection(app.db).deleteOne({ _id: file._id });
      throw new ApiError(400, 'empty_file', text('empty_file', ctx.locale));
    }
    return {
      fileId: file._id, name: file.name, format: file.format, encoding: file.encoding,
      encodingUncertain: table.encodings.length > 0, encodings: table.encodings, columns: file.columns, rows: file.rows, sample,
      fields: fieldsJson(ctx), suggested: suggestMapping(ctx, file.columns),
    };
  });

  app.get<{ Params: EntityParams }>('/api/imports/:entity/targets', { schema: targetsSchema }, async (request) => {
    return importTargets(await importContext(app, request, request.params.entity));
  });

  app.get<{ Params: EntityParams }>('/api/imports/:entity/mappings', { schema: mappingListSchema }, async (request) => {
    return readMappings(await importContext(app, request, request.params.entity));
  });

  app.get<{ Params: SourceParams }>('/api/imports/:entity/mappings/:source', { schema: mappingGetSchema }, async (request) => {
    const ctx = await importContext(app, request, request.params.entity);
    const [found] = await readMappings(ctx, request.params.source);
    if (!found) throw new ApiError(404, 'not_found', text('mapping_not_found', ctx.locale));
    return found;
  });

  app.put<{ Params: SourceParams; Body: { mapping: Mapping } }>('/api/imports/:entity/mappings/:source', { schema: mappingPutSchema }, async (request) => {
    const ctx = await importContext(app, request, request.params.entity);
    // Saved for files still to come: any column name may appear, but only fields this person may fill.
    const mapping = checkMapping(ctx, Object.keys(request.body.mapping), request.body.mapping);
    return saveMapping(ctx, request.params.source, mapping);
  });

  app.post<{ Params: EntityParams; Body: { fileId: string; mapping: Mapping } }>('/api/imports/:entity/preview', { schema: previewSchema }, async (request) => {
    const ctx = await importContext(app, request, request.params.entity);
    return previewImport(ctx, request.body);
  });
}

