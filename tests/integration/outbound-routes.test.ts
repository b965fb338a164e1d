// The outbound tasks API the console works from: who sees and manages a task, start / pause / resume / stop,
// a live pacing override, join and leave, preview (next, call through the dialer with the agent reserved, skip),
// the screen pop of a task's call with the script filled and the number masked, numbers I dialled, and the
// compliance report that finds a dial to a DNC number from the records and judges each dial by the task version
// it was made under; agents see their own figures, not the supervisor's. Real runtime, real embedded database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '@telesales/runtime/outbound/plugin';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import { control } from '@telesales/runtime/calls/agent-actions';
import { dialLogCollection } from '@telesales/runtime/outbound/dial-log';
import { taskNumbersCollection } from '@telesales/runtime/outbound/number-doc';
import { expectNoNumber, openEvents, startCallsRuntime, type CallsFixture, type EventStream } from './calls-support.js';
import { id, publishTask, renewalTask } from './outbound-support.js';
import type { ApiClient } from '../support/runtime-fixture.js';

/** Monday 2026-05-04 10:00 in Shanghai. */
const START = Date.parse('2026-05-04T02:00:00.000Z');
const PHONE = '+8613912345678';
const NATIONAL = '13912345678';

let f: CallsFixture;
let admin: ApiClient, lead: ApiClient, agent1: ApiClient, agent2: ApiClient;
let events: EventStream;
let previewTask: Record<string, unknown>;

beforeAll(async () => {
  f = await startCallsRuntime(START);
  const { app } = f.rt;
  [admin, lead, agent1, agent2] = await Promise.all(['admin', 'lead', 'agent1', 'agent2'].map((l) => f.rt.login(l)));
  const script = { zh: '您好{{name}}（{{gender}}），我是{{agent}}，{{task}}，号码{{phone}}', en: 'Hello {{name}} ({{gender}}), this is {{agent}} for {{task}}, number {{phone}}' };
  await publishTask(admin, renewalTask({ id: id(960), key: 'sales_task', label: { zh: '销售任务', en: 'Sales task' }, agents: [{ type: 'user', ref: agent1.userId }], script, columns: [{ column: 'name', field: 'name' }], dispositions: { definition: 'default', offered: ['callback', 'interested', 'not_interested'] } }));
  previewTask = renewalTask({
    id: id(950), key: 'preview_task', label: { zh: '预览任务', en: 'Preview task' }, dialMode: 'preview', agents: [{ type: 'role', ref: 'agent' }], script,
    columns: [{ column: 'name', field: 'name' }, { column: 'gender', field: 'gender' }],
  });
  await publishTask(admin, previewTask);
  await taskNumbersCollection(app.db).insertMany([
    { _id: 'p1', task: 'preview_task', phone: PHONE, values: { name: 'Li Lei', gender: 'male' }, state: 'fresh', attempts: 0, createdAt: new Date(START) },
    { _id: 'p2', task: 'preview_task', phone: '+8613912345679', values: { name: 'Han Mei' }, state: 'fresh', attempts: 0, createdAt: new Date(START + 1) },
  ]);
  simulatedCarrierOf(app.calls)!.setProfile('preview_task', { answerRate: 1, ringSec: { min: 2, max: 2 }, talkSec: { mean: 600 }, seed: 1 });
  events = await openEvents(f.rt, 'agent1');
  await f.advance(1500); // the dialers create the tasks' run documents
}, 120_000);
afterAll(async () => { events?.close(); await f?.close(); });

describe('who sees and manages a task', () => {
  it('an agent sees only the tasks whose agents include them; a supervisor sees all and may manage', async () => {
    const mine = await agent2.get('/api/outbound/tasks');
    expect(mine.status).toBe(200);
    // the template's renewal task names the agent role too
    expect(mine.body.items.map((t: any) => t.key).sort()).toEqual(['preview_task', 'renewal']);
    expect((await agent2.get('/api/outbound/tasks/sales_task')).status).toBe(404);
    const all = await lead.get('/api/outbound/tasks');
    expect(all.body.items.map((t: any) => t.key).sort()).toEqual(['preview_task', 'renewal', 'sales_task']);
    expect(all.body.items.every((t: any) => t.manage && t.status === 'planned')).toBe(true);
  });

  it('an agent may not start a task (403, zh/en); the supervisor starts, pauses, resumes and stops it; closed is final', async () => {
    const refused = await agent1.request('POST', '/api/outbound/tasks/sales_task/status', { status: 'running' }, { 'accept-language': 'zh' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', message: '只有主管和管理员可以管理外呼任务' });
    expect((await lead.request('POST', '/api/outbound/tasks/sales_task/status', { status: 'paused' }, { 'accept-language': 'en' })).body).toMatchObject({ code: 'not_running', message: 'The task is not running' });
    expect((await lead.post('/api/outbound/tasks/sales_task/status', { status: 'running' })).body.status).toBe('running');
    expect((await lead.post('/api/outbound/tasks/sales_task/status', { status: 'paused' })).body.status).toBe('paused');
    expect((await lead.post('/api/outbound/tasks/sales_task/status', { status: 'running' })).body.status).toBe('running');
  });

  it('pacing changes live as an override, and null puts a setting back as published', async () => {
    const changed = await lead.patch('/api/outbound/tasks/sales_task/pacing', { maxConcurrent: 4, abandonTarget: 2 });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.pacing).toMatchObject({ maxConcurrent: 4, abandonTarget: 2, maxLinesPerAgent: 3 });
    expect(changed.body.overridden.sort()).toEqual(['abandonTarget', 'maxConcurrent']);
    const back = await lead.patch('/api/outbound/tasks/sales_task/pacing', { maxConcurrent: null });
    expect(back.body.pacing.maxConcurrent).toBe(14);
    expect(back.body.overridden).toEqual(['abandonTarget']);
    expect((await agent1.patch('/api/outbound/tasks/sales_task/pacing', { maxConcurrent: 2 })).status).toBe(403);
    expect((await lead.patch('/api/outbound/tasks/sales_task/pacing', { maxConcurrent: 0 })).status).toBe(400);
  });

  it('an agent of the task joins and leaves; one who is not gets 404', async () => {
    const joined = await agent1.post('/api/outbound/tasks/sales_task/join');
    expect(joined.body).toMatchObject({ joined: true, progress: { total: 0, left: 0 }, mine: { calls: 0, talkSec: 0 } });
    expect((await lead.get('/api/outbound/tasks/sales_task')).body).toMatchObject({ figures: { agents: { joined: 1 } } });
    expect((await agent1.delete('/api/outbound/tasks/sales_task/join')).body.joined).toBe(false);
    expect((await agent2.post('/api/outbound/tasks/sales_task/join')).status).toBe(404);
    const closed = await lead.post('/api/outbound/tasks/sales_task/status', { status: 'closed' });
    expect(closed.body.status).toBe('closed');
    expect((await lead.post('/api/outbound/tasks/sales_task/status', { status: 'running' })).body.code).toBe('task_closed');
    expect((await lead.get('/api/outbound/tasks?view=closed')).body.items.map((t: any) => t.key)).toEqual(['sales_task']);
  });
});

describe('preview mode', () => {
  let callId: string;

  it('next holds a number for one agent (masked); call has the dialer dial it with that agent reserved; the pop fills the script', async () => {
    expect((await agent1.get('/api/outbound/tasks/preview_task/next')).body.code).toBe('not_running');
    await lead.post('/api/outbound/tasks/preview_task/status', { status: 'running' });
    await agent1.post('/api/outbound/tasks/preview_task/join');
    await f.rt.app.calls.states.set(agent1.userId, 'ready');
    const next = await agent1.get('/api/outbound/tasks/preview_task/next');
    expect(next.status, next.text).toBe(200);
    // The values as stored, with the field each column fills: the console shows `male` as the option's label.
    expect(next.body.number).toMatchObject({ id: 'p1', masked: true, values: { name: 'Li Lei', gender: 'male' }, entity: 'customer', fields: { name: 'name', gender: 'gender' } });
    expectNoNumber(next.text, NATIONAL);
    // held: agent2 gets the other number, and cannot call agent1's
    expect((await agent2.get('/api/outbound/tasks/preview_task/next')).body.number.id).toBe('p2');
    // agent1's number is someone else's object to agent2: 404, as everywhere (409 is for one's own expired hold)
    const notHeld = await agent2.post('/api/outbound/tasks/preview_task/numbers/p1/call');
    expect(notHeld.status).toBe(404);
    expect(notHeld.body.code).toBe('number_not_found');
    expect((await agent2.post('/api/outbound/tasks/preview_task/numbers/p2/skip')).status).toBe(204);

    expect((await agent1.post('/api/outbound/tasks/preview_task/numbers/p1/call')).status).toBe(204);
    await f.advance(4000); // the dialer's tick dials it; the carrier answers after 2 s; agent1's console rings
    const ringing = events.of('ringing').find((e) => e.call.task?.key === 'preview_task');
    expect(ringing, events.raw()).toBeTruthy();
    callId = ringing.call.id;
    expect(ringing.call.task).toEqual({ key: 'preview_task', numberId: 'p1' });
    await control(f.rt.app.calls, (await f.rt.app.calls.user(agent1.userId))!, callId, 'answer', 'en');
    await f.advance(500);

    const pop = await agent1.get(`/api/outbound/calls/${callId}/pop`);
    expect(pop.status, pop.text).toBe(200);
    // A choice field speaks its option's label in the script's language, not its stored key.
    expect(pop.body.script.en).toMatch(/^Hello Li Lei \(Male\), this is .+ for Preview task, number \*+5678$/);
    expect(pop.body.script.zh).toMatch(/^您好Li Lei（男），我是.+，预览任务，号码/);
    expectNoNumber(pop.text, NATIONAL);
    expect((await agent2.get(`/api/outbound/calls/${callId}/pop`)).status).toBe(404);
  });

  it('numbers I dialled list the number masked once the call ended; the compliance report counts a DNC dial with its evidence', async () => {
    await control(f.rt.app.calls, (await f.rt.app.calls.user(agent1.userId))!, callId, 'hangup', 'en');
    await f.advance(500);
    const mine = await agent1.get('/api/outbound/tasks/preview_task/mine');
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: 'p1', masked: true }] });
    expectNoNumber(mine.text, NATIONAL);
    expect((await agent2.get('/api/outbound/tasks/preview_task/mine')).body.total).toBe(0);

    const clean = await lead.get('/api/outbound/tasks/preview_task/compliance');
    expect(clean.status, clean.text).toBe(200);
    expect(clean.body).toMatchObject({ dials: 1, calls: 1 });
    expect(clean.body.checks.map((c: any) => c.count)).toEqual([0, 0, 0, 0]);
    expect(clean.body.unversionedDials).toBe(0); // the dialer names the task version on each dial
    // A dial the dialer would never make: the number was on the DNC list an hour before it.
    await f.rt.app.db.collection('dnc_numbers').insertOne({ _id: '+8613900000001' as any, reason: 'manual', at: new Date(START - 3_600_000), by: 'x' });
    await dialLogCollection(f.rt.app.db).insertOne({ _id: 'forged', phone: '+8613900000001', task: 'preview_task', numberId: 'x', at: new Date(START) });
    const report = await lead.request('GET', '/api/outbound/tasks/preview_task/compliance', undefined, { 'accept-language': 'en' });
    const dnc = report.body.checks.find((c: any) => c.check === 'doNotCall');
    expect(dnc.count).toBe(1);
    expect(dnc.evidence[0]).toMatchObject({ callId: 'forged', phone: expect.stringMatching(/\*/) });
    expectNoNumber(report.text, '13900000001');
    expect((await agent1.get('/api/outbound/tasks/preview_task/compliance')).status).toBe(403);
  });
});

describe('agents see only what is theirs', () => {
  it("an agent's tasks carry the progress and their own figures, never the supervisor's; the lead gets the figures", async () => {
    const mine = (await agent1.get('/api/outbound/tasks')).body.items.find((t: any) => t.key === 'preview_task');
    expect(mine.figures).toBeUndefined();
    expect(mine.progress).toEqual({ total: 2, left: 1 });
    // agent1 talked on the previewed call; agent2 on none
    expect(mine.mine.calls).toBe(1);
    expect(mine.mine.talkSec).toBeGreaterThan(0);
    expect((await agent2.get('/api/outbound/tasks/preview_task')).body.mine).toEqual({ calls: 0, talkSec: 0 });
    expect((await agent1.get('/api/outbound/tasks/preview_task')).text).not.toMatch(/dialLevel|lastReason|abandonPct|linesInUse|outcomes/);
    const lead1 = (await lead.get('/api/outbound/tasks/preview_task')).body;
    expect(lead1.mine).toBeUndefined(); // not one of its agents
    expect(lead1.figures).toMatchObject({ today: { dialled: 1, connected: 1 }, numbers: { total: 2, left: 1 } });
  });
});

describe('the compliance report judges each dial by the rules in force when it was dialled', () => {
  // Friday 2026-05-01 in Shanghai: 18:30 and 19:00, after version 1's window (09:00-18:00), within version 2's (09:00-21:00).
  const at = (hhmm: string) => new Date(`2026-05-01T${hhmm}:00.000+08:00`);

  it('a dial is judged by the version it names; one logged without a version by the current one, and the report says so', async () => {
    const log = dialLogCollection(f.rt.app.db);
    const dial = (id: string, phone: string, when: Date, version?: number) =>
      log.insertOne({ _id: id, phone, task: 'preview_task', numberId: id, at: when, ...(version ? { version } : {}) });
    await dial('v1-1830', '+8613900000011', at('18:30'), 1);
    const evening = ['19:00-21:00'];
    const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00-18:00', ...evening]]));
    const saved = await admin.put('/api/definitions/campaign/preview_task/draft', { ...previewTask, schedule: { ...(previewTask.schedule as object), week } });
    expect(saved.status, saved.text).toBe(200);
    expect((await admin.post('/api/definitions/campaign/preview_task/publish', { message: 'evening calls' })).status).toBe(200);
    await dial('v2-1900', '+8613900000012', at('19:00'), 2);
    await dial('v1-1900', '+8613900000013', at('19:00'), 1); // made under version 1 by a slow process: outside its window
    await dial('old-1900', '+8613900000014', at('19:00')); // logged before versions were: the current rules (allowed)

    const report = await lead.request('GET', '/api/outbound/tasks/preview_task/compliance', undefined, { 'accept-language': 'en' });
    expect(report.status, report.text).toBe(200);
    const outside = report.body.checks.find((c: any) => c.check === 'outsideWindow');
    expect(outside.evidence.map((e: any) => e.callId).sort()).toEqual(['v1-1830', 'v1-1900']);
    expect(outside.count).toBe(2);
    // 'forged' (the DNC dial above) and 'old-1900' carry no version
    expect(report.body.unversionedDials).toBe(2);
  });
});
