import type { FastifyInstance } from 'fastify';
import { requestLocale } from '../http/locale.js';
import { taskHome } from '../outbound-lists/list-home.js';
import { numberReader } from '../outbound-lists/number-json.js';
import { complianceReport } from './compliance-report.js';
import { complianceSchema } from './route-schemas.js';
import { taskFor } from './task-access.js';

/** The per-task compliance report, for supervisors and admins; numbers in its evidence masked like customer phones. */
export async function complianceRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { task: string }; Querystring: { days: number } }>('/api/outbound/tasks/:task/compliance', { schema: complianceSchema }, async (request) => {
    const user = request.session!.user;
    const locale = requestLocale(request);
    const { def } = await taskFor(app, user, request.params.task, locale, 'manage');
    const reader = await numberReader(app, await taskHome(app, def.key, locale), user, locale);
    const show = (phone: string) => reader({ _id: '', task: def.key, phone, values: {}, state: 'done', attempts: 0, createdAt: new Date(0) }).phone;
    const to = new Date(app.calls.clock.now());
    return complianceReport(app, def, new Date(to.getTime() - request.query.days * 86_400_000), to, show);
  });
}
