// Every way a caller's number can leave the server around a call, read by an agent whose role masks phones:
// the call answers (answer, GET /api/calls/:id, the lists, a record's calls), the screen pop (the "ringing" and
// "call" events, GET /api/calls/pops), and the look-ups (the flow's look-up kept in the call's trace, the
// new-customer form of an unknown caller), and an outbound task's numbers (the number, its list values, the DNC
// list, the record it is converted into; the tasks and their figures, preview's next number, numbers I dialled,
// a task call's pop, and the compliance report's evidence rows for a supervisor whose role masks phones too).
// All of them go through the records service's one masking function;
// a new exit that forgets it fails here. The admin, who may unmask, sees the numbers: the data is really there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson, ScreenPopJson } from '@telesales/schemas';
import type {} from '@telesales/runtime/outbound/plugin';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import { control } from '@telesales/runtime/calls/agent-actions';
import { dialLogCollection } from '@telesales/runtime/outbound/dial-log';
import type { ApiClient } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';
import { expectNoDigitsOf } from '../e2e/support/number-leaks.js';
import { ENTRY_NUMBER, flush, MA_FANG, openEvents, startCallsRuntime, type CallsFixture, type EventStream } from '../integration/calls-support.js';

const STRANGER = '13912345678';

let fx: CallsFixture;
let admin: ApiClient;
let agent1: ApiClient;
let events1: EventStream;
/** Everything agent1 received, besides the event stream. */
const received: string[] = [];

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, agent1] = await Promise.all([fx.rt.login('admin'), fx.rt.login('agent1')]);
  events1 = await openEvents(fx.rt, 'agent1');
  expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
});
afterAll(async () => {
  events1?.close();
  await fx?.close();
});

/** agent1 reads, keeping every answer's text. */
async function read(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) {
  const res = method === 'GET' ? await agent1.get(path) : await agent1.post(path, body);
  received.push(res.text);
  return res;
}

/** A caller rings the hotline (Mandarin); a known one goes to their owner's group, an unknown one picks sales. */
async function answeredCall(from: string, known: boolean): Promise<string> {
  const digits = [{ afterMs: 500, digits: '1' }, ...(known ? [] : [{ afterMs: 9000, digits: '1' }])];
  const res = await admin.post('/api/calls/simulate-inbound', { from, to: ENTRY_NUMBER, digits });
  expect(res.status).toBe(201);
  await fx.advance(known ? 10_000 : 20_000);
  await flush();
  expect((await read(`/api/calls/${res.body.id}/answer`, 'POST')).status).toBe(200);
  return res.body.id as string;
}

async function finish(callId: string): Promise<void> {
  expect((await read(`/api/calls/${callId}/hangup`, 'POST')).status).toBe(200);
  expect((await read(`/api/calls/${callId}/disposition`, 'POST', { key: 'interested' })).status).toBe(200);
  await fx.advance(60_000);
  expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
}

describe('a known caller, read by the agent who owns them (phone masked by role)', () => {
  let callId: string;

  it('the screen pop event shows the card with the phone masked', async () => {
    callId = await answeredCall(MA_FANG.phone, true);
    const pop = (events1.of('ringing') as ScreenPopJson[]).find((p) => p.call.id === callId)!;
    expect(pop.call).toMatchObject({ from: '*******6553', masked: true });
    expect(pop.customer).toMatchObject({ id: MA_FANG.id, values: { phone: '*******6553' } });
  });

  it('no call answer, list, pop or record history the agent reads carries the number', async () => {
    expect((await read(`/api/calls/${callId}`)).body).toMatchObject({ from: '*******6553', masked: true });
    for (const view of ['mine', 'incoming']) expect((await read(`/api/calls?view=${view}`)).status).toBe(200);
    expect((await read('/api/calls/pops')).body.items[0]).toMatchObject({ customer: { values: { phone: '*******6553' } } });
    expect((await read(`/api/records/customer/${MA_FANG.id}/calls`)).status).toBe(200);
    await finish(callId);
    expectNoDigitsOf(received, MA_FANG.phone, 'the known caller');
  });

  it('the flow\'s look-up ran for nobody: even a designer\'s trace holds the phone masked', async () => {
    const asAdmin = (await admin.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(asAdmin).toMatchObject({ from: MA_FANG.phone, masked: false });
    const trace = JSON.stringify(asAdmin.trace);
    expect(trace).toContain('*******6553');
    expectNoDigitsOf([trace], MA_FANG.phone, 'the known caller in the trace');
  });
});

describe('an unknown caller, through the new-customer form', () => {
  it('the created record, the pops and the calls answer with the number masked', async () => {
    received.length = 0;
    const callId = await answeredCall(STRANGER, false);
    const created = await read(`/api/calls/${callId}/caller-record`, 'POST', { entity: 'customer', values: { name: '来电新客户' } });
    expect(created.status).toBe(201);
    expect(created.body.values.phone).toBe('*******5678');
    expect((await read(`/api/records/customer/${created.body.id}`)).body.values.phone).toBe('*******5678');
    await read(`/api/calls/${callId}`);
    await read('/api/calls/pops');
    await finish(callId);
    expectNoDigitsOf(received, STRANGER, 'the unknown caller');
    expect((await admin.get(`/api/records/customer/${created.body.id}`)).body.values.phone).toBe(`+86${STRANGER}`);
  });

  it('no event the agent received carries either number', async () => {
    await flush();
    expect(events1.of('call').length).toBeGreaterThan(0);
    expectNoDigitsOf([events1.raw()], MA_FANG.phone, 'the known caller in events');
    expectNoDigitsOf([events1.raw()], STRANGER, 'the unknown caller in events');
  });
});

describe('an outbound task\'s numbers (名单), read by the agent of the number\'s call', () => {
  const LISTED = '13912345699';
  const task = {
    kind: 'campaign', schemaVersion: 1, id: '5d7c0e7a-2222-4a2b-8c3d-000000000016', key: 'exits', label: { zh: '出口', en: 'Exits' },
    columns: [{ column: 'name', field: 'name' }, { column: 'id_no', field: 'id_number' }],
    schedule: { timeZone: 'Asia/Shanghai', week: {} }, dialMode: 'preview', maxConcurrent: 1,
  };

  it('the number, its list values, the DNC list and the converted record all answer masked', async () => {
    expect((await admin.post('/api/definitions', task)).status).toBe(201);
    expect((await admin.post('/api/definitions/campaign/exits/publish', { message: 'test' })).status).toBe(200);
    const up = await uploader(fx.rt.app, 'admin');
    const file = await up.upload('/api/outbound/tasks/exits/list/files', { name: 'l.csv', content: `name,phone,id_no\n名单客户,${LISTED},110101199001011237\n`, type: 'text/csv' });
    expect(file.status, file.text).toBe(200);
    const started = await admin.post('/api/outbound/tasks/exits/list/imports', { fileId: file.body.fileId, mapping: file.body.suggested });
    expect(started.status).toBe(202);
    const batch = `/api/outbound/tasks/exits/list/imports/${started.body.batchId}`;
    for (let i = 0; i < 200 && (await admin.get(batch)).body.status === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    const numbers = fx.rt.app.db.collection<{ _id: string; phone: string }>('task_numbers');
    const number = await numbers.findOne({ task: 'exits' });
    // The dialer records who talked to the number; the test stands in for it.
    await numbers.updateOne({ _id: number!._id }, { $set: { lastAgent: agent1.userId } });
    expect(await admin.post('/api/outbound/dnc', { phone: '13912345698' })).toMatchObject({ status: 201 });

    received.length = 0;
    expect((await read(`/api/outbound/tasks/exits/numbers/${number!._id}`)).body).toMatchObject({ phone: '*******5699', masked: true });
    expect((await read('/api/outbound/dnc')).status).toBe(200);
    const created = await read(`/api/outbound/tasks/exits/numbers/${number!._id}/convert`, 'POST', {});
    expect(created.status, created.text).toBe(201);
    expect(created.body.values.phone).toBe('*******5699');
    expectNoDigitsOf(received, LISTED, 'the listed number');
    expectNoDigitsOf(received, '13912345698', 'the DNC number');
    expectNoDigitsOf(received, '110101199001011237', 'the listed ID number');
  });
});

describe('an outbound task worked in preview mode: every exit the agent (and a masked supervisor) reads', () => {
  const CALLED = '13912345611';
  const SECOND = '13912345622';
  const FORGED = '13912345633';
  const day = ['09:00-18:00'];
  const task = {
    kind: 'campaign', schemaVersion: 1, id: '5d7c0e7a-2222-4a2b-8c3d-000000000017', key: 'exits_preview', label: { zh: '预览出口', en: 'Preview exits' },
    columns: [{ column: 'name', field: 'name' }, { column: 'id_no', field: 'id_number' }], agents: [{ type: 'role', ref: 'agent' }],
    schedule: { timeZone: 'Asia/Shanghai', week: { mon: day, tue: day, wed: day, thu: day, fri: day } }, dialMode: 'preview', maxConcurrent: 2,
    script: { zh: '您好{{name}}，号码{{phone}}', en: 'Hello {{name}}, number {{phone}}' },
  };
  let lead: ApiClient;
  /** What the supervisor (team scope, phones masked by role) received. */
  const leadReceived: string[] = [];
  const leadRead = async (path: string) => {
    const res = await lead.get(path);
    leadReceived.push(res.text);
    return res;
  };

  it('the task list, one task, next, the pop and numbers I dialled answer the agent masked', async () => {
    lead = await fx.rt.login('lead');
    expect((await admin.post('/api/definitions', task)).status).toBe(201);
    expect((await admin.post('/api/definitions/campaign/exits_preview/publish', { message: 'test' })).status).toBe(200);
    const up = await uploader(fx.rt.app, 'admin');
    const file = await up.upload('/api/outbound/tasks/exits_preview/list/files', {
      name: 'p.csv', content: `name,phone,id_no\n预览一,${CALLED},110101199001011237\n预览二,${SECOND},110101199001011245\n`, type: 'text/csv',
    });
    expect(file.status, file.text).toBe(200);
    const started = await admin.post('/api/outbound/tasks/exits_preview/list/imports', { fileId: file.body.fileId, mapping: file.body.suggested });
    const batch = `/api/outbound/tasks/exits_preview/list/imports/${started.body.batchId}`;
    for (let i = 0; i < 200 && (await admin.get(batch)).body.status === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await admin.get(batch)).body).toMatchObject({ status: 'done', inserted: 2 });
    simulatedCarrierOf(fx.rt.app.calls)!.setProfile('exits_preview', { answerRate: 1, ringSec: { min: 2, max: 2 }, talkSec: { mean: 600 }, seed: 1 });
    await fx.advance(1500); // the dialers see the new task
    expect((await lead.post('/api/outbound/tasks/exits_preview/status', { status: 'running' })).status).toBe(200);

    received.length = 0;
    expect((await read('/api/outbound/tasks/exits_preview/join', 'POST')).status).toBe(200);
    await fx.rt.app.calls.states.set(agent1.userId, 'ready');
    expect((await read('/api/outbound/tasks')).body.items.map((t: { key: string }) => t.key)).toContain('exits_preview');
    expect((await read('/api/outbound/tasks/exits_preview')).status).toBe(200);
    const next = await read('/api/outbound/tasks/exits_preview/next');
    expect(next.status, next.text).toBe(200);
    expect(next.body.number).toMatchObject({ masked: true, phone: expect.stringMatching(/^\*+\d{4}$/) });
    expect((await read(`/api/outbound/tasks/exits_preview/numbers/${next.body.number.id}/call`, 'POST')).status).toBe(204);
    await fx.advance(4000); // dialled on the dialer's tick, answered after 2 s, ringing on agent1's console
    await flush();
    const ringing = (events1.of('ringing') as ScreenPopJson[]).find((e) => (e.call as CallJson & { task?: { key: string } }).task?.key === 'exits_preview');
    expect(ringing, events1.raw()).toBeTruthy();
    const callId = ringing!.call.id;
    await control(fx.rt.app.calls, (await fx.rt.app.calls.user(agent1.userId))!, callId, 'answer', 'en');
    await fx.advance(500);
    const pop = await read(`/api/outbound/calls/${callId}/pop`);
    expect(pop.status, pop.text).toBe(200);
    expect(pop.text).toContain('*');
    expect((await read(`/api/calls/${callId}`)).status).toBe(200);
    await control(fx.rt.app.calls, (await fx.rt.app.calls.user(agent1.userId))!, callId, 'hangup', 'en');
    await fx.advance(500);
    const mine = await read('/api/outbound/tasks/exits_preview/mine');
    expect(mine.body).toMatchObject({ total: 1, items: [{ masked: true }] });
    expect((await read('/api/outbound/dnc')).status).toBe(200);
    await flush();
    for (const [number, whose] of [[CALLED, 'the dialled number'], [SECOND, 'the next number'], ['110101199001011237', 'a listed ID number']]) {
      expectNoDigitsOf([...received, events1.raw()], number!, whose!);
    }
  });

  it('the compliance report: 403 for the agent; its evidence rows masked for a supervisor, whole for the admin', async () => {
    // A dial the dialer would never make (the number was on the DNC list an hour before), so the report has a row.
    const at = fx.rt.app.calls.clock.now();
    expect((await admin.post('/api/outbound/dnc', { phone: FORGED })).status).toBe(201);
    await fx.rt.app.db.collection('dnc_numbers').updateOne({ _id: `+86${FORGED}` as never }, { $set: { at: new Date(at - 3_600_000) } });
    await dialLogCollection(fx.rt.app.db).insertOne({ _id: 'forged-exit', phone: `+86${FORGED}`, task: 'exits_preview', numberId: 'x', at: new Date(at) });
    received.length = 0;
    expect((await read('/api/outbound/tasks/exits_preview/compliance')).status).toBe(403);
    expect((await read('/api/outbound/dnc')).status).toBe(200);
    expectNoDigitsOf(received, FORGED, 'the forged DNC dial (agent)');

    const report = await leadRead('/api/outbound/tasks/exits_preview/compliance');
    expect(report.status, report.text).toBe(200);
    const dnc = report.body.checks.find((c: { check: string }) => c.check === 'doNotCall');
    expect(dnc).toMatchObject({ count: 1, evidence: [{ callId: 'forged-exit', phone: expect.stringMatching(/^\*+5633$/) }] });
    for (const path of ['/api/outbound/dnc', '/api/outbound/tasks', '/api/outbound/tasks/exits_preview', '/api/outbound/tasks/exits_preview/numbers']) await leadRead(path);
    for (const [number, whose] of [[FORGED, 'the forged DNC dial'], [CALLED, 'the dialled number'], [SECOND, 'the next number']]) {
      expectNoDigitsOf(leadReceived, number!, `${whose} (supervisor)`);
    }
    const whole = await admin.get('/api/outbound/tasks/exits_preview/compliance');
    expect(whole.body.checks.find((c: { check: string }) => c.check === 'doNotCall').evidence[0].phone).toBe(`+86${FORGED}`);
  });
});
