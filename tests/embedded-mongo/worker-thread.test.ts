// The runtime embeds the server in a worker thread: it must serve the driver from there, keep data across
// a stop/start on the same directory, and leave the caller's event loop free while it works hard.
import { describe, it, expect } from 'vitest';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '@telesales/embedded-mongo';
import { tempDbPath } from './server-fixture.js';

describe('startEmbeddedMongo (worker thread)', () => {
  it('serves the driver, persists across restarts, and does not block the caller', async () => {
    const dbPath = tempDbPath();
    const first = await startEmbeddedMongo({ dbPath });
    expect(first.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    const client = new MongoClient(first.uri);
    const coll = client.db('w').collection('docs');
    const docs = Array.from({ length: 60_000 }, (_, i) => ({ i, group: i % 97, text: 'lorem ipsum '.repeat(8) }));
    for (let i = 0; i < docs.length; i += 5_000) await coll.insertMany(docs.slice(i, i + 5_000));

    // While a heavy aggregation runs in the worker, a timer on this thread keeps firing on time.
    let worstLag = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - last - 10);
      last = now;
    }, 10);
    const started = performance.now();
    const groups = await coll.aggregate([{ $group: { _id: '$group', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(groups).toHaveLength(97);
    expect(groups[0]).toEqual({ _id: 0, n: Math.ceil(60_000 / 97) });
    expect(worstLag).toBeLessThan(Math.max(150, took / 3));

    await client.close();
    await first.stop();

    const second = await startEmbeddedMongo({ dbPath });
    const again = new MongoClient(second.uri);
    expect(await again.db('w').collection('docs').countDocuments()).toBe(60_000);
    await again.close();
    await second.stop();
  });
});
