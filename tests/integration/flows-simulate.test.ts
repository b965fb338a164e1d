// The simulator through the API: the demo inbound flow with real (masked) customer look-ups, drafts checked
// before they run, the step-by-step mode of the builder's test panel, and who may simulate.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { DEMO, expectNoPhones } from './records-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;
let maskedDesigner: ApiClient;

const MONDAY_10AM_SHANGHAI = '2025-03-03T02:00:00.000Z';
const known = DEMO.find((r) => r.owner === 'agent1')!;
const ports = (trace: any[]) => trace.filter((t) => t.port).map((t) => `${t.node}:${t.port}`);

beforeAll(async () => {
  rt = await startRuntime();
  admin = await rt.login('admin');
  agent1 = await rt.login('agent1');
  // Designs flows but may not unmask customers' numbers.
  const role = {
    kind: 'role', schemaVersion: 1, id: randomUUID(), key: 'flow_designer', label: { zh: '流程设计', en: 'Flow designer' },
    dataScope: 'all', entities: { customer: { read: true } }, manageDefinitions: true,
  };
  expect((await admin.post('/api/definitions', role)).status).toBe(201);
  expect((await admin.post('/api/definitions/role/flow_designer/publish', { message: 'Flow designers' })).status).toBe(200);
  expect((await admin.post('/api/users', { login: 'designer', name: 'Designer', password: 'designer123', role: 'flow_designer', locale: 'en' })).status).toBe(201);
  maskedDesigner = await rt.login('designer', 'designer123');
});
afterAll(async () => rt?.close());

const script = (extra: object = {}) => ({
  caller: `+86${known.values.phone}`, startAt: MONDAY_10AM_SHANGHAI,
  digits: [{ afterMs: 2500, digits: '2' }, { afterMs: 77_000, digits: '4' }], freeAgents: { sales: 1, service: 1 }, ...extra,
});

describe('POST /api/flows/:key/simulate', () => {
  it('runs the published demo flow; the caller is found among the real customers', async () => {
    const res = await admin.post('/api/flows/inbound/simulate', { script: script() });
    expect(res.status).toBe(200);
    expect(ports(res.body.trace).slice(0, 4)).toEqual(['entry:next', 'hours:open', 'language:next', 'lookup:found']);
    expect(res.body.state).toMatchObject({ ended: true, endReason: 'completed', language: 'en', flow: { key: 'inbound', version: 1 } });
    expect(res.body.state.vars.customer).toMatchObject({ name: known.values.name, phone: `+86${known.values.phone}`, _ownerName: expect.any(String) });
    // agent1 owns the caller and is in the sales group: the known caller goes to the owner's group.
    expect(res.body.state.vars.customer._ownerSkillGroups).toEqual(['sales']);
    expect(ports(res.body.trace)).toContain('route_known:else');
    expect(res.body.commands.map((c: any) => c.command)).toContainEqual(expect.objectContaining({ type: 'enqueue', skillGroup: 'sales' }));
    expect(res.body.state.vars.satisfaction).toBe(4);
  });

  it('answers a designer who may not unmask with masked values only', async () => {
    const res = await maskedDesigner.post('/api/flows/inbound/simulate', { script: script() });
    expect(res.status).toBe(200);
    expect(res.body.state.vars.customer.name).toBe(known.values.name);
    expectNoPhones(JSON.stringify(res.body.state.vars));
    expectNoPhones(JSON.stringify(res.body.trace));
  });

  it('takes the customers of the script instead of the records when it gives them', async () => {
    const res = await admin.post('/api/flows/inbound/simulate', { script: script({ customers: {} }) });
    expect(ports(res.body.trace)).toContain('lookup:notFound');
  });

  it('runs a draft from the body, refusing one that does not validate', async () => {
    const flow = {
      kind: 'flow', schemaVersion: 1, id: randomUUID(), key: 'tryout', label: { zh: '试', en: 'Try' }, languages: ['en'], defaultLanguage: 'en', start: 'entry',
      nodes: [
        { id: 'entry', type: 'entry', position: { x: 0, y: 0 }, config: { numbers: [] }, next: [{ port: 'next', to: 'menu' }] },
        { id: 'menu', type: 'menu', position: { x: 0, y: 100 }, config: { prompt: { text: { en: 'Press 2' } }, options: ['1', '2'] },
          next: [{ port: '1', to: 'bye' }, { port: '2', to: 'bye' }, { port: 'noInput', to: 'bye' }, { port: 'invalid', to: 'bye' }] },
        { id: 'bye', type: 'hangup', position: { x: 0, y: 200 }, config: {}, next: [] },
      ],
    };
    const ok = await admin.post('/api/flows/tryout/simulate', { script: { caller: '+8613900000000', startAt: MONDAY_10AM_SHANGHAI, digits: [{ afterMs: 300, digits: '2' }], freeAgents: {} }, draft: flow });
    expect(ok.status).toBe(200);
    expect(ports(ok.body.trace)).toEqual(['entry:next', 'menu:2']);
    const broken = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'menu' ? { ...n, next: n.next.slice(1) } : n)) };
    const bad = await admin.post('/api/flows/tryout/simulate', { script: script(), draft: broken });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_definition');
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: '/nodes/1/next', code: 'port_unconnected' }));
  });

  it('refuses people who do not manage definitions, unknown flows and malformed scripts', async () => {
    const forbidden = await agent1.post('/api/flows/inbound/simulate', { script: script() });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    expect((await admin.post('/api/flows/nothing/simulate', { script: script() })).status).toBe(404);
    const malformed = await admin.post('/api/flows/inbound/simulate', { script: { ...script(), digits: [{ afterMs: -1, digits: 'x' }] } });
    expect(malformed.status).toBe(400);
  });
});

describe('POST /api/flows/simulate/step', () => {
  it('drives a call event by event, answering the look-up on the server', async () => {
    const started = await admin.post('/api/flows/simulate/step', {
      key: 'inbound', state: null, event: { type: 'start', caller: '+8613900000000', callee: '4008001234', at: MONDAY_10AM_SHANGHAI },
    });
    expect(started.status).toBe(200);
    expect(started.body.state.node).toBe('language');
    expect(started.body.commands[0]).toMatchObject({ type: 'play', bargeIn: true });
    const picked = await admin.post('/api/flows/simulate/step', {
      key: 'inbound', state: started.body.state, event: { type: 'digits', digits: '2', at: '2025-03-03T02:00:02.000Z' },
    });
    // setLanguage, lookup (answered here: an unknown number), then the main menu's prompt.
    expect(picked.body.commands.map((c: any) => c.type)).toEqual(['setLanguage', 'lookup', 'play']);
    expect(picked.body.state.node).toBe('main_menu');
    expect(ports(picked.body.state.trace)).toEqual(['entry:next', 'hours:open', 'language:next', 'lookup:notFound']);
  });

  it('refuses a first event that is not a start, and a state of another flow', async () => {
    const res = await admin.post('/api/flows/simulate/step', { key: 'inbound', state: null, event: { type: 'timeout', at: MONDAY_10AM_SHANGHAI } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('start_first');
    const started = await admin.post('/api/flows/simulate/step', {
      key: 'inbound', state: null, event: { type: 'start', caller: '+8613900000000', callee: '1', at: MONDAY_10AM_SHANGHAI },
    });
    const other = await admin.post('/api/flows/simulate/step', { key: 'other', state: started.body.state, event: { type: 'timeout', at: MONDAY_10AM_SHANGHAI } });
    expect(other.body.code).toBe('state_of_other_flow');
    const noDigits = await admin.post('/api/flows/simulate/step', { key: 'inbound', state: started.body.state, event: { type: 'digits', at: MONDAY_10AM_SHANGHAI } });
    expect(noDigits.status).toBe(400);
  });

  it('is listed in the OpenAPI description', async () => {
    const doc = await admin.get('/api/docs/json');
    expect(Object.keys(doc.body.paths ?? {})).toEqual(expect.arrayContaining(['/api/flows/{key}/simulate', '/api/flows/simulate/step']));
  });
});
