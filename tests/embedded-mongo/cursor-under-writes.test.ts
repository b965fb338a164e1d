// A cursor paused between batches while other clients write must resume where it was: no crash, no document
// returned twice, and every document that was there all along returned once.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MongoClient, Collection } from 'mongodb';
import { connect, startTarget, uniqueDbName, type StartedServer } from './server-fixture.js';

/** Numeric ids; documents inserted while a cursor runs carry no `stable` flag. */
type Item = { _id: number; rank: number; stable?: boolean };

let server: StartedServer;
let client: MongoClient;
let coll: Collection<Item>;
const dbName = uniqueDbName('cursor_writes');

beforeAll(async () => {
  server = await startTarget();
  client = await connect(server.uri);
  coll = client.db(dbName).collection<Item>('items');
  await coll.createIndex({ rank: 1 });
  await coll.insertMany(Array.from({ length: 2_000 }, (_, i) => ({ _id: i, rank: i * 2, stable: i % 2 === 0 })));
});

afterAll(async () => {
  await client.db(dbName).dropDatabase();
  await client.close();
  await server.stop();
});

describe('cursors while the collection changes', () => {
  it('an index-ordered cursor survives inserts, updates and deletes between batches', async () => {
    const seen: number[] = [];
    let batches = 0;
    const cursor = coll.find({ rank: { $gte: 0 } }).sort({ rank: 1 }).batchSize(50);
    for await (const doc of cursor) {
      seen.push(doc._id);
      if (seen.length % 50 === 0) {
        batches++;
        const k = 10_000 + batches;
        // Writes all over the index: new entries, moved entries (odd ids only) and deleted ones.
        await coll.insertOne({ _id: k, rank: (batches * 37) % 4_000 + 1 });
        await coll.updateOne({ _id: (batches * 2 + 1) % 2_000 }, { $set: { rank: 5_000 + batches } });
        await coll.deleteOne({ _id: (batches * 4 + 3) % 2_000 });
      }
    }
    expect(batches).toBeGreaterThan(20);
    expect(new Set(seen).size).toBe(seen.length);
    // Even ids were never touched: each must come back exactly once, in rank order.
    const stable = seen.filter((id) => id < 2_000 && id % 2 === 0);
    expect(stable).toEqual(Array.from({ length: 1_000 }, (_, i) => i * 2));
  });

  it('a collection scan survives deletes of documents it has not reached yet', async () => {
    const before = await coll.countDocuments({ stable: true });
    const cursor = coll.find({ stable: true }).batchSize(100);
    const seen: unknown[] = [];
    let deleted = 0;
    for await (const doc of cursor) {
      seen.push(doc._id);
      if (seen.length === 100) deleted = (await coll.deleteMany({ stable: true, _id: { $gte: 1_500 } })).deletedCount;
    }
    expect(deleted).toBeGreaterThan(0);
    expect(new Set(seen.map(String)).size).toBe(seen.length);
    expect(seen.length).toBe(before - deleted);
  });
});
