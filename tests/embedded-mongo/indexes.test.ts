import { describe, it, expect, beforeAll } from 'vitest';
import type { Collection } from 'mongodb';
import { useTestDatabase, startTarget, startEmbedded, expectServerError, external, type AnyDoc } from './server-fixture.js';

// The TTL monitor runs every 60 s on mongod; the embedded server can be told to run it every second.
const target = useTestDatabase('indexes', () => (external ? startTarget() : startEmbedded({ args: ['--ttl-monitor-secs', '1'] })));
const fresh = target.fresh;

describe('index management', () => {
  it('creates single and compound indexes and lists them', async () => {
    const c = fresh();
    await c.insertOne({ a: 1 });
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ a: 1, b: -1 })).toBe('a_1_b_-1');
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    expect(await c.createIndex({ x: 1 }, { name: 'custom' })).toBe('custom');
    // Creating an identical index again is a no-op that returns the same name.
    expect(await c.createIndex({ a: 1 })).toBe('a_1');

    const indexes = await c.listIndexes().toArray();
    expect(indexes.map((i) => i.name)).toEqual(['_id_', 'a_1', 'a_1_b_-1', 'email_1', 'custom']);
    expect(indexes[0]).toMatchObject({ key: { _id: 1 }, name: '_id_' });
    expect(indexes[0].unique).toBeUndefined(); // mongod does not report unique on _id_
    expect(indexes[2].key).toEqual({ a: 1, b: -1 });
    expect(Object.keys(indexes[2].key)).toEqual(['a', 'b']);
    expect(indexes[3]).toMatchObject({ key: { email: 1 }, name: 'email_1', unique: true });
    expect(indexes[1].unique).toBeUndefined();
    expect(await c.indexExists('a_1_b_-1')).toBe(true);
  });

  it('dropIndex and dropIndexes', async () => {
    const c = fresh();
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    await c.dropIndex('a_1');
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'b_1', 'c_1']);
    await c.dropIndex({ b: 1 } as never);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'c_1']);
    await expectServerError(c.dropIndex('nope_1'), 27, 'IndexNotFound');
    await expectServerError(c.dropIndex('_id_'), 72, 'InvalidOptions');
    await c.createIndex({ d: 1 });
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('listIndexes on a missing collection fails with NamespaceNotFound (26)', async () => {
    await expectServerError(target.db.collection('missing').listIndexes().toArray(), 26, 'NamespaceNotFound');
  });

  it('creating an index with the same name but different key fails', async () => {
    const c = fresh();
    await c.createIndex({ a: 1 }, { name: 'idx' });
    await expectServerError(c.createIndex({ b: 1 }, { name: 'idx' }), 86, 'IndexKeySpecsConflict');
  });

  it('creating the same key under another name fails with IndexOptionsConflict (85)', async () => {
    const c = fresh();
    await c.createIndex({ a: 1 });
    await expectServerError(c.createIndex({ a: 1 }, { name: 'other' }), 85, 'IndexOptionsConflict');
  });

  it('an invalid key type fails with CannotCreateIndex (67)', async () => {
    await expectServerError(fresh().createIndex({ a: 'frob' } as never), 67, 'CannotCreateIndex');
  });

  it('a hint naming a missing index fails with BadValue (2); a valid hint works', async () => {
    const c = fresh();
    await c.insertMany([{ a: 1 }, { a: 2 }]);
    await c.createIndex({ a: 1 });
    await expectServerError(c.find({ a: 1 }).hint('nope_1').toArray(), 2, 'BadValue');
    expect(await c.find({ a: 2 }, { projection: { _id: 0 } }).hint('a_1').toArray()).toEqual([{ a: 2 }]);
    expect(await c.find({ a: 2 }, { projection: { _id: 0 } }).hint({ a: 1 }).toArray()).toEqual([{ a: 2 }]);
  });
});

describe('query results do not depend on indexes', () => {
  it('returns the same documents, in the same order, with and without indexes', async () => {
    const c = fresh();
    const values: unknown[] = [null, 0, 1, 2.5, -3, 'a', 'b', '', [1, 2], [], [[1]], { x: 1 }, true, new Date(0), 10n];
    await c.insertMany([
      ...values.map((v, i) => ({ _id: i, a: v, b: i % 3, s: { t: i % 2 } })),
      { _id: 100, b: 1 }, // no `a`
    ]);
    const queries: object[] = [
      { a: 1 },
      { a: null },
      { a: { $exists: false } },
      { a: { $gt: 0 } },
      { a: { $gte: 'a' } },
      { a: { $lt: 2 } },
      { a: { $in: [1, 'b', null] } },
      { a: { $nin: [1, null] } },
      { a: { $ne: 1 } },
      { a: [1, 2] },
      { a: [] },
      { a: { $size: 2 } },
      { a: { $type: 'array' } },
      { a: { x: 1 } },
      { a: 1, b: 1 },
      { a: { $gt: 0 }, b: { $in: [0, 2] } },
      { b: 1, 's.t': 1 },
      { 's.t': 0 },
      { $or: [{ a: 1 }, { b: 2 }] },
    ];
    const sorts: object[] = [{ _id: 1 }, { a: 1, _id: 1 }, { a: -1, _id: 1 }, { b: -1, a: 1, _id: -1 }];
    const run = async () => {
      const out: Record<string, unknown[]> = {};
      for (const q of queries) {
        for (const sort of sorts) {
          out[`${JSON.stringify(q)} sort ${JSON.stringify(sort)}`] = (await c.find(q).sort(sort as never).toArray()).map((d) => d._id);
        }
      }
      return out;
    };
    const before = await run();
    await c.createIndex({ a: 1 });
    await c.createIndex({ b: -1, a: 1 });
    await c.createIndex({ 's.t': 1 });
    expect(await run()).toEqual(before);
    expect(await c.countDocuments({ a: 1 })).toBe(2); // the scalar 1 and the array [1, 2]
  });

  it('multikey, date-range and job-queue style queries agree with and without indexes', async () => {
    const c = fresh();
    const t0 = Date.UTC(2025, 0, 1);
    await c.insertMany(
      Array.from({ length: 60 }, (_, i) => ({
        _id: i,
        xs: i % 7 === 0 ? [] : i % 11 === 0 ? [{ k: null }] : [{ k: `k${i % 4}`, v: i % 5 }, { k: `k${(i + 1) % 4}`, v: i % 3 }],
        name: `job${i % 3}`,
        nextRunAt: i % 10 === 0 ? null : new Date(t0 + (i % 13) * 60_000),
        lockedAt: i % 4 === 0 ? new Date(t0) : null,
        priority: (i % 5) - 2,
        ...(i % 6 === 0 ? { disabled: true } : {}),
      })),
    );
    const now = new Date(t0 + 6 * 60_000);
    const queries: { filter: object; sort: object; limit?: number }[] = [
      { filter: { 'xs.k': 'k1' }, sort: { _id: 1 } },
      { filter: { 'xs.k': { $in: ['k2', 'zz'] } }, sort: { _id: -1 } },
      { filter: { 'xs.k': null }, sort: { _id: 1 } },
      { filter: { 'xs.k': { $exists: false } }, sort: { _id: 1 } },
      { filter: { xs: { $elemMatch: { k: 'k0', v: { $gte: 2 } } } }, sort: { _id: 1 } },
      { filter: { 'xs.v': { $gt: 1, $lt: 3 } }, sort: { _id: 1 } },
      { filter: { nextRunAt: { $lte: now } }, sort: { nextRunAt: 1, _id: 1 } },
      { filter: { nextRunAt: { $gt: now } }, sort: { nextRunAt: -1, _id: 1 } },
      { filter: { nextRunAt: null }, sort: { _id: 1 } },
      {
        filter: {
          name: 'job1',
          disabled: { $ne: true },
          $or: [{ lockedAt: null, nextRunAt: { $lte: now } }, { lockedAt: { $lte: new Date(t0) } }],
        },
        sort: { nextRunAt: 1, priority: -1, _id: 1 },
        limit: 3,
      },
      { filter: {}, sort: { name: 1, nextRunAt: 1, priority: -1, _id: 1 }, limit: 10 },
    ];
    const run = async () => {
      const out: Record<string, unknown[]> = {};
      for (const { filter, sort, limit } of queries) {
        const docs = await c.find(filter).sort(sort as never).limit(limit ?? 0).toArray();
        out[`${JSON.stringify(filter)} sort ${JSON.stringify(sort)} limit ${limit ?? 0}`] = docs.map((d) => d._id);
      }
      return out;
    };
    const before = await run();
    await c.createIndex({ 'xs.k': 1 });
    await c.createIndex({ 'xs.v': 1 });
    await c.createIndex({ nextRunAt: 1 });
    await c.createIndex({ name: 1, nextRunAt: 1, priority: -1, lockedAt: 1, disabled: 1 });
    expect(await run()).toEqual(before);
  });
});

describe('unique indexes', () => {
  let users: Collection<AnyDoc>;
  beforeAll(async () => {
    users = fresh();
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([{ _id: 1, email: 'a@x' }, { _id: 2, email: 'b@x' }]);
  });

  it('rejects a duplicate insertOne with 11000, keyPattern and keyValue', async () => {
    const err = await expectServerError(users.insertOne({ _id: 3, email: 'a@x' }), 11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x' });
    expect(err.message).toMatch(/E11000 duplicate key error collection: .*index: email_1 dup key: \{ email: "a@x" \}/);
    expect(await users.countDocuments()).toBe(2);
  });

  it('rejects an update that would create a duplicate', async () => {
    const err = await expectServerError(users.updateOne({ _id: 2 }, { $set: { email: 'a@x' } }), 11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x' });
    expect(await users.findOne({ _id: 2 })).toEqual({ _id: 2, email: 'b@x' });
  });

  it('rejects an upsert that would create a duplicate', async () => {
    const err = await expectServerError(users.updateOne({ _id: 9 }, { $set: { email: 'b@x' } }, { upsert: true }), 11000);
    expect(err.keyValue).toEqual({ email: 'b@x' });
    expect(await users.findOne({ _id: 9 })).toBeNull();
  });

  it('duplicate _id reports the _id_ index', async () => {
    const err = await expectServerError(users.insertOne({ _id: 1, email: 'new@x' }), 11000);
    expect(err.keyPattern).toEqual({ _id: 1 });
    expect(err.keyValue).toEqual({ _id: 1 });
  });

  it('treats a missing field as null: only one document may lack it', async () => {
    await users.insertOne({ _id: 10 });
    const err = await expectServerError(users.insertOne({ _id: 11 }), 11000);
    expect(err.keyValue).toEqual({ email: null });
    await users.deleteOne({ _id: 10 });
  });

  it('creating a unique index over existing duplicates fails with 11000', async () => {
    const c = fresh();
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expectServerError(c.createIndex({ k: 1 }, { unique: true }), 11000, 'DuplicateKey');
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('compound unique constrains the combination only', async () => {
    const c = fresh();
    await c.createIndex({ a: 1, b: 1 }, { unique: true });
    await c.insertMany([{ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 2, b: 1 }]);
    const err = await expectServerError(c.insertOne({ a: 1, b: 2 }), 11000);
    expect(err.keyPattern).toEqual({ a: 1, b: 1 });
    expect(err.keyValue).toEqual({ a: 1, b: 2 });
  });

  it('partialFilterExpression constrains only matching documents', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([
      { email: 'a@x', active: true },
      { email: 'a@x', active: false },
      { email: 'a@x' },
    ]);
    await expectServerError(c.insertOne({ email: 'a@x', active: true }), 11000);
    const [, idx] = await c.listIndexes().toArray();
    expect(idx.partialFilterExpression).toEqual({ active: true });
  });

  it('sparse unique lets many documents lack the field', async () => {
    const c = fresh();
    await c.createIndex({ code: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ x: 1 }, { x: 2 }, { code: 'A' }]);
    await expectServerError(c.insertOne({ code: 'A' }), 11000);
    const [, idx] = await c.listIndexes().toArray();
    expect(idx).toMatchObject({ unique: true, sparse: true });
  });

  it('unique index on an array field indexes each element', async () => {
    const c = fresh();
    await c.createIndex({ tags: 1 }, { unique: true });
    await c.insertOne({ tags: ['a', 'b'] });
    await expectServerError(c.insertOne({ tags: ['c', 'b'] }), 11000);
    await c.insertOne({ tags: ['c', 'd'] });
  });
});

describe('TTL indexes', () => {
  it.skipIf(external && process.env.MONGODB_TTL_TEST !== '1')(
    'removes expired documents',
    async () => {
      const c = fresh();
      await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
      const [, idx] = await c.listIndexes().toArray();
      expect(idx.expireAfterSeconds).toBe(1);
      await c.insertMany([
        { _id: 'old', at: new Date(Date.now() - 60_000) },
        { _id: 'oldInArray', at: [new Date(Date.now() + 3_600_000), new Date(Date.now() - 60_000)] },
        { _id: 'future', at: new Date(Date.now() + 3_600_000) },
        { _id: 'notDate', at: 'yesterday' },
        { _id: 'missing' },
      ]);
      const deadline = Date.now() + (external ? 150_000 : 15_000);
      while ((await c.countDocuments({ _id: { $in: ['old', 'oldInArray'] } })) > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['future', 'missing', 'notDate']);
    },
    180_000,
  );
});
