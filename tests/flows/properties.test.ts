// Property tests: whatever a caller keys and whatever order events come in, the interpreter stays in its
// bounds, never throws, and leaves the call either ended or waiting for something.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STEPS_PER_CALL, MAX_STEPS_PER_EVENT, step, type CallState, type FlowEvent } from '@telesales/engines/flows';
import { simulate } from '@telesales/runtime/flows/simulator';
import { at, inboundFlow, start } from './support.js';

const flow = inboundFlow();
const keys = fc.stringMatching(/^[0-9*#]{1,6}$/);

/** Any event of the vocabulary (time filled in later, so times only move forward). */
const anyEvent: fc.Arbitrary<(ms: number) => FlowEvent> = fc.oneof(
  fc.constant((ms: number) => ({ type: 'promptDone', at: at(ms) }) as FlowEvent),
  keys.map((digits) => (ms: number) => ({ type: 'digits', digits, at: at(ms) }) as FlowEvent),
  fc.constant((ms: number) => ({ type: 'timeout', at: at(ms) }) as FlowEvent),
  fc.boolean().map((found) => (ms: number) => ({ type: 'lookupResult', found, values: found ? { status: 'won', level: 'a' } : undefined, at: at(ms) }) as FlowEvent),
  fc.boolean().map((ok) => (ms: number) => ({ type: 'httpResult', ok, at: at(ms) }) as FlowEvent),
  fc.constant((ms: number) => ({ type: 'agentAnswered', agentId: 'u1', at: at(ms) }) as FlowEvent),
  fc.constant((ms: number) => ({ type: 'agentLegEnded', at: at(ms) }) as FlowEvent),
  fc.constant((ms: number) => ({ type: 'queueTimeout', at: at(ms) }) as FlowEvent),
  fc.constant((ms: number) => ({ type: 'recordingDone', file: 'f', at: at(ms) }) as FlowEvent),
  fc.constant((ms: number) => ({ type: 'transferFailed', at: at(ms) }) as FlowEvent),
  fc.constant((ms: number) => ({ type: 'hangup', at: at(ms) }) as FlowEvent),
);

function settled(state: CallState): void {
  // Ended, with a reason, or waiting for at least one event: never stuck in between.
  if (state.ended) {
    expect(state.endReason).toBeDefined();
    expect(state.waiting).toBeNull();
  } else {
    expect(state.waiting?.for.length).toBeGreaterThan(0);
  }
  expect(state.steps).toBeLessThanOrEqual(MAX_STEPS_PER_CALL);
  const last = state.trace.at(-1)!;
  if (!state.ended) expect(last.waitsFor).toEqual(state.waiting!.for);
}

describe('properties of the interpreter on the demo flow', () => {
  it('random events in random order (start time anywhere in the week) keep to the bounds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 7 * 24 * 3600_000 }), fc.array(fc.tuple(anyEvent, fc.integer({ min: 0, max: 120_000 })), { maxLength: 60 }),
        async (offset, events) => {
          let ms = offset;
          let state = (await step({ flow, state: null, event: start(ms) })).state;
          settled(state);
          for (const [make, gap] of events) {
            const before = state.steps;
            const result = await step({ flow, state, event: make((ms += gap)) });
            expect(result.state.steps - before).toBeLessThanOrEqual(MAX_STEPS_PER_EVENT);
            state = result.state;
            settled(state);
          }
        }),
      { numRuns: 300 },
    );
  });

  it('random key sequences from a simulated caller always end the call or leave it waiting', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200_000 }), keys), { maxLength: 30 }),
        fc.record({ sales: fc.nat(2), service: fc.nat(2) }),
        fc.boolean(),
        async (digits, freeAgents, known) => {
          const sim = await simulate({
            caller: '+8613881836553', startAt: at(), digits: digits.map(([afterMs, d]) => ({ afterMs, digits: d })), freeAgents,
            customers: known ? { '+8613881836553': { status: 'following', level: 'b' } } : {},
          }, { flow });
          settled(sim.state);
          // The demo flow has no endless paths: with a caller who keeps silent, every call ends.
          expect(sim.state.ended).toBe(true);
          expect(['completed', 'transferred']).toContain(sim.state.endReason);
        }),
      { numRuns: 200 },
    );
  });
});
