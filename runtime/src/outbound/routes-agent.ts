import type { CampaignDefinition, Locale, RecordJson, SessionUser } from '@telesales/schemas';
import { mayDial } from '@telesales/engines/compliance';
import type { FastifyInstance } from 'fastify';
import { callsCollection } from '../calls/call-doc.js';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { taskEntityKey, taskHome } from '../outbound-lists/list-home.js';
import { numberReader } from '../outbound-lists/number-json.js';
import { callingRulesOf } from './calling-rules.js';
import { recentDials } from './dial-log.js';
import { dncAmong } from './dnc-doc.js';
import { text } from './messages.js';
import { taskNumbersCollection, type TaskNumberDoc } from './number-doc.js';
import { mineSchema, nextSchema, popSchema, previewActionSchema } from './route-schemas.js';
import { fillScript, spokenFields } from './script-fill.js';
import { taskFor } from './task-access.js';

type TaskParams = { task: string };
type NumberParams = { task: string; id: string };

/** How long a previewed number stays with the agent looking at it. */
const HOLD_MS = 2 * 60_000;
/** A skipped number comes back after this long. */
const SKIP_MS = 60 * 60_000;
/** Numbers refused at pick before the preview gives up for this request. */
const PICK_TRIES = 10;

/** A record's card through the reader's own permissions and data scope; null when outside them. */
async function cardOf(app: FastifyInstance, user: SessionUser, locale: Locale, entity: string, id: string | undefined): Promise<RecordJson | null> {
  if (!id) return null;
  try {
    const ctx = await app.records.contextFor(user, locale, entity, 'read');
    const record = await app.records.findVisible(ctx, id);
    return record ? await app.records.jsonOne(ctx, record) : null;
  } catch {
    return null;
  }
}

/** Compliance at pick for a previewed number (the dialer asks again at the dial): false when no rule allows it now. */
async function allowedNow(app: FastifyInstance, def: CampaignDefinition, n: TaskNumberDoc, now: number): Promise<boolean> {
  const [dnc, history] = await Promise.all([dncAmong(app.db, [n.phone]), recentDials(app.db, [n.phone], now)]);
  const { rules, calleeZone } = callingRulesOf(def).rulesFor(n.phone);
  const verdict = mayDial({ taskId: def.key, at: now, rules, agentReserved: true, number: { timeZone: calleeZone, doNotCall: dnc.has(n.phone), attempts: history.get(n.phone) ?? [] } });
  if (!verdict.allowed) {
    const set = verdict.reason === 'doNotCall' ? { state: 'dnc' as const } : verdict.nextAt === null ? { state: 'done' as const } : { state: 'scheduled' as const, nextAt: new Date(verdict.nextAt) };
    await taskNumbersCollection(app.db).updateOne({ _id: n._id }, { $set: set, $unset: { heldBy: '', heldUntil: '' } });
  }
  return verdict.allowed;
}

/** What an agent of a task does: preview (next, call, skip), numbers they dialled, a task call's screen pop. */
export async function agentRoutes(app: FastifyInstance): Promise<void> {
  const now = () => app.calls.clock.now();
  const numbers = () => taskNumbersCollection(app.db);

  app.get<{ Params: TaskParams }>('/api/outbound/tasks/:task/next', { schema: nextSchema }, async (request) => {
    const user = request.session!.user;
    const locale = requestLocale(request);
    const { def } = await taskFor(app, user, request.params.task, locale, 'member');
    if (def.dialMode !== 'preview') throw new ApiError(409, 'not_preview', text('not_preview', locale));
    if ((await app.outbound.runOf(def.key)).status !== 'running') throw new ApiError(409, 'not_running', text('not_running', locale));
    const at = new Date(now());
    const until = new Date(at.getTime() + HOLD_MS);
    let doc = await numbers().findOne({ task: def.key, heldBy: user.id, heldUntil: { $gt: at }, state: { $in: ['fresh', 'scheduled'] } });
    for (let i = 0; !doc && i < PICK_TRIES; i++) {
      // Retries due before fresh numbers; a hold that ran out is free again. The conditional update keeps one number to one agent.
      const found = await numbers().findOneAndUpdate({
        task: def.key,
        $and: [
          { $or: [{ state: 'fresh' }, { state: 'scheduled', nextAt: { $lte: at }, callbackAgent: { $exists: false } }] },
          { $or: [{ heldUntil: { $exists: false } }, { heldUntil: { $lte: at } }] },
        ],
      }, { $set: { heldBy: user.id, heldUntil: until } }, { sort: { state: -1, nextAt: 1, createdAt: 1, _id: 1 }, returnDocument: 'after' });
      if (!found) break;
      if (await allowedNow(app, def, found, at.getTime())) doc = found;
    }
    if (!doc) return { number: null, customer: null };
    const home = await taskHome(app, def.key, locale);
    return {
      number: (await numberReader(app, home, user, locale))(doc),
      customer: await cardOf(app, user, locale, taskEntityKey(def), doc.customerId),
      heldUntil: doc.heldUntil!.toISOString(),
    };
  });

  for (const action of ['call', 'skip'] as const) {
    app.post<{ Params: NumberParams }>(`/api/outbound/tasks/:task/numbers/:id/${action}`, { schema: previewActionSchema }, async (request, reply) => {
      const user = request.session!.user;
      const locale = requestLocale(request);
      const { def } = await taskFor(app, user, request.params.task, locale, 'member');
      const at = new Date(now());
      // Call: a callback due now, reserved to this agent: the task's dialer (on whichever process holds it) dials it
      // on its next tick with the agent reserved, so compliance and the call record are the dialer's as for any dial.
      const set = action === 'call'
        ? { state: 'scheduled' as const, nextAt: at, callbackAgent: user.id, updatedAt: at }
        : { state: 'scheduled' as const, nextAt: new Date(at.getTime() + SKIP_MS), updatedAt: at };
      const done = await numbers().updateOne(
        { _id: request.params.id, task: def.key, heldBy: user.id, heldUntil: { $gt: at }, state: { $in: ['fresh', 'scheduled'] } },
        { $set: set, $unset: { heldBy: '', heldUntil: '' } },
      );
      if (!done.modifiedCount) {
        // Held by this agent once (the hold ran out, the number moved on): 409, get the next one. Never theirs: 404,
        // as for any object of someone else's.
        const once = await numbers().countDocuments({ _id: request.params.id, task: def.key, $or: [{ heldBy: user.id }, { callbackAgent: user.id }, { lastAgent: user.id }] });
        if (once) throw new ApiError(409, 'not_held', text('not_held', locale));
        throw new ApiError(404, 'number_not_found', text('number_not_found', locale));
      }
      return reply.status(204).send();
    });
  }

  app.get<{ Params: TaskParams; Querystring: { limit: number; skip: number } }>('/api/outbound/tasks/:task/mine', { schema: mineSchema }, async (request) => {
    const user = request.session!.user;
    const locale = requestLocale(request);
    const { def } = await taskFor(app, user, request.params.task, locale, 'see');
    const filter = { task: def.key, lastAgent: user.id };
    const docs = await numbers().find(filter).sort({ lastDialAt: -1, _id: 1 }).skip(request.query.skip).limit(request.query.limit).toArray();
    const show = await numberReader(app, await taskHome(app, def.key, locale), user, locale);
    return { total: await numbers().countDocuments(filter), items: docs.map(show) };
  });

  app.get<{ Params: { id: string } }>('/api/outbound/calls/:id/pop', { schema: popSchema }, async (request) => {
    const user = request.session!.user;
    const locale = requestLocale(request);
    const call = await callsCollection(app.db).findOne({ _id: request.params.id, 'task.key': { $exists: true } });
    const mine = call && (call.agentId === user.id || call.offeredTo === user.id || call.participants?.some((p) => p.agentId === user.id));
    const number = mine ? await numbers().findOne({ _id: call.task!.numberId }) : null;
    if (!call || !mine || !number) throw new ApiError(404, 'not_found', text('call_not_found', locale));
    const home = await taskHome(app, call.task!.key, locale);
    const def = home.task!;
    const shownNumber = (await numberReader(app, home, user, locale))(number);
    const customer = await cardOf(app, user, locale, home.entity.key, number.customerId ?? call.customer?.id);
    // Tokens name fields: the customer's card when there is one, else the list columns mapped to those fields.
    const fields: Record<string, unknown> = {};
    for (const c of home.columns) if (c.field && c.column in shownNumber.values) fields[c.field.key] = shownNumber.values[c.column];
    Object.assign(fields, customer?.values ?? {});
    const data = { agent: user.name, phone: shownNumber.phone };
    const fill = (locale: Locale) => fillScript(def.script?.[locale] ?? '', { ...data, task: def.label[locale], fields: spokenFields(home.entity, fields, locale) });
    return {
      task: { key: def.key, label: def.label }, number: shownNumber, customer, entity: home.entity.key,
      script: { zh: fill('zh'), en: fill('en') },
      offered: def.dispositions?.offered ?? [], wrapupSec: def.wrapupSec ?? 15,
    };
  });
}
