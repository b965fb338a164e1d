import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Filter } from 'mongodb';
import { simulatedCarrierOf, type InboundCaller } from '../carriers/simulated/simulated-carrier.js';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import type { Control } from './agent-actions.js';
import type { CallCommand } from './call-commands.js';
import type { CallOwners } from './call-owner.js';
import { callsCollection, type CallDoc } from './call-doc.js';
import { scopedAgents, scopeFilter } from './call-scope.js';
import { involved } from './consult.js';
import { callJson, callReader, callsJson, type CallReader } from './call-json.js';
import { flowForNumber, startInbound } from './inbound.js';
import { text } from './messages.js';
import { noOutcomeFilter, refuseWhileOutcomeOwed } from './outcome.js';
import { dial } from './outbound.js';
import * as s from './route-schemas.js';
import type { CallsService } from './service.js';
import { todayFigures } from './today-figures.js';

type IdParams = { id: string };
type View = 'mine' | 'incoming' | 'all';

export function callRoutes(svc: CallsService, owners: CallOwners) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', app.authenticate);
    const reader = (request: FastifyRequest) => callReader(app, request.session!.user);

    app.get<{ Querystring: { view: View; q?: string; status?: CallDoc['status']; noOutcome?: boolean; page: number; pageSize: number } }>(
      '/api/calls', { schema: s.listSchema },
      async (request) => {
        const r = await reader(request);
        const { view, q, status, noOutcome, page, pageSize } = request.query;
        const filter: Filter<CallDoc> = { ...(await viewFilter(app, r, view, requestLocale(request))), ...(status ? { status } : {}) };
        const and: Filter<CallDoc>[] = [filter];
        if (noOutcome) and.push(noOutcomeFilter);
        if (q?.trim()) and.push(await quickSearch(r, q.trim()));
        const query = and.length > 1 ? { $and: and } : filter;
        const calls = callsCollection(app.db);
        const [docs, total] = await Promise.all([
          calls.find(query).sort({ ringAt: -1, _id: 1 }).skip((page - 1) * pageSize).limit(pageSize).toArray(),
          calls.countDocuments(query),
        ]);
        return { items: await callsJson(app, r, docs), total, page, pageSize };
      },
    );

    // Registered before /api/calls/:id so "events" is never taken for an id.
    app.get('/api/calls/events', { schema: s.eventsSchema }, async (request, reply) => {
      const userId = request.session!.user.id;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      svc.events.add(userId, res);
      svc.events.send(userId, 'state', await svc.states.json(userId));
    });

    app.get<{ Params: IdParams }>('/api/calls/:id', { schema: s.getSchema }, async (request) => {
      const r = await reader(request);
      const doc = await svc.call(request.params.id);
      if (!doc || !(await mayRead(app, r, doc))) throw new ApiError(404, 'call_not_found', text('call_not_found', requestLocale(request)));
      return callJson(app, r, doc);
    });

    // The call's recording (TELEPHONY=sip: the bridged conversation, stereo mu-law WAV in the data directory, or the
    // voicemail message the caller left, mono), for those who were on the call, and supervisors and admins through
    // their data scope (mayHear). Anyone else: the same 404 as for a call that does not exist.
    app.get<{ Params: IdParams }>('/api/calls/:id/recording', {
      schema: { tags: s.getSchema.tags, summary: 'The call\'s recording (audio/wav)', params: s.getSchema.params },
    }, async (request, reply) => {
      const locale = requestLocale(request);
      const r = await reader(request);
      const doc = await svc.call(request.params.id);
      if (!doc || !(await mayHear(app, r, doc))) throw new ApiError(404, 'call_not_found', text('call_not_found', locale));
      const file = doc.recording?.file;
      const path = file && /^(recordings|voicemail)\/[A-Za-z0-9_-]+\.wav$/.test(file) ? join(resolve(process.env.DATA_DIR ?? '.data'), file) : null;
      const size = path ? await stat(path).then((st) => st.size, () => null) : null;
      if (!path || size === null) throw new ApiError(404, 'call_not_found', text('call_not_found', locale));
      return reply.header('content-type', 'audio/wav').header('content-length', size).header('cache-control', 'private, no-store').send(createReadStream(path));
    });

    app.post<{ Body: { entity: string; id: string } }>('/api/calls/dial', { schema: s.dialSchema }, async (request, reply) => {
      const { doc, token, expiresAt } = await dial(app, svc, request, request.body.entity, request.body.id);
      const call = await callJson(app, await reader(request), doc);
      // The caller is the call's agent: their console gets the same JSON the answer carries (built once).
      if (svc.events.connected(doc.agentId!)) svc.events.send(doc.agentId!, 'call', { call });
      return reply.status(201).send({ callId: doc._id, token, expiresAt: expiresAt.toISOString(), call });
    });

    app.post<{ Body: { from: string; to: string; at?: string } & InboundCaller }>('/api/calls/simulate-inbound', { schema: s.simulateInboundSchema }, async (request, reply) => {
      const locale = requestLocale(request);
      const r = await reader(request);
      if (!r.permissions.manageDefinitions) throw new ApiError(403, 'forbidden_simulate', text('forbidden_simulate', locale));
      // A demo caller is the simulated network's: with calls carried over SIP, real phones call in.
      const simulated = simulatedCarrierOf(svc);
      if (!simulated) throw new ApiError(409, 'not_simulated', text('not_simulated', locale));
      const { from, to, digits, hangupAfterMs, talkSec, at } = request.body;
      const run = await flowForNumber(svc, to);
      if (!run) throw new ApiError(404, 'no_flow_for_number', text('no_flow_for_number', locale, { number: to }));
      const doc = await startInbound(svc, run, from, to, at);
      simulated.actAs(doc._id, { digits, hangupAfterMs, talkSec });
      return reply.status(201).send(await callJson(app, r, doc));
    });

    // Call control: carried out by the process that holds the call, whichever one received the request (call-owner.ts).
    // The call is read again after most commands: a control's effect can follow in the call's queue (an outbound
    // hang-up's end comes with the carrier's event). An outcome's answer is the call as its own update left it.
    const atOwner = async (request: FastifyRequest<{ Params: IdParams }>, command: CallCommand): Promise<CallDoc> => {
      const id = request.params.id;
      const user = request.session!.user;
      const doc = await owners.run(id, command, user.id, requestLocale(request), user);
      if (command.name === 'dispose' && doc) return doc;
      return (await svc.call(id)) ?? doc!;
    };

    const controls: [Control, string][] = [
      ['answer', 'Answer the call ringing on my console'],
      ['hangup', 'Hang up (a call still ringing on my console: decline it)'],
      ['hold', 'Put the caller on hold'], ['unhold', 'Take the caller off hold'],
      ['mute', 'Mute my microphone'], ['unmute', 'Unmute my microphone'],
    ];
    for (const [action, summary] of controls) {
      app.post<{ Params: IdParams }>(`/api/calls/:id/${action}`, { schema: s.controlSchema(summary) }, async (request) => {
        return callJson(app, await reader(request), await atOwner(request, { name: 'control', action }));
      });
    }

    app.post<{ Params: IdParams; Body: { digits: string } }>('/api/calls/:id/dtmf', { schema: s.dtmfSchema }, async (request) => {
      return callJson(app, await reader(request), await atOwner(request, { name: 'dtmf', digits: request.body.digits }));
    });

    app.post<{ Params: IdParams; Body: { to: string; type: 'agent' | 'group' } }>('/api/calls/:id/transfer', { schema: s.transferSchema }, async (request) => {
      const target = { type: request.body.type, ref: request.body.to };
      return callJson(app, await reader(request), await atOwner(request, { name: 'transfer', target }));
    });

    // Attended transfer and three-way conference (both telephony modes; the SIP bridge follows the call record).
    app.post<{ Params: IdParams; Body: { to: { type: 'agent' | 'group'; ref: string } } }>('/api/calls/:id/consult', { schema: s.consultSchema }, async (request) => {
      return callJson(app, await reader(request), await atOwner(request, { name: 'consult', target: request.body.to }));
    });
    const consultSteps: [string, string, 'completeTransfer' | 'cancelConsult' | 'conference'][] = [
      ['complete-transfer', 'Attended transfer: hand the caller to the consulted agent; I go to after-call work', 'completeTransfer'],
      ['cancel-consult', 'End the consultation (or stop its ringing) and take the caller back', 'cancelConsult'],
      ['conference', 'Three-way conference: the caller, the consulted agent and me', 'conference'],
    ];
    for (const [path, summary, name] of consultSteps) {
      app.post<{ Params: IdParams }>(`/api/calls/:id/${path}`, { schema: s.consultStepSchema(summary) }, async (request) => {
        return callJson(app, await reader(request), await atOwner(request, { name }));
      });
    }

    app.post<{ Params: IdParams; Body: { key: string; note?: string; contactAt?: string } }>(
      '/api/calls/:id/disposition', { schema: s.dispositionSchema },
      async (request) => {
        const doc = await atOwner(request, { name: 'dispose', input: request.body });
        await svc.followedUp(doc);
        return callJson(app, await reader(request), doc);
      },
    );

    // The record's contact history: whoever may read the record sees all its calls, whichever agent made them,
    // so the next owner continues where the last one stopped. Numbers are masked per reader as everywhere.
    app.get<{ Params: { entity: string; id: string }; Querystring: { page: number; pageSize: number } }>(
      '/api/records/:entity/:id/calls', { schema: s.recordCallsSchema },
      async (request) => {
        const { entity, id } = request.params;
        const ctx = await app.records.context(request, entity, 'read');
        // Deleted records keep their history for those who may see them (the operation log does the same).
        await app.records.find(ctx, id, { deleted: true });
        const { page, pageSize } = request.query;
        const query: Filter<CallDoc> = { 'customer.entity': entity, 'customer.id': id };
        const calls = callsCollection(app.db);
        const [docs, total] = await Promise.all([
          calls.find(query).sort({ ringAt: -1, _id: 1 }).skip((page - 1) * pageSize).limit(pageSize).toArray(),
          calls.countDocuments(query),
        ]);
        return { items: await callsJson(app, await reader(request), docs), total, page, pageSize };
      },
    );

    // The workbench's daily figures (today-figures.ts defines them): mine, or everyone in my data scope.
    app.get<{ Querystring: { scope: 'mine' | 'team' } }>('/api/calls/today', { schema: s.todaySchema }, async (request) => {
      const r = await reader(request);
      const agents = request.query.scope === 'team' ? await scopeFilter(app, r) : { agentId: r.user.id };
      return todayFigures(svc, agents, app.ownership.timeZone);
    });

    app.get('/api/telephony/state', { schema: s.getStateSchema }, async (request) => svc.states.json(request.session!.user.id));

    app.put<{ Body: { state: string | null } }>('/api/telephony/state', { schema: s.putStateSchema }, async (request) => {
      const locale = requestLocale(request);
      const userId = request.session!.user.id;
      const { state } = request.body;
      if (state !== null && !(await svc.states.definitions()).some((d) => d.key === state)) {
        throw new ApiError(400, 'unknown_state', text('unknown_state', locale, { state }));
      }
      // Busy and after-call work follow the call; the agent leaves them by finishing it (or after-call work's time).
      // A call awaiting its outcome holds the agent in after-call work: the outcome first (outcome.ts).
      // One read of the state and of its call serves both checks (each used to read them again).
      const current = await svc.states.get(userId);
      const call = current.callId && (current.kind === 'busy' || current.kind === 'wrapup') ? await svc.call(current.callId) : null;
      await refuseWhileOutcomeOwed(svc, request.session!.user, locale, { state: current, call });
      if (call && call.agentId === userId && (call.status === 'talking' || call.status === 'ringing')) {
        throw new ApiError(409, 'state_on_call', text('state_on_call', locale));
      }
      return svc.states.jsonOf(await svc.states.set(userId, state, { callId: null }));
    });
  };
}

async function viewFilter(app: FastifyInstance, r: CallReader, view: View, locale: 'zh' | 'en'): Promise<Filter<CallDoc>> {
  if (view === 'mine') return { $or: [{ agentId: r.user.id }, { 'participants.agentId': r.user.id }] };
  if (view === 'incoming') return { direction: 'in', ...(await scopeFilter(app, r)) };
  const scope = r.permissions.role?.dataScope ?? 'own';
  if (scope === 'own') throw new ApiError(403, 'forbidden_all_calls', text('forbidden_all_calls', locale));
  return scopeFilter(app, r);
}

async function mayRead(app: FastifyInstance, r: CallReader, doc: CallDoc): Promise<boolean> {
  return involved(doc, r.user.id) || inScope(app, r, doc);
}

/**
 * Who may play the recording (the conversation, or the caller's voicemail message): those who were on the call
 * (its agent, a consulted agent or conference member who joined) and those whose data scope covers its agent.
 * Seeing the call is not enough: an agent it only rang for, or who declined a consultation, never heard it.
 */
async function mayHear(app: FastifyInstance, r: CallReader, doc: CallDoc): Promise<boolean> {
  const joined = doc.agentId === r.user.id || (doc.participants ?? []).some((p) => p.agentId === r.user.id && p.joinAt);
  return joined || inScope(app, r, doc);
}

/** The call's agent is within the reader's data scope (a call nobody took: only for readers who see all). */
async function inScope(app: FastifyInstance, r: CallReader, doc: CallDoc): Promise<boolean> {
  const agents = await scopedAgents(app, r);
  return agents === null || (doc.agentId !== null && agents.includes(doc.agentId));
}

/**
 * Quick search: an outcome, queue or status by its key; digits search the outside party's number, but only
 * for readers who see numbers unmasked (a masked reader could otherwise find a number by guessing it).
 */
async function quickSearch(r: CallReader, q: string): Promise<Filter<CallDoc>> {
  const or: Filter<CallDoc>[] = [{ 'disposition.key': q }, { queue: q }, { status: q as CallDoc['status'] }, { 'customer.id': q }];
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 4 && digits.length === q.replace(/[\s+-]/g, '').length && !(await r.phoneView('customer')).masked) {
    const escaped = digits.replace(/[^0-9]/g, '');
    or.push({ direction: 'in', from: { $regex: escaped } }, { direction: 'out', to: { $regex: escaped } });
  }
  return { $or: or };
}
