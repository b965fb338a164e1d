import { MONITOR_MODES, type MonitorMode } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { requestLocale } from '../http/locale.js';
import { callJson, callReader } from './call-json.js';
import type { CallOwners } from './call-owner.js';
import { callResponse } from './route-schemas.js';
import type { CallsService } from './service.js';
import { errorResponses as errors } from '../http/schemas.js';

const params = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;

/**
 * A supervisor listens in, whispers to the agent or barges in (POST .../monitor {mode}), and leaves (.../monitor/stop):
 * carried out by the process holding the call's media (call-owner.ts), like every call control.
 */
export function monitorRoutes(svc: CallsService, owners: CallOwners) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', app.authenticate);
    const run = async (id: string, userId: string, mode: MonitorMode | null, locale: 'zh' | 'en') => {
      const doc = await owners.run(id, { name: 'monitor', mode }, userId, locale);
      return (await svc.call(id)) ?? doc!;
    };

    app.post<{ Params: { id: string }; Body: { mode: MonitorMode } }>('/api/calls/:id/monitor', {
      schema: {
        tags: ['calls'], summary: 'A supervisor on a live call of their team: listen (silent), whisper (only the agent hears), barge (joins)',
        params, body: { type: 'object', properties: { mode: { enum: MONITOR_MODES } }, required: ['mode'], additionalProperties: false },
        response: { 200: callResponse, ...errors(400, 403, 404, 409) },
      },
    }, async (request) => {
      const user = request.session!.user;
      const doc = await run(request.params.id, user.id, request.body.mode, requestLocale(request));
      return callJson(app, await callReader(app, user), doc);
    });

    app.post<{ Params: { id: string } }>('/api/calls/:id/monitor/stop', {
      schema: { tags: ['calls'], summary: 'The supervisor leaves the call they monitor', params, response: { 200: callResponse, ...errors(403, 404, 409) } },
    }, async (request) => {
      const user = request.session!.user;
      const doc = await run(request.params.id, user.id, null, requestLocale(request));
      return callJson(app, await callReader(app, user), doc);
    });
  };
}
