import { describe, it, expect } from 'vitest';
import {
  Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID,
} from 'mongodb';
import { useTestDatabase, expectServerError } from './server-fixture.js';

const target = useTestDatabase('bson');
const fresh = target.fresh;

describe('_id of any type', () => {
  const ids: [string, unknown][] = [
    ['ObjectId', new ObjectId()],
    ['string', 'user-42'],
    ['int', 42],
    ['double', 4.25],
    ['embedded document', { region: 'eu', seq: 7 }],
    ['Date', new Date('2024-01-02T03:04:05.678Z')],
  ];
  for (const [label, id] of ids) {
    it(`${label} _id: insert, find by equality, update, delete`, async () => {
      const c = fresh();
      await c.insertMany([{ _id: id as never, v: 1 }, { v: 'other' }]);
      expect(await c.findOne({ _id: id as never })).toEqual({ _id: id, v: 1 });
      expect((await c.updateOne({ _id: id as never }, { $set: { v: 2 } })).modifiedCount).toBe(1);
      expect(await c.findOne({ _id: id as never })).toEqual({ _id: id, v: 2 });
      expect((await c.deleteOne({ _id: id as never })).deletedCount).toBe(1);
      expect(await c.countDocuments()).toBe(1);
    });
  }

  it('embedded-document _id equality is field-order sensitive', async () => {
    const c = fresh();
    await c.insertOne({ _id: { a: 1, b: 2 } });
    expect(await c.countDocuments({ _id: { a: 1, b: 2 } })).toBe(1);
    expect(await c.countDocuments({ _id: { b: 2, a: 1 } })).toBe(0);
  });

  it('numerically equal _ids of different numeric types are duplicates', async () => {
    const c = fresh();
    await c.insertOne({ _id: 5 });
    await expectServerError(c.insertOne({ _id: new Double(5) as never }), 11000);
    await expectServerError(c.insertOne({ _id: Long.fromNumber(5) as never }), 11000);
  });

  it('rejects an array _id with InvalidIdField (53)', async () => {
    await expectServerError(fresh().insertOne({ _id: [1, 2] as never }), 53);
  });
});

describe('round trips', () => {
  it('keeps every BSON type exactly', async () => {
    const c = fresh();
    const oid = new ObjectId();
    const uuid = new UUID();
    const doc = {
      _id: 1,
      date: new Date('1969-07-20T20:17:40.123Z'),
      oid,
      dec: Decimal128.fromString('1234567890.123456789012345678901234'),
      decTrailing: Decimal128.fromString('1.10'),
      long: Long.fromString('9007199254740993'),
      negLong: Long.fromString('-9223372036854775808'),
      int: new Int32(7),
      double: new Double(7),
      frac: 0.1,
      nan: NaN,
      inf: -Infinity,
      bin: new Binary(Buffer.from([0, 1, 2, 255]), 0x80),
      binGeneric: new Binary(Buffer.from('hello')),
      uuid,
      nested: [[{ x: 1 }, { y: [1, [2, { z: null }]] }], []],
      nul: null,
      t: true,
      f: false,
      re: /ab+c$/im,
      ts: new Timestamp({ t: 1_700_000_000, i: 5 }),
      min: new MinKey(),
      max: new MaxKey(),
      str: 'héllo wörld — 日本語 🎉 \u0000 after-nul',
      'ключ 🔑': 'unicode field name',
      empty: {},
    };
    await c.insertOne(doc as never);

    const raw = (await c.findOne({ _id: 1 }, { promoteValues: false, promoteLongs: false, bsonRegExp: true }))!;
    expect(raw.int).toBeInstanceOf(Int32);
    expect(raw.int.value).toBe(7);
    expect(raw.double).toBeInstanceOf(Double);
    expect(raw.double.value).toBe(7);
    expect(raw.long).toBeInstanceOf(Long);
    expect(raw.long.toString()).toBe('9007199254740993');
    expect(raw.negLong.toString()).toBe('-9223372036854775808');
    expect(raw.re).toBeInstanceOf(BSONRegExp);
    expect(raw.re.pattern).toBe('ab+c$');
    expect(raw.re.options).toBe('im');

    const back = (await c.findOne({ _id: 1 }, { useBigInt64: true }))!;
    expect(Object.keys(back)).toEqual(Object.keys(doc));
    expect(back.date).toEqual(doc.date);
    expect(back.oid.equals(oid)).toBe(true);
    expect(back.dec.toString()).toBe('1234567890.123456789012345678901234');
    expect(back.decTrailing.toString()).toBe('1.10');
    expect(back.long).toBe(9007199254740993n);
    expect(back.negLong).toBe(-9223372036854775808n);
    expect(back.int).toBe(7);
    expect(back.frac).toBe(0.1);
    expect(back.nan).toBeNaN();
    expect(back.inf).toBe(-Infinity);
    expect(back.bin.sub_type).toBe(0x80);
    expect(Buffer.from(back.bin.buffer)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(back.binGeneric.sub_type).toBe(0);
    expect(back.uuid.sub_type).toBe(4);
    expect(back.uuid.toUUID().toHexString()).toBe(uuid.toHexString());
    expect(back.nested).toEqual(doc.nested);
    expect(back.nul).toBeNull();
    expect(back.t).toBe(true);
    expect(back.f).toBe(false);
    expect(back.re).toBeInstanceOf(RegExp);
    expect(back.re.source).toBe('ab+c$');
    expect(back.re.flags).toBe('im');
    expect(back.ts).toBeInstanceOf(Timestamp);
    expect(back.ts.t).toBe(1_700_000_000);
    expect(back.ts.i).toBe(5);
    expect(back.min).toBeInstanceOf(MinKey);
    expect(back.max).toBeInstanceOf(MaxKey);
    expect(back.str).toBe(doc.str);
    expect(back['ключ 🔑']).toBe('unicode field name');
    expect(back.empty).toEqual({});
  });

  it('replaces an empty top-level Timestamp with the current time on insert', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, ts: new Timestamp({ t: 0, i: 0 }), nested: { ts: new Timestamp({ t: 0, i: 0 }) } });
    const doc = (await c.findOne({ _id: 1 }))!;
    expect(Math.abs(doc.ts.t - Date.now() / 1000)).toBeLessThan(120);
    expect(doc.nested.ts.t).toBe(0); // only top-level fields are filled in
  });
});

describe('numeric types under update', () => {
  it('$inc keeps int32, overflows int32 into int64, and mixes into double', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, i: new Int32(1), big: new Int32(2147483647), d: new Int32(1), l: Long.fromNumber(1) } as never);
    await c.updateOne({ _id: 1 }, { $inc: { i: new Int32(1), big: new Int32(1), d: 0.5, l: new Int32(1) } } as never);
    const raw = (await c.findOne({ _id: 1 }, { promoteValues: false, promoteLongs: false }))!;
    expect(raw.i).toBeInstanceOf(Int32);
    expect(raw.i.value).toBe(2);
    expect(raw.big).toBeInstanceOf(Long);
    expect(raw.big.toString()).toBe('2147483648');
    expect(raw.d).toBeInstanceOf(Double);
    expect(raw.d.value).toBe(1.5);
    expect(raw.l).toBeInstanceOf(Long);
    expect(raw.l.toString()).toBe('2');
  });

  // Known difference (README): arithmetic on Decimal128 is not supported by the embedded server.
  it.skip('$inc on a Decimal128 stays a Decimal128', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, dec: Decimal128.fromString('1.1') } as never);
    await c.updateOne({ _id: 1 }, { $inc: { dec: new Int32(1) } } as never);
    const raw = (await c.findOne({ _id: 1 }, { promoteValues: false }))!;
    expect(raw.dec).toBeInstanceOf(Decimal128);
    expect(raw.dec.toString()).toBe('2.1');
  });

  it('int64 values beyond 2^53 are compared exactly', async () => {
    const c = fresh();
    await c.insertMany([
      { _id: 'a', v: Long.fromString('9007199254740992') },
      { _id: 'b', v: Long.fromString('9007199254740993') },
    ] as never[]);
    expect((await c.find({ v: Long.fromString('9007199254740993') }).toArray()).map((d) => d._id)).toEqual(['b']);
    expect((await c.find({ v: { $gt: Long.fromString('9007199254740992') } }).toArray()).map((d) => d._id)).toEqual(['b']);
    await c.updateOne({ _id: 'b' }, { $inc: { v: Long.fromNumber(1) } });
    const raw = (await c.findOne({ _id: 'b' }, { promoteLongs: false }))!;
    expect(raw.v.toString()).toBe('9007199254740994');
  });
});

describe('comparison semantics across types', () => {
  it('strings compare by UTF-8 bytes (simple binary comparison), not UTF-16 or locale', async () => {
    const c = fresh();
    // U+FF5E < U+1F600 in UTF-8 byte order, although its UTF-16 code unit (0xFF5E) is above the surrogate 0xD83D.
    const words = ['b', 'B', 'a', 'é', 'Z', '\uFF5E', '😀', ''];
    await c.insertMany(words.map((w, i) => ({ _id: i, w })));
    const sorted = (await c.find().sort({ w: 1 }).toArray()).map((d) => d.w);
    expect(sorted).toEqual(['', 'B', 'Z', 'a', 'b', 'é', '\uFF5E', '😀']);
    expect((await c.find({ w: { $gt: '\uFF5E' } }).toArray()).map((d) => d.w)).toEqual(['😀']);
  });

  it('numbers of different types compare by value', async () => {
    const c = fresh();
    await c.insertMany([
      { _id: 'int', v: new Int32(5) },
      { _id: 'double', v: new Double(5) },
      { _id: 'long', v: Long.fromNumber(5) },
      { _id: 'decimal', v: Decimal128.fromString('5.0') },
      { _id: 'string', v: '5' },
    ] as never[]);
    const ids = (await c.find({ v: 5 }).toArray()).map((d) => d._id).sort();
    expect(ids).toEqual(['double', 'int', 'long']);
    expect(await c.countDocuments({ v: { $gte: Decimal128.fromString('4.9') } })).toBe(4);
    expect(await c.countDocuments({ v: { $lt: 5.5 } })).toBe(4);
  });

  // Known difference (README): equality between Decimal128 and the other numeric types.
  it.skip('a Decimal128 equals an int of the same value', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 'decimal', v: Decimal128.fromString('5.0') }] as never[]);
    expect(await c.countDocuments({ v: 5 })).toBe(1);
  });

  it('range operators only match values of the same type bracket', async () => {
    const c = fresh();
    await c.insertMany([
      { _id: 1, v: 10 },
      { _id: 2, v: 'zzz' },
      { _id: 3, v: new Date(0) },
      { _id: 4, v: true },
      { _id: 5, v: null },
    ]);
    expect((await c.find({ v: { $gt: 0 } }).toArray()).map((d) => d._id)).toEqual([1]);
    expect((await c.find({ v: { $gt: 'a' } }).toArray()).map((d) => d._id)).toEqual([2]);
  });

  it('sorts mixed types in BSON comparison order', async () => {
    const c = fresh();
    const values: [string, unknown][] = [
      ['maxkey', new MaxKey()],
      ['regex', /x/],
      ['timestamp', new Timestamp({ t: 1, i: 1 })],
      ['date', new Date(0)],
      ['bool', false],
      ['objectid', new ObjectId()],
      ['binary', new Binary(Buffer.from([1]))],
      ['object', { a: 1 }],
      ['string', 'a'],
      ['number', 1],
      ['null', null],
      ['minkey', new MinKey()],
    ];
    await c.insertMany(values.map(([k, v]) => ({ _id: k, v })));
    const asc = (await c.find().sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(asc).toEqual(values.map(([k]) => k).reverse());
    const desc = (await c.find().sort({ v: -1 }).toArray()).map((d) => d._id);
    expect(desc).toEqual(values.map(([k]) => k));
  });

  it('missing fields sort with null, before numbers; arrays sort by their min (asc) or max (desc) element', async () => {
    const c = fresh();
    await c.insertMany([
      { _id: 'three', v: 3 },
      { _id: 'missing' },
      { _id: 'arr', v: [5, 0] },
      { _id: 'one', v: 1 },
    ]);
    expect((await c.find().sort({ v: 1, _id: 1 }).toArray()).map((d) => d._id)).toEqual(['missing', 'arr', 'one', 'three']);
    expect((await c.find().sort({ v: -1, _id: 1 }).toArray()).map((d) => d._id)).toEqual(['arr', 'three', 'one', 'missing']);
  });

  it('null matches both null and missing fields; $type distinguishes them', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, v: null }, { _id: 2 }, { _id: 3, v: 0 }]);
    expect((await c.find({ v: null }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
    expect((await c.find({ v: { $type: 'null' } }).toArray()).map((d) => d._id)).toEqual([1]);
    expect((await c.find({ v: { $exists: false } }).toArray()).map((d) => d._id)).toEqual([2]);
  });
});
