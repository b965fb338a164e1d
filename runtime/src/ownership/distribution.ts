import { latecomerOrder, newRoundOrder } from './round-order.js';

/** One member agent of the pool, as the runtime sees them at the moment of distribution. */
export interface DistributionAgent {
  id: string;
  online: boolean;
  /** false when the agent has switched receiving off. */
  receiving: boolean;
  /** Customers the agent received this week (before this call); the fewest leads a new round. */
  receivedThisWeek: number;
  rewardTickets?: number;
  penaltyTickets?: number;
  /** Customers the agent owns now; with `cap`, how much room they have left. */
  owned?: number;
  /** The most customers the agent may own; absent or null = no cap. */
  cap?: number | null;
}

/**
 * What the runtime stores per pool between calls (plain JSON), so dealing goes on where it stopped: the
 * current round's order and whose turn is next. `round` counts rounds started, e.g. to seed the next one.
 */
export interface DistributionState {
  round: number;
  order: string[];
  /** Index in `order` of the next turn; order.length = the round is over. */
  position: number;
}

export interface DistributionInput {
  /** The customers to hand out, in the order they are to be dealt. */
  customerIds: readonly string[];
  /** The pool's member agents; eligibility is decided here from `online` and `receiving`. */
  agents: readonly DistributionAgent[];
  /** The state returned by the previous call for this pool; absent on the first call. */
  state?: DistributionState | null;
  /** Floats in [0, 1), used only to shuffle a new round (see @telesales/engines/seeded-random). */
  random: () => number;
}

export type AssignmentReason = 'reward' | 'round';
export type UndistributedReason = 'no_eligible_agent' | 'everyone_at_cap';

export interface Assignment { customerId: string; agentId: string; reason: AssignmentReason }
export interface Undistributed { customerId: string; reason: UndistributedReason }
export interface TicketsUsed { reward: number; penalty: number }

export interface DistributionResult {
  assignments: Assignment[];
  /** Per agent who used any: how many tickets to take off their balance. */
  ticketsUsed: Record<string, TicketsUsed>;
  /** Per agent who received any: customers given in this call (reward + round). */
  given: Record<string, number>;
  undistributed: Undistributed[];
  state: DistributionState;
}

/** What one eligible agent has left during a call. */
interface Tally {
  agent: DistributionAgent;
  given: number;
  reward: number;
  penalty: number;
  rewardUsed: number;
  penaltyUsed: number;
  /** Customers the agent may still take before the cap; Infinity without one. */
  room: number;
}

/** Counts arrive from stored data: anything that is not a finite positive number counts as none. */
const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

function tally(agent: DistributionAgent): Tally {
  const capped = typeof agent.cap === 'number' && !Number.isNaN(agent.cap);
  const room = capped ? Math.max(0, Math.floor(agent.cap as number) - count(agent.owned)) : Infinity;
  return { agent, given: 0, reward: count(agent.rewardTickets), penalty: count(agent.penaltyTickets), rewardUsed: 0, penaltyUsed: 0, room };
}

/**
 * Picks up the stored round. Agents who left the pool drop out of it (the position moves back past the
 * ones already served); offline agents stay, and simply pass if still offline when their turn comes.
 * Eligible agents missing from a round in progress join at its end. A stored state that is not the
 * expected shape starts afresh rather than failing a distribution.
 */
function resume(
  prev: DistributionState | null | undefined, members: ReadonlyMap<string, unknown>, eligible: readonly string[],
  receivedOf: (id: string) => number, random: () => number,
): DistributionState {
  const round = Number.isSafeInteger(prev?.round) && prev!.round >= 0 ? prev!.round : 0;
  const stored: unknown[] = Array.isArray(prev?.order) ? prev!.order : [];
  const start = Number.isSafeInteger(prev?.position) ? Math.min(Math.max(prev!.position, 0), stored.length) : stored.length;
  const order: string[] = [];
  let position = start;
  for (const [i, id] of stored.entries()) {
    if (typeof id === 'string' && members.has(id) && !order.includes(id)) order.push(id);
    else if (i < start) position--;
  }
  if (position < order.length) order.push(...latecomerOrder(eligible.filter((id) => !order.includes(id)), receivedOf, random));
  return { round, order, position };
}

/** The reward holder who goes first: most tickets left, then fewest received, then next in the round. */
function rewardHolder(tallies: Iterable<Tally>, state: DistributionState, receivedOf: (id: string) => number): Tally | undefined {
  const len = state.order.length;
  const turnsAway = (id: string) => {
    const i = state.order.indexOf(id);
    return i < 0 ? Infinity : (((i - state.position) % len) + len) % len;
  };
  let best: Tally | undefined;
  for (const t of tallies) {
    if (t.reward === 0 || t.room === 0) continue;
    if (!best || t.reward > best.reward) { best = t; continue; }
    if (t.reward < best.reward) continue;
    const [a, b] = [receivedOf(t.agent.id), receivedOf(best.agent.id)];
    if (a < b || (a === b && turnsAway(t.agent.id) < turnsAway(best.agent.id))) best = t;
  }
  return best;
}

/**
 * The next agent in the round who takes a customer. A turn passes without cost when its agent is not
 * eligible or is at the cap; an agent with a penalty ticket loses the turn and one ticket. Ends because the
 * caller has checked that someone has room: each new round holds every eligible agent, so it either finds
 * one or uses up a penalty ticket.
 */
function nextInRound(
  tallies: ReadonlyMap<string, Tally>, state: DistributionState, receivedOf: (id: string) => number, random: () => number,
): Tally {
  for (;;) {
    if (state.position >= state.order.length) {
      state.order = newRoundOrder([...tallies.keys()], receivedOf, random);
      state.position = 0;
      state.round++;
    }
    const t = tallies.get(state.order[state.position++]!);
    if (!t || t.room === 0) continue;
    if (t.penalty > 0) {
      t.penalty--;
      t.penaltyUsed++;
      continue;
    }
    return t;
  }
}

/**
 * Automatic distribution from a pool (商机券 rules of DOMAIN.md), one customer at a time:
 * - Eligible agents are the given pool members who are online and have receiving on. Others get nothing and
 *   use no tickets.
 * - An eligible agent holding reward tickets goes ahead of the round; each customer given so uses one reward
 *   ticket. Among several holders: most tickets left, then fewest received this week, then next in the round.
 * - Otherwise customers are dealt one per agent per round. A new round holds every eligible agent: the one
 *   who received the fewest this week (counting this call) leads, the rest follow in random order.
 * - An agent holding penalty tickets is skipped when their turn comes and uses one penalty ticket; the
 *   customer goes on to the next turn, so no customer is lost to a penalty.
 * - An agent whose owned + given reaches their cap gets nothing more (and uses no tickets); when no eligible
 *   agent has room, the remaining customers stay undistributed ('everyone_at_cap'), and with no eligible
 *   agent at all, 'no_eligible_agent'.
 * - The round carries across calls through `state`, so 1,000 customers in one call and 1,000 calls of one
 *   customer are both spread one per agent per round. Reward and penalty tickets act independently: an
 *   agent may take reward customers and still be skipped in the round.
 * Pure: the same input (and the same random sequence) gives the same result; the input is not changed.
 */
export function distribute(input: DistributionInput): DistributionResult {
  const members = new Map<string, DistributionAgent>();
  for (const agent of input.agents) {
    if (members.has(agent.id)) throw new TypeError(`distribute: agent ${agent.id} is listed twice`);
    members.set(agent.id, agent);
  }
  const tallies = new Map(input.agents.filter((a) => a.online && a.receiving).map((a) => [a.id, tally(a)]));
  const receivedOf = (id: string) => count(members.get(id)?.receivedThisWeek) + (tallies.get(id)?.given ?? 0);
  const state = resume(input.state, members, [...tallies.keys()], receivedOf, input.random);
  let withRoom = [...tallies.values()].filter((t) => t.room > 0).length;
  const assignments: Assignment[] = [];
  const undistributed: Undistributed[] = [];

  const give = (t: Tally, customerId: string, reason: AssignmentReason) => {
    t.given++;
    t.room--;
    if (t.room === 0) withRoom--;
    assignments.push({ customerId, agentId: t.agent.id, reason });
  };

  for (const customerId of input.customerIds) {
    if (tallies.size === 0) undistributed.push({ customerId, reason: 'no_eligible_agent' });
    else if (withRoom === 0) undistributed.push({ customerId, reason: 'everyone_at_cap' });
    else {
      const rewarded = rewardHolder(tallies.values(), state, receivedOf);
      if (rewarded) {
        rewarded.reward--;
        rewarded.rewardUsed++;
        give(rewarded, customerId, 'reward');
      } else give(nextInRound(tallies, state, receivedOf, input.random), customerId, 'round');
    }
  }

  const all = [...tallies.values()];
  return {
    assignments,
    ticketsUsed: Object.fromEntries(all.filter((t) => t.rewardUsed || t.penaltyUsed)
      .map((t) => [t.agent.id, { reward: t.rewardUsed, penalty: t.penaltyUsed }])),
    given: Object.fromEntries(all.filter((t) => t.given).map((t) => [t.agent.id, t.given])),
    undistributed,
    state,
  };
}
