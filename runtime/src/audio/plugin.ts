import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MAX_AUDIO_BYTES, audioRoutes } from './routes.js';

/**
 * Uploaded audio prompts (flow prompts, hold music): converted once to 8 kHz mu-law WAV under
 * `${DATA_DIR}/prompts`, described in the `audio_prompts` collection. Multipart parsing and the auth hook
 * stay in this plugin's own context.
 */
export const audioPlugin = fp(async (app: FastifyInstance) => {
  // One byte over the limit makes toBuffer() fail with FST_REQ_FILE_TOO_LARGE (answered as 413).
  await app.register(multipart, { limits: { fileSize: MAX_AUDIO_BYTES, files: 1, fields: 5 } });
  app.addHook('preValidation', app.authenticate);
  await app.register(audioRoutes);
}, { name: 'audio', dependencies: ['db', 'definitions', 'auth'], encapsulate: true });
