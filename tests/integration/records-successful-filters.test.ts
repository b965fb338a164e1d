// The filter language end to end: every operator on the field types it applies to, and/or nesting,
// system fields, and the indexes a publish creates. Runs on a test entity with every field type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { dbOf, filterParam, prospectEntity, publish } from './records-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;
const byName = new Map<string, string>(); // record name -> id

const ROWS = [
  { name: 'Alpha', code: 'A-1', phone: '13800000001', age: 20, score: 1.5, amount: 100, birthday: '1990-01-01', next_call: '2030-01-01T09:00:00.000Z', vip: true, level: 'gold', products: ['life', 'health'], tags: ['hot', 'vip'], email: 'alpha@example.com', address: { province: 'Zhejiang', city: 'Hangzhou' } },
  { name: 'beta', code: 'B-2', phone: '13900000002', age: 30, score: 2.5, amount: 200, birthday: '1985-06-15', next_call: '2030-02-01T09:00:00.000Z', vip: false, level: 'silver', products: ['car'], tags: ['cold'], email: 'beta@example.org' },
  { name: 'Gamma (a.b)*', code: 'C-3', age: 40, score: 3.5, birthday: '1970-12-31', level: 'gold', products: ['life'] },
  { name: 'Delta', code: 'D-4', phone: '+12025550123', age: 50, amount: 400, vip: true, status: 'done' },
];

async function names(filter: unknown, client: ApiClient = admin): Promise<string[]> {
  const res = await client.post('/api/records/prospect/query', { filter, pageSize: 200 });
  expect(res.status, res.text).toBe(200);
  return res.body.items.map((r: any) => r.values.name).sort();
}

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent1] = await Promise.all([rt.login('admin'), rt.login('agent1')]);
  const published = await publish(admin, prospectEntity());
  expect(published.status, published.text).toBe(200);
  for (const values of ROWS) {
    const res = await admin.post('/api/records/prospect', { values, ownerId: agent1.userId });
    expect(res.status, res.text).toBe(201);
    byName.set(values.name, res.body.id);
  }
});
afterAll(async () => rt?.close());

describe('operators', () => {
  it('eq and ne on text, numbers, booleans, selects, phones', async () => {
    expect(await names({ field: 'name', op: 'eq', value: 'beta' })).toEqual(['beta']);
    expect(await names({ field: 'age', op: 'eq', value: 30 })).toEqual(['beta']);
    expect(await names({ field: 'vip', op: 'eq', value: true })).toEqual(['Alpha', 'Delta']);
    expect(await names({ field: 'level', op: 'ne', value: 'gold' })).toEqual(['Delta', 'beta']);
    // Phones compare normalised: any way of writing the number finds it.
    expect(await names({ field: 'phone', op: 'eq', value: '139 0000 0002' })).toEqual(['beta']);
    expect(await names({ field: 'phone', op: 'eq', value: '+86 139-0000-0002' })).toEqual(['beta']);
  });

  it('gt, gte, lt, lte and between on numbers, dates, date-times', async () => {
    expect(await names({ field: 'age', op: 'gt', value: 30 })).toEqual(['Delta', 'Gamma (a.b)*']);
    expect(await names({ field: 'age', op: 'gte', value: 30 })).toEqual(['Delta', 'Gamma (a.b)*', 'beta']);
    expect(await names({ field: 'score', op: 'lt', value: 2.5 })).toEqual(['Alpha']);
    expect(await names({ field: 'amount', op: 'lte', value: 200 })).toEqual(['Alpha', 'beta']);
    expect(await names({ field: 'birthday', op: 'between', value: ['1980-01-01', '1990-01-01'] })).toEqual(['Alpha', 'beta']);
    expect(await names({ field: 'next_call', op: 'gt', value: '2030-01-15T00:00:00.000Z' })).toEqual(['beta']);
  });

  it('in and nin; on multiselect and tags eq means "has", in means "has any"', async () => {
    expect(await names({ field: 'code', op: 'in', value: ['A-1', 'D-4', 'Z-9'] })).toEqual(['Alpha', 'Delta']);
    expect(await names({ field: 'level', op: 'nin', value: ['gold'] })).toEqual(['Delta', 'beta']);
    expect(await names({ field: 'products', op: 'eq', value: 'life' })).toEqual(['Alpha', 'Gamma (a.b)*']);
    expect(await names({ field: 'products', op: 'in', value: ['car', 'health'] })).toEqual(['Alpha', 'beta']);
    expect(await names({ field: 'tags', op: 'eq', value: 'cold' })).toEqual(['beta']);
  });

  it('contains and startsWith: case-insensitive, literal (no regular expression), phones by digits', async () => {
    expect(await names({ field: 'name', op: 'contains', value: 'ETA' })).toEqual(['beta']);
    expect(await names({ field: 'name', op: 'startsWith', value: 'AL' })).toEqual(['Alpha']);
    expect(await names({ field: 'name', op: 'contains', value: '(a.b)*' })).toEqual(['Gamma (a.b)*']);
    expect(await names({ field: 'name', op: 'contains', value: '.*' })).toEqual([]);
    expect(await names({ field: 'email', op: 'contains', value: '.org' })).toEqual(['beta']);
    expect(await names({ field: 'phone', op: 'contains', value: '0000 0002' })).toEqual(['beta']);
    expect(await names({ field: 'phone', op: 'startsWith', value: '138' })).toEqual(['Alpha']);
    expect(await names({ field: 'phone', op: 'startsWith', value: '+1 202' })).toEqual(['Delta']);
    expect(await names({ field: 'address', op: 'contains', value: 'hang' })).toEqual(['Alpha']);
  });

  it('isEmpty and isNotEmpty', async () => {
    expect(await names({ field: 'phone', op: 'isEmpty' })).toEqual(['Gamma (a.b)*']);
    expect(await names({ field: 'amount', op: 'isNotEmpty' })).toEqual(['Alpha', 'Delta', 'beta']);
    expect(await names({ field: 'tags', op: 'isEmpty' })).toEqual(['Delta', 'Gamma (a.b)*']);
    expect(await names({ field: 'address', op: 'isNotEmpty' })).toEqual(['Alpha']);
  });

  it('and / or nest', async () => {
    const filter = { or: [{ and: [{ field: 'level', op: 'eq', value: 'gold' }, { field: 'age', op: 'gte', value: 40 }] }, { field: 'status', op: 'eq', value: 'done' }] };
    expect(await names(filter)).toEqual(['Delta', 'Gamma (a.b)*']);
  });

  it('system fields: ownerId, createdBy, createdAt, updatedAt', async () => {
    expect(await names({ field: 'ownerId', op: 'eq', value: agent1.userId })).toHaveLength(4);
    expect(await names({ field: 'createdBy', op: 'eq', value: agent1.userId })).toEqual([]);
    expect(await names({ field: 'createdAt', op: 'gte', value: '2000-01-01T00:00:00Z' })).toHaveLength(4);
    expect(await names({ field: 'updatedAt', op: 'lt', value: '2000-01-01' })).toEqual([]);
  });

  it('the GET list takes the same filter as a JSON query parameter', async () => {
    const filter = { field: 'products', op: 'eq', value: 'life' };
    const res = await admin.get(`/api/records/prospect?filter=${filterParam(filter)}&sort=name`);
    expect(res.body.items.map((r: any) => r.values.name)).toEqual(['Alpha', 'Gamma (a.b)*']);
  });
});

describe('quick search on the test entity', () => {
  it('finds selects by their label, numbers by value, tags in part', async () => {
    const q = async (text: string) => (await admin.get(`/api/records/prospect?q=${encodeURIComponent(text)}&sort=name`)).body.items.map((r: any) => r.values.name);
    expect(await q('SILVER')).toEqual(['beta']);
    expect(await q('3.5')).toEqual(['Gamma (a.b)*']);
    expect(await q('ho')).toEqual(['Alpha']);
    expect(await q('c-3')).toEqual(['Gamma (a.b)*']);
  });
});

describe('indexes', () => {
  it('publishing the entity created its duplicate-check, list and system indexes', async () => {
    const indexes = await dbOf(rt).collection('records_prospect').listIndexes().toArray();
    const byIndexName = Object.fromEntries(indexes.map((i: any) => [i.name, i]));
    expect(byIndexName['uniq:code']).toMatchObject({ key: { 'values.code': 1 }, unique: true, partialFilterExpression: { 'values.code': { $exists: true } } });
    expect(byIndexName['uniq:phone']).toMatchObject({ unique: true });
    expect(byIndexName['dup:name+birthday']).toMatchObject({
      key: { 'values.name': 1, 'values.birthday': 1 }, unique: true,
      partialFilterExpression: { 'values.name': { $exists: true }, 'values.birthday': { $exists: true } },
    });
    expect(byIndexName['idx:name']).toMatchObject({ key: { 'values.name': 1 } });
    expect(byIndexName['idx:tags']).toBeDefined();
    expect(byIndexName['sys:owner_updated_id']).toMatchObject({ key: { ownerId: 1, updatedAt: -1, _id: -1 } });
    expect(byIndexName['sys:deleted']).toMatchObject({ key: { deletedAt: 1 } });
  });
});

describe('hidden fields', () => {
  it('never reach a reader they are hidden from: not in values, lists, the log, nor the read-only list', async () => {
    const id = byName.get('Alpha')!;
    const current = await admin.get(`/api/records/prospect/${id}`);
    const set = await admin.patch(`/api/records/prospect/${id}`, { version: current.body.version, values: { secret: 'top secret 42', audit: 'checked' } });
    expect(set.status, set.text).toBe(200);
    expect(set.body.values).toMatchObject({ secret: 'top secret 42', audit: 'checked' });

    const read = await agent1.get(`/api/records/prospect/${id}`);
    expect(read.body.values).not.toHaveProperty('secret');
    expect(read.body.values.audit).toBe('checked');
    expect(read.body.readOnly).toEqual(['policy_no', 'audit', 'old_field']);
    expect(read.body.masked).toEqual(['phone']);
    const texts = [
      read.text,
      (await agent1.get('/api/records/prospect?pageSize=200')).text,
      (await agent1.get(`/api/records/prospect/${id}/log`)).text,
    ];
    for (const text of texts) expect(text).not.toContain('top secret');
    const log = await agent1.get(`/api/records/prospect/${id}/log`);
    expect(log.body[0].changes).toEqual([{ field: 'audit', label: '审核', before: null, after: 'checked' }]);
  });
});
