// The compiled aggregation path (embedded-mongo/src/engine/aggregation/) must answer exactly what the
// interpreted one (every stage through mingo; a server started with `--aggregate interpreted`) answers:
// a few hundred generated pipelines of the report shapes run over the same generated documents (missing
// fields, nulls, mixed types, arrays) on both servers. Where mingo departs from mongod (calendar truncation
// in a time zone, null dates in date parts, missing values in $push) the mongod answer is pinned instead.
// Then the report shapes against figures computed here by hand, maxTimeMS, and a findOne answered while
// a long $group runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Long, type Document, type MongoClient, type Collection } from 'mongodb';
import { compareValues } from '../../embedded-mongo/src/storage/bson-order.js';
import { connect, expectServerError, startEmbedded, type AnyDoc, type StartedServer } from './server-fixture.js';
import { mulberry32 } from '@telesales/engines/seeded-random';

let compiledServer: StartedServer;
let interpretedServer: StartedServer;
let clients: MongoClient[] = [];
let fast: Collection<AnyDoc>;
let slow: Collection<AnyDoc>;

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 11, 20);

/** Documents with the awkward cases: missing fields, nulls, mixed types, arrays, nested documents. */
function documents(count: number): Document[] {
  const rnd = mulberry32(17);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: count }, (_, i) => {
    const doc: Document = { _id: i, g: Math.floor(rnd() * 5) };
    const r = rnd();
    if (r < 0.75) doc.a = pick(['x', 'y', 'z', 'Ä', 'x y']);
    else if (r < 0.82) doc.a = null;
    else if (r < 0.88) doc.a = pick([1, 2.5, true]);
    else if (r < 0.92) doc.a = ['x', 'y'];
    const n = rnd();
    if (n < 0.6) doc.n = Math.floor(rnd() * 20);
    else if (n < 0.75) doc.n = Math.round(rnd() * 1000) / 100;
    else if (n < 0.8) doc.n = 'n/a';
    else if (n < 0.85) doc.n = null;
    else if (n < 0.9) doc.n = Long.fromNumber(7);
    const d = rnd();
    // Around a year's end, midnight and a daylight-saving change, so zones move days, weeks and years.
    if (d < 0.85) doc.d = new Date(BASE + Math.floor(rnd() * 40 * DAY));
    else if (d < 0.92) doc.d = null;
    if (rnd() < 0.5) doc.flag = rnd() < 0.5;
    else if (rnd() < 0.3) doc.flag = pick([0, 1, 'yes']);
    const k = rnd();
    if (k < 0.6) doc.nested = { k: pick(['p', 'q']), v: Math.floor(rnd() * 10) };
    else if (k < 0.7) doc.nested = [{ k: 'p' }, { k: 'q' }];
    else if (k < 0.8) doc.nested = 'flat';
    return doc;
  });
}

beforeAll(async () => {
  [compiledServer, interpretedServer] = await Promise.all([startEmbedded(), startEmbedded({ args: ['--aggregate', 'interpreted'] })]);
  clients = await Promise.all([connect(compiledServer.uri), connect(interpretedServer.uri)]);
  [fast, slow] = clients.map((c) => c.db('fastpath').collection<AnyDoc>('docs'));
  const docs = documents(600);
  for (const c of [fast, slow]) {
    await c.insertMany(docs.map((d) => ({ ...d })));
    await c.createIndex({ d: 1 });
    await c.createIndex({ a: 1, d: 1 });
  }
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await Promise.all([compiledServer?.stop(), interpretedServer?.stop()]);
});

// --- generated pipelines ----------------------------------------------------------------------------------

const MATCHES: Document[] = [
  {},
  { g: 2 },
  { g: { $in: [1, 3] } },
  { d: { $gte: new Date(BASE + 5 * DAY), $lt: new Date(BASE + 20 * DAY) } },
  { a: 'x', d: { $gte: new Date(BASE + 3 * DAY) } },
  { n: { $gt: 5 } },
  { n: { $lte: 2.5 } },
  { a: null },
  { a: { $ne: 'x' } },
  { a: { $exists: false } },
  { flag: true },
  { $and: [{ g: { $gte: 1 } }, { a: { $in: ['y', 'z'] } }] },
  { 'nested.k': 'p' },
  { a: { $nin: ['x', null] } },
  { n: { $type: 'string' } }, // not compiled: mingo on the whole document inside the compiled scan
];

const KEYS: unknown[] = [
  null,
  '$a',
  '$g',
  '$n',
  '$nested.k',
  { a: { $ifNull: ['$a', null] }, g: '$g' },
  { $cond: [{ $gt: ['$g', 2] }, 'big', 'small'] },
  { $cond: { if: '$flag', then: 'on', else: 'off' } },
  { $ifNull: ['$a', 'none'] },
  { $concat: ['$a', '-', 'k'] },
  { $dateTrunc: { date: '$d', unit: 'week' } },
  { $dateTrunc: { date: '$d', unit: 'month' } },
  { $dateTrunc: { date: '$d', unit: 'hour', binSize: 6 } },
  { $dateTrunc: { date: '$d', unit: 'hour', timezone: '+02:00' } },
  { $dateToString: { date: '$d', format: '%Y-%m-%d %H', timezone: 'Asia/Shanghai' } },
  { $dateToString: { date: '$d', format: '%Y/%j %H', timezone: 'America/New_York' } },
];

/** Date parts: mingo fails on a null or missing date (mongod answers null), so only over documents with one. */
const DATE_KEYS: unknown[] = [
  { $year: '$d' },
  { $month: { date: '$d', timezone: 'Europe/Berlin' } },
  { $dayOfMonth: { date: '$d', timezone: 'Asia/Shanghai' } },
  { $hour: { date: '$d', timezone: 'America/New_York' } },
  { $dayOfWeek: '$d' },
  { y: { $year: '$d' } },
];

const ACCUMULATORS: Document[] = [
  { $sum: 1 },
  { $sum: '$n' },
  { $avg: '$n' },
  { $min: '$n' },
  { $max: '$n' },
  { $min: '$d' },
  { $max: '$g' },
  { $first: '$a' },
  { $last: '$n' },
  { $count: {} },
  { $push: '$g' },
  { $addToSet: '$g' },
  { $sum: { $cond: ['$flag', 1, 0] } },
  { $sum: { $multiply: ['$g', 2] } },
  { $avg: { $subtract: ['$g', 1] } },
  { $max: { $eq: ['$a', 'x'] } },
  { $first: '$nested.v' },
];

const TAILS: Document[][] = [
  [],
  [{ $sort: { _id: 1 } }],
  [{ $sort: { f0: -1, _id: 1 } }, { $limit: 3 }],
  [{ $project: { f0: 1 } }, { $sort: { _id: -1 } }],
  [{ $count: 'groups' }],
  [{ $sort: { _id: 1 } }, { $skip: 1 }],
];

function generated(count: number): Document[][] {
  const rnd = mulberry32(99);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const group = (dated: boolean): Document => {
    const spec: Document = { _id: dated ? pick(DATE_KEYS) : pick(KEYS) };
    const n = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) spec[`f${i}`] = pick(ACCUMULATORS);
    return spec;
  };
  return Array.from({ length: count }, () => {
    const dated = rnd() < 0.2;
    const match = dated ? { ...pick(MATCHES), d: { $type: 'date' } } : pick(MATCHES);
    const head = Object.keys(match).length ? [{ $match: match }] : [];
    if (rnd() < 0.15) {
      return [...head, { $facet: { byKey: [{ $group: group(dated) }, { $sort: { _id: 1 } }], count: [{ $match: { g: { $gt: 1 } } }, { $count: 'n' }] } }];
    }
    if (rnd() < 0.05) return [...head, { $count: 'matched' }];
    const tail = pick(TAILS);
    return [...head, { $group: group(dated) }, ...tail];
  });
}

/** Rows in a stable order, for results whose order the pipeline leaves open. */
function canonical(rows: Document[]): string {
  return JSON.stringify(rows.map((r) => JSON.stringify(r)).sort());
}

/** mongod's $sort over result rows: BSON order (bson-order.ts), arrays by their smallest or largest element. */
function bsonSort(rows: Document[], spec: Record<string, 1 | -1>): Document[] {
  const key = (row: Document, path: string, dir: number) => {
    const v = path.split('.').reduce<unknown>((o, p) => (o !== null && typeof o === 'object' ? (o as Document)[p] : undefined), row) ?? null;
    // An empty array sorts below null (as the index key of an empty array does).
    if (Array.isArray(v)) return v.length ? v.reduce((best, x) => (compareValues(x, best) * dir < 0 ? x : best)) : undefined;
    return v;
  };
  return [...rows].sort((a, b) => {
    for (const [path, dir] of Object.entries(spec)) {
      const c = compareValues(key(a, path, dir), key(b, path, dir)) * dir;
      if (c !== 0) return c;
    }
    return 0;
  });
}

/**
 * What the interpreted path answers, with any $sort (and what follows it) applied here in BSON order:
 * mingo orders mixed types, arrays and documents its own way, mongod (and the compiled path) by BSON order.
 */
async function interpreted(pipeline: Document[]): Promise<{ rows: Document[]; ordered: boolean } | { error: string }> {
  const at = pipeline.findIndex((s) => '$sort' in s);
  const head = at < 0 ? pipeline : pipeline.slice(0, at);
  let rows: Document[];
  try {
    rows = await slow.aggregate(head).toArray();
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (at < 0) return { rows: rows.map((r) => ('byKey' in r ? { ...r, byKey: JSON.parse(canonical(r.byKey)) } : r)), ordered: false };
  rows = bsonSort(rows, pipeline[at].$sort);
  for (const stage of pipeline.slice(at + 1)) {
    if ('$limit' in stage) rows = rows.slice(0, stage.$limit);
    else if ('$skip' in stage) rows = rows.slice(stage.$skip);
    else throw new Error(`no stage after $sort expected in ${JSON.stringify(pipeline)}`);
  }
  return { rows, ordered: true };
}

describe('the compiled aggregation path', () => {
  it('answers generated report pipelines exactly as the interpreted path', async () => {
    const pipelines = generated(320);
    let compared = 0;
    const differences: string[] = [];
    for (const pipeline of pipelines) {
      // A facet's sub-pipeline sorts inside: compare its rows as a set, its own order is checked below.
      const facet = pipeline.find((s) => '$facet' in s);
      const comparable = facet ? pipeline.map((s) => (s === facet ? { $facet: { ...facet.$facet, byKey: [facet.$facet.byKey[0]] } } : s)) : pipeline;
      const want = await interpreted(comparable);
      let got: string;
      try {
        const rows = await fast.aggregate(pipeline).toArray();
        if (facet) for (const r of rows) expect(r.byKey).toEqual(bsonSort(r.byKey, { _id: 1 }));
        const shown = rows.map((r) => ('byKey' in r ? { ...r, byKey: JSON.parse(canonical(r.byKey)) } : r));
        got = 'rows' in want && want.ordered ? JSON.stringify(shown) : canonical(shown);
      } catch (error) {
        got = `error: ${(error as Error).message}`;
      }
      const expected = 'rows' in want ? (want.ordered ? JSON.stringify(want.rows) : canonical(want.rows)) : `error: ${want.error}`;
      if (got !== expected) differences.push(`${JSON.stringify(pipeline)}\n  compiled:    ${got}\n  interpreted: ${expected}`);
      if ('rows' in want) compared++;
    }
    expect(differences.join('\n')).toBe('');
    expect(compared).toBeGreaterThan(280);
  }, 240_000);

  it('truncates days, weeks and months on the calendar of the time zone (as mongod; mingo uses UTC days)', async () => {
    const c = fast.db.collection<AnyDoc>('zones');
    await c.insertMany([
      { _id: 1, d: new Date('2024-01-01T20:00:00Z') }, // Tuesday 04:00 in Shanghai
      { _id: 2, d: new Date('2024-03-31T00:30:00Z') }, // 01:30 in Berlin, half an hour before the clocks go forward
      { _id: 3, d: new Date('2024-10-27T00:30:00Z') }, // 02:30 summer time in Berlin, the night they go back
      { _id: 4, d: null },
      { _id: 5 },
    ]);
    const rows = await c
      .aggregate([
        {
          $group: {
            _id: '$_id',
            day: { $first: { $dateTrunc: { date: '$d', unit: 'day', timezone: 'Asia/Shanghai' } } },
            week: { $first: { $dateTrunc: { date: '$d', unit: 'week', timezone: 'Asia/Shanghai', startOfWeek: 'monday' } } },
            berlinDay: { $first: { $dateTrunc: { date: '$d', unit: 'day', timezone: 'Europe/Berlin' } } },
            month: { $first: { $dateTrunc: { date: '$d', unit: 'month', timezone: '+05:30' } } },
            hour: { $first: { $dateTrunc: { date: '$d', unit: 'hour', timezone: '+05:30' } } },
            dom: { $first: { $dayOfMonth: { date: '$d', timezone: 'Asia/Shanghai' } } },
            text: { $first: { $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M %z', timezone: 'Europe/Berlin', onNull: 'none' } } },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    const at = (s: string) => new Date(s);
    expect(rows).toEqual([
      { _id: 1, day: at('2024-01-01T16:00:00Z'), week: at('2023-12-31T16:00:00Z'), berlinDay: at('2023-12-31T23:00:00Z'), month: at('2023-12-31T18:30:00Z'), hour: at('2024-01-01T19:30:00Z'), dom: 2, text: '2024-01-01 21:00 +0100' },
      { _id: 2, day: at('2024-03-30T16:00:00Z'), week: at('2024-03-24T16:00:00Z'), berlinDay: at('2024-03-30T23:00:00Z'), month: at('2024-02-29T18:30:00Z'), hour: at('2024-03-31T00:30:00Z'), dom: 31, text: '2024-03-31 01:30 +0100' },
      { _id: 3, day: at('2024-10-26T16:00:00Z'), week: at('2024-10-20T16:00:00Z'), berlinDay: at('2024-10-26T22:00:00Z'), month: at('2024-09-30T18:30:00Z'), hour: at('2024-10-27T00:30:00Z'), dom: 27, text: '2024-10-27 02:30 +0200' },
      { _id: 4, day: null, week: null, berlinDay: null, month: null, hour: null, dom: null, text: 'none' },
      { _id: 5, day: null, week: null, berlinDay: null, month: null, hour: null, dom: null, text: 'none' },
    ]);
  });

  it('answers as mongod where mingo departs from it: week numbers, %w, comparisons across types, missing key fields', async () => {
    const c = fast.db.collection<AnyDoc>('mongod');
    await c.insertMany([
      { _id: 1, d: new Date('2025-12-20T12:00:00Z'), v: 'n/a', a: 'x' }, // a Saturday; week 1 of 2025 began on Sunday 5 January
      { _id: 2, d: new Date('2026-01-01T12:00:00Z'), v: 3, a: null }, // Thursday: before 2026's first Sunday
      { _id: 3, d: new Date('2026-01-04T12:00:00Z'), v: 9 }, // Sunday: week 1
    ]);
    const rows = await c
      .aggregate([
        {
          $group: {
            _id: '$_id',
            week: { $first: { $week: '$d' } },
            text: { $first: { $dateToString: { date: '$d', format: '%U %w %u' } } },
            big: { $first: { $gt: ['$v', 5] } }, // BSON order: every string is above every number
            parts: { $first: { y: { $year: '$d' }, m: { $month: '$d' } } }, // fields in the order written
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 1, week: 50, text: '50 7 6', big: true, parts: { y: 2025, m: 12 } },
      { _id: 2, week: 0, text: '00 5 4', big: false, parts: { y: 2026, m: 1 } },
      { _id: 3, week: 1, text: '01 1 7', big: true, parts: { y: 2026, m: 1 } },
    ]);
    // A key field that is missing is left out of the key (a group of its own), unlike null.
    const keys = await c.aggregate([{ $group: { _id: { a: '$a' }, n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(keys).toEqual([{ _id: {}, n: 1 }, { _id: { a: null }, n: 1 }, { _id: { a: 'x' }, n: 1 }]);
  });

  it('leaves missing values out of $push and $addToSet, as mongod does', async () => {
    const c = fast.db.collection<AnyDoc>('push');
    await c.insertMany([{ _id: 1, v: 1 }, { _id: 2 }, { _id: 3, v: null }, { _id: 4, v: 1 }]);
    expect(await c.aggregate([{ $group: { _id: null, all: { $push: '$v' }, set: { $addToSet: '$v' } } }]).toArray()).toEqual([{ _id: null, all: [1, null, 1], set: [1, null] }]);
  });
});

// --- the report shapes, and how a long aggregation behaves -------------------------------------------------

const AGENTS = Array.from({ length: 40 }, (_, i) => `agent-${i}`);
const TZ_MS = 8 * 3_600_000; // Asia/Shanghai: no daylight saving, so the figures below shift by a constant
const END = Date.UTC(2026, 10, 30);

function calls(count: number): Document[] {
  const rnd = mulberry32(5);
  return Array.from({ length: count }, (_, i) => {
    const agent = Math.floor(rnd() * AGENTS.length);
    const connected = rnd() < 0.45;
    const status = ['new', 'contacted', 'quoted', 'won', 'lost'][Math.floor(rnd() * 5)];
    const doc: Document = {
      _id: i,
      agentId: AGENTS[agent],
      teamId: `team-${agent % 6}`,
      taskKey: `task-${Math.floor(rnd() * 12)}`,
      connected,
      status,
      talkSec: connected ? Math.floor(rnd() * 600) : 0,
      startedAt: new Date(END - Math.floor(rnd() * 60 * DAY)),
    };
    if (status === 'lost') doc.lostReason = ['price', 'timing', 'competitor', 'other'][Math.floor(rnd() * 4)];
    return doc;
  });
}

function countBy<T>(rows: T[], key: (r: T) => string | undefined, add: (acc: Document, r: T) => void, init: () => Document): Map<string, Document> {
  const out = new Map<string, Document>();
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) continue;
    if (!out.has(k)) out.set(k, init());
    add(out.get(k)!, r);
  }
  return out;
}

describe('report shapes through the driver', () => {
  const data = calls(40_000);
  let coll: Collection<AnyDoc>;
  beforeAll(async () => {
    coll = fast.db.collection<AnyDoc>('calls');
    for (let i = 0; i < data.length; i += 5_000) await coll.insertMany(data.slice(i, i + 5_000).map((d) => ({ ...d })));
    await coll.createIndex({ startedAt: 1 });
    await coll.createIndex({ agentId: 1, startedAt: 1 });
  });

  it('gives the figures computed by hand', async () => {
    const from = new Date(END - 30 * DAY);
    const day = (d: Date) => new Date(Math.floor((d.getTime() + TZ_MS) / DAY) * DAY - TZ_MS);
    const week = (d: Date) => {
      const days = Math.floor((d.getTime() + TZ_MS) / DAY);
      return new Date((days - ((days + 3) % 7)) * DAY - TZ_MS); // 1970-01-01 was a Thursday; weeks start on Monday
    };
    const perAgentDay = await coll
      .aggregate([
        { $match: { startedAt: { $gte: from } } },
        { $group: { _id: { agentId: '$agentId', day: { $dateTrunc: { date: '$startedAt', unit: 'day', timezone: 'Asia/Shanghai' } } }, calls: { $sum: 1 }, connected: { $sum: { $cond: ['$connected', 1, 0] } } } },
        { $sort: { '_id.day': 1, '_id.agentId': 1 } },
      ])
      .toArray();
    const expected1 = countBy(
      data.filter((d) => d.startedAt >= from),
      (d) => `${day(d.startedAt).getTime()}|${d.agentId}`,
      (acc, d) => ((acc.calls += 1), (acc.connected += d.connected ? 1 : 0)),
      () => ({ calls: 0, connected: 0 }),
    );
    expect(perAgentDay.map((r) => `${r._id.day.getTime()}|${r._id.agentId}`)).toEqual([...expected1.keys()].sort((a, b) => Number(a.split('|')[0]) - Number(b.split('|')[0]) || (a < b ? -1 : 1)));
    for (const r of perAgentDay) expect({ calls: r.calls, connected: r.connected }).toEqual(expected1.get(`${r._id.day.getTime()}|${r._id.agentId}`));

    const funnel = await coll.aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }]).toArray();
    const expected2 = countBy(data, (d) => d.status, (acc) => void acc.n++, () => ({ n: 0 }));
    expect(funnel).toEqual([...expected2].map(([_id, { n }]) => ({ _id, n })).sort((a, b) => b.n - a.n || (a._id < b._id ? -1 : 1)));

    const rate = await coll
      .aggregate([
        { $group: { _id: '$taskKey', calls: { $sum: 1 }, connected: { $sum: { $cond: ['$connected', 1, 0] } } } },
        { $project: { rate: { $divide: ['$connected', '$calls'] } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    const expected3 = countBy(data, (d) => d.taskKey, (acc, d) => ((acc.calls += 1), (acc.connected += d.connected ? 1 : 0)), () => ({ calls: 0, connected: 0 }));
    expect(rate).toEqual([...expected3].sort(([a], [b]) => (a < b ? -1 : 1)).map(([_id, g]) => ({ _id, rate: g.connected / g.calls })));

    const talk = await coll
      .aggregate([
        { $match: { connected: true } },
        { $group: { _id: { teamId: '$teamId', week: { $dateTrunc: { date: '$startedAt', unit: 'week', timezone: 'Asia/Shanghai', startOfWeek: 'monday' } } }, talkSec: { $sum: '$talkSec' }, avg: { $avg: '$talkSec' } } },
      ])
      .toArray();
    const expected4 = countBy(
      data.filter((d) => d.connected),
      (d) => `${d.teamId}|${week(d.startedAt).getTime()}`,
      (acc, d) => ((acc.talkSec += d.talkSec), (acc.n += 1)),
      () => ({ talkSec: 0, n: 0 }),
    );
    expect(talk.length).toBe(expected4.size);
    for (const r of talk) {
      const e = expected4.get(`${r._id.teamId}|${r._id.week.getTime()}`)!;
      expect({ talkSec: r.talkSec, avg: r.avg }).toEqual({ talkSec: e.talkSec, avg: e.talkSec / e.n });
    }

    const lost = await coll.aggregate([{ $match: { status: 'lost' } }, { $group: { _id: '$lostReason', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }, { $limit: 3 }]).toArray();
    const expected5 = countBy(data.filter((d) => d.status === 'lost'), (d) => d.lostReason, (acc) => void acc.n++, () => ({ n: 0 }));
    expect(lost).toEqual([...expected5].map(([_id, { n }]) => ({ _id, n })).sort((a, b) => b.n - a.n || (a._id < b._id ? -1 : 1)).slice(0, 3));

    const low = new Date(END - 20 * DAY);
    const high = new Date(END - 19 * DAY);
    const range = await coll.aggregate([{ $match: { startedAt: { $gte: low, $lt: high } } }]).toArray();
    expect(range.map((r) => r._id).sort((a, b) => a - b)).toEqual(data.filter((d) => d.startedAt >= low && d.startedAt < high).map((d) => d._id));
    expect(range[0]).toEqual(data.find((d) => d._id === range[0]._id));

    const faceted = await coll
      .aggregate([{ $match: { startedAt: { $gte: from } } }, { $facet: { total: [{ $count: 'n' }], byStatus: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }] } }])
      .toArray();
    const recent = data.filter((d) => d.startedAt >= from);
    expect(faceted).toEqual([
      {
        total: [{ n: recent.length }],
        byStatus: [...countBy(recent, (d) => d.status, (acc) => void acc.n++, () => ({ n: 0 }))].sort(([a], [b]) => (a < b ? -1 : 1)).map(([_id, { n }]) => ({ _id, n })),
      },
    ]);
  });

  it('joins grouped rows with $lookup (run by mingo with the server\'s collections)', async () => {
    const teams = fast.db.collection<AnyDoc>('teams');
    await teams.insertMany([{ _id: 'team-0', name: 'North' }, { _id: 'team-1', name: 'South' }]);
    const rows = await coll
      .aggregate([{ $group: { _id: '$teamId', n: { $sum: 1 } } }, { $lookup: { from: 'teams', localField: '_id', foreignField: '_id', as: 'team' } }, { $sort: { _id: 1 } }, { $limit: 2 }])
      .toArray();
    expect(rows.map((r) => [r._id, r.n, r.team.map((t: AnyDoc) => t.name)])).toEqual(
      ['team-0', 'team-1'].map((t, i) => [t, data.filter((d) => d.teamId === t).length, [['North', 'South'][i]]]),
    );
  });

  it('fails with MaxTimeMSExpired past maxTimeMS, compiled or not, and answers within a generous one', async () => {
    const heavy = [{ $group: { _id: { $dateToString: { date: '$startedAt', format: '%Y-%m-%d %H:%M:%S' } }, n: { $sum: 1 } } }];
    await expectServerError(coll.aggregate(heavy, { maxTimeMS: 1 }).toArray(), 50, 'MaxTimeMSExpired');
    // $toLower is not compiled: mingo runs the pipeline, and its input is cut off the same way.
    const interpreted = [{ $group: { _id: { $toLower: '$agentId' }, n: { $sum: 1 } } }];
    await expectServerError(coll.aggregate(interpreted, { maxTimeMS: 1 }).toArray(), 50, 'MaxTimeMSExpired');
    expect((await coll.aggregate(heavy, { maxTimeMS: 120_000 }).toArray()).length).toBeGreaterThan(1000);
  });

  it('answers a findOne while a long $group runs', async () => {
    const group = { _id: { $dateToString: { date: '$startedAt', format: '%Y-%m-%d %H:%M' } }, n: { $sum: 1 }, agents: { $addToSet: '$agentId' } };
    const long = [{ $facet: { a: [{ $group: group }], b: [{ $group: group }] } }];
    const started = performance.now();
    let finished = 0;
    const running = coll.aggregate(long).toArray().then(() => (finished = performance.now()));
    // findOnes back to back for as long as the aggregation runs: when it held the server, one of them
    // would wait for all of it.
    const answered: number[] = [];
    while (!finished) {
      const found = await coll.findOne({ _id: 123 });
      expect(found?.agentId).toBe(data[123].agentId);
      answered.push(performance.now());
    }
    await running;
    const during = answered.filter((t) => t < finished);
    const gaps = during.map((t, i) => t - (i ? during[i - 1] : started));
    const longest = Math.max(...gaps);
    const total = finished - started;
    // The scan pauses every 10 ms of work, so the server answers in between.
    expect(during.length, `${during.length} findOnes in ${total.toFixed(0)} ms`).toBeGreaterThanOrEqual(5);
    expect(longest, `longest findOne wait ${longest.toFixed(0)} ms of ${total.toFixed(0)} ms`).toBeLessThan(total / 3);
  }, 180_000);
});
