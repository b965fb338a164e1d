import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Long, MongoServerError, type Collection, type Db, type MongoClient } from 'mongodb';
import { startTarget, connect, uniqueDbName, expectServerError, type AnyDoc, type StartedServer } from './server-fixture.js';

let server: StartedServer;
let client: MongoClient;
let other: MongoClient; // a second client that never joins the transactions
let db: Db;
let n = 0;

/** A fresh collection (created up front: mongod < 4.4 cannot create collections inside a transaction). */
async function fresh(): Promise<{ c: Collection<AnyDoc>; outside: Collection<AnyDoc> }> {
  const name = `c${++n}`;
  await db.createCollection(name);
  return { c: db.collection<AnyDoc>(name), outside: other.db(db.databaseName).collection<AnyDoc>(name) };
}

beforeAll(async () => {
  server = await startTarget();
  client = await connect(server.uri);
  other = await connect(server.uri);
  db = client.db(uniqueDbName('txn'));
});

afterAll(async () => {
  await db?.dropDatabase();
  await other?.close();
  await client?.close();
  await server?.stop();
});

describe('transactions', () => {
  it('writes are invisible outside until commit, then visible', async () => {
    const { c, outside } = await fresh();
    await c.insertOne({ _id: 'existing', v: 0 });
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 'new', v: 1 }, { session });
      await c.updateOne({ _id: 'existing' }, { $set: { v: 1 } }, { session });

      // The transaction sees its own writes ...
      expect(await c.findOne({ _id: 'new' }, { session })).toEqual({ _id: 'new', v: 1 });
      expect(await c.countDocuments({ v: 1 }, { session })).toBe(2);
      // ... nobody else does, not even this client outside the session.
      expect(await outside.findOne({ _id: 'new' })).toBeNull();
      expect(await outside.findOne({ _id: 'existing' })).toEqual({ _id: 'existing', v: 0 });
      expect(await c.findOne({ _id: 'new' })).toBeNull();

      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await outside.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'existing', v: 1 }, { _id: 'new', v: 1 }]);
  });

  it('withTransaction commits the callback’s writes', async () => {
    const { c, outside } = await fresh();
    await client.withSession((session) =>
      session.withTransaction(async () => {
        await c.insertMany([{ _id: 1 }, { _id: 2 }], { session });
        await c.deleteOne({ _id: 1 }, { session });
      }),
    );
    expect(await outside.find().toArray()).toEqual([{ _id: 2 }]);
  });

  it('abort rolls back inserts, updates and deletes', async () => {
    const { c, outside } = await fresh();
    await c.insertMany([{ _id: 'keep', v: 0 }, { _id: 'del', v: 0 }]);
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 'ins' }, { session });
      await c.updateOne({ _id: 'keep' }, { $set: { v: 99 } }, { session });
      await c.deleteOne({ _id: 'del' }, { session });
      expect(await c.countDocuments({}, { session })).toBe(2);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await outside.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'del', v: 0 }, { _id: 'keep', v: 0 }]);
  });

  it('a duplicate key inside a transaction fails and the transaction can be aborted', async () => {
    const { c, outside } = await fresh();
    await c.insertOne({ _id: 1 });
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 2 }, { session });
      await expectServerError(c.insertOne({ _id: 1 }, { session }), 11000);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await outside.find().toArray()).toEqual([{ _id: 1 }]);
  });

  it('within one transaction: reads by _id see its own writes, and a unique index holds across them', async () => {
    const { c, outside } = await fresh();
    await c.createIndex({ phone: 1 }, { unique: true });
    await c.insertMany([{ _id: 'a', phone: '1', n: 0 }, { _id: 'b', phone: '2', n: 0 }]);
    const session = client.startSession();
    try {
      session.startTransaction();
      for (let i = 0; i < 50; i++) await c.insertOne({ _id: `t${i}`, phone: `p${i}`, n: 0 }, { session });
      await c.updateOne({ _id: 't7' }, { $inc: { n: 1 } }, { session });
      await c.updateOne({ _id: { $eq: 'a' } }, { $set: { phone: 'p-a' } }, { session });
      await c.deleteOne({ _id: 'b' }, { session });
      expect(await c.findOne({ _id: 't7' }, { session })).toEqual({ _id: 't7', phone: 'p7', n: 1 });
      expect(await c.findOne({ _id: 'b' }, { session })).toBeNull();
      expect(await c.findOne({ _id: 'a', phone: 'p-a' }, { session })).toEqual({ _id: 'a', phone: 'p-a', n: 0 });
      expect(await c.countDocuments({ n: 0 }, { session })).toBe(50);
      // Another write in the same transaction taking a phone one of its own inserts holds: refused.
      await expectServerError(c.insertOne({ _id: 'dup', phone: 'p42' }, { session }), 11000);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await outside.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', phone: '1', n: 0 }, { _id: 'b', phone: '2', n: 0 }]);
  });

  it('a transaction sees a snapshot: concurrent committed writes do not appear', async () => {
    const { c, outside } = await fresh();
    await c.insertOne({ _id: 1, v: 0 });
    const session = client.startSession();
    try {
      session.startTransaction();
      expect(await c.findOne({ _id: 1 }, { session })).toEqual({ _id: 1, v: 0 }); // establishes the snapshot
      await outside.insertOne({ _id: 2, v: 0 });
      await outside.updateOne({ _id: 1 }, { $set: { v: 5 } });
      expect(await c.find({}, { session }).toArray()).toEqual([{ _id: 1, v: 0 }]);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
  });

  it('two transactions writing the same document: the second gets WriteConflict (112)', async () => {
    const { c, outside } = await fresh();
    await c.insertOne({ _id: 1, n: 0 });
    const s1 = client.startSession();
    const s2 = other.startSession();
    try {
      s1.startTransaction();
      s2.startTransaction();
      await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: s1 });
      const err = await expectServerError(outside.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session: s2 }), 112, 'WriteConflict');
      expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
      await s2.abortTransaction();
      await s1.commitTransaction();
    } finally {
      await s1.endSession();
      await s2.endSession();
    }
    expect(await outside.findOne({ _id: 1 })).toEqual({ _id: 1, n: 1 });
  });

  it('a plain write to a document an open transaction modified waits for the commit', async () => {
    const { c, outside } = await fresh();
    await c.insertOne({ _id: 1, n: 0 });
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session });
      // mongod blocks the plain write until the transaction ends (retrying the write conflict internally).
      const plain = outside.updateOne({ _id: 1 }, { $inc: { n: 10 } }).then(
        () => null,
        (err: unknown) => err,
      );
      await new Promise((r) => setTimeout(r, 300));
      await session.commitTransaction();
      expect(await plain).toBeNull();
    } finally {
      await session.endSession();
    }
    expect(await outside.findOne({ _id: 1 })).toEqual({ _id: 1, n: 11 });
  });

  it('a transaction writing a document changed outside after its snapshot gets WriteConflict (112)', async () => {
    const { c, outside } = await fresh();
    await c.insertMany([{ _id: 1, n: 0 }, { _id: 2 }]);
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.findOne({ _id: 2 }, { session }); // establishes the snapshot
      await outside.updateOne({ _id: 1 }, { $set: { n: 5 } });
      const err = await expectServerError(c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session }), 112, 'WriteConflict');
      expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await outside.findOne({ _id: 1 })).toEqual({ _id: 1, n: 5 });
  });

  it('withTransaction retries a TransientTransactionError to success', async () => {
    const { c, outside } = await fresh();
    await c.insertOne({ _id: 1, n: 0 });
    const s1 = client.startSession();
    const s2 = other.startSession();
    let attempts = 0;
    try {
      s1.startTransaction();
      await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: s1 });
      await s2.withTransaction(async () => {
        attempts++;
        try {
          await outside.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session: s2 });
        } catch (err) {
          // Let the blocking transaction finish so that the retry can succeed.
          if (attempts === 1 && err instanceof MongoServerError && err.code === 112) await s1.commitTransaction();
          throw err;
        }
      });
    } finally {
      await s1.endSession();
      await s2.endSession();
    }
    expect(attempts).toBe(2);
    expect(await outside.findOne({ _id: 1 })).toEqual({ _id: 1, n: 11 });
  });

  it('a duplicate _id inside one transaction is E11000, not an overwrite (insertMany of [{_id:1},{_id:1}])', async () => {
    const { c, outside } = await fresh();
    const session = client.startSession();
    try {
      session.startTransaction();
      const err = await expectServerError(c.insertMany([{ _id: 1, v: 'first' }, { _id: 1, v: 'second' }], { session }), 11000);
      expect(err.message).toContain('E11000');
      await session.abortTransaction().catch(() => undefined);
      // In one transaction, over two statements: the same.
      session.startTransaction();
      await c.insertOne({ _id: 2, v: 'first' }, { session });
      await expectServerError(c.insertOne({ _id: 2, v: 'second' }, { session }), 11000);
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await outside.countDocuments()).toBe(0);
  });

  it('a collection and an index created inside a transaction exist only after commit and are gone on abort', async () => {
    const names = { aborted: `t${++n}`, committed: `t${++n}`, implicit: `t${++n}` };
    const session = client.startSession();
    const listed = async () => (await other.db(db.databaseName).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    try {
      session.startTransaction();
      await db.createCollection(names.aborted, { session });
      await db.collection<AnyDoc>(names.aborted).createIndex({ k: 1 }, { unique: true, session });
      await db.collection<AnyDoc>(names.implicit).insertOne({ _id: 1 }, { session });
      expect(await listed()).not.toContain(names.aborted);
      expect(await listed()).not.toContain(names.implicit);
      // The transaction's unique index is enforced inside the transaction.
      await db.collection<AnyDoc>(names.aborted).insertOne({ k: 1 }, { session });
      await expectServerError(db.collection<AnyDoc>(names.aborted).insertOne({ k: 1 }, { session }), 11000);
      await session.abortTransaction().catch(() => undefined);
      expect(await listed()).not.toContain(names.aborted);
      expect(await listed()).not.toContain(names.implicit);

      session.startTransaction();
      await db.createCollection(names.committed, { session });
      await db.collection<AnyDoc>(names.committed).createIndex({ k: 1 }, { unique: true, session });
      await db.collection<AnyDoc>(names.committed).insertOne({ k: 1 }, { session });
      expect(await listed()).not.toContain(names.committed);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await listed()).toContain(names.committed);
    const indexes = await other.db(db.databaseName).collection<AnyDoc>(names.committed).indexes();
    expect(indexes.map((i) => i.name)).toEqual(['_id_', 'k_1']);
    await expectServerError(other.db(db.databaseName).collection<AnyDoc>(names.committed).insertOne({ k: 1 }), 11000);
  });

  it('refuses what mongod refuses inside a transaction with OperationNotSupportedInTransaction (263)', async () => {
    const { c } = await fresh();
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 1 }, { session });
      await expectServerError(c.createIndex({ a: 1 }, { session }), 263, 'OperationNotSupportedInTransaction');
      await session.abortTransaction().catch(() => undefined);
      session.startTransaction();
      await c.insertOne({ _id: 1 }, { session });
      await expectServerError(db.command({ count: c.collectionName }, { session }), 263);
      await session.abortTransaction().catch(() => undefined);
      session.startTransaction();
      await c.insertOne({ _id: 1 }, { session });
      await expectServerError(c.drop({ session }), 263);
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await c.countDocuments()).toBe(0);
  });

  it('the server rejects an unknown transaction number with NoSuchTransaction (251)', async () => {
    const { c } = await fresh();
    const session = client.startSession();
    try {
      await expectServerError(
        db.command({ insert: c.collectionName, documents: [{ _id: 1 }], txnNumber: 5, autocommit: false }, { session }),
        251,
        'NoSuchTransaction',
      );
    } finally {
      await session.endSession();
    }
  });
});

describe('retryable writes', () => {
  it('a write retried with the same lsid and txnNumber is applied once', async () => {
    const { c, outside } = await fresh();
    await c.insertOne({ _id: 1, n: 0 });
    const session = client.startSession();
    try {
      const update = { update: c.collectionName, updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } } }], txnNumber: Long.fromNumber(7) };
      expect(await db.command(update, { session })).toMatchObject({ ok: 1, n: 1, nModified: 1 });
      expect(await db.command(update, { session })).toMatchObject({ ok: 1, n: 1, nModified: 1 });
      expect(await outside.findOne({ _id: 1 })).toEqual({ _id: 1, n: 1 });

      const insert = { insert: c.collectionName, documents: [{ _id: 2 }], txnNumber: Long.fromNumber(8) };
      expect(await db.command(insert, { session })).toMatchObject({ ok: 1, n: 1 });
      const again = await db.command(insert, { session });
      expect(again).toMatchObject({ ok: 1, n: 1 });
      expect(again.writeErrors).toBeUndefined();

      // A new txnNumber is a new write.
      await db.command({ ...update, txnNumber: Long.fromNumber(9) }, { session });
      expect(await outside.findOne({ _id: 1 })).toEqual({ _id: 1, n: 2 });
    } finally {
      await session.endSession();
    }
  });
});
