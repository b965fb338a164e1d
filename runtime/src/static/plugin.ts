import { existsSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { text } from '../http/messages.js';
import { inlineScriptHashes } from '../http/security-headers.js';

export interface StaticOptions {
  /** Folders of the built apps; a missing folder answers a page that says how to build it. */
  builderDir: string;
  consoleDir: string;
}

/** Vite and SvelteKit put content-hashed files here: they never change, so browsers may keep them. */
const HASHED = /\/(assets|_app\/immutable)\//;

/** An HTML file's inline script hashes, read again only when the file changes (a rebuild needs no restart). */
const hashCache = new Map<string, { mtimeMs: number; hashes: string[] }>();
function scriptHashes(path: string, stat: Stats): string[] {
  const cached = hashCache.get(path);
  if (cached?.mtimeMs === stat.mtimeMs) return cached.hashes;
  const hashes = inlineScriptHashes(readFileSync(path, 'utf8'));
  hashCache.set(path, { mtimeMs: stat.mtimeMs, hashes });
  return hashes;
}

/**
 * One single-page app under a prefix: its files as they are on disk now (a rebuild needs no restart),
 * index.html for client-side routes (/console/e/customer/123), and a real 404 for a missing file, so a
 * stale page asking for an old bundle fails loudly instead of receiving HTML.
 */
async function serveApp(scope: FastifyInstance, dir: string) {
  await scope.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    setHeaders: (reply, path, stat) => {
      reply.header('cache-control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      // SvelteKit starts the console from an inline script: the page's CSP allows exactly that script.
      if (path.endsWith('.html')) reply.appPage(scriptHashes(path, stat));
    },
  });
  scope.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (request.method !== 'GET' || /\.[a-z0-9]+$/i.test(path)) {
      return reply.status(404).send(errorBody(404, 'not_found', text('no_file', requestLocale(request), { path })));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/** Serves the builder at /builder/ and the console at /console/, on the API's port. */
export const staticPlugin = fp<StaticOptions>(async (app, { builderDir, consoleDir }) => {
  for (const [prefix, dir] of [['/builder', builderDir], ['/console', consoleDir]] as const) {
    if (!existsSync(join(dir, 'index.html'))) {
      app.get(`${prefix}/*`, async (_request, reply) =>
        reply.status(503).type('text/plain').send(`${prefix}/ is not built yet: run "npm run build" at the project root.`));
      continue;
    }
    await app.register((scope) => serveApp(scope, dir), { prefix });
  }
  app.get('/', async (_request, reply) => reply.redirect('/console/'));
}, { name: 'static', dependencies: ['security-headers'] });
