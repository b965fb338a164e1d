import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

export interface StaticOptions {
  /** Folders of the built apps; missing folders answer a page that says how to build them. */
  builderDir: string;
  consoleDir: string;
}

/** Serves the builder at /builder/ and the console (a single-page app) at /console/, on the API's port. */
export const staticPlugin = fp<StaticOptions>(async (app, { builderDir, consoleDir }) => {
  const apps = [
    { prefix: '/builder/', dir: builderDir },
    { prefix: '/console/', dir: consoleDir },
  ];
  // Decorates reply.sendFile once; each app below serves its own folder.
  await app.register(fastifyStatic, { root: dirname(consoleDir), serve: false });
  for (const { prefix, dir } of apps) {
    if (!existsSync(join(dir, 'index.html'))) {
      app.get(`${prefix}*`, async (_request, reply) =>
        reply.status(503).type('text/plain').send(`${prefix} is not built yet: run "npm run build" at the project root.`));
      continue;
    }
    await app.register(fastifyStatic, { root: dir, prefix, decorateReply: false, wildcard: false, index: ['index.html'], cacheControl: false });
    // Client-side routes (e.g. /console/e/customer/123) get the app's index.html.
    app.get(`${prefix}*`, async (_request, reply) => reply.type('text/html').sendFile('index.html', dir));
  }
  app.get('/', async (_request, reply) => reply.redirect('/console/'));
  app.get('/builder', async (_request, reply) => reply.redirect('/builder/'));
  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
}, { name: 'static' });
