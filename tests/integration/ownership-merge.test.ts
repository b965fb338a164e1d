import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordJson } from '@telesales/schemas';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;

/** An entity whose records point at customers: what a merge must move from A to B. */
const policy = {
  kind: 'entity', schemaVersion: 1, id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e01', key: 'policy', label: { zh: '保单', en: 'Policy' },
  titleField: 'number', owned: false,
  fields: [
    { id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e02', key: 'number', label: { zh: '保单号', en: 'Number' }, type: 'text', required: true },
    { id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e03', key: 'holder', label: { zh: '投保人', en: 'Holder' }, type: 'reference', reference: { entity: 'customer' } },
  ],
};

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent1] = await Promise.all([rt.login('admin'), rt.login('agent1')]);
  expect((await admin.post('/api/definitions', policy)).status).toBe(201);
  const published = await admin.post('/api/definitions/entity/policy/publish', { message: 'policies' });
  expect(published.status, published.text).toBe(200);
});
afterAll(async () => rt?.close());

describe('merge A into B', () => {
  it('B keeps its values and takes A\'s where empty; references and history move to B; A is gone', async () => {
    const a = (await admin.post<RecordJson>('/api/records/customer', { values: { name: 'Zhao (dup)', phone: '+8613900000001', email: 'zhao@example.com', level: 'a' } })).body;
    const b = (await admin.post<RecordJson>('/api/records/customer', { values: { name: 'Zhao', phone: '+8613900000002', level: 'b' } })).body;
    const edited = await admin.patch<RecordJson>(`/api/records/customer/${a.id}`, { version: 1, values: { notes: 'asked for a quote' } });
    expect(edited.status).toBe(200);
    const p1 = (await admin.post<RecordJson>('/api/records/policy', { values: { number: 'P-1', holder: a.id } })).body;
    const p2 = (await admin.post<RecordJson>('/api/records/policy', { values: { number: 'P-2', holder: b.id } })).body;

    expect((await agent1.post('/api/records/customer/merge', { from: a.id, into: b.id })).status).toBe(403);
    expect((await admin.post('/api/records/customer/merge', { from: b.id, into: b.id })).body.code).toBe('merge_same');

    const merged = await admin.post<RecordJson>('/api/records/customer/merge', { from: a.id, into: b.id });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.body.values).toMatchObject({ name: 'Zhao', phone: '+8613900000002', level: 'b', email: 'zhao@example.com', notes: 'asked for a quote' });
    expect((await admin.get(`/api/records/customer/${a.id}`)).status).toBe(404);
    expect(await rt.app.db.collection('records_customer').findOne({ _id: a.id as never })).toBeNull();
    expect((await admin.get<RecordJson>(`/api/records/policy/${p1.id}`)).body.values.holder).toBe(b.id);
    expect((await admin.get<RecordJson>(`/api/records/policy/${p2.id}`)).body.values.holder).toBe(b.id);

    const log = (await admin.get(`/api/records/customer/${b.id}/log`)).body as Array<{ action: string; detail?: { mergedFrom?: string }; changes: Array<{ field: string }> }>;
    expect(log[0]).toMatchObject({ action: 'merge', detail: { mergedFrom: a.id } });
    expect(log[0]!.changes.map((c) => c.field).sort()).toEqual(['email', 'notes']);
    // A's own history (its edit) now reads on B.
    expect(log.some((e) => e.action === 'update' && e.changes.some((c) => c.field === 'notes'))).toBe(true);
  });
});
