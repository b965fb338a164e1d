import { randomUUID } from 'node:crypto';
import type { FlowDefinition, FlowNodeOf } from '@telesales/schemas';
import { step, type Command, type FlowEvent } from '@telesales/engines/flows';
import { publishedFlow, subflowResolver } from '../flows/flow-loader.js';
import { callsCollection, type CallDoc } from './call-doc.js';
import { dispatch, withdrawOffer } from './queue.js';
import type { FlowToRun } from './flow-to-run.js';
import type { CallsService } from './service.js';

export type { FlowToRun };

/** Simulated answers to what has no simulated counterpart yet. */
const LOOKUP_MS = 50;
const RECORDING_SEC = 10;
const TRANSFER_FAIL_MS = 5000;

const digits = (n: string) => n.replace(/\D/g, '');

/** The published flow that declares this number as an entry (national digits compared, so +86... and 0... match). */
export async function flowForNumber(svc: CallsService, number: string): Promise<FlowToRun | null> {
  const wanted = digits(number);
  for (const def of (await svc.app.definitions.listPublished('flow')) as FlowDefinition[]) {
    const entries = def.nodes.filter((n): n is FlowNodeOf<'entry'> => n.type === 'entry');
    if (!entries.some((e) => (e.config.numbers ?? []).some((n) => digits(n) === wanted))) continue;
    const found = await publishedFlow(svc.app.definitions, def.key, 'latest');
    if (found) return { flow: found.definition, version: found.version, resolveFlow: await subflowResolver(svc.app.definitions, found.definition) };
  }
  return null;
}

/**
 * An inbound call arrives (the carrier answered it): stored, then driven by the flow from its `incoming` event.
 * `flowClockAt`: the time the flow reads on arrival (its business hours, `$now()`), so a demo works at any hour.
 */
export async function startInbound(svc: CallsService, run: FlowToRun, from: string, to: string, flowClockAt?: string): Promise<CallDoc> {
  const now = svc.now();
  const doc: CallDoc = {
    _id: randomUUID(), direction: 'in', from, to, phoneEntity: lookupEntityOf(run.flow) ?? 'customer',
    agentId: null, customer: null, flow: { key: run.flow.key, version: run.version }, flowState: null,
    ...(flowClockAt ? { flowClockOffsetMs: Date.parse(flowClockAt) - now.getTime() } : {}),
    ringAt: now, talkSec: 0, status: 'queued', queuedAt: null, updatedAt: now, owner: svc.owners.lease(),
  };
  await callsCollection(svc.app.db).insertOne(doc);
  svc.flows.set(doc._id, run);
  svc.table.incoming(doc._id, from, to);
  return doc;
}

/** The entity the flow looks callers up in: its numbers are masked like that entity's phone field. */
function lookupEntityOf(flow: FlowDefinition): string | null {
  const node = flow.nodes.find((n): n is FlowNodeOf<'lookup'> => n.type === 'lookup');
  return node?.config.entity ?? null;
}

async function flowOf(svc: CallsService, doc: CallDoc): Promise<FlowToRun | null> {
  const cached = svc.flows.get(doc._id);
  if (cached || !doc.flow) return cached ?? null;
  // Another process started the call, or this one restarted: the call keeps the version it started on.
  const found = await publishedFlow(svc.app.definitions, doc.flow.key, doc.flow.version);
  if (!found) return null;
  const refs = doc.flowState ? [doc.flowState.flow, ...doc.flowState.stack.map((f) => f.flow)] : [];
  const run = { flow: found.definition, version: found.version, resolveFlow: await subflowResolver(svc.app.definitions, found.definition, refs) };
  svc.flows.set(doc._id, run);
  return run;
}

/**
 * Feeds one event to the call's flow (inside the call's work queue), stores the new state with its trace,
 * and carries out the commands against the carrier. An event the flow does not wait for changes nothing.
 */
export async function feedFlow(svc: CallsService, callId: string, event: FlowEvent): Promise<void> {
  const doc = await svc.call(callId);
  if (!doc || doc.direction !== 'in' || doc.flowState?.ended) return;
  if (!doc.flowState && event.type !== 'start') return;
  const run = await flowOf(svc, doc);
  if (!run) return;
  // Every event reaches the flow through here, so shifting its time here moves the flow's whole clock.
  if (doc.flowClockOffsetMs) event = { ...event, at: new Date(Date.parse(event.at) + doc.flowClockOffsetMs).toISOString() };
  const result = await step({ ...run, state: doc.flowState ?? null, event, evaluate: svc.app.expressions.evaluate });
  if (result.state === doc.flowState) return;
  await svc.update(callId, { flowState: result.state });
  // Out of the queue's waiting phase (answered, overflow, hang-up): hold music stops before anything else plays.
  if (result.state.waiting?.phase !== 'queued') svc.carrier.queueWait(callId, null);
  await carryOut(svc, callId, result.commands, result.state.waiting?.for ?? []);
  if (result.state.ended) await flowEnded(svc, callId);
}

async function carryOut(svc: CallsService, callId: string, commands: Command[], waitsFor: string[]): Promise<void> {
  const at = () => svc.now().toISOString();
  for (const c of commands) {
    switch (c.type) {
      case 'play':
        svc.carrier.prompt(callId, c.prompt, c.language, c.bargeIn);
        break;
      case 'gather':
        svc.gatherMs.set(callId, c.timeoutMs);
        svc.table.after(callId, 'gather', c.timeoutMs);
        break;
      case 'record': {
        // A carrier with audio (SIP) records the caller's message; else the caller leaves one of a short simulated
        // length (no audio file), so voicemail calls show as such in the lists.
        if (svc.carrier.record(callId, c.maxSec)) break;
        const sec = Math.min(RECORDING_SEC, c.maxSec);
        await svc.update(callId, { voicemailSec: sec });
        svc.table.after(callId, 'record', sec * 1000);
        break;
      }
      case 'lookup': {
        // Through the records service: the flow runs for nobody in particular, so masked fields come masked.
        const found = await svc.app.records.lookupForFlow(c.entity, c.number);
        if (found.id) await svc.update(callId, { customer: { entity: c.entity, id: found.id }, phoneEntity: c.entity });
        svc.table.after(callId, 'lookup', LOOKUP_MS);
        svc.lookups.set(callId, { found: found.found, ...(found.values ? { values: found.values } : {}) });
        break;
      }
      case 'fetch':
        // The simulated carrier reaches no outside service: the flow takes its "failed" way.
        svc.later(callId, () => feedFlow(svc, callId, { type: 'httpResult', ok: false, at: at() }));
        break;
      case 'enqueue': {
        const updated = await svc.update(callId, { status: 'queued', queue: c.skillGroup, queuedAt: svc.now(), offeredTo: null, declined: [] });
        svc.table.after(callId, 'queue', c.maxWaitSec * 1000);
        if (updated) dispatch(svc, c.skillGroup);
        if (updated) svc.carrier.queueWait(callId, c);
        break;
      }
      case 'transfer':
        // Transfers out of the IVR need the SIP side; simulated, the flow takes its "failed" way.
        svc.table.after(callId, 'transfer', TRANSFER_FAIL_MS);
        break;
      case 'storeSurvey':
        await svc.update(callId, { survey: c.score });
        break;
      case 'hangup':
        svc.table.hangup(callId, 'system');
        break;
      case 'setLanguage':
        break;
    }
  }
  // Keys added to a gather without a new gather command: the inter-digit timeout starts again.
  if (waitsFor.includes('timeout') && !commands.some((c) => c.type === 'gather')) {
    svc.table.after(callId, 'gather', svc.gatherMs.get(callId) ?? 5000);
  } else if (!waitsFor.includes('timeout')) {
    svc.table.cancel(callId, 'gather');
  }
}

/** The flow is over: whatever still rings is taken back; a call nobody answered ends here. */
async function flowEnded(svc: CallsService, callId: string): Promise<void> {
  const doc = await svc.call(callId);
  if (!doc) return;
  svc.flows.delete(callId);
  svc.gatherMs.delete(callId);
  svc.lookups.delete(callId);
  if (doc.status === 'ringing' || doc.status === 'queued') await withdrawOffer(svc, doc);
  if (doc.status === 'queued' || doc.status === 'ringing') {
    await svc.update(callId, { status: 'ended', endAt: doc.endAt ?? svc.now(), hangupBy: doc.hangupBy ?? 'system', offeredTo: null });
  } else if (!doc.endAt) {
    await svc.update(callId, { endAt: svc.now() });
  }
}
