import { randomIndex } from '@telesales/engines/seeded-random';

/** Fisher–Yates over a copy; the input is left as it was. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order of a new round: the agent who received the fewest this week leads, the rest follow in random
 * order. Shuffling first and then lifting the leader out means a tie for fewest is also settled at random,
 * and the others keep their shuffled order.
 */
export function newRoundOrder(ids: readonly string[], receivedOf: (id: string) => number, random: () => number): string[] {
  const order = shuffled(ids, random);
  let lead = 0;
  for (let i = 1; i < order.length; i++) if (receivedOf(order[i]!) < receivedOf(order[lead]!)) lead = i;
  return [...order.slice(lead, lead + 1), ...order.slice(0, lead), ...order.slice(lead + 1)];
}

/**
 * Agents who became eligible after the round began (joined the pool, came online) take their turn at the
 * end of it rather than waiting a whole round: fewest received first, ties in random order (sort is stable).
 */
export function latecomerOrder(ids: readonly string[], receivedOf: (id: string) => number, random: () => number): string[] {
  return shuffled(ids, random).sort((a, b) => receivedOf(a) - receivedOf(b));
}
