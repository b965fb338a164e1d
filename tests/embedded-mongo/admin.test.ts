import { describe, it, expect } from 'vitest';
import type { Db } from 'mongodb';
import { useTestDatabase, expectServerError, type AnyDoc } from './server-fixture.js';

const target = useTestDatabase('admin');

const names = async (d: Db = target.db) => (await d.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();

describe('collections', () => {
  it('createCollection then listCollections shows name and type', async () => {
    await target.db.createCollection('made');
    const [info] = await target.db.listCollections({ name: 'made' }, { nameOnly: false }).toArray();
    expect(info).toMatchObject({ name: 'made', type: 'collection', options: {}, info: { readOnly: false } });
    expect(info.idIndex).toMatchObject({ key: { _id: 1 }, name: '_id_' });
    expect(await target.db.collection('made').countDocuments()).toBe(0);
  });

  it('a first insert creates the collection implicitly', async () => {
    await target.db.collection('implicit').insertOne({ a: 1 });
    expect(await names()).toContain('implicit');
  });

  it('listCollections filters by name and nameOnly returns name and type only', async () => {
    await target.db.collection('x').insertOne({});
    await target.db.collection('xy').insertOne({});
    const filtered = await target.db.listCollections({ name: 'x' }).toArray();
    expect(filtered.map((c) => c.name)).toEqual(['x']);
    const [only] = await target.db.listCollections({ name: 'xy' }, { nameOnly: true }).toArray();
    expect(only).toEqual({ name: 'xy', type: 'collection' });
    const regex = await target.db.listCollections({ name: /^xy?$/ }, { nameOnly: true }).toArray();
    expect(regex.map((c) => c.name).sort()).toEqual(['x', 'xy']);
  });

  it('collection names with dots are distinct collections', async () => {
    await target.db.collection<AnyDoc>('a.b').insertOne({ _id: 1, where: 'a.b' });
    await target.db.collection<AnyDoc>('a.b.c').insertOne({ _id: 1, where: 'a.b.c' });
    await target.db.collection<AnyDoc>('a').insertOne({ _id: 1, where: 'a' });
    expect(await target.db.collection('a.b').find().toArray()).toEqual([{ _id: 1, where: 'a.b' }]);
    expect(await target.db.collection('a.b.c').find().toArray()).toEqual([{ _id: 1, where: 'a.b.c' }]);
    expect(await names()).toEqual(expect.arrayContaining(['a', 'a.b', 'a.b.c']));
    await target.db.collection('a.b').drop();
    expect(await target.db.collection('a.b.c').countDocuments()).toBe(1);
    expect(await target.db.collection('a').countDocuments()).toBe(1);
  });

  it('collection names may contain unicode', async () => {
    await target.db.collection('коллекция-日本').insertOne({ ok: true });
    expect(await names()).toContain('коллекция-日本');
    expect(await target.db.collection('коллекция-日本').countDocuments()).toBe(1);
  });

  it('drop removes the collection and its data', async () => {
    const c = target.db.collection('todrop');
    await c.insertMany([{}, {}]);
    await c.createIndex({ a: 1 });
    expect(await c.drop()).toBe(true);
    expect(await names()).not.toContain('todrop');
    expect(await c.countDocuments()).toBe(0);
    await c.insertOne({});
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('renameCollection', () => {
  it('moves data and indexes; the old name is gone', async () => {
    const src = target.db.collection<AnyDoc>('src');
    await src.insertMany([{ _id: 1 }, { _id: 2 }]);
    await src.createIndex({ a: 1 });
    await src.rename('dst');
    expect(await names()).not.toContain('src');
    const dst = target.db.collection<AnyDoc>('dst');
    expect(await dst.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1 }, { _id: 2 }]);
    expect((await dst.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_1']);
    expect(await target.db.collection('src').countDocuments()).toBe(0);
  });

  it('refuses an existing target without dropTarget (48), replaces it with dropTarget', async () => {
    await target.db.collection<AnyDoc>('r1').insertOne({ _id: 'from r1' });
    await target.db.collection<AnyDoc>('r2').insertOne({ _id: 'from r2' });
    await expectServerError(target.db.collection('r1').rename('r2'), 48, 'NamespaceExists');
    expect(await target.db.collection('r1').countDocuments()).toBe(1);
    await target.db.collection('r1').rename('r2', { dropTarget: true });
    expect(await target.db.collection('r2').find().toArray()).toEqual([{ _id: 'from r1' }]);
    expect(await names()).not.toContain('r1');
  });

  it('renaming a missing collection fails with NamespaceNotFound (26)', async () => {
    await expectServerError(target.db.collection('ghost').rename('ghost2'), 26, 'NamespaceNotFound');
  });

  it('renames across databases through the admin command', async () => {
    const other = target.client.db(`${target.db.databaseName}_b`);
    try {
      await target.db.collection<AnyDoc>('mover').insertOne({ _id: 1 });
      await target.client.db('admin').command({ renameCollection: `${target.db.databaseName}.mover`, to: `${other.databaseName}.moved` });
      expect(await other.collection('moved').find().toArray()).toEqual([{ _id: 1 }]);
      expect(await names()).not.toContain('mover');
    } finally {
      await other.dropDatabase();
    }
  });
});

describe('databases', () => {
  it('dropDatabase removes every collection and the database from listDatabases', async () => {
    const tmp = target.client.db(`${target.db.databaseName}_tmp`);
    await tmp.collection('one').insertOne({});
    await tmp.collection('two').insertOne({});
    expect((await target.client.db().admin().listDatabases()).databases.map((d) => d.name)).toContain(tmp.databaseName);
    expect(await tmp.dropDatabase()).toBe(true);
    expect(await names(tmp)).toEqual([]);
    expect((await target.client.db().admin().listDatabases()).databases.map((d) => d.name)).not.toContain(tmp.databaseName);
  });

  it('dbStats counts collections and objects', async () => {
    const tmp = target.client.db(`${target.db.databaseName}_stats`);
    try {
      await tmp.collection('s1').insertMany([{}, {}, {}]);
      await tmp.collection('s2').insertOne({});
      const stats = await tmp.stats();
      expect(stats).toMatchObject({ db: tmp.databaseName, collections: 2, objects: 4, ok: 1 });
    } finally {
      await tmp.dropDatabase();
    }
  });

  it('listDatabases reports sizes and totalSize', async () => {
    const res = await target.client.db().admin().listDatabases();
    const mine = res.databases.find((d) => d.name === target.db.databaseName)!;
    expect(typeof mine.sizeOnDisk).toBe('number');
    expect(mine.empty).toBe(false);
    expect(typeof res.totalSize).toBe('number');
  });
});
