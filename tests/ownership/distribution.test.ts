// distribute (runtime/src/ownership/distribution.ts): automatic distribution from a pool with reward and
// penalty tickets (DOMAIN.md, 商机券). Pure, so every case is a plain call with a seeded random function.
import { describe, expect, it } from 'vitest';
import {
  distribute, type Assignment, type DistributionAgent, type DistributionInput, type DistributionState,
} from '@telesales/runtime/ownership/distribution';
import { mulberry32, seededRandom, seedFromString } from '@telesales/engines/seeded-random';

const agent = (id: string, extra: Partial<DistributionAgent> = {}): DistributionAgent =>
  ({ id, online: true, receiving: true, receivedThisWeek: 0, ...extra });
const customers = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const round = (order: string[], position = 0, n = 1): DistributionState => ({ round: n, order, position });
const who = (assignments: Assignment[]) => assignments.map((a) => a.agentId);

function countsOf(assignments: Assignment[], ids: string[]): number[] {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const a of assignments) counts.set(a.agentId, counts.get(a.agentId)! + 1);
  return ids.map((id) => counts.get(id)!);
}
const spread = (counts: number[]) => Math.max(...counts) - Math.min(...counts);

/** One customer per call, the state carried as the runtime would store it (JSON) and each round seeded. */
function oneAtATime(n: number, agents: DistributionAgent[], addToWeek: boolean): Assignment[] {
  const week = new Map(agents.map((a) => [a.id, a.receivedThisWeek]));
  let state: DistributionState | null = null;
  const out: Assignment[] = [];
  for (const customerId of customers(n)) {
    const result = distribute({
      customerIds: [customerId],
      agents: agents.map((a) => ({ ...a, receivedThisWeek: week.get(a.id)! })),
      state,
      random: seededRandom(`pool-1:${state?.round ?? 0}`),
    });
    out.push(...result.assignments);
    if (addToWeek) for (const a of result.assignments) week.set(a.agentId, week.get(a.agentId)! + 1);
    state = JSON.parse(JSON.stringify(result.state)) as DistributionState;
  }
  return out;
}

describe('equal agents', () => {
  it('are dealt one customer per agent per round', () => {
    const ids = ['a', 'b', 'c'];
    const result = distribute({ customerIds: customers(9), agents: ids.map((id) => agent(id)), random: mulberry32(1) });
    expect(result.assignments).toHaveLength(9);
    for (let r = 0; r < 3; r++) expect(who(result.assignments.slice(r * 3, r * 3 + 3)).sort()).toEqual(ids);
    expect(result.assignments.every((a) => a.reason === 'round')).toBe(true);
    expect(result.given).toEqual({ a: 3, b: 3, c: 3 });
    expect(result.ticketsUsed).toEqual({});
    expect(result.state).toMatchObject({ round: 3, position: 3 });
  });

  it('a stored round goes on where it stopped, and a new round starts after its end', () => {
    const agents = ['a', 'b', 'c'].map((id) => agent(id));
    const first = distribute({ customerIds: ['x', 'y'], agents, state: round(['a', 'b', 'c'], 1, 4), random: mulberry32(1) });
    expect(who(first.assignments)).toEqual(['b', 'c']);
    expect(first.state).toEqual(round(['a', 'b', 'c'], 3, 4));
    const next = distribute({ customerIds: ['z'], agents, state: first.state, random: mulberry32(1) });
    expect(next.state.round).toBe(5);
    expect(next.state.position).toBe(1);
    expect(next.state.order.slice().sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('reward tickets', () => {
  it('a holder goes ahead of the round, one ticket per customer, until the tickets are used up', () => {
    const agents = [agent('a'), agent('b'), agent('c', { rewardTickets: 2 })];
    const result = distribute({ customerIds: customers(5), agents, state: round(['a', 'b', 'c']), random: mulberry32(1) });
    expect(result.assignments).toEqual([
      { customerId: 'c1', agentId: 'c', reason: 'reward' },
      { customerId: 'c2', agentId: 'c', reason: 'reward' },
      { customerId: 'c3', agentId: 'a', reason: 'round' },
      { customerId: 'c4', agentId: 'b', reason: 'round' },
      { customerId: 'c5', agentId: 'c', reason: 'round' },
    ]);
    expect(result.ticketsUsed).toEqual({ c: { reward: 2, penalty: 0 } });
    expect(result.given).toEqual({ a: 1, b: 1, c: 3 });
  });

  it('several holders: most tickets left first, then fewest received', () => {
    const agents = [agent('a'), agent('b', { rewardTickets: 3 }), agent('c', { rewardTickets: 1 })];
    const result = distribute({ customerIds: customers(5), agents, state: round(['a', 'b', 'c']), random: mulberry32(1) });
    expect(result.assignments.map((a) => `${a.agentId}:${a.reason}`)).toEqual(['b:reward', 'b:reward', 'c:reward', 'b:reward', 'a:round']);
    expect(result.ticketsUsed).toEqual({ b: { reward: 3, penalty: 0 }, c: { reward: 1, penalty: 0 } });
  });

  it('a holder at the cap gets nothing and keeps the tickets', () => {
    const agents = [agent('a'), agent('b'), agent('c', { rewardTickets: 2, cap: 5, owned: 5 })];
    const result = distribute({ customerIds: customers(4), agents, state: round(['a', 'b', 'c']), random: mulberry32(1) });
    expect(result.assignments.every((a) => a.reason === 'round' && a.agentId !== 'c')).toBe(true);
    expect(result.assignments).toHaveLength(4);
    expect(result.ticketsUsed).toEqual({});
  });
});

describe('penalty tickets', () => {
  it('the holder is skipped when their turn comes, and the customer goes to the next turn', () => {
    const agents = [agent('a'), agent('b', { penaltyTickets: 1 }), agent('c')];
    const result = distribute({ customerIds: ['x', 'y'], agents, state: round(['a', 'b', 'c']), random: mulberry32(1) });
    expect(result.assignments).toEqual([
      { customerId: 'x', agentId: 'a', reason: 'round' },
      { customerId: 'y', agentId: 'c', reason: 'round' },
    ]);
    expect(result.ticketsUsed).toEqual({ b: { reward: 0, penalty: 1 } });
    expect(result.state.position).toBe(3);
  });

  it('one ticket per skipped turn, used up, then the holder is dealt again; no customer is lost', () => {
    const agents = [agent('a'), agent('b', { penaltyTickets: 2 })];
    const result = distribute({ customerIds: customers(10), agents, random: mulberry32(3) });
    expect(result.undistributed).toEqual([]);
    expect(result.given).toEqual({ a: 6, b: 4 });
    expect(result.ticketsUsed).toEqual({ b: { reward: 0, penalty: 2 } });
  });

  it('the only agent with room still gets every customer, after losing one turn per ticket', () => {
    const agents = [agent('a', { penaltyTickets: 3 }), agent('b', { cap: 0 })];
    const result = distribute({ customerIds: customers(2), agents, random: mulberry32(1) });
    expect(who(result.assignments)).toEqual(['a', 'a']);
    expect(result.ticketsUsed).toEqual({ a: { reward: 0, penalty: 3 } });
    expect(result.state.round).toBe(5);
  });
});

describe('offline agents and receiving off', () => {
  it('get nothing and keep their tickets', () => {
    const agents = [
      agent('a'), agent('b', { online: false, rewardTickets: 5, penaltyTickets: 2 }),
      agent('c', { receiving: false, rewardTickets: 3 }), agent('d', { penaltyTickets: 1 }),
    ];
    const result = distribute({ customerIds: customers(12), agents, random: mulberry32(2) });
    expect(new Set(who(result.assignments))).toEqual(new Set(['a', 'd']));
    expect(result.assignments).toHaveLength(12);
    expect(Object.keys(result.ticketsUsed)).toEqual(['d']);
    expect(result.state.order.slice().sort()).toEqual(['a', 'd']);
  });

  it('a turn in the stored round passes them by without using a ticket', () => {
    const agents = [agent('a'), agent('b', { online: false, penaltyTickets: 1 }), agent('c', { receiving: false, penaltyTickets: 1 }), agent('d')];
    const result = distribute({ customerIds: ['x', 'y'], agents, state: round(['a', 'b', 'c', 'd']), random: mulberry32(1) });
    expect(who(result.assignments)).toEqual(['a', 'd']);
    expect(result.ticketsUsed).toEqual({});
  });

  it('an agent who left the pool drops out of the round; one who became eligible joins its end', () => {
    const agents = [agent('a'), agent('b'), agent('c'), agent('d')];
    const result = distribute({ customerIds: customers(3), agents, state: round(['a', 'x', 'b', 'c'], 2), random: mulberry32(1) });
    expect(who(result.assignments)).toEqual(['b', 'c', 'd']);
    expect(result.state).toEqual(round(['a', 'b', 'c', 'd'], 4));
  });
});

describe('new-round order', () => {
  const week = { a: 5, b: 1, c: 3, d: 4, e: 9 };
  const agents = Object.entries(week).map(([id, n]) => agent(id, { receivedThisWeek: n }));
  const firstRound = (seed: number) => who(distribute({ customerIds: customers(5), agents, random: mulberry32(seed) }).assignments);

  it('the agent who received the fewest this week leads', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const order = firstRound(seed);
      expect(order[0]).toBe('b');
      expect(order.slice().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    }
  });

  it('the rest follow in seeded random order: other seeds, other orders; the same seed, the same order', () => {
    const rests = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) rests.add(firstRound(seed).slice(1).join(''));
    expect(rests.size).toBeGreaterThanOrEqual(8);
    expect(firstRound(7)).toEqual(firstRound(7));
    expect(firstRound(seedFromString('pool-1:0'))).toEqual(firstRound(seedFromString('pool-1:0')));
  });

  it('a tie for fewest is settled at random', () => {
    const tied = [agent('a'), agent('b'), agent('c', { receivedThisWeek: 5 })];
    const leaders = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) leaders.add(distribute({ customerIds: ['x'], agents: tied, random: mulberry32(seed) }).assignments[0]!.agentId);
    expect(leaders).toEqual(new Set(['a', 'b']));
  });

  it('"fewest this week" counts the customers given earlier in the same call', () => {
    const withReward = [agent('a', { rewardTickets: 2 }), agent('b', { receivedThisWeek: 1 }), agent('c', { receivedThisWeek: 1 })];
    for (let seed = 1; seed <= 20; seed++) {
      const result = distribute({ customerIds: customers(3), agents: withReward, random: mulberry32(seed) });
      expect(who(result.assignments).slice(0, 2)).toEqual(['a', 'a']);
      expect(result.assignments[2]).toMatchObject({ reason: 'round' });
      expect(result.assignments[2]!.agentId).not.toBe('a');
    }
  });
});

describe('caps', () => {
  it('an agent whose owned + given reaches the cap gets nothing more', () => {
    const agents = [agent('a', { cap: 3, owned: 1 }), agent('b'), agent('c', { cap: 10, owned: 0 })];
    const result = distribute({ customerIds: customers(12), agents, random: mulberry32(4) });
    expect(result.given).toEqual({ a: 2, b: 5, c: 5 });
    expect(result.undistributed).toEqual([]);
  });

  it('when nobody can take more, the rest stay undistributed as "everyone_at_cap"', () => {
    const agents = [agent('a', { cap: 2 }), agent('b', { cap: 1 }), agent('c', { cap: 4, owned: 4, rewardTickets: 1, penaltyTickets: 2 })];
    const result = distribute({ customerIds: customers(5), agents, random: mulberry32(1) });
    expect(result.given).toEqual({ a: 2, b: 1 });
    expect(result.undistributed).toEqual([
      { customerId: 'c4', reason: 'everyone_at_cap' },
      { customerId: 'c5', reason: 'everyone_at_cap' },
    ]);
    expect(result.ticketsUsed).toEqual({});
  });
});

describe('fairness', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const weekly = (i: number) => (i * 37) % 11;
  const agents = ids.map((id, i) => agent(id, { receivedThisWeek: weekly(i) }));

  it('10,000 customers in one call: equal agents differ by at most one', () => {
    const result = distribute({ customerIds: customers(10_000), agents, random: mulberry32(9) });
    expect(result.assignments).toHaveLength(10_000);
    expect(spread(countsOf(result.assignments, ids))).toBeLessThanOrEqual(1);
  });

  it('10,000 single-customer calls carrying the state (week counts as stored): at most one apart', () => {
    expect(spread(countsOf(oneAtATime(10_000, agents, false), ids))).toBeLessThanOrEqual(1);
  });

  it('10,000 single-customer calls carrying the state (week counts kept up to date): at most one apart', () => {
    expect(spread(countsOf(oneAtATime(10_000, agents, true), ids))).toBeLessThanOrEqual(1);
  });

  it('a bulk of 1,000 at once is spread fairly, exactly as the same 1,000 arriving one at a time', () => {
    const bulk = distribute({ customerIds: customers(1000), agents, random: mulberry32(5) });
    expect(countsOf(bulk.assignments, ids).sort()).toEqual([142, 143, 143, 143, 143, 143, 143]);

    const random = mulberry32(5);
    const week = new Map(agents.map((a) => [a.id, a.receivedThisWeek]));
    let state: DistributionState | null = null;
    const single: Assignment[] = [];
    for (const customerId of customers(1000)) {
      const r = distribute({ customerIds: [customerId], agents: agents.map((a) => ({ ...a, receivedThisWeek: week.get(a.id)! })), state, random });
      for (const a of r.assignments) week.set(a.agentId, week.get(a.agentId)! + 1);
      single.push(...r.assignments);
      state = r.state;
    }
    expect(single).toEqual(bulk.assignments);
    expect(state).toEqual(bulk.state);
  });
});

describe('no eligible agent', () => {
  it('every customer stays undistributed as "no_eligible_agent"', () => {
    const agents = [agent('a', { online: false }), agent('b', { receiving: false, rewardTickets: 2 })];
    for (const pool of [agents, []]) {
      const result = distribute({ customerIds: customers(3), agents: pool, random: mulberry32(1) });
      expect(result.assignments).toEqual([]);
      expect(result.undistributed).toEqual(customers(3).map((customerId) => ({ customerId, reason: 'no_eligible_agent' })));
      expect(result.ticketsUsed).toEqual({});
    }
  });
});

describe('determinism and state', () => {
  const input = (): DistributionInput => ({
    customerIds: customers(40),
    agents: [
      agent('a', { rewardTickets: 3, receivedThisWeek: 4 }), agent('b', { penaltyTickets: 2 }),
      agent('c', { cap: 6, owned: 2 }), agent('d', { online: false, rewardTickets: 1 }), agent('e', { receivedThisWeek: 1 }),
    ],
    state: round(['e', 'b', 'd', 'a'], 1, 3),
    random: mulberry32(11),
  });

  it('the same input and seed give the same result, and the input is left unchanged', () => {
    const given = input();
    const before = JSON.stringify(given);
    const first = distribute(given);
    expect(JSON.stringify(given)).toBe(before);
    expect(distribute(input())).toEqual(first);
    expect(distribute({ ...input(), random: mulberry32(12) }).assignments).not.toEqual(first.assignments);
  });

  it('the state is plain JSON; a stored state that is not the expected shape starts afresh', () => {
    const { state } = distribute(input());
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const broken = { round: 'x', order: 'a,b', position: null } as unknown as DistributionState;
    const result = distribute({ ...input(), state: broken });
    expect(result.assignments).toHaveLength(40);
    expect(result.state.round).toBeGreaterThan(0);
  });

  it('an agent listed twice is refused', () => {
    expect(() => distribute({ customerIds: ['x'], agents: [agent('a'), agent('a')], random: mulberry32(1) })).toThrow(/listed twice/);
  });
});

describe('seeded random', () => {
  it('gives floats in [0, 1), the same sequence for the same seed', () => {
    const [r1, r2, r3] = [mulberry32(42), mulberry32(42), mulberry32(43)];
    const a = Array.from({ length: 1000 }, () => r1());
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 1000 }, () => r2())).toEqual(a);
    expect(Array.from({ length: 1000 }, () => r3())).not.toEqual(a);
    expect(seedFromString('pool-1:3')).toBe(seedFromString('pool-1:3'));
    expect(seedFromString('pool-1:3')).not.toBe(seedFromString('pool-1:4'));
  });
});
