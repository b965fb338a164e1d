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
