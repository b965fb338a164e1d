// The planner chooses by evidence: the index whose bounds hold the fewest keys for a filter, and for a
// sorted page a walk of the sorted index raced against that filter index. Plans are checked through
// explain (embedded server only: mongod's plans and explain shape differ); results are checked on any
// server against the same filter and sort computed in JS over every document.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Document, Sort } from 'mongodb';
import { useTestDatabase, external, type AnyDoc } from './server-fixture.js';

const t = useTestDatabase('planner');
const N = 20_000;
const OWNERS = Array.from({ length: 12 }, (_, i) => `user-${i}`);
const SCOPE = OWNERS.slice(0, 9);
const STATUSES = ['pending', 'pending', 'pending', 'following', 'following', 'following', 'interested', 'interested', 'won', 'lost'];
const PREMIUMS = [1500, 3000, 4800, 6000, 8000, 9600, 12000, 15000, 20000, 36000];
const BASE = Date.UTC(2025, 0, 1);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CRM record: ids in no particular order, updatedAt on ~3000 distinct minutes so ties are common. */
function record(i: number): AnyDoc {
  const rnd = mulberry32(i * 2654435761 + 7);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const updatedAt = i % 997 === 0 ? null : new Date(BASE + Math.floor(rnd() * 3000) * 60_000);
  return {
    _id: `r-${Math.floor(rnd() * 1e9).toString(36)}-${i}`,
    ownerId: pick(OWNERS),
    createdAt: new Date(BASE - i * 1000),
    updatedAt,
    deletedAt: rnd() < 0.01 ? new Date(BASE) : null,
    values: { status: pick(STATUSES), annual_premium: pick(PREMIUMS) + Math.round(rnd() * 100) * 10, ...(i % 3 ? { phone: `+86138${i}` } : {}) },
  };
}

type Pred = (d: AnyDoc) => boolean;
const scoped: Pred = (d) => SCOPE.includes(d.ownerId) && d.deletedAt == null;
const listFilter = (extra: Document[]) => ({ $and: [{ ownerId: { $in: SCOPE } }, { deletedAt: null }, { $and: extra }] });

/** The runtime's list query (runtime/src/records/list-records.ts) for status = interested and premium >= 8000. */
const RUNTIME = {
  filter: listFilter([{ 'values.status': { $eq: 'interested' } }, { 'values.annual_premium': { $gte: 8000 } }]),
  pred: (d: AnyDoc) => scoped(d) && d.values.status === 'interested' && d.values.annual_premium >= 8000,
};
const CASES: Record<string, { filter: Document; pred: Pred }> = {
  runtime: RUNTIME,
  unselective: { filter: listFilter([{}]), pred: scoped },
  rare: {
    filter: listFilter([{ 'values.status': 'won' }, { 'values.annual_premium': { $gte: 30000 } }]),
    pred: (d) => scoped(d) && d.values.status === 'won' && d.values.annual_premium >= 30000,
  },
  none: { filter: listFilter([{ 'values.status': 'interested' }, { 'values.annual_premium': { $gte: 1e9 } }]), pred: () => false },
};

/** MongoDB's order for the values used here: null (or missing) < numbers < strings < dates. */
function cmp(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (v == null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a == null) return 0;
  const [x, y] = a instanceof Date ? [a.getTime(), (b as Date).getTime()] : [a as number, b as number];
  return x < y ? -1 : x > y ? 1 : 0;
}
const get = (d: AnyDoc, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Document | undefined)?.[k], d);

let all: AnyDoc[] = [];
function reference(pred: Pred, sort: Record<string, number>, skip = 0, limit = 0): string[] {
  const out = all.filter(pred).sort((a, b) => {
    for (const [f, dir] of Object.entries(sort)) {
      const c = cmp(get(a, f), get(b, f)) * dir;
      if (c) return c;
    }
    return 0;
  });
  return out.slice(skip, limit ? skip + limit : undefined).map((d) => d._id as string);
}

const coll = () => t.db.collection<AnyDoc>('records');
const SORT = { updatedAt: -1, _id: 1 } as const;
const ids = (docs: AnyDoc[]) => docs.map((d) => d._id as string);

beforeAll(async () => {
  await coll().createIndexes([
    { key: { ownerId: 1, updatedAt: -1 }, name: 'sys:owner_updated' },
    { key: { updatedAt: -1 }, name: 'sys:updated' },
    { key: { createdAt: -1 }, name: 'sys:created' },
    { key: { deletedAt: 1 }, name: 'sys:deleted' },
    { key: { 'values.phone': 1 }, name: 'uniq:phone', unique: true, partialFilterExpression: { 'values.phone': { $exists: true } } },
    { key: { 'values.status': 1 }, name: 'idx:status' },
    { key: { 'values.annual_premium': 1 }, name: 'idx:annual_premium' },
  ]);
  for (let i = 0; i < N; i += 2000) await coll().insertMany(Array.from({ length: 2000 }, (_, k) => record(i + k)));
  all = await coll().find({}).toArray();
  expect(all).toHaveLength(N);
});

/** The winning index of an explain, the embedded server's summary saying why, and the plans it beat. */
async function explained(command: Document): Promise<{ index?: string; summary: string; rejected: string }> {
  const res = await t.db.command({ explain: command, verbosity: 'queryPlanner' });
  const qp = res.queryPlanner as Document;
  return { index: qp.winningPlan?.inputStage?.indexName, summary: String(qp.planSummary), rejected: String(qp.rejectedSummaries ?? '') };
}

describe.skipIf(external)('planner choice (explain)', () => {
  it('counts with the index whose bounds hold the fewest keys, not the one with an equality on deletedAt', async () => {
    const pipeline = [{ $match: RUNTIME.filter }, { $group: { _id: 1, n: { $sum: 1 } } }];
    const plan = await explained({ aggregate: coll().collectionName, pipeline, cursor: {} });
    expect(plan.index).toBe('idx:status');
    // The count it chose by is exact: the documents whose status is interested.
    expect(plan.summary).toContain(`${all.filter((d) => d.values.status === 'interested').length} keys`);
  });

  it('walks the sorted index for a sorted page, and keeps the filter index without a limit', async () => {
    const find = { find: coll().collectionName, filter: RUNTIME.filter, sort: SORT };
    const page = await explained({ ...find, limit: 20 });
    expect(page.index).toBe('sys:updated');
    expect(page.rejected).toContain('idx:status');
    expect((await explained(find)).index).toBe('idx:status');
  });

  it('uses a partial unique index when the query implies its filter, and not when it could match a missing field', async () => {
    const phone = all.find((d) => d.values.phone)!.values.phone as string;
    const hit = await explained({ find: coll().collectionName, filter: { 'values.phone': phone, deletedAt: null } });
    expect(hit.index).toBe('uniq:phone');
    expect(await coll().find({ 'values.phone': phone }).toArray()).toHaveLength(1);
    const within = await explained({ find: coll().collectionName, filter: { 'values.phone': { $in: [phone, '+860'] } } });
    expect(within.index).toBe('uniq:phone');
    // `phone: null` also matches records without a phone, which the partial index does not hold.
    const missing = await explained({ find: coll().collectionName, filter: { 'values.phone': null } });
    expect(missing.index).not.toBe('uniq:phone');
    expect(await coll().countDocuments({ 'values.phone': null })).toBe(all.filter((d) => d.values.phone === undefined).length);
  });

  it('falls back to the filter index when the sorted walk cannot fill the page within its budget', async () => {
    const plan = await explained({ find: coll().collectionName, filter: CASES.rare.filter, sort: SORT, limit: 200 });
    expect(plan.index).not.toBe('sys:updated');
    expect(plan.rejected).toContain('sys:updated');
  });
});

describe('planner choice (results match a plan-free reference)', () => {
  for (const [name, { filter, pred }] of Object.entries(CASES)) {
    it(`${name}: count, first page, a later page and the full sorted list`, async () => {
      expect(await coll().countDocuments(filter)).toBe(all.filter(pred).length);
      expect(ids(await coll().find(filter).sort(SORT).limit(20).toArray())).toEqual(reference(pred, SORT, 0, 20));
      expect(ids(await coll().find(filter).sort(SORT).skip(40).limit(20).toArray())).toEqual(reference(pred, SORT, 40, 20));
      expect(ids(await coll().find(filter).sort(SORT).toArray())).toEqual(reference(pred, SORT));
    });
  }

  it('pages through getMore batches, limited and not, ascending and descending', async () => {
    const sorts: Sort[] = [SORT, { updatedAt: 1, _id: 1 }, { 'values.annual_premium': -1, _id: 1 }];
    for (const sort of sorts) {
      const s = sort as Record<string, number>;
      const limited = ids(await coll().find(CASES.unselective.filter).sort(sort).skip(10).limit(450).batchSize(60).toArray());
      expect(limited).toEqual(reference(scoped, s, 10, 450));
      const whole = ids(await coll().find(RUNTIME.filter).sort(sort).batchSize(101).toArray());
      expect(whole).toEqual(reference(RUNTIME.pred, s));
    }
  });

  it('streams a sorted index with ties sorted in memory when no index narrows the filter', async () => {
    // The partial phone index may not hold every document, so only the sorted scan serves this filter.
    const filters: [Document, Pred][] = [[{}, () => true], [{ 'values.phone': { $exists: true } }, (d) => d.values.phone !== undefined]];
    for (const [filter, pred] of filters) {
      for (const sort of [SORT, { updatedAt: 1, _id: 1 }, { updatedAt: -1, _id: -1 }] satisfies Record<string, 1 | -1>[]) {
        if (Object.keys(filter).length) expect(ids(await coll().find(filter).sort(sort).batchSize(500).toArray())).toEqual(reference(pred, sort));
        expect(ids(await coll().find(filter).sort(sort).skip(7).limit(30).toArray())).toEqual(reference(pred, sort, 7, 30));
      }
    }
  });

  it('finds a page behind a skip deeper than the race budget', async () => {
    expect(ids(await coll().find(RUNTIME.filter).sort(SORT).skip(3000).limit(20).toArray())).toEqual(reference(RUNTIME.pred, SORT, 3000, 20));
  });

  it('multikey ranges (both bounds, or sorting by the array field) agree with an unindexed copy', async () => {
    // [0, 3] matches { $gt: 1, $lt: 3 } through different elements, and sorts ascending by 0, not by 3.
    const docs = Array.from({ length: 300 }, (_, i) => ({ _id: i, xs: i % 5 === 0 ? [i % 7, (i % 7) + 3] : [(i % 9) * 0.5], tag: ['a', 'b', 'c'][i % 3] }));
    const plain = t.db.collection<AnyDoc>('multikey_plain');
    const indexed = t.db.collection<AnyDoc>('multikey_indexed');
    await plain.insertMany(docs);
    await indexed.insertMany(docs);
    await indexed.createIndexes([{ key: { xs: 1 } }, { key: { tag: 1 } }]);
    const queries: [Document, Sort, number][] = [
      [{ xs: { $gt: 1, $lt: 3 } }, { _id: 1 }, 0],
      [{ xs: { $gt: 1 } }, { xs: 1, _id: 1 }, 5],
      [{ xs: { $lt: 3 }, tag: 'a' }, { xs: -1, _id: 1 }, 10],
    ];
    for (const [filter, sort, limit] of queries) {
      const run = (c: typeof plain) => c.find(filter).sort(sort).limit(limit).toArray();
      expect(ids(await run(indexed))).toEqual(ids(await run(plain)));
      expect(await indexed.countDocuments(filter)).toBe(await plain.countDocuments(filter));
    }
  });

  it("sees a transaction's own writes in a sorted page", async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      const doc = { ...record(N + 1), _id: 'r-new', ownerId: SCOPE[0], updatedAt: new Date(BASE + 1e10), deletedAt: null, values: { status: 'interested', annual_premium: 9000 } };
      await coll().insertOne(doc, { session });
      const page = ids(await coll().find(RUNTIME.filter, { session }).sort(SORT).limit(20).toArray());
      expect(page).toEqual(['r-new', ...reference(RUNTIME.pred, SORT, 0, 19)]);
    } finally {
      await session.abortTransaction();
      await session.endSession();
    }
  });
});
