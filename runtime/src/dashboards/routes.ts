import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestLocale } from '../http/locale.js';
import type { Viewer } from '../reports/viewer-source.js';
import * as s from './route-schemas.js';
import type { DashboardsService } from './service.js';

export function dashboardRoutes(svc: DashboardsService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('preValidation', app.authenticate);
    const viewer = async (request: FastifyRequest): Promise<Viewer> => {
      const user = request.session!.user;
      return { user, locale: requestLocale(request), permissions: await app.permissions.of(user) };
    };
    app.get('/api/dashboards', { schema: s.listSchema }, async (request) => ({ items: await svc.list(await viewer(request)) }));
    app.get<{ Params: { key: string } }>('/api/dashboards/:key', { schema: s.openSchema }, async (request) => svc.open(request.params.key, await viewer(request)));
  };
}
