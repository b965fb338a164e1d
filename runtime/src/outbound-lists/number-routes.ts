import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callsCollection } from '../calls/call-doc.js';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { taskNumbersCollection, type NumberState, type TaskNumberDoc } from '../outbound/number-doc.js';
import { convertNumber } from './convert.js';
import { putOnDnc } from '../outbound/dnc-doc.js';
import { taskHome, type ListHome } from './list-home.js';
import { requireListManager } from './list-routes.js';
import { text } from './messages.js';
import { numberReader } from './number-json.js';
import { convertSchema, numberSchema, numbersListSchema, requestDncSchema } from './route-schemas.js';

type NumberParams = { task: string; id: string };

/** A task's number, for the agent of its call (on it now, or the last to talk to it) or a manager; 404 for anyone else. */
async function numberFor(app: FastifyInstance, request: FastifyRequest<{ Params: NumberParams }>): Promise<{ home: ListHome; doc: TaskNumberDoc; onCall: boolean }> {
  const locale = requestLocale(request);
  const home = await taskHome(app, request.params.task, locale);
  const doc = await taskNumbersCollection(app.db).findOne({ _id: request.params.id, task: request.params.task });
  const user = request.session!.user;
  // The agent on the number's call now counts too: "convert to customer" is pressed during the call, before the
  // hangup makes them its last agent.
  const onCall = !!doc?.lastCallId && !!(await callsCollection(app.db).findOne({ _id: doc.lastCallId, agentId: user.id }, { projection: { _id: 1 } }));
  if (!doc || (doc.lastAgent !== user.id && !onCall && !(await app.permissions.of(user)).manageDefinitions)) {
    throw new ApiError(404, 'not_found', text('number_not_found', locale));
  }
  return { home, doc, onCall };
}

/** A task's numbers as readers see them, converting one into a record, and a callee's "do not call me again". */
export async function numberRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { task: string }; Querystring: { state?: NumberState; limit: number; skip: number } }>(
    '/api/outbound/tasks/:task/numbers', { schema: numbersListSchema }, async (request) => {
      const { user, locale } = await requireListManager(app, request);
      const home = await taskHome(app, request.params.task, locale);
      const filter = { task: request.params.task, ...(request.query.state ? { state: request.query.state } : {}) };
      const numbers = taskNumbersCollection(app.db);
      const docs = await numbers.find(filter).sort({ createdAt: 1, _id: 1 }).skip(request.query.skip).limit(request.query.limit).toArray();
      const show = await numberReader(app, home, user, locale);
      return { total: await numbers.countDocuments(filter), items: docs.map(show) };
    },
  );

  app.get<{ Params: NumberParams }>('/api/outbound/tasks/:task/numbers/:id', { schema: numberSchema }, async (request) => {
    const { home, doc } = await numberFor(app, request);
    return (await numberReader(app, home, request.session!.user, requestLocale(request)))(doc);
  });

  app.post<{ Params: NumberParams; Body: { values?: Record<string, unknown> } }>(
    '/api/outbound/tasks/:task/numbers/:id/convert', { schema: convertSchema }, async (request, reply) => {
      const { home, doc, onCall } = await numberFor(app, request);
      return reply.status(201).send(await convertNumber(app, request, home, doc, request.body.values ?? {}, onCall));
    },
  );

  app.post<{ Params: NumberParams }>('/api/outbound/tasks/:task/numbers/:id/do-not-call', { schema: requestDncSchema }, async (request) => {
    const { doc } = await numberFor(app, request);
    return putOnDnc(app.db, doc.phone, { reason: 'requested', by: request.session!.user.id, task: doc.task });
  });
}
