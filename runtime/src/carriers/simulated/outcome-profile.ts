/**
 * How the numbers of one outbound task behave on the simulated network: shares of each line outcome (the rest
 * ring out unanswered), how long an answered number rings first, and how long a person talks once connected
 * (exponential, as call-centre talk times are). Seeded, so a simulated day is the same every run.
 */
export interface OutcomeProfile {
  /** Share answered by a person (0-1). */
  answerRate: number;
  busy?: number;
  emptyNumber?: number;
  switchedOff?: number;
  suspended?: number;
  answeringMachine?: number;
  /** Seconds an answered number rings before it answers (uniform). */
  ringSec?: { min: number; max: number };
  /** Mean talk seconds once an agent is connected (exponential, at least 5 s). */
  talkSec?: { mean: number };
  seed?: number;
}

export type SimulatedOutcome = 'answer' | 'busy' | 'noAnswer' | 'emptyNumber' | 'switchedOff' | 'suspended' | 'answeringMachine';

export const DEFAULT_OUTCOME_PROFILE: OutcomeProfile = {
  answerRate: 0.3, busy: 0.1, emptyNumber: 0.05, switchedOff: 0.05, suspended: 0.02, answeringMachine: 0.05,
  ringSec: { min: 5, max: 20 }, talkSec: { mean: 120 },
};

/** One dial's fate, from three uniform draws in [0, 1). */
export function drawOutcome(p: OutcomeProfile, u: [number, number, number]): { outcome: SimulatedOutcome; ringSec: number; talkSec: number } {
  const shares: [SimulatedOutcome, number][] = [
    ['answer', p.answerRate], ['busy', p.busy ?? 0], ['emptyNumber', p.emptyNumber ?? 0], ['switchedOff', p.switchedOff ?? 0],
    ['suspended', p.suspended ?? 0], ['answeringMachine', p.answeringMachine ?? 0],
  ];
  let outcome: SimulatedOutcome = 'noAnswer';
  let acc = 0;
  for (const [name, share] of shares) {
    acc += share;
    if (u[0] < acc) { outcome = name; break; }
  }
  const ring = p.ringSec ?? { min: 5, max: 20 };
  const ringSec = ring.min + u[1] * (ring.max - ring.min);
  const talkSec = Math.max(5, -(p.talkSec?.mean ?? 120) * Math.log(1 - u[2]));
  return { outcome, ringSec, talkSec };
}
