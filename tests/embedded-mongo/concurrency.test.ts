import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Collection, Db, MongoClient } from 'mongodb';
import { startTarget, connect, uniqueDbName, type AnyDoc, type StartedServer } from './server-fixture.js';

let server: StartedServer;
let clients: MongoClient[] = [];
let db: Db;
let n = 0;
const fresh = (): string => `c${++n}`;
/** The same collection seen through each of the clients (separate connections). */
const everywhere = (name: string): Collection<AnyDoc>[] => clients.map((cl) => cl.db(db.databaseName).collection<AnyDoc>(name));

beforeAll(async () => {
  server = await startTarget();
  clients = await Promise.all(Array.from({ length: 5 }, () => connect(server.uri)));
  db = clients[0].db(uniqueDbName('concurrency'));
});

afterAll(async () => {
  await db?.dropDatabase();
  await Promise.all(clients.map((cl) => cl.close()));
  await server?.stop();
});

describe('concurrent clients', () => {
  it('single-document $inc from many clients is atomic', async () => {
    const colls = everywhere(fresh());
    await colls[0].insertOne({ _id: 'counter', n: 0 });
    await Promise.all(colls.flatMap((c) => Array.from({ length: 40 }, () => c.updateOne({ _id: 'counter' }, { $inc: { n: 1 } }))));
    expect(await colls[0].findOne({ _id: 'counter' })).toEqual({ _id: 'counter', n: colls.length * 40 });
  });

  it('findOneAndUpdate claims each document exactly once (job-queue locking)', async () => {
    const colls = everywhere(fresh());
    await colls[0].insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, lockedBy: null })));
    const claims = await Promise.all(
      colls.flatMap((c, w) =>
        Array.from({ length: 8 }, () =>
          c.findOneAndUpdate({ lockedBy: null }, { $set: { lockedBy: w } }, { sort: { _id: 1 }, returnDocument: 'after' }),
        ),
      ),
    );
    const won = claims.filter((d) => d !== null).map((d) => d!._id);
    expect(won).toHaveLength(20);
    expect(new Set(won).size).toBe(20);
    expect(await colls[0].countDocuments({ lockedBy: null })).toBe(0);
  });

  it('concurrent upserts on a unique key create exactly one document', async () => {
    const colls = everywhere(fresh());
    await colls[0].createIndex({ key: 1 }, { unique: true });
    // mongod retries an upsert that loses the insert race on a unique equality predicate, so none fails.
    await Promise.all(colls.flatMap((c) => Array.from({ length: 10 }, () => c.updateOne({ key: 'k' }, { $inc: { n: 1 } }, { upsert: true }))));
    expect(await colls[0].find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ key: 'k', n: colls.length * 10 }]);
  });

  it('concurrent inserts of the same unique value: exactly one wins, the rest get 11000', async () => {
    const colls = everywhere(fresh());
    await colls[0].createIndex({ email: 1 }, { unique: true });
    const results = await Promise.allSettled(colls.flatMap((c) => Array.from({ length: 4 }, () => c.insertOne({ email: 'same@x' }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: number }).code).toBe(11000);
    expect(await colls[0].countDocuments()).toBe(1);
  });

  it('readers never see a half-applied multi-field update', async () => {
    const [writer, reader] = everywhere(fresh());
    await writer.insertOne({ _id: 1, a: 0, b: 0 });
    let stop = false;
    const torn: unknown[] = [];
    const reading = (async () => {
      while (!stop) {
        const d = await reader.findOne({ _id: 1 });
        if (d!.a !== d!.b) torn.push(d);
      }
    })();
    for (let i = 1; i <= 200; i++) await writer.updateOne({ _id: 1 }, { $set: { a: i, b: i } });
    stop = true;
    await reading;
    expect(torn).toEqual([]);
  });
});
