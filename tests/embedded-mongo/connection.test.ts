import { describe, it, expect } from 'vitest';
import { MongoClient } from 'mongodb';
import { useTestDatabase, connect, expectServerError, external, type AnyDoc } from './server-fixture.js';

const target = useTestDatabase('connection');

describe('connection and handshake', () => {
  it('answers ping', async () => {
    expect(await target.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('hello reports a writable replica-set primary', async () => {
    const hello = await target.db.command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    expect(typeof hello.setName).toBe('string');
    expect(Array.isArray(hello.hosts)).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(8);
    expect(hello.minWireVersion).toBeLessThanOrEqual(hello.maxWireVersion);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
    if (!external) expect(hello.hosts).toContain(new URL(target.server.uri).host);
  });

  it('answers the legacy isMaster', async () => {
    const res = await target.db.command({ isMaster: 1 });
    expect(res.ok).toBe(1);
    expect(res.ismaster).toBe(true);
    expect(typeof res.setName).toBe('string');
  });

  it('buildInfo has a version string and versionArray', async () => {
    const info = await target.db.admin().buildInfo();
    expect(info.ok).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.versionArray).toHaveLength(4);
    expect(info.versionArray.slice(0, 3).join('.')).toBe(/^\d+\.\d+\.\d+/.exec(info.version)![0]);
  });

  it('listDatabases lists a database after a write', async () => {
    await target.db.collection('c').insertOne({ a: 1 });
    const { databases } = await target.db.admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(target.db.databaseName);
    const nameOnly = await target.db.admin().listDatabases({ nameOnly: true });
    expect(nameOnly.databases.map((d) => d.name)).toContain(target.db.databaseName);
  });

  it('accepts write and read concerns', async () => {
    const c = target.db.collection('concerns');
    await c.insertOne({ a: 1 }, { writeConcern: { w: 'majority', j: true, wtimeoutMS: 5000 } });
    await c.insertOne({ a: 2 }, { writeConcern: { w: 1 } });
    expect(await c.countDocuments({}, { readConcern: { level: 'majority' } })).toBe(2);
    expect(await c.find({}, { readConcern: { level: 'local' } }).toArray()).toHaveLength(2);
  });

  it('handles unacknowledged (w: 0, moreToCome) writes without replying', async () => {
    const c = target.db.collection<AnyDoc>('unacked');
    const res = await c.insertOne({ _id: 'w0' }, { writeConcern: { w: 0 } });
    expect(res.acknowledged).toBe(false);
    // The next command on the pooled connection must get its own reply, not a stray one for the w:0 insert.
    for (let i = 0; i < 5; i++) expect(await target.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    const deadline = Date.now() + 5000;
    while ((await c.countDocuments({ _id: 'w0' })) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await c.countDocuments({ _id: 'w0' })).toBe(1);
  });

  it('rejects an unknown command with CommandNotFound and keeps the connection usable', async () => {
    const err = await expectServerError(target.db.command({ frobnicate: 1 }), 59, 'CommandNotFound');
    expect(err.message).toContain('frobnicate');
    expect(await target.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await target.db.collection('c').countDocuments()).toBeGreaterThan(0);
  });

  it('a second client keeps working while the first sends a bad command', async () => {
    const second = await connect(target.server.uri);
    try {
      const [bad, good] = await Promise.allSettled([
        target.db.command({ frobnicate: 1 }),
        second.db(target.db.databaseName).collection('c').insertOne({ from: 'second' }),
      ]);
      expect(bad.status).toBe('rejected');
      expect(good.status).toBe('fulfilled');
      expect(await second.db(target.db.databaseName).collection('c').findOne({ from: 'second' })).not.toBeNull();
    } finally {
      await second.close();
    }
  });

  it('monitoring heartbeats do not spin (awaitable hello waits for maxAwaitTimeMS)', async () => {
    const monitored = new MongoClient(target.server.uri, { directConnection: true, serverSelectionTimeoutMS: 10_000 });
    let heartbeats = 0;
    monitored.on('serverHeartbeatSucceeded', () => heartbeats++);
    try {
      await monitored.connect();
      await new Promise((r) => setTimeout(r, 2000));
      // The default heartbeatFrequencyMS is 10 s: a handful of heartbeats at most, not hundreds.
      expect(heartbeats).toBeLessThanOrEqual(5);
      expect(await monitored.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await monitored.close();
    }
  });

  it('connects without directConnection (replica-set discovery) and can run a transaction', async () => {
    const plain = new MongoClient(target.server.uri, { serverSelectionTimeoutMS: 10_000 });
    try {
      await plain.connect();
      const coll = plain.db(target.db.databaseName).collection<AnyDoc>('plain');
      await coll.insertOne({ _id: 'x', n: 1 });
      expect(await coll.findOne({ n: 1 })).toEqual({ _id: 'x', n: 1 });
      await plain.withSession((session) =>
        session.withTransaction(async () => {
          await coll.insertOne({ n: 2 }, { session });
        }),
      );
      expect(await coll.countDocuments()).toBe(2);
    } finally {
      await plain.close();
    }
  });
});
