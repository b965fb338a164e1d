// Shared by the outbound task tests: a published task, its numbers, simulated agents who take the offers their
// console rings with and give outcomes, all on the calls service's clock.
import type { FastifyInstance } from 'fastify';
import { control, dispose } from '@telesales/runtime/calls/agent-actions';
import { taskNumbersCollection } from '@telesales/runtime/outbound/number-doc';
import { usersCollection } from '@telesales/runtime/org/users';
import type { ApiClient } from '../support/runtime-fixture.js';

export const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A working day in Shanghai, Monday to Friday 09:00-18:00; busy retried after 20 minutes, callbacks to the same agent. */
export function renewalTask(extra: Record<string, unknown> = {}) {
  const day = ['09:00-18:00'];
  return {
    kind: 'campaign', schemaVersion: 1, id: id(950), key: 'day_renewal', label: { zh: '续保提醒', en: 'Renewal reminder' },
    entity: 'customer', dialMode: 'predictive', maxConcurrent: 14, maxLinesPerAgent: 3, abandonTarget: 3, wrapupSec: 10, ringTimeoutSec: 25,
    schedule: { timeZone: 'Asia/Shanghai', week: { mon: day, tue: day, wed: day, thu: day, fri: day } },
    dispositions: { definition: 'default' },
    rules: [
      { id: id(901), outcome: 'busy', action: 'retry', retryAfterMinutes: 20, maxAttempts: 3 },
      { id: id(902), outcome: 'noAnswer', action: 'retry', retryAfterMinutes: 60, maxAttempts: 3 },
      { id: id(903), disposition: 'callback', action: 'callback' },
      { id: id(904), disposition: 'not_interested', action: 'finished' },
    ],
    limits: { perDay: 3, lifetime: 5 },
    ...extra,
  };
}

export async function publishTask(admin: ApiClient, def: Record<string, unknown>): Promise<void> {
  const created = await admin.post('/api/definitions', def);
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const published = await admin.post(`/api/definitions/campaign/${def.key}/publish`, { message: 'test task' });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
}

/** `count` numbers of the task: +86 139 0000 nnnn, fresh. */
export async function addNumbers(app: FastifyInstance, task: string, count: number, at: Date): Promise<void> {
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: `n${i}`, task, phone: `+86139${String(i).padStart(8, '0')}`, values: { name: `Number ${i}` }, state: 'fresh' as const, attempts: 0, createdAt: at,
  }));
  await taskNumbersCollection(app.db).insertMany(docs);
}

/** Agents agent1, agent2 and `extra` more like them (same role and team). */
export async function agents(app: FastifyInstance, extra: number): Promise<string[]> {
  const users = usersCollection(app.db);
  const base = (await users.findOne({ login: 'agent1' }))!;
  for (let i = 3; i < 3 + extra; i++) await users.insertOne({ ...base, _id: `agent-${i}`, login: `agent${i}`, name: `Agent ${i}` });
  return [(await users.findOne({ login: 'agent1' }))!._id, (await users.findOne({ login: 'agent2' }))!._id, ...Array.from({ length: extra }, (_, i) => `agent-${i + 3}`)];
}

export interface AgentLog { offers: Map<string, string[]>; callbacks: Map<string, string> }

/**
 * Agents who answer what rings on their console after 1 s and give an outcome 3 s into wrap-up: every 7th call a
 * callback in 30 minutes (remembered, to check it comes back to them), every 5th not interested, else interested.
 */
export function simulatedAgents(app: FastifyInstance): AgentLog {
  const svc = app.calls;
  const log: AgentLog = { offers: new Map(), callbacks: new Map() };
  let n = 0;
  const send = svc.events.send.bind(svc.events);
  const later = (ms: number, work: () => Promise<unknown>) => svc.clock.setTimeout(() => svc.track(work().catch(() => undefined)), ms);
  svc.events.send = ((userId: string, event: string, data: any) => {
    send(userId, event as 'call', data);
    if (event === 'ringing') {
      const callId = data.call.id as string;
      log.offers.set(callId, [...(log.offers.get(callId) ?? []), userId]);
      later(1000, async () => control(svc, (await svc.user(userId))!, callId, 'answer', 'en'));
    }
    // The state event reaches every agent (call events only connected consoles): wrap-up of a call = give its outcome.
    if (event === 'state' && data.kind === 'wrapup' && data.callId) {
      const callId = data.callId as string;
      const k = n++;
      later(3000, async () => {
        const user = (await svc.user(userId))!;
        if (k % 7 === 0) {
          await dispose(svc, user, callId, { key: 'callback', contactAt: new Date(svc.clock.now() + 30 * 60_000).toISOString() }, 'en');
          log.callbacks.set(callId, userId);
        } else if (k % 5 === 0) await dispose(svc, user, callId, { key: 'not_interested', note: 'no' }, 'en');
        else await dispose(svc, user, callId, { key: 'interested' }, 'en');
      });
    }
  }) as typeof svc.events.send;
  return log;
}
