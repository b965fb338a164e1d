// A graceful stop and a start of the server on the same port and dbpath under a running client, as when the
// database is restarted under running runtime processes: the client (the official driver, with the runtime's
// options) must reconnect and carry on, its change stream must resume, and the stop must end promptly.
// Only meaningful against the embedded server (we stop and start it), so skipped with MONGODB_URI.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { MongoClient, type ChangeStreamInsertDocument, type Document } from 'mongodb';
import { external, startEmbedded, tempDbPath, type StartedServer } from './server-fixture.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ROUNDS = 5;
/** A reconnect is due within the driver's own retry interval (0.5 s while an operation waits): a wide bound. */
const RECONNECT_BOUND_MS = 8_000;

let server: StartedServer | undefined;
let client: MongoClient | undefined;
let dbpath = '';
beforeEach(() => {
  dbpath = tempDbPath();
});
afterEach(async () => {
  await client?.close(true).catch(() => undefined);
  await server?.kill();
  rmSync(dbpath, { recursive: true, force: true });
});

/** Races a promise against a deadline, so a hang fails the test with a message instead of timing it out. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe.skipIf(external)('embedded-mongo: a graceful stop and a start under a connected client', () => {
  it(`the client reconnects, its writes go on and its change stream resumes (${ROUNDS} stop/start rounds)`, { timeout: 120_000 }, async () => {
    server = await startEmbedded({ dbpath });
    const port = new URL(server.uri).port;
    // As runtime/src/db/plugin.ts connects: replica-set discovery, a pool, the default retries.
    client = new MongoClient(server.uri, { maxPoolSize: 50, serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    const coll = client.db('restart').collection<Document>('events');
    await coll.insertOne({ phase: 'start' });
    const stream = coll.watch<Document, ChangeStreamInsertDocument>([{ $match: { operationType: 'insert' } }]);
    const seen: string[] = [];
    stream.on('change', (event) => seen.push(String(event.fullDocument.phase)));
    stream.on('error', () => undefined); // a resumable error is the stream's own business; others fail the waits below
    // The stream's aggregate goes out lazily: wait until it delivers, so it is open on the server before the stop.
    await sleep(200);
    await coll.insertOne({ phase: 'open' });
    for (const end = Date.now() + 5_000; !seen.includes('open') && Date.now() < end; ) await sleep(20);
    expect(seen).toContain('open');

    // Writes keep coming while the server stops: busy connections, an idle monitoring connection, a waiting getMore.
    // (Several writers: the driver's hang was a race between an operation's connection failing and the
    // monitoring connection closing; more connections failing at the stop make it show on most runs.)
    let writing = true;
    const writer = Promise.all(Array.from({ length: 8 }, async (_, w) => {
      for (let n = 0; writing; n++) {
        await coll.insertOne({ phase: 'load', w, n }).catch(() => undefined);
        await sleep(5);
      }
    }));

    for (let round = 1; round <= ROUNDS; round++) {
      await sleep(300);
      const stopStarted = Date.now();
      await within(10_000, `round ${round}: the graceful stop`, server.stop());
      expect(Date.now() - stopStarted, 'a graceful stop does not hang').toBeLessThan(5_000);
      expect(server.child!.exitCode, `round ${round}: exit after SIGTERM:\n${server.output()}`).toBe(0);

      await sleep(500); // the database is down a moment, as in a real restart
      server = await startEmbedded({ dbpath, args: ['--port', port] });
      expect(new URL(server.uri).port).toBe(port);
      const back = Date.now();
      await within(RECONNECT_BOUND_MS, `round ${round}: the first write after the restart`, coll.insertOne({ phase: `after-${round}` }));
      console.log(`round ${round}: stop and start ${back - stopStarted} ms; first write after the start ${Date.now() - back} ms`);
      const end = Date.now() + RECONNECT_BOUND_MS;
      while (!seen.includes(`after-${round}`) && Date.now() < end) await sleep(20);
      expect(seen, `round ${round}: the change stream resumes after the restart`).toContain(`after-${round}`);
    }
    writing = false;
    await within(15_000, 'the writer', writer);
    await stream.close();
    // Every write the client saw acknowledged is there, and nothing twice (retryable writes across the stops).
    expect(await coll.countDocuments({ phase: /^after-/ })).toBe(ROUNDS);
  });

  it('a stop ends promptly while a change stream waits in getMore and a client keeps reconnecting', { timeout: 60_000 }, async () => {
    server = await startEmbedded({ dbpath });
    client = new MongoClient(server.uri, { directConnection: true, serverSelectionTimeoutMS: 2_000 });
    const coll = client.db('restart').collection<Document>('waiting');
    await coll.insertOne({ x: 1 });
    // A long awaiting getMore holds its connection busy on the server for up to 10 s.
    const stream = coll.watch([], { maxAwaitTimeMS: 10_000 });
    const waiting = stream.tryNext().catch(() => null);
    await sleep(300);
    const started = Date.now();
    await within(10_000, 'the graceful stop', server.stop());
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.child!.exitCode, server.output()).toBe(0);
    await stream.close().catch(() => undefined);
    await waiting;
  });
});
