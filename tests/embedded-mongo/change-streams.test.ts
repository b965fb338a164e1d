// Change streams through the official driver's watch(), as mongod serves them on a replica set: the events of a
// collection and of a database, updateLookup and pre-images, stages after $changeStream, resume tokens (also
// across a restart of the server on the same dbpath) and the error for a token older than the retained history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { MongoClient, type ChangeStream, type ChangeStreamDocument, type Db, type Document, type Timestamp } from 'mongodb';
import { connect, expectServerError, external, startEmbedded, tempDbPath, uniqueDbName, useTestDatabase, type AnyDoc } from './server-fixture.js';

const target = useTestDatabase('changestreams');
afterAll(async () => {
  await target.client?.db('changestreams_scratch').dropDatabase();
});
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads `n` events with tryNext (the driver's awaiting getMore), failing after `ms`. */
async function take<T extends Document>(stream: ChangeStream<T>, n: number, ms = 5_000): Promise<ChangeStreamDocument<T>[]> {
  const events: ChangeStreamDocument<T>[] = [];
  const deadline = Date.now() + ms;
  while (events.length < n) {
    if (Date.now() > deadline) throw new Error(`got ${events.length} of ${n} events in ${ms} ms: ${JSON.stringify(events)}`);
    const next = await stream.tryNext();
    if (next) events.push(next);
  }
  return events;
}

/**
 * A stream the server has opened (watch() is lazy: the aggregate goes out on the first read). Like mongod, a
 * stream with no start point starts at the current cluster time inclusive, so it would first show the write
 * just before it: a write elsewhere moves the cluster time on first.
 */
async function opened<T extends Document>(stream: ChangeStream<T>, client: MongoClient = target.client): Promise<ChangeStream<T>> {
  await client.db('changestreams_scratch').collection<AnyDoc>('ticks').insertOne({ at: new Date() });
  expect(await stream.tryNext()).toBeNull();
  return stream;
}

describe('change streams: events', () => {
  it('a collection stream sees insert, update (updateDescription), replace, delete, then drop and invalidate', async () => {
    const c = target.fresh();
    await c.insertOne({ _id: 0 });
    const stream = await opened(c.watch([], { maxAwaitTimeMS: 200 }));
    await c.insertOne({ _id: 1, a: 1, keep: { x: 1, y: 2 }, list: [1, 2, 3], gone: true });
    await c.updateOne({ _id: 1 }, { $set: { a: 2, 'keep.y': 3 }, $unset: { gone: '' }, $push: { list: 4 } as never });
    await c.updateOne({ _id: 1 }, { $pop: { list: 1 } });
    await c.replaceOne({ _id: 1 }, { b: 1 });
    await c.deleteOne({ _id: 1 });
    await c.drop();
    const events = await take(stream, 7);
    expect(events.map((e) => e.operationType)).toEqual(['insert', 'update', 'update', 'replace', 'delete', 'drop', 'invalidate']);
    const [insert, update, pop, replace, del, drop] = events as Document[];
    expect(insert).toMatchObject({ ns: { db: target.db.databaseName, coll: c.collectionName }, documentKey: { _id: 1 }, fullDocument: { _id: 1, a: 1 } });
    expect(update.updateDescription).toEqual({ updatedFields: { a: 2, 'keep.y': 3, 'list.3': 4 }, removedFields: ['gone'], truncatedArrays: [] });
    expect(update.fullDocument).toBeUndefined();
    expect(pop.updateDescription).toEqual({ updatedFields: {}, removedFields: [], truncatedArrays: [{ field: 'list', newSize: 3 }] });
    expect(replace.fullDocument).toEqual({ _id: 1, b: 1 });
    expect(del).toMatchObject({ documentKey: { _id: 1 } });
    expect(drop.ns).toEqual({ db: target.db.databaseName, coll: c.collectionName });
    for (const e of events) expect(e.clusterTime).toBeDefined();
    // Cluster times never go back, and the tokens sort like the events.
    const times = events.map((e) => (e.clusterTime as Timestamp).toBigInt());
    expect([...times].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(times);
    const tokens = events.map((e) => (e._id as { _data: string })._data);
    expect([...tokens].sort()).toEqual(tokens);
    expect(stream.closed || (await stream.tryNext().then(() => stream.closed, () => true))).toBe(true);
    await stream.close();
  });

  it('a database stream sees every collection of the database, and dropDatabase ends it', async () => {
    const db = target.client.db(uniqueDbName('csdb'));
    await db.collection<AnyDoc>('a').insertOne({ _id: 'seed' });
    const stream = await opened(db.watch([], { maxAwaitTimeMS: 200 }));
    await db.collection<AnyDoc>('a').insertOne({ _id: 1 });
    await db.collection<AnyDoc>('b').insertOne({ _id: 2 });
    await target.db.collection<AnyDoc>('elsewhere').insertOne({ _id: 3 }); // another database: not in this stream
    await db.collection<AnyDoc>('b').deleteOne({ _id: 2 });
    await db.dropDatabase();
    const events = (await take(stream, 7)) as Document[];
    expect(events.map((e) => `${e.operationType}:${e.ns?.coll ?? e.ns?.db ?? ''}`)).toEqual([
      'insert:a', 'insert:b', 'delete:b', 'drop:a', 'drop:b', `dropDatabase:${db.databaseName}`, 'invalidate:',
    ]);
    await stream.close();
  });

  it('a cluster stream (client.watch) sees every database; a rename shows as rename + invalidate on the collection', async () => {
    const one = target.client.db(uniqueDbName('csone'));
    const two = target.client.db(uniqueDbName('cstwo'));
    await one.collection<AnyDoc>('from').insertOne({ _id: 0 });
    const all = await opened(target.client.watch([{ $match: { 'ns.db': { $in: [one.databaseName, two.databaseName] } } }], { maxAwaitTimeMS: 200 }));
    const renamed = await opened(one.collection<AnyDoc>('from').watch([], { maxAwaitTimeMS: 200 }));
    await one.collection<AnyDoc>('from').insertOne({ _id: 1 });
    await two.collection<AnyDoc>('other').insertOne({ _id: 2 });
    await one.collection<AnyDoc>('from').rename('to');
    const events = (await take(all, 3)) as Document[];
    expect(events.map((e) => `${e.operationType}:${e.ns.db === one.databaseName ? 'one' : 'two'}.${e.ns.coll}`)).toEqual(['insert:one.from', 'insert:two.other', 'rename:one.from']);
    expect(events[2].to).toEqual({ db: one.databaseName, coll: 'to' });
    expect(((await take(renamed, 3)) as Document[]).map((e) => e.operationType)).toEqual(['insert', 'rename', 'invalidate']);
    await all.close();
    await renamed.close();
    await one.dropDatabase();
    await two.dropDatabase();
  });

  it("fullDocument: 'updateLookup' returns the document as it is now (null once deleted)", async () => {
    const c = target.fresh();
    await c.insertOne({ _id: 1, n: 0 });
    const stream = await opened(c.watch([], { fullDocument: 'updateLookup', maxAwaitTimeMS: 200 }));
    await c.updateOne({ _id: 1 }, { $inc: { n: 1 } });
    const [first] = (await take(stream, 1)) as Document[];
    expect(first.fullDocument).toEqual({ _id: 1, n: 1 });
    await c.updateOne({ _id: 1 }, { $inc: { n: 1 } });
    await c.deleteOne({ _id: 1 });
    const [second] = (await take(stream, 1)) as Document[];
    expect(second.operationType).toBe('update');
    expect(second.fullDocument).toBeNull();
    await stream.close();
  });

  it('fullDocumentBeforeChange and fullDocument whenAvailable/required follow changeStreamPreAndPostImages', async () => {
    const db = target.db;
    const withImages = `images_${Date.now()}`;
    await db.createCollection(withImages, { changeStreamPreAndPostImages: { enabled: true } });
    const plain = target.fresh();
    await plain.insertOne({ _id: 1, v: 1 });
    await db.collection<AnyDoc>(withImages).insertOne({ _id: 1, v: 1 });

    const imaged = await opened(db.collection<AnyDoc>(withImages).watch([], { fullDocumentBeforeChange: 'required', fullDocument: 'required', maxAwaitTimeMS: 200 }));
    await db.collection<AnyDoc>(withImages).updateOne({ _id: 1 }, { $set: { v: 2 } });
    await db.collection<AnyDoc>(withImages).deleteOne({ _id: 1 });
    const [update, del] = (await take(imaged, 2)) as Document[];
    expect(update.fullDocumentBeforeChange).toEqual({ _id: 1, v: 1 });
    expect(update.fullDocument).toEqual({ _id: 1, v: 2 });
    expect(del.fullDocumentBeforeChange).toEqual({ _id: 1, v: 2 });
    await imaged.close();

    const optional = await opened(plain.watch([], { fullDocumentBeforeChange: 'whenAvailable', maxAwaitTimeMS: 200 }));
    await plain.updateOne({ _id: 1 }, { $set: { v: 2 } });
    const [noImage] = (await take(optional, 1)) as Document[];
    expect(noImage.fullDocumentBeforeChange).toBeNull();
    await optional.close();

    const required = await opened(plain.watch([], { fullDocumentBeforeChange: 'required', maxAwaitTimeMS: 200 }));
    await plain.updateOne({ _id: 1 }, { $set: { v: 3 } });
    await expectServerError(required.next(), 47, 'NoMatchingDocument');
    await required.close();

    // collMod turns pre-images on for an existing collection.
    await db.command({ collMod: plain.collectionName, changeStreamPreAndPostImages: { enabled: true } });
    const later = await opened(plain.watch([], { fullDocumentBeforeChange: 'required', maxAwaitTimeMS: 200 }));
    await plain.updateOne({ _id: 1 }, { $set: { v: 4 } });
    const [withPre] = (await take(later, 1)) as Document[];
    expect(withPre.fullDocumentBeforeChange).toEqual({ _id: 1, v: 3 });
    await later.close();
  });

  it('$match and $project after the stage filter and shape events; removing _id or a $group is refused', async () => {
    const c = target.fresh();
    const stream = await opened(
      c.watch([{ $match: { operationType: 'insert', 'fullDocument.kind': 'wanted' } }, { $project: { operationType: 1, 'fullDocument.n': 1 } }], { maxAwaitTimeMS: 200 }),
    );
    await c.insertMany([{ kind: 'other', n: 1 }, { kind: 'wanted', n: 2 }]);
    await c.updateMany({}, { $set: { touched: true } });
    await c.insertOne({ kind: 'wanted', n: 3 });
    const events = (await take(stream, 2)) as Document[];
    expect(events.map((e) => e.fullDocument)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(Object.keys(events[0]).sort()).toEqual(['_id', 'fullDocument', 'operationType']);
    await stream.close();

    const noId = await opened(c.watch([{ $project: { _id: 0 } }], { maxAwaitTimeMS: 200 }));
    await c.insertOne({ n: 4 });
    await expectServerError(noId.next(), 280, 'ChangeStreamFatalError');
    await noId.close();
    await expectServerError(c.watch([{ $group: { _id: null } }]).next(), 20, 'IllegalOperation');
  });

  it('a transaction’s changes arrive at commit, with its lsid and txnNumber; an aborted one sends nothing', async () => {
    const c = target.fresh();
    await c.insertOne({ _id: 0 });
    const stream = await opened(c.watch([], { maxAwaitTimeMS: 200 }));
    const session = target.client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 'aborted' }, { session });
      await session.abortTransaction();
      session.startTransaction();
      await c.insertOne({ _id: 1 }, { session });
      await c.updateOne({ _id: 0 }, { $set: { x: 1 } }, { session });
      expect(await stream.tryNext()).toBeNull();
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    const events = (await take(stream, 2)) as Document[];
    expect(events.map((e) => e.documentKey._id).sort()).toEqual([0, 1]);
    expect(events[0].txnNumber).toBeDefined();
    expect(events[0].lsid).toBeDefined();
    expect(events[0].clusterTime).toEqual(events[1].clusterTime);
    expect(await stream.tryNext()).toBeNull();
    await stream.close();
  });

  it('an awaiting getMore returns an event as soon as it is written, not at the end of maxAwaitTimeMS', async () => {
    const c = target.fresh();
    const stream = await opened(c.watch([], { maxAwaitTimeMS: 1_500 }));
    const waiting = stream.next();
    await sleep(100);
    const written = Date.now();
    await c.insertOne({ _id: 'now' });
    const event = (await waiting) as Document;
    expect(event.documentKey).toEqual({ _id: 'now' });
    expect(Date.now() - written).toBeLessThan(700);
    await stream.close();
  });

  it('replies carry operationTime and $clusterTime, so a causally consistent session reads its own writes', async () => {
    const c = target.fresh();
    const reply = await target.db.command({ insert: c.collectionName, documents: [{ _id: 1 }] });
    expect(reply.operationTime).toBeDefined();
    expect(reply.$clusterTime?.clusterTime).toBeDefined();
    const session = target.client.startSession({ causalConsistency: true });
    try {
      await c.insertOne({ _id: 2 }, { session });
      expect(session.operationTime).toBeDefined();
      expect(await c.findOne({ _id: 2 }, { session })).toEqual({ _id: 2 });
    } finally {
      await session.endSession();
    }
  });
});

describe('change streams: resuming', () => {
  it('resumeAfter, startAfter and startAtOperationTime start where they say', async () => {
    const c = target.fresh();
    const stream = await opened(c.watch([], { maxAwaitTimeMS: 200 }));
    await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
    const events = await take(stream, 3);
    await stream.close();

    const resumed = c.watch([], { resumeAfter: events[0]._id, maxAwaitTimeMS: 200 });
    expect(((await take(resumed, 2)) as Document[]).map((e) => e.documentKey._id)).toEqual([2, 3]);
    await resumed.close();
    const started = c.watch([], { startAfter: events[1]._id, maxAwaitTimeMS: 200 });
    expect(((await take(started, 1)) as Document[]).map((e) => e.documentKey._id)).toEqual([3]);
    await started.close();
    const atTime = c.watch([], { startAtOperationTime: events[1].clusterTime as Timestamp, maxAwaitTimeMS: 200 });
    expect(((await take(atTime, 2)) as Document[]).map((e) => e.documentKey._id)).toEqual([2, 3]);
    await atTime.close();
  });

  it('after a drop: resumeAfter the invalidate is refused (260), startAfter it watches the new collection', async () => {
    const c = target.fresh();
    await c.insertOne({ _id: 0 });
    const stream = await opened(c.watch([], { maxAwaitTimeMS: 200 }));
    await c.drop();
    const [, invalidate] = await take(stream, 2);
    expect(invalidate.operationType).toBe('invalidate');
    await stream.close();
    await expectServerError(c.watch([], { resumeAfter: invalidate._id }).next(), 260, 'InvalidResumeToken');
    const after = c.watch([], { startAfter: invalidate._id, maxAwaitTimeMS: 200 });
    await c.insertOne({ _id: 'again' });
    expect(((await take(after, 1)) as Document[])[0].documentKey).toEqual({ _id: 'again' });
    await after.close();
  });

  it('the driver resumes by itself with the postBatchResumeToken when its cursor is lost', async () => {
    const c = target.fresh();
    const stream = await opened(c.watch([], { maxAwaitTimeMS: 200 }));
    await c.insertOne({ _id: 1 });
    await take(stream, 1);
    // Kill the server-side cursor: the next getMore fails with CursorNotFound, a resumable error.
    const cursorId = (stream as unknown as { cursor: { id?: { toBigInt(): bigint } } }).cursor.id;
    await target.db.command({ killCursors: c.collectionName, cursors: [cursorId] });
    await c.insertOne({ _id: 2 });
    expect(((await take(stream, 1)) as Document[])[0].documentKey).toEqual({ _id: 2 });
    await stream.close();
  });
});

describe.skipIf(external)('change streams: history kept by the embedded server', () => {
  let dbpath: string;
  afterAll(() => {
    if (dbpath) rmSync(dbpath, { recursive: true, force: true });
  });

  it('a resume token survives a restart on the same dbpath (journal replay, then snapshot)', { timeout: 60_000 }, async () => {
    dbpath = tempDbPath();
    // The second round compacts the journal into a snapshot every few writes: the history must be in it.
    for (const args of [[], ['--compact-bytes', '2000', '--oplog-size-mb', '1']]) {
      let server = await startEmbedded({ dbpath, args });
      let client = await connect(server.uri);
      const c = client.db('resume').collection<AnyDoc>(`c${args.length}`);
      const stream = await opened(c.watch([], { maxAwaitTimeMS: 200 }), client);
      await c.insertOne({ _id: 'before' });
      const [seen] = await take(stream, 1);
      await stream.close();
      // Written while nobody watched, then the server restarts.
      for (let i = 0; i < 20; i++) await c.insertOne({ _id: `missed${i}`, pad: 'x'.repeat(200) });
      await client.close();
      await server.stop();

      server = await startEmbedded({ dbpath, args });
      client = await connect(server.uri);
      const resumed = client.db('resume').collection<AnyDoc>(`c${args.length}`).watch([], { resumeAfter: seen._id, maxAwaitTimeMS: 200 });
      const events = (await take(resumed, 20)) as Document[];
      expect(events.map((e) => e.documentKey._id)).toEqual(Array.from({ length: 20 }, (_, i) => `missed${i}`));
      // And it goes on with what is written now.
      await client.db('resume').collection<AnyDoc>(`c${args.length}`).insertOne({ _id: 'after restart' });
      expect(((await take(resumed, 1)) as Document[])[0].documentKey._id).toBe('after restart');
      await resumed.close();
      await client.close();
      await server.stop();
    }
  });

  it('a token older than the retained history is ChangeStreamHistoryLost (286), also after a restart', { timeout: 60_000 }, async () => {
    const path = tempDbPath();
    const args = ['--oplog-size-mb', '0.02']; // about 20 kB of history
    let server = await startEmbedded({ dbpath: path, args });
    let client: MongoClient = await connect(server.uri);
    try {
      const c = client.db('lost').collection<AnyDoc>('c');
      const stream = await opened(c.watch([], { maxAwaitTimeMS: 200 }), client);
      await c.insertOne({ _id: 'old' });
      const [old] = await take(stream, 1);
      await stream.close();
      for (let i = 0; i < 100; i++) await c.insertOne({ _id: i, pad: 'y'.repeat(500) });
      await expectServerError(c.watch([], { resumeAfter: old._id }).next(), 286, 'ChangeStreamHistoryLost');
      await client.close();
      await server.stop();
      server = await startEmbedded({ dbpath: path, args });
      client = await connect(server.uri);
      await expectServerError(client.db('lost').collection<AnyDoc>('c').watch([], { resumeAfter: old._id }).next(), 286, 'ChangeStreamHistoryLost');
    } finally {
      await client.close();
      await server.stop();
      rmSync(path, { recursive: true, force: true });
    }
  });
});

describe('change streams: where they are refused', () => {
  let db: Db;
  beforeAll(() => {
    db = target.db;
  });

  it('refuses a stream inside a transaction (263) and on a view (166)', async () => {
    const c = target.fresh();
    await c.insertOne({ _id: 1 });
    await db.createCollection(`v_${c.collectionName}`, { viewOn: c.collectionName, pipeline: [] });
    await expectServerError(db.collection<AnyDoc>(`v_${c.collectionName}`).watch().next(), 166, 'CommandNotSupportedOnView');
    const session = target.client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 2 }, { session });
      await expectServerError(db.command({ aggregate: c.collectionName, pipeline: [{ $changeStream: {} }], cursor: {} }, { session }), 263);
    } finally {
      await session.endSession();
    }
  });

  it('refuses unknown $changeStream options (40415) and $changeStream after another stage (40602)', async () => {
    const c = target.fresh();
    await expectServerError(db.command({ aggregate: c.collectionName, pipeline: [{ $changeStream: { bogus: 1 } }], cursor: {} }), 40415);
    await expectServerError(db.command({ aggregate: c.collectionName, pipeline: [{ $match: {} }, { $changeStream: {} }], cursor: {} }), 40602);
  });
});
