import { describe, it, expect } from 'vitest';
import { MongoBulkWriteError, ObjectId, type WriteError, type Collection } from 'mongodb';
import { useTestDatabase, type AnyDoc } from './server-fixture.js';

const target = useTestDatabase('bulk');
const fresh = target.fresh;

async function expectBulkError(promise: Promise<unknown>): Promise<MongoBulkWriteError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoBulkWriteError);
  return err as MongoBulkWriteError;
}

/** The driver types writeErrors as one-or-many. */
const writeErrorsOf = (err: MongoBulkWriteError): WriteError[] => ([] as WriteError[]).concat(err.writeErrors);

const ids = async (c: Collection<AnyDoc>) => (await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id);

describe('bulkWrite', () => {
  it('reports counts for every kind of operation', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, v: 0 }, { _id: 2, v: 0 }, { _id: 3, v: 0 }]);
    const res = await c.bulkWrite([
      { insertOne: { document: { _id: 4, v: 0 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { v: 1 } } } },
      { updateMany: { filter: { v: 0 }, update: { $set: { v: 2 } } } },
      { updateOne: { filter: { _id: 2 }, update: { $set: { v: 2 } } } },
      { updateOne: { filter: { _id: 10 }, update: { $set: { v: 10 } }, upsert: true } },
      { replaceOne: { filter: { _id: 11 }, replacement: { v: 11 }, upsert: true } },
      { replaceOne: { filter: { _id: 3 }, replacement: { v: 3 } } },
      { deleteOne: { filter: { _id: 4 } } },
      { deleteMany: { filter: { v: { $gte: 10 } } } },
    ]);
    expect(res.insertedCount).toBe(1);
    expect(res.matchedCount).toBe(1 + 3 + 1 + 1); // _id:2 matched again but not modified
    expect(res.modifiedCount).toBe(1 + 3 + 0 + 1);
    expect(res.upsertedCount).toBe(2);
    expect(res.upsertedIds).toEqual({ 4: 10, 5: 11 });
    expect(res.deletedCount).toBe(3);
    expect(res.insertedIds).toEqual({ 0: 4 });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, v: 1 }, { _id: 2, v: 2 }, { _id: 3, v: 3 }]);
  });

  it('upserts without an _id in the filter return generated ObjectIds', async () => {
    const c = fresh();
    const res = await c.bulkWrite([{ updateOne: { filter: { k: 'a' }, update: { $set: { v: 1 } }, upsert: true } }]);
    expect(res.upsertedIds[0]).toBeInstanceOf(ObjectId);
  });

  it('ordered stops at the first error', async () => {
    const c = fresh();
    await c.insertOne({ _id: 2 });
    const err = await expectBulkError(
      c.bulkWrite([
        { insertOne: { document: { _id: 1 } } },
        { updateOne: { filter: { _id: 1 }, update: { $set: { seen: true } } } },
        { insertOne: { document: { _id: 2 } } },
        { insertOne: { document: { _id: 3 } } },
        { deleteOne: { filter: { _id: 1 } } },
      ]),
    );
    expect(err.code).toBe(11000);
    expect(writeErrorsOf(err)).toHaveLength(1);
    const [first] = writeErrorsOf(err);
    expect(first.index).toBe(2);
    expect(first.code).toBe(11000);
    expect(err.result.insertedCount).toBe(1);
    expect(err.result.modifiedCount).toBe(1);
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, seen: true }, { _id: 2 }]);
  });

  it('unordered carries on past errors and lists each failing index', async () => {
    const c = fresh();
    await c.insertOne({ _id: 2 });
    const err = await expectBulkError(
      c.bulkWrite(
        [
          { insertOne: { document: { _id: 1 } } },
          { insertOne: { document: { _id: 2 } } },
          { insertOne: { document: { _id: 3 } } },
          { insertOne: { document: { _id: 1 } } },
          { insertOne: { document: { _id: 4 } } },
        ],
        { ordered: false },
      ),
    );
    expect(writeErrorsOf(err).map((e) => e.index)).toEqual([1, 3]);
    expect(err.result.insertedCount).toBe(3);
    expect(await ids(c)).toEqual([1, 2, 3, 4]);
  });
});

describe('insertMany', () => {
  it('ordered stops at the duplicate', async () => {
    const c = fresh();
    const err = await expectBulkError(c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }]));
    expect(writeErrorsOf(err).map((e) => e.index)).toEqual([2]);
    expect(err.insertedCount).toBe(2);
    expect(await ids(c)).toEqual([1, 2]);
  });

  it('unordered inserts everything else', async () => {
    const c = fresh();
    const err = await expectBulkError(c.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }], { ordered: false }));
    const writeErrors = writeErrorsOf(err);
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect(writeErrors[0].errmsg).toContain('E11000');
    expect(err.insertedCount).toBe(3);
    expect(await ids(c)).toEqual([1, 2, 3]);
  });

  it('inserts more than one wire message worth of data (> 48 MB) in one call', async () => {
    const c = fresh();
    const blob = 'x'.repeat(1024 * 1024);
    const res = await c.insertMany(Array.from({ length: 60 }, (_, i) => ({ _id: i, blob })));
    expect(res.insertedCount).toBe(60);
    expect(await c.countDocuments()).toBe(60);
    const back = await c.findOne({ _id: 59 });
    expect(back!.blob).toHaveLength(blob.length);
    await c.drop();
  });

  it('inserts a large batch in one call', async () => {
    const c = fresh();
    const res = await c.insertMany(Array.from({ length: 5000 }, (_, i) => ({ i })));
    expect(res.insertedCount).toBe(5000);
    expect(await c.countDocuments()).toBe(5000);
  });
});
