// Installing a template is idempotent (stable ids): a second install publishes nothing and duplicates
// nothing (definitions, users, teams, skill groups, records); a changed definition in a copy of the
// template is published as the next version.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { shippedCustomer } from './definitions-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let tmp: string;

beforeAll(async () => {
  rt = await startRuntime();
  admin = await rt.login('admin');
  tmp = await mkdtemp(join(tmpdir(), 'telesales-template-'));
});
afterAll(async () => {
  await rt?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const ALL = [
  'role:admin', 'role:supervisor', 'role:agent', 'entity:customer',
  'pool:default', 'pool:lost', 'pool:invalid', 'pool:online_leads', 'flow:inbound', 'dispositions:default', 'agent-states:default',
  'campaign:renewal',
  ...['today_calls_by_agent', 'rep_comparison', 'rep_conversion', 'funnel_by_status', 'lost_reasons', 'task_progress', 'my_calls_today', 'my_connected_today', 'my_talk_today',
    'workbench_customers', 'workbench_opportunities'].map((k) => `report:${k}`),
  'dashboard:supervisors', 'dashboard:my_day',
];
const col = (name: string) => rt.app.db.collection(name);
async function snapshot() {
  return {
    definitions: await col('definitions').find().sort({ _id: 1 }).toArray(),
    versions: await col('definition_versions').find().sort({ _id: 1 }).toArray(),
    users: await col('users').find().sort({ _id: 1 }).toArray(),
    teams: await col('teams').find().sort({ _id: 1 }).toArray(),
    records: await col('records_customer').find().sort({ _id: 1 }).toArray(),
    skillGroups: await col('skill_groups').find().sort({ _id: 1 }).toArray(),
  };
}

/** A copy of the insurance template that a test may change. */
async function copyTemplate(name: string, change: (files: { manifest: any; customer: any; demo: any[] }) => void) {
  const dir = join(tmp, name);
  await cp(templateDir('insurance'), dir, { recursive: true });
  const read = async (rel: string) => JSON.parse(await readFile(join(dir, rel), 'utf8'));
  const files = { manifest: await read('template.json'), customer: await read('entities/customer.json'), demo: await read('demo/customers.json') };
  change(files);
  await writeFile(join(dir, 'template.json'), JSON.stringify(files.manifest, null, 1));
  await writeFile(join(dir, 'entities/customer.json'), JSON.stringify(files.customer, null, 1));
  await writeFile(join(dir, 'demo/customers.json'), JSON.stringify(files.demo, null, 1));
  return dir;
}

describe('installing the same template again', () => {
  it('the first install published version 1 of everything', async () => {
    expect((await col('definitions').find().toArray()).map((d) => [d._id, d.version]).sort()).toEqual(
      ALL.map((k) => [k, 1]).sort(),
    );
    expect(await col('definition_versions').countDocuments()).toBe(ALL.length);
    expect(await col('skill_groups').countDocuments()).toBe(2);
    expect(await col('users').countDocuments()).toBe(4);
    expect(await col('teams').countDocuments()).toBe(2);
    expect(await col('records_customer').countDocuments()).toBe(40);
  });

  it('publishes nothing new and creates no duplicate users, teams or records', async () => {
    const before = await snapshot();
    const report = await installTemplate(rt.app, templateDir('insurance'));
    expect(report).toEqual({ template: 'insurance', version: '1.0.0', published: [], unchanged: ALL, teams: 2, users: 0, records: 0 });
    expect(await snapshot()).toEqual(before);
    expect((await admin.get('/api/definitions/entity/customer/versions')).body.map((v: any) => v.version)).toEqual([1]);
  });

  it('never resets what people changed since: a user, a record', async () => {
    const agent1 = (await admin.get('/api/users')).body.find((u: any) => u.login === 'agent1');
    await admin.patch(`/api/users/${agent1.id}`, { name: 'Li Na (renamed)', password: 'changed-pass' });
    const record = await col('records_customer').findOne({});
    await admin.patch(`/api/records/customer/${record!._id}`, { version: record!.version, values: { notes: 'edited after install' } });
    expect((await admin.put('/api/skill-groups/service', { name: { zh: '客服中心', en: 'Service desk' }, members: [agent1.id] })).status).toBe(200);
    await installTemplate(rt.app, templateDir('insurance'));
    expect((await col('users').findOne({ _id: agent1.id }))!.name).toBe('Li Na (renamed)');
    expect(await col('skill_groups').findOne({ key: 'service' })).toMatchObject({ name: { zh: '客服中心', en: 'Service desk' }, members: [agent1.id] });
    expect((await rt.login('agent1', 'changed-pass')).userId).toBe(agent1.id);
    expect((await col('records_customer').findOne({ _id: record!._id }))!.values.notes).toBe('edited after install');
  });
});

describe('the reports and dashboards the template ships', () => {
  it('are published, and each role opens its dashboard with every tile runnable for it', async () => {
    const lead = await rt.login('lead');
    const agent2 = await rt.login('agent2'); // agent1's password was changed above
    expect((await lead.get('/api/dashboards')).body.items.map((d: any) => d.key)).toEqual(['supervisors']);
    expect((await agent2.get('/api/dashboards')).body.items.map((d: any) => d.key)).toEqual(['my_day']);
    for (const [who, key] of [[lead, 'supervisors'], [agent2, 'my_day'], [admin, 'supervisors']] as const) {
      const { tiles, filters } = (await who.get(`/api/dashboards/${key}`)).body;
      expect(tiles.filter((t: any) => t.unavailable)).toEqual([]);
      for (const tile of tiles) {
        const run = await who.post(`/api/reports/${tile.report}/run`, { range: filters.range.default });
        expect(run.status, `${key}/${tile.report}: ${run.text}`).toBe(200);
      }
    }
  });
});

describe('installing a changed copy of the template', () => {
  it('publishes the changed definition as the next version, and only it', async () => {
    const before = await snapshot();
    const dir = await copyTemplate('changed', ({ manifest, customer }) => {
      manifest.version = '1.1.0';
      customer.fields.push({
        id: '5f0e8a52-9d0c-4d6e-9a3e-4c1b7f2a9e11', key: 'wechat', label: { zh: '微信', en: 'WeChat' }, type: 'text',
        section: 'contact', order: 65, searchable: true,
      });
      customer.fields.find((f: any) => f.key === 'notes').label = { zh: '通话备注', en: 'Call notes' };
    });
    const report = await installTemplate(rt.app, dir);
    expect(report).toEqual({
      template: 'insurance', version: '1.1.0', published: ['entity:customer'], unchanged: ALL.filter((k) => k !== 'entity:customer'),
      teams: 2, users: 0, records: 0,
    });
    const versions = (await admin.get('/api/definitions/entity/customer/versions')).body;
    expect(versions.map((v: any) => [v.version, v.message, v.publishedBy])).toEqual([
      [2, 'Template insurance 1.1.0', { id: 'system', name: 'Template insurance 1.1.0' }],
      [1, 'Template insurance 1.0.0', { id: 'system', name: 'Template insurance 1.0.0' }],
    ]);
    const { $schema, ...expected } = JSON.parse(await readFile(join(dir, 'entities/customer.json'), 'utf8'));
    expect($schema).toBeDefined();
    expect((await admin.get('/api/definitions/entity/customer/versions/2')).body.definition).toEqual(expected);
    expect((await admin.get('/api/definitions/entity/customer')).body).toMatchObject({ version: 2, published: expected, draft: null });
    const diff = await admin.get('/api/definitions/entity/customer/diff?from=1&to=2');
    expect(diff.body.changes.map((c: any) => [c.change, c.path])).toEqual([
      ['changed', '/fields/notes/label/zh'],
      ['changed', '/fields/notes/label/en'],
      ['added', '/fields/wechat'],
    ]);
    // the roles did not move; no user, team or record was added or changed
    const after = await snapshot();
    expect(after.definitions.filter((d) => d.kind === 'role')).toEqual(before.definitions.filter((d) => d.kind === 'role'));
    expect(after.users).toEqual(before.users);
    expect(after.teams).toEqual(before.teams);
    expect(after.records).toEqual(before.records);
    // and the publish brought the indexes along
    expect((await col('records_customer').indexes()).map((i) => i.name)).toContain('idx:wechat');

    const again = await installTemplate(rt.app, dir);
    expect(again.published).toEqual([]);
    expect(await col('definition_versions').countDocuments({ key: 'customer' })).toBe(2);
  });

  it('adds new demo records and keeps the existing ones', async () => {
    const dir = await copyTemplate('more-demo', ({ manifest, customer, demo }) => {
      manifest.version = '1.1.0';
      customer.fields.push({ id: '5f0e8a52-9d0c-4d6e-9a3e-4c1b7f2a9e11', key: 'wechat', label: { zh: '微信', en: 'WeChat' }, type: 'text', section: 'contact', order: 65, searchable: true });
      customer.fields.find((f: any) => f.key === 'notes').label = { zh: '通话备注', en: 'Call notes' };
      demo.push({ id: '0b9a3c8e-6f1d-4e2a-9b7c-5d4e3f2a1b0c', owner: 'agent2', values: { name: '新客户', phone: '139 0000 7777', status: 'pending', wechat: 'xin_kehu' } });
    });
    const report = await installTemplate(rt.app, dir);
    expect(report).toMatchObject({ published: [], users: 0, records: 1 });
    expect(await col('records_customer').countDocuments()).toBe(41);
    const added = await col('records_customer').findOne({ _id: '0b9a3c8e-6f1d-4e2a-9b7c-5d4e3f2a1b0c' as never });
    expect(added).toMatchObject({ version: 1, ownerId: 'cf7a2a17-930c-496d-87f8-edd9e9625ae0', values: { phone: '+8613900007777', wechat: 'xin_kehu' } });
    expect((await installTemplate(rt.app, dir)).records).toBe(0);
  });
});

describe('templates that cannot be installed', () => {
  it('a definition reusing a key under another id is refused; nothing is published', async () => {
    const before = await snapshot();
    const dir = await copyTemplate('other-id', ({ customer }) => {
      customer.id = '9c2b1a0f-8e7d-4c6b-9a5f-4e3d2c1b0a99';
      customer.label = { zh: '另一个客户', en: 'Another customer' };
    });
    await expect(installTemplate(rt.app, dir)).rejects.toThrow(
      /entities\/customer\.json: a different entity "customer" \(id 856aa754-8c7b-4d2c-a336-4fa3fb277d9c\) already exists$/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('an invalid definition is refused with its file and the path of the problem', async () => {
    const before = await snapshot();
    const dir = await copyTemplate('invalid', ({ customer }) => {
      customer.fields.find((f: any) => f.key === 'level').options = [];
    });
    await expect(installTemplate(rt.app, dir)).rejects.toThrow(/entities\/customer\.json: \/fields\/8\/options a select field needs at least one option$/);
    expect(await snapshot()).toEqual(before);
  });

  it('a change that would break the stored customers is refused (409 breaks_data); the version stays', async () => {
    const dir = await copyTemplate('breaking', ({ customer }) => {
      customer.fields = customer.fields.filter((f: any) => f.key !== 'gender');
    });
    await expect(installTemplate(rt.app, dir)).rejects.toMatchObject({
      statusCode: 409, code: 'breaks_data', message: '40 records have values for the removed field "Gender (gender)": retire it instead', // the 41st has no gender
    });
    expect((await admin.get('/api/definitions/entity/customer')).body).toMatchObject({ version: 2 });
    expect(await col('definition_versions').countDocuments({ key: 'customer' })).toBe(2);
    expect(shippedCustomer().fields.some((f: any) => f.key === 'gender')).toBe(true);
  });
});
