// The server folds common $group shapes document by document instead of handing them to mingo (which holds
// every document of every group). The results must be the same either way: a stage before $group that
// changes nothing ($addFields of a constant) sends the same pipeline down mingo's path for comparison.
import { describe, it, expect } from 'vitest';
import { Long } from 'mongodb';
import { useTestDatabase } from './server-fixture.js';

const target = useTestDatabase('group');

const groups = [
  { _id: '$city', n: { $sum: 1 }, total: { $sum: '$amount' }, avg: { $avg: '$amount' }, lo: { $min: '$amount' }, hi: { $max: '$amount' } },
  { _id: { city: '$city', status: '$status' }, n: { $count: {} }, first: { $first: '$name' }, last: { $last: '$name' } },
  { _id: null, total: { $sum: '$amount' }, earliest: { $min: '$at' }, latest: { $max: '$at' } },
  { _id: '$missing', n: { $sum: 1 }, avg: { $avg: '$nothing' } },
  { _id: '$nested.k', n: { $sum: 2 } },
  { _id: '$city', won: { $sum: { $cond: [{ $eq: ['$status', 'won'] }, 1, 0] } }, month: { $max: { $month: '$at' } } },
  { _id: { $toUpper: '$status' }, n: { $sum: 1 }, label: { $first: 'constant' } },
  { _id: 'everyone', n: { $sum: 1 } },
];

describe('$group', () => {
  it('gives the same groups as the general pipeline path', async () => {
    const c = target.fresh();
    await c.insertMany(
      Array.from({ length: 500 }, (_, i) => ({
        _id: i,
        name: `n${i}`,
        city: ['Berlin', 'Lyon', 'Milan', null][i % 4],
        status: i % 3 ? 'open' : 'won',
        amount: i % 7 === 0 ? 'n/a' : i % 5 === 0 ? Long.fromNumber(i) : i / 4,
        at: new Date(Date.UTC(2026, 0, 1 + (i % 300))),
        nested: { k: i % 2 ? 'odd' : 'even' },
      })),
    );
    for (const group of groups) {
      const sortById = (a: { _id: unknown }, b: { _id: unknown }) => JSON.stringify(a._id).localeCompare(JSON.stringify(b._id));
      const folded = (await c.aggregate<{ _id: unknown }>([{ $match: { _id: { $gte: 0 } } }, { $group: group }]).toArray()).sort(sortById);
      const general = (await c.aggregate<{ _id: unknown }>([{ $addFields: { unused: 1 } }, { $group: group }]).toArray()).sort(sortById);
      expect(folded.length).toBeGreaterThan(0);
      expect(folded).toEqual(general);
    }
  });
});
