import { describe, it, expect, beforeAll } from 'vitest';
import type { Collection } from 'mongodb';
import { useTestDatabase, expectServerError, type AnyDoc } from './server-fixture.js';

const target = useTestDatabase('aggregate');
let orders: Collection<AnyDoc>;
let customers: Collection<AnyDoc>;

beforeAll(async () => {
  orders = target.db.collection<AnyDoc>('orders');
  customers = target.db.collection<AnyDoc>('customers');
  await customers.insertMany([
    { _id: 'c1', name: 'Ann', city: 'Oslo' },
    { _id: 'c2', name: 'Bob', city: 'Rome' },
    { _id: 'c3', name: 'Cid', city: 'Oslo' },
  ]);
  await orders.insertMany([
    { _id: 1, customer: 'c1', amount: 10, items: ['a', 'b'], status: 'paid' },
    { _id: 2, customer: 'c1', amount: 30, items: ['b'], status: 'paid' },
    { _id: 3, customer: 'c2', amount: 5, items: [], status: 'open' },
    { _id: 4, customer: 'c2', amount: 25, items: ['a', 'c', 'c'], status: 'paid' },
    { _id: 5, customer: 'c9', amount: 1, items: ['z'], status: 'open' },
  ]);
});

describe('aggregation stages', () => {
  it('$match + $group + $sort with accumulators', async () => {
    const res = await orders
      .aggregate([
        { $match: { status: 'paid' } },
        { $group: { _id: '$customer', total: { $sum: '$amount' }, avg: { $avg: '$amount' }, n: { $sum: 1 }, ids: { $push: '$_id' }, max: { $max: '$amount' } } },
        { $sort: { total: -1 } },
      ])
      .toArray();
    expect(res).toEqual([
      { _id: 'c1', total: 40, avg: 20, n: 2, ids: [1, 2], max: 30 },
      { _id: 'c2', total: 25, avg: 25, n: 1, ids: [4], max: 25 },
    ]);
  });

  it('$group with _id null aggregates everything', async () => {
    expect(await orders.aggregate([{ $group: { _id: null, sum: { $sum: '$amount' }, first: { $first: '$_id' } } }]).toArray()).toEqual([
      { _id: null, sum: 71, first: 1 },
    ]);
  });

  it('$project with expressions, $addFields, $skip and $limit', async () => {
    const res = await orders
      .aggregate([
        { $sort: { _id: 1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $addFields: { double: { $multiply: ['$amount', 2] } } },
        { $project: { _id: 0, id: '$_id', double: 1, nItems: { $size: '$items' }, big: { $gt: ['$amount', 10] } } },
      ])
      .toArray();
    expect(res).toEqual([
      { double: 60, id: 2, nItems: 1, big: true },
      { double: 10, id: 3, nItems: 0, big: false },
    ]);
  });

  it('$unwind drops empty arrays unless preserveNullAndEmptyArrays', async () => {
    const plain = await orders.aggregate([{ $unwind: '$items' }, { $group: { _id: '$items', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(plain).toEqual([
      { _id: 'a', n: 2 },
      { _id: 'b', n: 2 },
      { _id: 'c', n: 2 },
      { _id: 'z', n: 1 },
    ]);
    const kept = await orders
      .aggregate([{ $match: { _id: 3 } }, { $unwind: { path: '$items', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } }])
      .toArray();
    expect(kept).toEqual([{ _id: 3, customer: 'c2', amount: 5, status: 'open', i: null }]);
  });

  it('$lookup joins a second collection', async () => {
    const res = await orders
      .aggregate([
        { $match: { _id: { $in: [1, 5] } } },
        { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' } },
        { $project: { who: 1 } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(res).toEqual([
      { _id: 1, who: [{ _id: 'c1', name: 'Ann', city: 'Oslo' }] },
      { _id: 5, who: [] },
    ]);
  });

  it('$lookup with a pipeline and let', async () => {
    const res = await customers
      .aggregate([
        { $sort: { _id: 1 } },
        {
          $lookup: {
            from: 'orders',
            let: { cid: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$customer', '$$cid'] } } }, { $group: { _id: null, spent: { $sum: '$amount' } } }],
            as: 'spent',
          },
        },
        { $project: { _id: 1, spent: { $ifNull: [{ $first: '$spent.spent' }, 0] } } },
      ])
      .toArray();
    expect(res).toEqual([
      { _id: 'c1', spent: 40 },
      { _id: 'c2', spent: 30 },
      { _id: 'c3', spent: 0 },
    ]);
  });

  it('$count and $facet', async () => {
    expect(await orders.aggregate([{ $match: { status: 'open' } }, { $count: 'open' }]).toArray()).toEqual([{ open: 2 }]);
    expect(await orders.aggregate([{ $match: { status: 'none' } }, { $count: 'n' }]).toArray()).toEqual([]);
    const [facets] = await orders
      .aggregate([
        {
          $facet: {
            byStatus: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            top: [{ $sort: { amount: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
            total: [{ $count: 'n' }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({
      byStatus: [
        { _id: 'open', n: 2 },
        { _id: 'paid', n: 3 },
      ],
      top: [{ _id: 2 }],
      total: [{ n: 5 }],
    });
  });

  it('$out writes the result into another collection', async () => {
    await orders.aggregate([{ $match: { status: 'paid' } }, { $project: { amount: 1 } }, { $out: 'paid_orders' }]).toArray();
    expect(await target.db.collection('paid_orders').find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, amount: 10 },
      { _id: 2, amount: 30 },
      { _id: 4, amount: 25 },
    ]);
  });

  it('aggregate on a missing collection returns nothing', async () => {
    expect(await target.db.collection('nope').aggregate([{ $match: {} }]).toArray()).toEqual([]);
  });
});

describe('aggregation errors', () => {
  it('an unknown stage fails with 40324 and the server keeps serving', async () => {
    const err = await expectServerError(orders.aggregate([{ $frobnicate: {} }]).toArray(), 40324);
    expect(err.message).toContain('$frobnicate');
    expect(await orders.countDocuments()).toBe(5);
  });

  it('an unknown query operator fails with BadValue (2)', async () => {
    const err = await expectServerError(orders.find({ a: { $frob: 1 } }).toArray(), 2, 'BadValue');
    expect(err.message).toContain('$frob');
    await expectServerError(orders.aggregate([{ $match: { a: { $frob: 1 } } }]).toArray(), 2, 'BadValue');
    await expectServerError(orders.countDocuments({ a: { $frob: 1 } }), 2, 'BadValue');
  });

  it('an unknown expression operator fails with 168 (InvalidPipelineOperator)', async () => {
    await expectServerError(orders.aggregate([{ $project: { x: { $frob: 1 } } }]).toArray(), 168, 'InvalidPipelineOperator');
  });

  it('a stage object with two fields fails with 40323', async () => {
    await expectServerError(orders.aggregate([{ $match: {}, $limit: 1 }]).toArray(), 40323);
  });
});
