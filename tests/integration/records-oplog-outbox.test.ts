import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
// The runtime's `declare module 'fastify'` augmentations, for typed access to app.db and app.logOutbox.
import type {} from '@telesales/runtime/db/plugin';
import type {} from '@telesales/runtime/records/log-outbox';
import type { OplogDoc } from '@telesales/runtime/records/oplog';
import type { RecordDoc } from '@telesales/runtime/records/record-doc';
import type { UserDoc } from '@telesales/runtime/org/users';

/**
 * A change and its operation-log entry are written in one single-document write (the entry waits on the
 * record), then moved to the `oplog` collection by the outbox. Whatever state a crash leaves, the log
 * reads complete and without duplicates, and the next sweep finishes the move.
 */
describe('operation log outbox', () => {
  let fx: RuntimeFixture;
  let agent1: ApiClient;
  const records = () => fx.app.db.collection<RecordDoc>('records_customer');
  const oplog = () => fx.app.db.collection<OplogDoc>('oplog');

  beforeAll(async () => {
    fx = await startRuntime();
    agent1 = await fx.login('agent1');
  });
  afterAll(() => fx.close());

  async function create(name: string) {
    const res = await agent1.post('/api/records/customer', { values: { name, phone: `139${String(Date.now()).slice(-8)}`, status: 'pending' } });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  }

  it('moves each entry to the oplog collection shortly after the write and clears the record', async () => {
    const created = await create('Outbox One');
    const updated = await agent1.patch(`/api/records/customer/${created.id}`, { version: 1, values: { notes: 'first call' } });
    expect(updated.status).toBe(200);
    await fx.app.logOutbox.sweep();
    const moved = await oplog().find({ recordId: created.id }).sort({ version: 1 }).toArray();
    // A create writes no entry of its own: the log derives it from the record (see the next test).
    expect(moved.map((e) => [e.action, e.version])).toEqual([['update', 2]]);
    const log = (await agent1.get(`/api/records/customer/${created.id}/log`)).body;
    expect(log.map((e: any) => e.action)).toEqual(['update', 'create']);
    expect(log[1].by.name).toBe('李娜 Li Na');
    expect(log[1].changes.find((c: any) => c.field === 'name')).toMatchObject({ before: null, after: 'Outbox One' });
    expect(log[1].changes.find((c: any) => c.field === 'notes')).toBeUndefined();
    const doc = await records().findOne({ _id: created.id });
    expect(doc).not.toHaveProperty('pendingLog');
    expect(doc).not.toHaveProperty('logPending');
  });

  it('reads entries still waiting on the record, and after a partial move shows each entry once', async () => {
    const created = await create('Outbox Two');
    await fx.app.logOutbox.sweep();
    // As a crash would leave it: an update's entry still on the record, and one already copied but not removed.
    const user = await fx.app.db.collection<UserDoc>('users').findOne({ login: 'agent1' });
    const entry = (version: number, notes: string): OplogDoc => ({
      _id: randomUUID(), entity: 'customer', recordId: created.id, version, action: 'update', at: new Date(Date.now() + version),
      by: { id: user!._id, name: user!.name }, changes: [{ field: 'notes', before: null, after: notes }],
    });
    const copied = entry(2, 'copied');
    const waiting = entry(3, 'waiting');
    await oplog().insertOne(copied);
    await records().updateOne({ _id: created.id }, { $set: { version: 3, logPending: true, pendingLog: [copied, waiting], 'values.notes': 'waiting' } });

    const before = await agent1.get(`/api/records/customer/${created.id}/log`);
    expect(before.body.map((e: any) => [e.action, e.changes[0]?.after ?? null])).toEqual([['update', 'waiting'], ['update', 'copied'], ['create', 'Outbox Two']]);

    await fx.app.logOutbox.sweep();
    await fx.app.logOutbox.sweep(); // idempotent: a second sweep (or another process) changes nothing
    expect(await oplog().countDocuments({ recordId: created.id })).toBe(2);
    const after = await agent1.get(`/api/records/customer/${created.id}/log`);
    expect(after.body).toEqual(before.body);
    expect(await records().findOne({ _id: created.id })).not.toHaveProperty('pendingLog');
  });

  it('a write that fails (version conflict) leaves no log entry', async () => {
    const created = await create('Outbox Three');
    const stale = await agent1.patch(`/api/records/customer/${created.id}`, { version: 7, values: { notes: 'lost' } });
    expect(stale.status).toBe(409);
    await fx.app.logOutbox.sweep();
    expect(await oplog().countDocuments({ recordId: created.id })).toBe(0);
    expect((await agent1.get(`/api/records/customer/${created.id}/log`)).body.map((e: any) => e.action)).toEqual(['create']);
  });

  it('the derived creation entry shows the first values, whatever changed since', async () => {
    const created = await create('Outbox Four');
    const first = await agent1.patch(`/api/records/customer/${created.id}`, { version: 1, values: { name: 'Renamed', level: 'a' } });
    const second = await agent1.patch(`/api/records/customer/${created.id}`, { version: 2, values: { name: 'Renamed again', level: null } });
    expect([first.status, second.status]).toEqual([200, 200]);
    const log = (await agent1.get(`/api/records/customer/${created.id}/log`)).body;
    expect(log.map((e: any) => e.action)).toEqual(['update', 'update', 'create']);
    const creation = Object.fromEntries(log[2].changes.map((c: any) => [c.field, c.after]));
    expect(creation).toMatchObject({ name: 'Outbox Four', status: 'pending' });
    expect(creation).not.toHaveProperty('level');
  });
});
