import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { startRecovery } from './batch-recovery.js';
import { ensureImportIndexes } from './collections.js';
import { batchRoutes } from './routes-batches.js';
import { scheduleFileCleanup } from './file-cleanup.js';
import { fileRoutes } from './routes-files.js';
import { stopImports } from './run-import.js';

/** Largest file accepted for import. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The routes in a context of their own: multipart parsing and the auth hook stay here. */
async function importRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  // Authentication before validation, as in the records routes: an anonymous caller learns nothing.
  app.addHook('preValidation', app.authenticate);
  await app.register(fileRoutes);
  await app.register(batchRoutes);
}

/**
 * Import of CSV/XLSX files into an entity (mapping, preview, batches in the background, row reports); export
 * has its own plugin (exports/). See run-import.ts for how an import survives a crash.
 */
export const importsPlugin = fp(async (app: FastifyInstance, options: { jobs?: boolean }) => {
  await ensureImportIndexes(app.db);
  let stop: (() => void) | undefined;
  // Uploaded files older than IMPORT_FILE_RETENTION (7 days) are deleted hourly, unless jobs are off.
  const cleanup = options.jobs === false ? null : scheduleFileCleanup(app);
  app.addHook('onReady', async () => {
    stop = startRecovery(app);
    await cleanup?.start();
  });
  app.addHook('onClose', async () => {
    stop?.();
    await cleanup?.stop();
    await stopImports(app);
  });
  await app.register(importRoutes);
}, { name: 'imports', dependencies: ['db', 'definitions', 'auth', 'expressions', 'records', 'ownership'] });
