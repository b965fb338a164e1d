import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { errorResponses } from '../http/schemas.js';
import { convertToPrompt, MAX_AUDIO_SEC } from './convert.js';
import { text } from './messages.js';
import { audioPromptJson, audioPromptsCollection, promptFile } from './prompts.js';
import { flowsUsingAudio } from './references.js';

/** Largest upload: ten minutes of CD-quality WAV is about 100 MB, so long recordings come compressed. */
export const MAX_AUDIO_BYTES = 20 * 1024 * 1024;

const tags = ['audio'];
const promptJson = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, durationSec: { type: 'number' }, bytes: { type: 'integer' },
    uploadedBy: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } }, at: { type: 'string', format: 'date-time' },
  },
} as const;
const params = { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' } }, required: ['id'] } as const;

/** Audio prompts belong to flow design: only people who manage definitions list, upload, hear or delete them. */
export async function audioRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (!(await app.permissions.of(request.session!.user)).manageDefinitions) {
      throw new ApiError(403, 'forbidden', text('forbidden_audio', requestLocale(request)));
    }
  });

  app.get('/api/audio-prompts', {
    schema: { tags, summary: 'Uploaded audio prompts, newest first', response: { 200: { type: 'array', items: promptJson }, ...errorResponses(403) } },
  }, async () => (await audioPromptsCollection(app.db).find().sort({ at: -1 }).limit(1000).toArray()).map(audioPromptJson));

  app.post('/api/audio-prompts', {
    schema: {
      tags, summary: `Upload an audio file (multipart, field "file"; at most ${MAX_AUDIO_BYTES / 1024 / 1024} MB and ${MAX_AUDIO_SEC / 60} minutes); stored as 8 kHz mu-law WAV`,
      response: { 201: promptJson, ...errorResponses(400, 403, 413) },
    },
  }, async (request, reply) => {
    const locale = requestLocale(request);
    const part = await request.file().catch(() => undefined);
    if (!part) throw new ApiError(400, 'no_file', text('no_audio_file', locale));
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError(413, 'audio_too_big', text('audio_too_big', locale, { mb: MAX_AUDIO_BYTES / 1024 / 1024 }));
      throw err;
    }
    if (!bytes.length) throw new ApiError(400, 'no_file', text('no_audio_file', locale));
    const id = randomUUID();
    const result = await convertToPrompt(bytes, part.filename ?? '', promptFile(id)!);
    if (!result.ok) throw new ApiError(400, result.reason, text(result.reason, locale, { minutes: MAX_AUDIO_SEC / 60 }));
    const original = basename(part.filename || 'audio');
    const name = (original.slice(0, original.length - extname(original).length) || original).slice(0, 200);
    const user = request.session!.user;
    const doc = { _id: id, name, durationSec: result.durationSec, bytes: result.bytes, uploadedBy: { id: user.id, name: user.name }, at: new Date() };
    await audioPromptsCollection(app.db).insertOne(doc);
    return reply.status(201).send(audioPromptJson(doc));
  });

  app.get('/api/audio-prompts/:id', {
    schema: { tags, summary: 'One audio prompt', params, response: { 200: promptJson, ...errorResponses(403, 404) } },
  }, async (request) => {
    const doc = await audioPromptsCollection(app.db).findOne({ _id: (request.params as { id: string }).id });
    if (!doc) throw new ApiError(404, 'not_found', text('audio_not_found', requestLocale(request)));
    return audioPromptJson(doc);
  });

  app.get('/api/audio-prompts/:id/audio', {
    schema: { tags, summary: 'The converted file (audio/wav, 8 kHz mu-law), for preview in the builder', params },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const doc = await audioPromptsCollection(app.db).findOne({ _id: id });
    const path = promptFile(id);
    const size = doc && path ? await stat(path).then((s) => s.size, () => null) : null;
    if (!path || size === null) throw new ApiError(404, 'not_found', text('audio_not_found', requestLocale(request)));
    return reply.header('content-type', 'audio/wav').header('content-length', size).header('cache-control', 'private, max-age=3600').send(createReadStream(path));
  });

  app.delete('/api/audio-prompts/:id', {
    schema: { tags, summary: 'Delete an audio prompt no published flow plays', params, response: { 204: { type: 'null' }, ...errorResponses(403, 404, 409) } },
  }, async (request, reply) => {
    const locale = requestLocale(request);
    const { id } = request.params as { id: string };
    if (!(await audioPromptsCollection(app.db).findOne({ _id: id }))) throw new ApiError(404, 'not_found', text('audio_not_found', locale));
    // Drafts may still name it: their publish check reports the missing audio then.
    const flows = await flowsUsingAudio(app.definitions, id);
    if (flows.length) throw new ApiError(409, 'audio_in_use', text('audio_in_use', locale, { flows: flows.join(', ') }), undefined, { flows });
    await audioPromptsCollection(app.db).deleteOne({ _id: id });
    await rm(promptFile(id)!, { force: true });
    return reply.status(204).send();
  });
}
