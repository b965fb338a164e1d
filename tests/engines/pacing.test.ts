// decidePacing (engines/src/pacing): how many calls a task's dialer launches now, and why. Pure, so each case
// is a plain call; the properties hold for any state fast-check can make up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decidePacing, type PacingInput } from '@telesales/engines/pacing';

const TALK = { mean: 120, sd: 120, count: 500 };
const WRAP = { mean: 15, sd: 0, count: 500 };
const RING = { bucketSeconds: 1, counts: [0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10] };

/** A steady 20-agent task at 25 % answered, nothing abandoned yet: override what a case is about. */
function task(overrides: Partial<PacingInput> = {}): PacingInput {
  return {
    mode: 'predictive',
    agents: { ready: [], talking: [30, 60, 90, 120, 150, 10, 20, 40, 80, 100, 5, 15, 25, 35, 45], wrapUp: [14, 13, 12, 5, 1] },
    calls: { ringing: [], waiting: [] },
    answerRate: { dialed: 1000, answered: 250 },
    ringTime: RING, talkTime: TALK, wrapUp: WRAP,
    abandon: { today: { answered: 1000, abandoned: 0 }, rolling30Days: { answered: 20_000, abandoned: 0 } },
    maxConcurrentCalls: 100,
    ...overrides,
  };
}

describe('decidePacing: the modes', () => {
  it('preview never dials: the agent does', () => {
    const d = decidePacing(task({ mode: 'preview', agents: { ready: [30, 30, 30], talking: [], wrapUp: [] } }));
    expect(d.launch).toBe(0);
    expect(d.reason.limit).toBe('preview');
    expect(d.text.en).toContain('preview mode: agents dial themselves');
    expect(d.text.zh).toContain('预览模式');
  });

  it('progressive dials one line per free agent not already being dialled for, or its ratio', () => {
    const agents = { ready: [3, 8, 20, 1], talking: [50], wrapUp: [] };
    expect(decidePacing(task({ mode: 'progressive', agents, calls: { ringing: [4], waiting: [] } })).launch).toBe(3);
    expect(decidePacing(task({ mode: 'progressive', ratio: 2.5, agents, calls: { ringing: [4], waiting: [] } })).launch).toBe(9);
    const busy = decidePacing(task({ mode: 'progressive', agents: { ready: [], talking: [50, 60], wrapUp: [3] } }));
    expect(busy.launch).toBe(0);
    expect(busy.reason.limit).toBe('ratio');
  });

  it('predictive dials ahead for agents about to finish their wrap-up, more than the free agents', () => {
    const d = decidePacing(task());
    expect(d.reason.limit).toBe('model');
    expect(d.launch).toBeGreaterThan(0);
    expect(d.reason.forecast!.abandons).toBeLessThanOrEqual(d.reason.forecast!.allowedRate * d.reason.forecast!.answers + 1e-9);
  });

  it('predictive holds back when the ringing calls already cover the agents coming free', () => {
    const covered = decidePacing(task({ calls: { ringing: Array.from({ length: 40 }, (_, i) => i % 10), waiting: [] } }));
    expect(covered.launch).toBe(0);
  });

  it('predictive dials less as the day uses up its abandon headroom', () => {
    const launches = [0, 10, 20, 26].map((abandoned) =>
      decidePacing(task({ abandon: { today: { answered: 1000, abandoned }, rolling30Days: { answered: 20_000, abandoned: 0 } } })).launch);
    for (let i = 1; i < launches.length; i++) expect(launches[i]).toBeLessThanOrEqual(launches[i - 1]!);
    expect(launches[3]).toBeLessThan(launches[0]!);
  });

  it('predictive over its abandon target dials only for free agents nobody is being dialled for', () => {
    const over = { today: { answered: 1000, abandoned: 31 }, rolling30Days: { answered: 20_000, abandoned: 0 } };
    const d = decidePacing(task({ abandon: over, agents: { ready: [5, 5], talking: [50], wrapUp: [14] }, calls: { ringing: [1], waiting: [] } }));
    expect(d.launch).toBe(1);
    expect(d.reason.limit).toBe('aboveTarget');
    expect(d.text.en).toContain('abandon rate above target');
    expect(decidePacing(task({ abandon: { today: { answered: 100, abandoned: 0 }, rolling30Days: { answered: 10_000, abandoned: 400 } } })).launch).toBe(0);
  });

  it('predictive waits for figures before it predicts: one line per free agent meanwhile', () => {
    const d = decidePacing(task({ answerRate: { dialed: 12, answered: 3 }, agents: { ready: [1, 2], talking: [5], wrapUp: [] } }));
    expect(d.launch).toBe(2);
    expect(d.reason.limit).toBe('learning');
  });

  it('says why, in both languages, with the dial level it moved from and to', () => {
    const d = decidePacing(task({
      agents: { ready: [10, 12, 14, 12], talking: [30, 60, 90, 120, 150, 10, 20, 40, 80, 100], wrapUp: [14, 3] },
      calls: { ringing: [2, 4, 6, 8, 10, 12, 14], waiting: [] },
      answerRate: { dialed: 1000, answered: 310 },
      abandon: { today: { answered: 1000, abandoned: 12 }, rolling30Days: { answered: 20_000, abandoned: 300 } },
      state: { dialLevel: 2.3 },
    }));
    expect(d.text.en).toMatch(/^dial level 2\.3 -> \d\.\d: 4 agents idle for 12 s on average, 31 % answered, abandon today 1\.2 % of a 3 % target; launching \d+ \(predictive\)$/);
    expect(d.text.zh).toMatch(/^拨号倍率 2\.3 -> \d\.\d：4 名坐席平均空闲 12 秒，接通率 31%，今日放弃率 1\.2%（目标 3%）；本次拨出 \d+ 通（预测模式）$/);
    expect(d.state.dialLevel).toBe(d.reason.dialLevel.to);
    // Lines in use (7 ringing, 10 talking, the launched) per agent of the task (16).
    expect(d.reason.dialLevel.to).toBe(Math.round(((7 + 10 + d.launch) / 16) * 10) / 10);
  });

  it('a task of 500 agents and 1,500 calls in flight is decided (normal approximation of the same sums)', () => {
    const ready = Array.from({ length: 40 }, (_, i) => i % 20);
    const talking = Array.from({ length: 420 }, (_, i) => i % 400);
    const wrapUp = Array.from({ length: 40 }, (_, i) => i % 15);
    const ringing = Array.from({ length: 1500 }, (_, i) => i % 25);
    const base = { agents: { ready, talking, wrapUp }, maxConcurrentCalls: 3000, maxLinesPerAgent: 5 };
    // At 15 % answered the 1,500 ringing calls bring more answers than agents: none more.
    expect(decidePacing(task({ ...base, calls: { ringing, waiting: [] }, answerRate: { dialed: 1500, answered: 225 } })).launch).toBe(0);
    // With 400 ringing, there is room, and the caps bound it.
    const d = decidePacing(task({ ...base, calls: { ringing: ringing.slice(0, 400), waiting: [] }, answerRate: { dialed: 1500, answered: 225 } }));
    expect(d.launch).toBeGreaterThan(0);
    expect(d.launch).toBeLessThanOrEqual(5 * 500 - 400 - 420);
  });
});

const seconds = (max: number, maxLength: number) => fc.array(fc.double({ min: 0, max, noNaN: true }), { maxLength });
const duration = fc.oneof(
  fc.record({ mean: fc.double({ min: 1, max: 600, noNaN: true }), sd: fc.double({ min: 0, max: 600, noNaN: true }), count: fc.nat(2000) }),
  fc.record({ bucketSeconds: fc.constantFrom(0.5, 1, 5), counts: fc.array(fc.nat(50), { minLength: 1, maxLength: 40 }) }),
);
const tally = fc.nat(5000).chain((answered) => fc.record({ answered: fc.constant(answered), abandoned: fc.nat(Math.max(0, Math.floor(answered / 10))) }));
const anyInput: fc.Arbitrary<PacingInput> = fc.record({
  mode: fc.constantFrom('preview' as const, 'progressive' as const, 'predictive' as const),
  ratio: fc.option(fc.double({ min: 0.5, max: 4, noNaN: true }), { nil: undefined }),
  agents: fc.record({ ready: seconds(600, 30), talking: seconds(1200, 60), wrapUp: seconds(90, 20) }),
  calls: fc.record({ ringing: seconds(30, 90), waiting: seconds(2, 4) }),
  answerRate: fc.nat(3000).chain((dialed) => fc.record({ dialed: fc.constant(dialed), answered: fc.nat(dialed) })),
  ringTime: duration, talkTime: duration, wrapUp: duration,
  abandon: fc.record({ today: tally, rolling30Days: tally, target: fc.option(fc.double({ min: 0.005, max: 0.1, noNaN: true }), { nil: undefined }) }),
  maxConcurrentCalls: fc.nat(300),
  maxLinesPerAgent: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
}, { requiredKeys: ['mode', 'agents', 'calls', 'answerRate', 'abandon', 'maxConcurrentCalls'] });

const rate = (t: { answered: number; abandoned: number }) => (t.answered > 0 ? t.abandoned / t.answered : 0);

describe('decidePacing: properties', () => {
  it('never above max concurrency or max lines per agent; progressive within its ratio; preview never; predictive never over-dials above its target', () => {
    fc.assert(fc.property(anyInput, (input) => {
      const d = decidePacing(input);
      const { ready, talking, wrapUp } = input.agents;
      const inFlight = input.calls.ringing.length + input.calls.waiting.length;
      const lines = inFlight + talking.length;
      const agents = ready.length + talking.length + wrapUp.length;
      expect(Number.isInteger(d.launch) && d.launch >= 0).toBe(true);
      if (d.launch > 0) {
        expect(lines + d.launch).toBeLessThanOrEqual(input.maxConcurrentCalls);
        expect(lines + d.launch).toBeLessThanOrEqual((input.maxLinesPerAgent ?? 3) * agents);
      }
      if (input.mode === 'preview') expect(d.launch).toBe(0);
      if (input.mode === 'progressive') expect(inFlight + d.launch).toBeLessThanOrEqual(Math.max(inFlight, Math.floor(ready.length * (input.ratio ?? 1) + 1e-9)));
      const target = input.abandon.target ?? 0.03;
      if (input.mode === 'predictive' && (rate(input.abandon.today) > target || rate(input.abandon.rolling30Days) > target)) {
        expect(inFlight + d.launch).toBeLessThanOrEqual(Math.max(inFlight, ready.length));
        expect(['aboveTarget', 'noAgents', 'maxConcurrentCalls', 'maxLinesPerAgent']).toContain(d.reason.limit);
      }
      expect(d.text.en.length).toBeGreaterThan(0);
      expect(d.text.zh.length).toBeGreaterThan(0);
    }), { numRuns: 400 });
  });

  it('is deterministic and its state is plain JSON: the same input (through JSON) gives the same decision', () => {
    fc.assert(fc.property(anyInput, (input) => {
      const first = decidePacing(input);
      const again = decidePacing(JSON.parse(JSON.stringify(input)) as PacingInput);
      expect(again).toEqual(first);
      expect(JSON.parse(JSON.stringify(first.state))).toEqual(first.state);
    }), { numRuns: 150 });
  });
});
