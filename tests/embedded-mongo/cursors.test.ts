import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Long, type Collection, type Db, type MongoClient } from 'mongodb';
import { startTarget, connect, uniqueDbName, expectServerError, type AnyDoc, type StartedServer } from './server-fixture.js';

let server: StartedServer;
let client: MongoClient;
let db: Db;
let coll: Collection<AnyDoc>;
const N = 1000;

beforeAll(async () => {
  server = await startTarget();
  client = await connect(server.uri);
  db = client.db(uniqueDbName('cursors'));
  coll = db.collection<AnyDoc>('docs');
  await coll.insertMany(Array.from({ length: N }, (_, i) => ({ _id: i, pad: 'x'.repeat(100) })));
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
  await server?.stop();
});

/** Runs a raw find that leaves an open cursor; returns its id as a Long. */
async function openCursor(batchSize: number): Promise<{ id: Long; firstBatch: AnyDoc[] }> {
  const res = await db.command({ find: coll.collectionName, filter: {}, sort: { _id: 1 }, batchSize }, { promoteLongs: false });
  expect(res.cursor.ns).toBe(`${db.databaseName}.${coll.collectionName}`);
  expect(res.cursor.id).toBeInstanceOf(Long);
  return { id: res.cursor.id as Long, firstBatch: res.cursor.firstBatch };
}

describe('cursors', () => {
  it('reads every document exactly once, in order, in small batches', async () => {
    const ids: number[] = [];
    for await (const doc of coll.find({}, { projection: { pad: 0 } }).sort({ _id: 1 }).batchSize(7)) ids.push(doc._id as number);
    expect(ids).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('raw find/getMore pages through the results and ends with cursor id 0', async () => {
    const { id, firstBatch } = await openCursor(300);
    expect(firstBatch).toHaveLength(300);
    let total = firstBatch.length;
    let cursorId = id;
    while (!cursorId.isZero()) {
      const more = await db.command({ getMore: cursorId, collection: coll.collectionName, batchSize: 300 }, { promoteLongs: false });
      expect(more.cursor.nextBatch[0]._id).toBe(total);
      total += more.cursor.nextBatch.length;
      cursorId = Long.fromValue(more.cursor.id);
    }
    expect(total).toBe(N);
  });

  it('closing a cursor early leaves the server healthy', async () => {
    const cursor = coll.find().sort({ _id: 1 }).batchSize(5);
    expect((await cursor.next())?._id).toBe(0);
    const id = cursor.id!;
    expect(id.isZero()).toBe(false);
    await cursor.close();
    // close() killed the server-side cursor.
    await expectServerError(db.command({ getMore: id, collection: coll.collectionName }), 43, 'CursorNotFound');
    expect(await coll.countDocuments()).toBe(N);
    expect((await coll.find().sort({ _id: -1 }).limit(1).toArray())[0]._id).toBe(N - 1);
  });

  it('getMore on a killed cursor fails with CursorNotFound (43)', async () => {
    const { id } = await openCursor(2);
    const killed = await db.command({ killCursors: coll.collectionName, cursors: [id] }, { promoteLongs: false });
    expect(killed.cursorsKilled.map((c: Long) => c.toString())).toEqual([id.toString()]);
    const err = await expectServerError(db.command({ getMore: id, collection: coll.collectionName }), 43, 'CursorNotFound');
    expect(err.message).toContain(id.toString());
  });

  it('getMore on a never-issued cursor id fails with CursorNotFound (43)', async () => {
    await expectServerError(
      db.command({ getMore: Long.fromString('1234567890123'), collection: coll.collectionName }),
      43,
      'CursorNotFound',
    );
  });

  it('killCursors reports unknown ids as not found', async () => {
    const res = await db.command({ killCursors: coll.collectionName, cursors: [Long.fromString('987654321')] }, { promoteLongs: false });
    expect(res.cursorsNotFound.map((c: Long) => c.toString())).toEqual(['987654321']);
  });

  it('a result that fits in the first batch comes back with cursor id 0', async () => {
    const res = await db.command({ find: coll.collectionName, filter: { _id: { $lt: 3 } }, batchSize: 10 }, { promoteLongs: false });
    expect(Long.fromValue(res.cursor.id).isZero()).toBe(true);
    expect(res.cursor.firstBatch).toHaveLength(3);
  });

  it('aggregate honours batchSize and returns everything', async () => {
    const cursor = coll.aggregate([{ $match: { _id: { $gte: 100 } } }, { $sort: { _id: -1 } }, { $project: { _id: 1 } }], { batchSize: 9 });
    const ids = (await cursor.toArray()).map((d) => d._id);
    expect(ids).toHaveLength(N - 100);
    expect(ids[0]).toBe(N - 1);
    expect(ids.at(-1)).toBe(100);
    expect(new Set(ids).size).toBe(N - 100);

    const raw = await db.command({ aggregate: coll.collectionName, pipeline: [{ $sort: { _id: 1 } }], cursor: { batchSize: 4 } }, { promoteLongs: false });
    expect(raw.cursor.firstBatch).toHaveLength(4);
    expect(Long.fromValue(raw.cursor.id).isZero()).toBe(false);
    await db.command({ killCursors: coll.collectionName, cursors: [raw.cursor.id] });
  });

  it('limit larger than batchSize returns exactly limit documents', async () => {
    const docs = await coll.find({}, { projection: { _id: 1 } }).sort({ _id: 1 }).skip(10).limit(20).batchSize(3).toArray();
    expect(docs.map((d) => d._id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 10));
  });

  it('a negative limit returns a single batch', async () => {
    const docs = await coll.find().sort({ _id: 1 }).limit(-5).toArray();
    expect(docs.map((d) => d._id)).toEqual([0, 1, 2, 3, 4]);
  });

  it('cursors survive interleaved writes to other documents', async () => {
    const cursor = coll.find({ _id: { $lt: 50 } }).sort({ _id: 1 }).batchSize(10);
    const seen: number[] = [];
    for await (const doc of cursor) {
      seen.push(doc._id as number);
      if (seen.length === 5) await coll.insertOne({ _id: 'late', pad: '' });
    }
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await coll.deleteOne({ _id: 'late' });
  });
});
