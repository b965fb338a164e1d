// Options whose absence changes results are either implemented or refused with the code mongod uses; none is
// accepted and ignored. One test per option that the server used to accept silently.
import { describe, expect, it } from 'vitest';
import { Double, Int32, type Document } from 'mongodb';
import { expectServerError, external, useTestDatabase, type AnyDoc } from './server-fixture.js';

const target = useTestDatabase('options');
const fresh = target.fresh;
/** mongod implements these; the embedded server refuses them with NotImplemented (238). */
const NOT_IMPLEMENTED = 238;

describe.skipIf(external)('collation (the embedded server has only the simple one)', () => {
  it('refuses a locale-aware collation on every command that takes one, accepts the simple one', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, s: 'a' }, { _id: 2, s: 'A' }]);
    const ci = { locale: 'en', strength: 2 };
    await expectServerError(c.find({ s: 'a' }, { collation: ci }).toArray(), NOT_IMPLEMENTED, 'NotImplemented');
    await expectServerError(c.aggregate([{ $match: { s: 'a' } }], { collation: ci }).toArray(), NOT_IMPLEMENTED);
    await expectServerError(c.countDocuments({ s: 'a' }, { collation: ci }), NOT_IMPLEMENTED);
    await expectServerError(c.distinct('s', {}, { collation: ci }), NOT_IMPLEMENTED);
    await expectServerError(c.updateMany({ s: 'a' }, { $set: { hit: 1 } }, { collation: ci }), NOT_IMPLEMENTED);
    await expectServerError(c.deleteMany({ s: 'a' }, { collation: ci }), NOT_IMPLEMENTED);
    await expectServerError(c.findOneAndUpdate({ s: 'a' }, { $set: { hit: 1 } }, { collation: ci }), NOT_IMPLEMENTED);
    await expectServerError(c.createIndex({ s: 1 }, { collation: ci }), NOT_IMPLEMENTED);
    await expectServerError(target.db.createCollection(`coll_${Date.now()}`, { collation: ci }), NOT_IMPLEMENTED);
    expect(await c.countDocuments({ hit: 1 })).toBe(0);
    expect(await c.countDocuments()).toBe(2);
    expect(await c.find({ s: 'a' }, { collation: { locale: 'simple' } }).toArray()).toEqual([{ _id: 1, s: 'a' }]);
  });
});

describe('views', () => {
  it('reads through a view: its pipeline, then the filter, sort, skip, limit and projection of the find', async () => {
    const c = fresh();
    await c.insertMany([
      { _id: 1, team: 'a', n: 5, secret: 'x' },
      { _id: 2, team: 'b', n: 7, secret: 'y' },
      { _id: 3, team: 'a', n: 9, secret: 'z' },
      { _id: 4, team: 'a', n: 1, secret: 'w' },
    ]);
    const name = `v_${c.collectionName}`;
    await target.db.createCollection(name, { viewOn: c.collectionName, pipeline: [{ $match: { team: 'a' } }, { $project: { secret: 0 } }] });
    const view = target.db.collection<AnyDoc>(name);
    expect(await view.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, team: 'a', n: 5 },
      { _id: 3, team: 'a', n: 9 },
      { _id: 4, team: 'a', n: 1 },
    ]);
    expect(await view.find({ n: { $gt: 2 } }, { projection: { n: 1 } }).sort({ n: -1 }).skip(1).limit(1).toArray()).toEqual([{ _id: 1, n: 5 }]);
    expect(await view.countDocuments({ n: { $gt: 2 } })).toBe(2);
    expect(await view.distinct('n')).toEqual([1, 5, 9]);
    expect(await view.aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }]).toArray()).toEqual([{ _id: null, total: 15 }]);
    // A view on a view adds its pipeline after the inner one.
    await target.db.createCollection(`${name}_big`, { viewOn: name, pipeline: [{ $match: { n: { $gte: 5 } } }] });
    expect((await target.db.collection<AnyDoc>(`${name}_big`).find().toArray()).map((d) => d._id).sort()).toEqual([1, 3]);
    const listed = await target.db.listCollections({ name }).toArray();
    expect(listed[0]).toMatchObject({ name, type: 'view', options: { viewOn: c.collectionName } });
    // The view follows the collection.
    await c.insertOne({ _id: 5, team: 'a', n: 2 });
    expect(await view.countDocuments()).toBe(4);
  });

  it('refuses writes and indexes on a view with CommandNotSupportedOnView (166)', async () => {
    const c = fresh();
    const name = `v_${c.collectionName}`;
    await target.db.createCollection(name, { viewOn: c.collectionName, pipeline: [] });
    const view = target.db.collection<AnyDoc>(name);
    await expectServerError(view.insertOne({ a: 1 }), 166, 'CommandNotSupportedOnView');
    await expectServerError(view.updateMany({}, { $set: { a: 1 } }), 166);
    await expectServerError(view.deleteMany({}), 166);
    await expectServerError(view.createIndex({ a: 1 }), 166);
    expect(await c.countDocuments()).toBe(0);
  });
});

describe('validators', () => {
  const schema = {
    $jsonSchema: {
      bsonType: 'object',
      required: ['name', 'age'],
      properties: { name: { bsonType: 'string', minLength: 1 }, age: { bsonType: 'int', minimum: 0 }, tags: { bsonType: 'array', items: { bsonType: 'string' } } },
    },
  };

  it('a $jsonSchema validator refuses invalid inserts and updates with DocumentValidationFailure (121)', async () => {
    const name = `val_${Date.now()}`;
    await target.db.createCollection(name, { validator: schema });
    const c = target.db.collection<AnyDoc>(name);
    await c.insertOne({ _id: 1, name: 'Ann', age: new Int32(30), tags: ['a'] });
    const err = await expectServerError(c.insertOne({ _id: 2, name: 'Bob' }), 121, 'DocumentValidationFailure');
    expect(err.errInfo).toMatchObject({ failingDocumentId: 2 });
    await expectServerError(c.insertOne({ _id: 3, name: 'Cid', age: new Double(3.5) }), 121);
    await expectServerError(c.updateOne({ _id: 1 }, { $set: { age: -1 } }), 121);
    await expectServerError(c.updateOne({ _id: 1 }, { $push: { tags: 5 } as never }), 121);
    await expectServerError(c.replaceOne({ _id: 1 }, { name: 'Ann' }), 121);
    expect(await c.find().toArray()).toEqual([{ _id: 1, name: 'Ann', age: 30, tags: ['a'] }]);
    // bypassDocumentValidation skips it, as in mongod.
    await c.insertOne({ _id: 4, name: 'Dee' }, { bypassDocumentValidation: true });
    expect(await c.countDocuments()).toBe(2);
  });

  it('query-operator validators, validationAction warn, validationLevel moderate, and collMod', async () => {
    const name = `valq_${Date.now()}`;
    await target.db.createCollection(name, { validator: { status: { $in: ['new', 'done'] } } });
    const c = target.db.collection<AnyDoc>(name);
    await c.insertOne({ _id: 1, status: 'new' });
    await expectServerError(c.insertOne({ _id: 2, status: 'bogus' }), 121);

    await target.db.command({ collMod: name, validationAction: 'warn' });
    await c.insertOne({ _id: 3, status: 'bogus' }); // logged, accepted
    await target.db.command({ collMod: name, validationAction: 'error', validationLevel: 'moderate' });
    await c.updateOne({ _id: 3 }, { $set: { other: 1 } }); // already invalid: moderate lets it be
    await expectServerError(c.updateOne({ _id: 1 }, { $set: { status: 'bogus' } }), 121);
    await expectServerError(c.insertOne({ _id: 4, status: 'bogus' }), 121);
    expect((await c.find().toArray()).map((d) => d._id)).toEqual([1, 3]);

    const info = await target.db.listCollections({ name }).toArray();
    expect((info[0] as Document).options).toMatchObject({ validator: { status: { $in: ['new', 'done'] } }, validationLevel: 'moderate', validationAction: 'error' });
  });

  it('refuses a $jsonSchema keyword it does not know (FailedToParse, 9)', async () => {
    await expectServerError(target.db.createCollection(`valbad_${Date.now()}`, { validator: { $jsonSchema: { bsonType: 'object', format: 'email' } } }), 9);
    await expectServerError(target.db.createCollection(`valbad2_${Date.now()}`, { validator: { $jsonSchema: { bsonTyp: 'object' } } }), 9);
  });
});

describe('capped collections', () => {
  it('keep the newest documents within max and size, in insertion order', async () => {
    const byCount = `capped_${Date.now()}`;
    await target.db.createCollection(byCount, { capped: true, size: 100_000, max: 3 });
    const c = target.db.collection<AnyDoc>(byCount);
    for (let i = 1; i <= 5; i++) await c.insertOne({ _id: i });
    expect((await c.find().toArray()).map((d) => d._id)).toEqual([3, 4, 5]);
    const bySize = `cappedsize_${Date.now()}`;
    await target.db.createCollection(bySize, { capped: true, size: 4096 });
    const s = target.db.collection<AnyDoc>(bySize);
    for (let i = 0; i < 20; i++) await s.insertOne({ _id: i, pad: 'x'.repeat(500) });
    const kept = (await s.find().toArray()).map((d) => d._id as number);
    expect(kept.length).toBeLessThan(9);
    expect(kept[kept.length - 1]).toBe(19);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    const stats = await target.db.command({ collStats: bySize });
    expect(stats.size).toBeLessThanOrEqual(4096);
  });

  it('refuses capped without size (InvalidOptions, 72) and writes to a capped collection in a transaction (263)', async () => {
    await expectServerError(target.db.createCollection(`cappednosize_${Date.now()}`, { capped: true } as never), 72);
    const name = `cappedtxn_${Date.now()}`;
    await target.db.createCollection(name, { capped: true, size: 4096 });
    const session = target.client.startSession();
    try {
      session.startTransaction();
      await expectServerError(target.db.collection<AnyDoc>(name).insertOne({ a: 1 }, { session }), 263);
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
  });
});

describe.skipIf(external)('create options the embedded server does not have', () => {
  it('refuses time-series and clustered collections (238) and unknown options (40415)', async () => {
    await expectServerError(target.db.createCollection(`ts_${Date.now()}`, { timeseries: { timeField: 't' } }), NOT_IMPLEMENTED, 'NotImplemented');
    await expectServerError(target.db.createCollection(`cl_${Date.now()}`, { clusteredIndex: { key: { _id: 1 }, unique: true } }), NOT_IMPLEMENTED);
    await expectServerError(target.db.command({ create: `unk_${Date.now()}`, bogusOption: 1 }), 40415);
    const names = (await target.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names.some((n) => n.startsWith('ts_') || n.startsWith('cl_') || n.startsWith('unk_'))).toBe(false);
  });

  it('refuses find options it does not have: returnKey, showRecordId, min/max (238), tailable (2)', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, a: 1 });
    await expectServerError(c.find({}, { returnKey: true }).toArray(), NOT_IMPLEMENTED);
    await expectServerError(c.find({}, { showRecordId: true }).toArray(), NOT_IMPLEMENTED);
    await expectServerError(c.find({}, { min: { a: 0 }, hint: { _id: 1 } }).toArray(), NOT_IMPLEMENTED);
    await expectServerError(c.find({}, { tailable: true }).toArray(), 2);
  });
});

describe('command-level let', () => {
  it('find, aggregate, update, delete and findAndModify see $$variables', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 2 }, { _id: 3, n: 3 }]);
    const atLeast = { $expr: { $gte: ['$n', '$$min'] } };
    expect((await c.find(atLeast, { let: { min: 2 } }).toArray()).map((d) => d._id)).toEqual([2, 3]);
    expect(await c.aggregate([{ $match: atLeast }, { $project: { _id: 1, label: '$$label' } }], { let: { min: 3, label: 'big' } }).toArray()).toEqual([{ _id: 3, label: 'big' }]);
    await c.updateMany(atLeast, [{ $set: { by: '$$who' } }], { let: { min: 3, who: 'let' } });
    expect(await c.findOne({ _id: 3 })).toEqual({ _id: 3, n: 3, by: 'let' });
    expect(await c.countDocuments({ by: 'let' })).toBe(1);
    const found = await c.findOneAndUpdate({ $expr: { $eq: ['$n', '$$which'] } }, [{ $set: { picked: { $add: ['$$which', 10] } } }], { let: { which: 1 }, returnDocument: 'after' });
    expect(found).toEqual({ _id: 1, n: 1, picked: 11 });
    await c.deleteMany(atLeast, { let: { min: 2 } });
    expect((await c.find().toArray()).map((d) => d._id)).toEqual([1]);
  });
});

describe('snapshot read concern outside a transaction', () => {
  it('a snapshot session reads one point in time and names it; count is refused with snapshot (72)', async () => {
    const c = fresh();
    await c.insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: i })));
    const reply = await target.db.command({ find: c.collectionName, batchSize: 2, readConcern: { level: 'snapshot' } });
    expect(reply.cursor.atClusterTime).toBeDefined();
    const session = target.client.startSession({ snapshot: true });
    try {
      const cursor = c.find({}, { session, batchSize: 2 });
      const first = await cursor.next();
      await c.insertOne({ _id: 'later' }); // after the snapshot: not in the cursor's later batches
      const rest = await cursor.toArray();
      expect([first, ...rest].map((d: Document | null) => d?._id)).toEqual([0, 1, 2, 3, 4]);
      if (!external) {
        // The next read of the session asks for the same time, which this server no longer has for c.
        await expectServerError(c.find({}, { session }).toArray(), 239, 'SnapshotTooOld');
      }
    } finally {
      await session.endSession();
    }
    await expectServerError(target.db.command({ count: c.collectionName, readConcern: { level: 'snapshot' } }), 72);
  });
});
