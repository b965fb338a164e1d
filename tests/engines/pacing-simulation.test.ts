// simulateDialerDay (engines/src/pacing/simulate.ts): a calling hour, event by event, with the dialer asking
// decidePacing every second. Seeded, so these are checks of the engine, not of the machine's speed; the full
// 8-hour day with three answer rates and seeds is `npm run bench:dialer`.
import { describe, expect, it } from 'vitest';
import { simulateDialerDay, type DialerDayConfig } from '@telesales/engines/pacing';

const hour: DialerDayConfig = { seed: 1, agents: 20, hours: 1, mode: 'predictive', answerRate: 0.25 };

describe('a simulated calling hour (20 agents, 25 % answered, talk 120 s exponential, wrap-up 15 s)', () => {
  const predictive = simulateDialerDay(hour);
  const progressive = simulateDialerDay({ ...hour, mode: 'progressive' });
  const preview = simulateDialerDay({ ...hour, mode: 'preview' });

  it('predictive stays under the 3 % abandon target', () => {
    expect(predictive.answered).toBeGreaterThan(400);
    expect(predictive.abandonRate).toBeLessThanOrEqual(0.03);
  });

  it('predictive talks far more per agent-hour than progressive, which beats preview; neither of those abandons', () => {
    expect(predictive.talkMinutesPerAgentHour).toBeGreaterThan(progressive.talkMinutesPerAgentHour + 10);
    expect(progressive.talkMinutesPerAgentHour).toBeGreaterThan(preview.talkMinutesPerAgentHour);
    expect(progressive.abandoned + preview.abandoned).toBe(0);
  });

  it('is the same hour for the same seed', () => {
    expect(simulateDialerDay(hour)).toEqual(predictive);
  });
});

describe('preview, the manual baseline, as the product works it', () => {
  // A look of 5 s, then Call; the dialer dials it at its next look for due callbacks (every 5 s: 2.5 s on average);
  // the agent waits on the line (5-20 s to an answer, 25 s to the timeout) and gives no outcome for an unanswered number.
  const connected = (pickup: number) => {
    const days = [1, 2, 3].map((seed) => simulateDialerDay({ seed, agents: 20, hours: 8, mode: 'preview', answerRate: 0.15, previewPickupSeconds: pickup }));
    return days.reduce((sum, d) => sum + d.connectedPerAgentHour, 0) / days.length;
  };
  const arithmetic = (attempt: number) => 3600 / (120 + 15 + attempt / 0.15);
  const near = (value: number, expected: number) => expect(Math.abs(value / expected - 1)).toBeLessThan(0.05);

  it('connects what the arithmetic of one attempt says: 3600 / (talk + wrap-up + attempt / answer rate)', () => {
    const withPickup = connected(5);
    const atOnce = connected(0);
    near(withPickup, arithmetic(5 + 2.5 + 0.15 * 12.5 + 0.85 * 25));
    near(atOnce, arithmetic(5 + 0.15 * 12.5 + 0.85 * 25));
    expect(withPickup).toBeLessThan(atOnce);
  });
});
