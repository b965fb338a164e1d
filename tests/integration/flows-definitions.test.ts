// Flow definitions through the definitions API: the template's inbound flow and skill groups are installed,
// a flow naming an unknown skill group, sub-flow, entity or an unapproved host is refused with the path of
// the node setting, and the skill group and approved-host APIs keep to their permissions.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { englishAdmin } from './definitions-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let designer: ApiClient;
let agent1: ApiClient;
let lead: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent1, lead] = await Promise.all(['admin', 'agent1', 'lead'].map((u) => rt.login(u)));
  designer = await englishAdmin(rt, admin);
});
afterAll(async () => rt?.close());

const at = { x: 0, y: 0 };

/** entry -> `middle` nodes in a row -> hangup; each middle node's `port` leads on, other required ports to the hangup. */
function flow(key: string, middle: { id: string; type: string; config: unknown; port: string; others?: string[] }[], numbers: string[] = []): any {
  const ids = [...middle.map((m) => m.id), 'bye'];
  return {
    kind: 'flow', schemaVersion: 1, id: randomUUID(), key, label: { zh: key, en: key }, languages: ['zh', 'en'], defaultLanguage: 'zh', start: 'entry',
    nodes: [
      { id: 'entry', type: 'entry', position: at, config: { numbers }, next: [{ port: 'next', to: ids[0] }] },
      ...middle.map((m, i) => ({
        id: m.id, type: m.type, position: at, config: m.config,
        next: [{ port: m.port, to: ids[i + 1] }, ...(m.others ?? []).map((port) => ({ port, to: 'bye' }))],
      })),
      { id: 'bye', type: 'hangup', position: at, config: {}, next: [] },
    ],
  };
}
const queue = (group: string) => ({ id: 'wait', type: 'queue', config: { skillGroup: group, maxWaitSec: 30 }, port: 'overflow' });
const subflow = (target: string, version: number | 'latest' = 'latest') => ({ id: 'sub', type: 'subflow', config: { flow: target, version }, port: 'next' });
const http = (url: string) => ({ id: 'fetch', type: 'http', config: { method: 'GET', url, timeoutMs: 1000, mapping: [] }, port: 'ok', others: ['error'] });

async function publish(client: ApiClient, def: any) {
  const created = await client.post('/api/definitions', def);
  if (created.status === 409) {
    // a new version of an existing flow keeps its id
    def.id = (await client.get(`/api/definitions/flow/${def.key}`)).body.id;
    expect((await client.put(`/api/definitions/flow/${def.key}/draft`, def)).status).toBe(200);
  } else expect(created.status).toBe(201);
  return client.post(`/api/definitions/flow/${def.key}/publish`, { message: 'test' });
}

describe('the insurance template', () => {
  it('installs the inbound flow as version 1 with its skill groups', async () => {
    const { $schema, ...inbound } = JSON.parse(readFileSync(new URL('../../templates/insurance/flows/inbound.json', import.meta.url), 'utf8'));
    expect($schema).toBeDefined();
    expect((await admin.get('/api/definitions/flow/inbound')).body).toMatchObject({ kind: 'flow', version: 1, published: inbound, draft: null });
    expect((await admin.get('/api/definitions?kind=flow')).body.map((d: any) => [d.key, d.version])).toEqual([['inbound', 1]]);

    const users = Object.fromEntries((await admin.get('/api/users')).body.map((u: any) => [u.login, u.id]));
    const groups = await agent1.get('/api/skill-groups');
    expect(groups.status).toBe(200);
    expect(groups.body).toEqual([
      { id: '6171bceb-a4e8-4a13-b387-09bdc6d7cf39', key: 'sales', name: { zh: '销售组', en: 'Sales' }, members: [users.agent1, users.agent2, users.lead] },
      { id: '7491d7ad-0c14-4414-8af2-06058936263b', key: 'service', name: { zh: '客服组', en: 'Service' }, members: [users.lead] },
    ]);
  });
});

describe('publish-time references', () => {
  it('a queue to an unknown skill group is refused with the node setting path', async () => {
    const res = await publish(designer, flow('vip_line', [queue('vip')]));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      statusCode: 409, error: 'Conflict', code: 'breaks_data', message: 'There is no skill group "vip"',
      errors: [{ path: '/nodes/1/config/skillGroup', code: 'unknown_skill_group', message: 'There is no skill group "vip"' }],
    });
    const zh = await admin.post('/api/definitions/flow/vip_line/publish', { message: 'test' });
    expect(zh.body.errors).toEqual([{ path: '/nodes/1/config/skillGroup', code: 'unknown_skill_group', message: '没有技能组 “vip”' }]);
    expect((await admin.get('/api/definitions/flow/vip_line')).body.version).toBe(0);
  });

  it('once the group exists, the same flow publishes', async () => {
    expect((await admin.put('/api/skill-groups/vip', { name: { zh: '贵宾组', en: 'VIP' }, members: [agent1.userId] })).status).toBe(200);
    const res = await designer.post('/api/definitions/flow/vip_line/publish', { message: 'with group' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
  });

  it('a transfer to an unknown group or agent is refused', async () => {
    const def = flow('transfers', [
      { id: 't1', type: 'transfer', config: { target: { type: 'group', ref: 'nobody' } }, port: 'failed' },
      { id: 't2', type: 'transfer', config: { target: { type: 'agent', ref: 'ghost' } }, port: 'failed' },
    ]);
    const res = await publish(designer, def);
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { path: '/nodes/1/config/target/ref', code: 'unknown_skill_group', message: 'There is no skill group "nobody"' },
      { path: '/nodes/2/config/target/ref', code: 'unknown_agent', message: 'There is no agent with the login "ghost"' },
    ]);
  });

  it('an unknown or unpublished sub-flow, a missing pinned version and a flow calling itself are refused', async () => {
    expect((await publish(designer, flow('calls_ghost', [subflow('ghost')]))).body.errors).toEqual([
      { path: '/nodes/1/config/flow', code: 'unknown_subflow', message: 'Flow "ghost" does not exist or is not published' },
    ]);
    // a draft that was never published is not a sub-flow yet
    expect((await designer.post('/api/definitions', flow('draft_only', [])))).toMatchObject({ status: 201 });
    expect((await publish(designer, flow('calls_draft', [subflow('draft_only')]))).body.errors[0].code).toBe('unknown_subflow');
    expect((await publish(designer, flow('calls_v9', [subflow('inbound', 9)]))).body.errors).toEqual([
      { path: '/nodes/1/config/version', code: 'unknown_subflow_version', message: 'Flow "inbound" has no published version 9' },
    ]);
    expect((await publish(designer, flow('selfish', [subflow('selfish')]))).body.errors).toEqual([
      { path: '/nodes/1/config/flow', code: 'subflow_self', message: 'A flow cannot call itself as a sub-flow' },
    ]);
  });

  it('a sub-flow pinned to a published version publishes; a loop back through it is refused', async () => {
    expect((await publish(designer, flow('identify', []))).status).toBe(200);
    expect((await publish(designer, flow('caller', [subflow('identify', 1)]))).status).toBe(200);
    const res = await publish(designer, flow('identify', [subflow('caller')]));
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { path: '/nodes/1/config/flow', code: 'subflow_cycle', message: 'Sub-flows call each other in a loop: identify → caller → identify' },
    ]);
  });

  it('a lookup in an unknown entity is refused', async () => {
    const res = await publish(designer, flow('lookup_ghost', [{ id: 'find', type: 'lookup', config: { entity: 'ghost' }, port: 'found', others: ['notFound'] }]));
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { path: '/nodes/1/config/entity', code: 'unknown_entity', message: 'Entity "ghost" does not exist or is not published' },
    ]);
  });

  it('an HTTP node calling a host that is not approved is refused until an admin approves the host', async () => {
    const def = flow('scoring', [http('https://crm.example.com/score?n=1')]);
    const res = await publish(designer, def);
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { path: '/nodes/1/config/url', code: 'host_not_approved', message: 'Host "crm.example.com" is not on the list of approved HTTP hosts' },
    ]);
    expect((await designer.put('/api/settings/http-hosts', { hosts: ['*.Example.com', 'api.partner.cn'] })).body).toEqual({ hosts: ['*.example.com', 'api.partner.cn'] });
    expect((await designer.post('/api/definitions/flow/scoring/publish', { message: 'approved' })).status).toBe(200);
    // the bare parent domain is not under "*.example.com"
    expect((await publish(designer, flow('scoring2', [http('http://example.com/')]))).body.errors[0]).toMatchObject({ path: '/nodes/1/config/url', code: 'host_not_approved' });
  });

  it('a number already answered by another published flow is refused', async () => {
    const res = await publish(designer, flow('second_line', [], ['+862160000001', '4008001234']));
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { path: '/nodes/0/config/numbers/1', code: 'number_taken', message: 'Number 4008001234 already starts flow "inbound"' },
    ]);
  });

  it('a flow that fails its own checks is refused before any reference check (400 with the path)', async () => {
    const def = flow('unconnected', [queue('sales')]);
    def.nodes[1].next = [];
    const res = await publish(designer, def);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_definition');
    expect(res.body.errors).toEqual([
      { path: '/nodes/1/next', code: 'port_unconnected', message: 'port "overflow" of node "wait" is not connected' },
      { path: '/nodes/2', code: 'unreachable_node', message: 'node "bye" cannot be reached from the start' },
    ]);
  });
});

describe('skill groups and approved hosts: permissions and input', () => {
  it('only people who manage users change skill groups', async () => {
    const body = { name: { zh: '组', en: 'Group' }, members: [] };
    expect((await agent1.put('/api/skill-groups/sales', body)).status).toBe(403);
    const res = await lead.put('/api/skill-groups/sales', body);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('只有用户管理员可以修改技能组');
    expect((await agent1.get('/api/skill-groups')).body.find((g: any) => g.key === 'sales').members).toHaveLength(3);
  });

  it('a member who is not a user is refused with its path; a good change replaces the group', async () => {
    const bad = await designer.put('/api/skill-groups/service', { name: { zh: '客服', en: 'Service' }, members: [agent1.userId, 'nobody'] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_skill_group', errors: [{ path: '/body/members/1', code: 'unknown', message: 'is not an existing user' }] });
    const good = await designer.put('/api/skill-groups/service', { name: { zh: '客服', en: 'Service' }, members: [agent1.userId] });
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ id: '7491d7ad-0c14-4414-8af2-06058936263b', key: 'service', name: { zh: '客服', en: 'Service' }, members: [agent1.userId] });
    expect((await designer.put('/api/skill-groups/Bad-Key', { name: { zh: 'x', en: 'x' }, members: [] })).status).toBe(400);
  });

  it('a skill group a published flow rings cannot be deleted; an unused one can, by people who manage users', async () => {
    const inUse = await designer.delete('/api/skill-groups/sales');
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({
      code: 'skill_group_in_use',
      message: 'Skill group "sales" is used by published flows: inbound (point them at another group and publish them first)',
    });
    expect((await admin.delete('/api/skill-groups/sales')).body.message).toBe('技能组 “sales” 正被已发布的流程使用：inbound（请先在这些流程中换用其他技能组并发布）');
    expect((await agent1.get('/api/skill-groups')).body.map((g: any) => g.key)).toContain('sales');

    expect((await designer.put('/api/skill-groups/night_shift', { name: { zh: '夜班', en: 'Night shift' }, members: [agent1.userId] })).status).toBe(200);
    expect((await lead.delete('/api/skill-groups/night_shift')).status).toBe(403);
    expect((await designer.delete('/api/skill-groups/night_shift')).status).toBe(204);
    expect((await agent1.get('/api/skill-groups')).body.map((g: any) => g.key)).not.toContain('night_shift');
    const gone = await designer.delete('/api/skill-groups/night_shift');
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe('There is no skill group "night_shift"');
  });

  it('only people who manage definitions see or change the approved hosts; bad host names are refused', async () => {
    expect((await agent1.get('/api/settings/http-hosts')).status).toBe(403);
    expect((await lead.put('/api/settings/http-hosts', { hosts: [] })).status).toBe(403);
    expect((await admin.get('/api/settings/http-hosts')).body).toEqual({ hosts: ['*.example.com', 'api.partner.cn'] });
    const bad = await designer.put('/api/settings/http-hosts', { hosts: ['https://x.com/path'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/body/hosts/0');
  });

  it('the routes are in the OpenAPI description', async () => {
    const doc = (await admin.get('/api/docs/json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/skill-groups', '/api/skill-groups/{key}', '/api/settings/http-hosts']));
  });
});
