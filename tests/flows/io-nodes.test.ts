// lookup, http, queue, transfer and voicemail: nodes that ask the telephony side and wait for its answer.
import { describe, expect, it } from 'vitest';
import { at, drive, ev, flow, node, path, say, start } from './support.js';

const bye = node('bye', 'hangup');
const other = node('other', 'hangup');

describe('lookup', () => {
  const f = flow([
    node('find', 'lookup', { entity: 'customer' }, { found: 'vip', notFound: 'other' }),
    node('vip', 'condition', { cases: [{ port: 'gold', expression: "customer.level = 'a'" }] }, { gold: 'bye', else: 'other' }),
    bye, other,
  ]);

  it('asks for the caller by number and keeps the (masked) values for expressions', async () => {
    const a = await drive(f, [start(0, '+8613800000001')]);
    expect(a.last).toEqual([{ type: 'lookup', entity: 'customer', number: '+8613800000001' }]);
    const values = { name: 'Ma Fang', level: 'a', phone: '138****0001' };
    const b = await drive(f, [{ type: 'lookupResult', found: true, values, at: at(50) }], { state: a.state });
    expect(b.state.vars.customer).toEqual(values);
    expect(b.state.customer).toEqual(values);
    expect(path(b.state)).toEqual(['entry:next', 'find:found', 'vip:gold']);
  });

  it('goes by notFound for an unknown number', async () => {
    const { state } = await drive(f, [start(), { type: 'lookupResult', found: false, at: at(50) }]);
    expect(path(state)).toEqual(['entry:next', 'find:notFound']);
    expect(state.vars).toEqual({});
  });
});

describe('http', () => {
  const f = flow([
    node('ask', 'http', {
      method: 'POST', url: 'https://api.example.com/score', timeoutMs: 2000, body: '{ "caller": call.caller }',
      mapping: [{ variable: 'score', expression: 'response.body.score' }, { variable: 'status', expression: 'response.status' }],
    }, { ok: 'bye', error: 'other' }),
    bye, other,
  ]);

  it('fetches with the evaluated body and maps the answer into variables', async () => {
    const a = await drive(f, [start(0, '+8613800000001')]);
    expect(a.last).toEqual([{ type: 'fetch', method: 'POST', url: 'https://api.example.com/score', body: { caller: '+8613800000001' }, timeoutMs: 2000 }]);
    const b = await drive(f, [{ type: 'httpResult', ok: true, status: 200, body: { score: 7 }, at: at(100) }], { state: a.state });
    expect(b.state.vars).toEqual({ score: 7, status: 200 });
    expect(path(b.state)).toContain('ask:ok');
  });

  it('goes by error when the request fails', async () => {
    const { state } = await drive(f, [start(), { type: 'httpResult', ok: false, status: 503, at: at(100) }]);
    expect(path(state)).toContain('ask:error');
    expect(state.trace.find((t) => t.port === 'error')?.note).toBe('status 503');
  });
});

describe('queue', () => {
  const f = flow([
    node('q', 'queue', { skillGroup: 'sales', maxWaitSec: 60, announcePositionSec: 30, holdMusic: 'hold', prompt: say('Please hold') },
      { answered: 'rate', overflow: 'vm' }),
    node('rate', 'survey', { prompt: say('Rate'), min: 1, max: 5 }, { next: 'bye', noInput: 'bye' }),
    node('vm', 'voicemail', { prompt: say('Leave a message'), maxSec: 60, variable: 'message' }, { next: 'bye' }),
    bye,
  ]);

  it('announces, enqueues, and after the agent leg continues by answered', async () => {
    const a = await drive(f, [start(), ev.done(800)]);
    expect(a.last).toEqual([{ type: 'enqueue', skillGroup: 'sales', maxWaitSec: 60, announcePositionSec: 30, holdMusic: 'hold' }]);
    const b = await drive(f, [{ type: 'agentAnswered', agentId: 'u1', at: at(5000) }], { state: a.state });
    expect(b.state.waiting?.for).toEqual(['agentLegEnded']);
    expect(b.state.vars.agentId).toBe('u1');
    // Keys while the agent talks belong to the conversation, not the flow.
    const c = await drive(f, [ev.keys('5', 6000), { type: 'agentLegEnded', at: at(60_000) }], { state: b.state });
    expect(path(c.state)).toEqual(['entry:next', 'q:answered']);
    expect(c.state.node).toBe('rate');
  });

  it('ends the call after the agent leg when answered is not connected', async () => {
    const g = flow([node('q', 'queue', { skillGroup: 'sales', maxWaitSec: 60 }, { overflow: 'bye' }), bye]);
    const { state, last } = await drive(g, [start(), { type: 'agentAnswered', agentId: 'u1', at: at(1000) }, { type: 'agentLegEnded', at: at(9000) }]);
    expect(state).toMatchObject({ ended: true, endReason: 'completed' });
    expect(last).toEqual([{ type: 'hangup' }]);
  });

  it('overflows to voicemail on queue timeout and stores the recording', async () => {
    const { state, commands } = await drive(f, [
      start(), ev.done(800), { type: 'queueTimeout', at: at(60_800) }, ev.done(62_000), { type: 'recordingDone', file: 'rec-1', at: at(80_000) },
    ]);
    expect(commands).toContainEqual({ type: 'record', maxSec: 60 });
    expect(state.vars.message).toBe('rec-1');
    expect(path(state)).toEqual(['entry:next', 'q:overflow', 'vm:next']);
  });
});

describe('transfer', () => {
  const f = flow([node('t', 'transfer', { target: { type: 'group', ref: 'service' } }, { failed: 'bye' }), bye]);

  it('hands the call over; hanging up afterwards ends it as transferred', async () => {
    const a = await drive(f, [start()]);
    expect(a.last).toEqual([{ type: 'transfer', target: { type: 'group', ref: 'service' } }]);
    const b = await drive(f, [ev.hangup(30_000)], { state: a.state });
    expect(b.state).toMatchObject({ ended: true, endReason: 'transferred' });
    expect(b.last).toEqual([]);
  });

  it('comes back by failed', async () => {
    const { state } = await drive(f, [start(), { type: 'transferFailed', at: at(5000) }]);
    expect(path(state)).toContain('t:failed');
  });

  it('ends the call when failed is not connected', async () => {
    const g = flow([node('t', 'transfer', { target: { type: 'external', ref: '+8610000000' } })]);
    const { state } = await drive(g, [start(), { type: 'transferFailed', at: at(5000) }]);
    expect(state.endReason).toBe('completed');
  });
});
