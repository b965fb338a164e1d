// The simulator plays the telephony side in simulated time: prompt lengths, gather timeouts, queues, HTTP, hang-ups.
import { describe, expect, it } from 'vitest';
import { promptMs, simulate } from '@telesales/runtime/flows/simulator';
import { at, flow, node, say } from './support.js';

const bye = node('bye', 'hangup');
const script = { caller: '+8613800000001', startAt: at(), digits: [], freeAgents: {} };
const timeOf = (sim: Awaited<ReturnType<typeof simulate>>, node: string, port: string) =>
  sim.trace.find((t) => t.node === node && t.port === port)?.at;

describe('simulator', () => {
  it('lets prompts take 200 ms per 10 characters and gathers time out after their timeout', async () => {
    expect(promptMs({ text: 'x'.repeat(25) })).toBe(600);
    expect(promptMs({ text: 'hi' })).toBe(500);
    const f = flow([node('m', 'menu', { prompt: say('x'.repeat(40)), options: ['1'], timeoutSec: 3, retries: 0 }, { 1: 'bye', noInput: 'bye', invalid: 'bye' }), bye]);
    const sim = await simulate(script, { flow: f });
    expect(timeOf(sim, 'm', 'noInput')).toBe(at(800 + 3000));
    const keyed = await simulate({ ...script, digits: [{ afterMs: 2000, digits: '1' }] }, { flow: f });
    expect(timeOf(keyed, 'm', '1')).toBe(at(2000));
  });

  it('answers a queue after answerAfterSec when an agent is free, else overflows at the maximum wait', async () => {
    const f = flow([node('q', 'queue', { skillGroup: 'sales', maxWaitSec: 30 }, { answered: 'bye', overflow: 'bye' }), bye]);
    const answered = await simulate({ ...script, freeAgents: { sales: 1 }, answerAfterSec: 5, talkSec: 20 }, { flow: f });
    expect(timeOf(answered, 'q', 'answered')).toBe(at(25_000));
    const busy = await simulate({ ...script, freeAgents: { sales: 0 } }, { flow: f });
    expect(timeOf(busy, 'q', 'overflow')).toBe(at(30_000));
  });

  it('answers lookups and HTTP from the script, or from the functions it is given', async () => {
    const f = flow([
      node('find', 'lookup', { entity: 'customer' }, { found: 'ask', notFound: 'ask' }),
      node('ask', 'http', { method: 'GET', url: 'https://api.example.com/x', timeoutMs: 500, mapping: [{ variable: 'v', expression: 'response.body.v' }] }, { ok: 'bye', error: 'bye' }),
      bye,
    ]);
    const scripted = await simulate({ ...script, customers: { '13800000001': { name: 'A' } }, http: { 'https://api.example.com/x': { body: { v: 1 } } } }, { flow: f });
    expect(scripted.state.vars).toEqual({ customer: { name: 'A' }, v: 1 });
    const live = await simulate(script, {
      flow: f,
      lookup: async (entity, number) => ({ found: entity === 'customer' && number === '+8613800000001', values: { name: 'B' } }),
      fetch: async (c) => ({ ok: true, body: { v: c.url.length } }),
    });
    expect(live.state.vars).toEqual({ customer: { name: 'B' }, v: 25 });
    const none = await simulate(script, { flow: f });
    expect(none.trace.filter((t) => t.port).map((t) => t.port)).toEqual(['next', 'notFound', 'error']);
  });

  it('fails a transfer to a group with nobody free; the caller may hang up at any time', async () => {
    const f = flow([node('t', 'transfer', { target: { type: 'group', ref: 'service' } }, { failed: 'bye' }), bye]);
    expect((await simulate(script, { flow: f })).trace.some((t) => t.port === 'failed')).toBe(true);
    expect((await simulate({ ...script, freeAgents: { service: 1 } }, { flow: f })).state.endReason).toBe('transferred');
    const g = flow([node('m', 'menu', { prompt: say('Menu'), options: ['1'] }, { 1: 'bye', noInput: 'bye', invalid: 'bye' }), bye]);
    const gone = await simulate({ ...script, hangupAfterMs: 1500 }, { flow: g });
    expect(gone.state).toMatchObject({ endReason: 'hangup', now: at(1500) });
  });

  it('returns every command with its time and every event fed', async () => {
    const f = flow([node('hello', 'play', { prompt: say('Hello there') }, { next: 'bye' }), bye]);
    const sim = await simulate(script, { flow: f });
    expect(sim.commands).toEqual([
      { at: at(0), command: { type: 'play', prompt: { text: 'Hello there' }, language: 'en', bargeIn: false } },
      { at: at(500), command: { type: 'hangup' } },
    ]);
    expect(sim.events.map((e) => e.type)).toEqual(['start', 'promptDone']);
  });
});
