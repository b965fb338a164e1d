import { wallboardSchema } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { errorResponses as errors } from '../http/schemas.js';
import { requestLocale } from '../http/locale.js';
import { wallboardOf, wallboardScope } from './wallboard.js';
import type { WallboardStreams } from './wallboard-streams.js';

const tags = ['monitoring'];

/** The wallboard (supervisors: their team tree; admins: everyone; agents: 403), once or as a stream. */
export function monitoringRoutes(streams: WallboardStreams) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', app.authenticate);

    app.get('/api/monitoring/wallboard', {
      schema: { tags, summary: 'Live monitoring: agents, queues and running tasks of my team tree', response: { 200: wallboardSchema, ...errors(403) } },
    }, async (request) => {
      const user = request.session!.user;
      return wallboardOf(app, user, await wallboardScope(app, user, requestLocale(request)));
    });

    app.get('/api/monitoring/wallboard/events', {
      schema: { tags, summary: 'The wallboard as Server-Sent Events: a `wallboard` frame at once and after every change (within 2 s)', response: { ...errors(403) } },
    }, async (request, reply) => {
      const user = request.session!.user;
      // Refused before the stream opens: a plain 403 with its sentence.
      const scope = await wallboardScope(app, user, requestLocale(request));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      await streams.add(user, scope, res);
    });
  };
}
