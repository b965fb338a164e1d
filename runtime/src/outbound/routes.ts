import type { CampaignDefinition, Locale, SessionUser, TaskSummaryJson } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { text } from './messages.js';
import { agentRoutes } from './routes-agent.js';
import { complianceRoutes } from './routes-compliance.js';
import { joinSchema, listTasksSchema, oneTaskSchema, pacingSchema, statusSchema } from './route-schemas.js';
import { accessReader, taskFor, type TaskAccess } from './task-access.js';
import { taskRunsCollection, type TaskRunDoc } from './task-doc.js';
import { figuresOf, mineOf, pacingOf, progressOf } from './task-figures.js';

type TaskParams = { task: string };

/**
 * A task as one reader sees it: status, their place in it, the pacing in force, its progress; the supervisor's
 * live figures (every agent's counts, the abandon rate, the pacing's reasons) only to those who manage it, and an
 * agent's own figures to its agents.
 */
export async function summaryOf(app: FastifyInstance, user: SessionUser, def: CampaignDefinition, access: TaskAccess, run?: TaskRunDoc): Promise<TaskSummaryJson> {
  const doc = run ?? (await app.outbound.runOf(def.key));
  const now = app.calls.clock.now();
  const figures = access.manage ? await figuresOf(app, def, doc, now) : null;
  return {
    key: def.key, label: def.label, dialMode: def.dialMode, status: doc.status, pausedReason: doc.pausedReason ?? null,
    ...(def.schedule.startDate ? { startDate: def.schedule.startDate } : {}), ...(def.schedule.endDate ? { endDate: def.schedule.endDate } : {}),
    joined: doc.joined.includes(user.id), member: access.member, manage: access.manage, wrapupSec: def.wrapupSec ?? 15,
    ...pacingOf(def, doc),
    progress: figures ? { total: figures.numbers.total, left: figures.numbers.left } : await progressOf(app, def),
    ...(access.member ? { mine: await mineOf(app, def, user.id, now) } : {}),
    ...(figures ? { figures } : {}),
  };
}

const START_FROM = new Set(['planned', 'paused', 'running']);

/**
 * Outbound tasks over HTTP. Figures are polled, not pushed: they are read from the database on each request (so
 * they cross processes with no bus), change every dialer tick, and only the people looking at the tasks page
 * want them; the events stream stays for what concerns one agent (offers, their call).
 */
export async function outboundRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', app.authenticate);

  app.get<{ Querystring: { view: 'open' | 'closed' } }>('/api/outbound/tasks', { schema: listTasksSchema }, async (request) => {
    const user = request.session!.user;
    const access = await accessReader(app, user);
    const items: TaskSummaryJson[] = [];
    for (const def of await app.outbound.published()) {
      const a = access(def);
      if (!a.member && !a.manage) continue;
      const run = await app.outbound.runOf(def.key);
      if ((run.status === 'closed') !== (request.query.view === 'closed')) continue;
      items.push(await summaryOf(app, user, def, a, run));
    }
    return { items };
  });

  app.get<{ Params: TaskParams }>('/api/outbound/tasks/:task', { schema: oneTaskSchema }, async (request) => {
    const user = request.session!.user;
    const { def, access } = await taskFor(app, user, request.params.task, requestLocale(request), 'see');
    return summaryOf(app, user, def, access);
  });

  app.post<{ Params: TaskParams; Body: { status: 'running' | 'paused' | 'closed' } }>('/api/outbound/tasks/:task/status', { schema: statusSchema }, async (request) => {
    const user = request.session!.user;
    const locale = requestLocale(request);
    const { def, access } = await taskFor(app, user, request.params.task, locale, 'manage');
    const run = await app.outbound.runOf(def.key);
    const to = request.body.status;
    if (run.status === 'closed') throw new ApiError(409, 'task_closed', text('task_closed', locale));
    if (to === 'paused' && run.status !== 'running') throw new ApiError(409, 'not_running', text('not_running', locale));
    if (to === 'running' && !START_FROM.has(run.status)) throw new ApiError(409, 'task_closed', text('task_closed', locale));
    const updated = await app.outbound.setStatus(def.key, to);
    app.log.info({ task: def.key, status: to, by: user.id }, 'outbound task status changed');
    return summaryOf(app, user, def, access, updated ?? undefined);
  });

  app.patch<{ Params: TaskParams; Body: Record<string, number | null> }>('/api/outbound/tasks/:task/pacing', { schema: pacingSchema }, async (request) => {
    const user = request.session!.user;
    const locale: Locale = requestLocale(request);
    const { def, access } = await taskFor(app, user, request.params.task, locale, 'manage');
    if ((await app.outbound.runOf(def.key)).status === 'closed') throw new ApiError(409, 'task_closed', text('task_closed', locale));
    // A runtime override (outbound_tasks.pacing), read by the dialer on its next tick: no new version to publish
    // for a change that is about today's staffing, and the definition stays the designer's.
    const $set: Record<string, number> = {};
    const $unset: Record<string, ''> = {};
    for (const [k, v] of Object.entries(request.body)) v === null ? ($unset[`pacing.${k}`] = '') : ($set[`pacing.${k}`] = v);
    const run = await taskRunsCollection(app.db).findOneAndUpdate({ _id: def.key }, {
      ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}),
    }, { returnDocument: 'after' });
    app.log.info({ task: def.key, pacing: request.body, by: user.id }, 'outbound task pacing changed');
    return summaryOf(app, user, def, access, run ?? undefined);
  });

  for (const method of ['POST', 'DELETE'] as const) {
    app.route<{ Params: TaskParams }>({
      method, url: '/api/outbound/tasks/:task/join', schema: joinSchema,
      handler: async (request) => {
        const user = request.session!.user;
        const locale = requestLocale(request);
        const { def, access } = await taskFor(app, user, request.params.task, locale, method === 'POST' ? 'member' : 'see');
        if (method === 'POST' && (await app.outbound.runOf(def.key)).status === 'closed') throw new ApiError(409, 'task_closed', text('task_closed', locale));
        await app.outbound.join(def.key, user.id, method === 'POST');
        return summaryOf(app, user, def, access);
      },
    });
  }

  await app.register(agentRoutes);
  await app.register(complianceRoutes);
}
