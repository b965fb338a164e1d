// The metric catalogue's formulas pinned on a hand-built set of calls (and agent-state intervals, and the demo
// customers): each figure below is worked out by hand from the documents written here. The workbench's daily figures
// come from the same catalogue, so they equal the report's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/runtime-fixture.js';
import { startCallsRuntime, type CallsFixture } from './calls-support.js';
import { DEMO } from './records-support.js';
import { handCall, IDS, insertCalls, publishReport, report, runReport, type HandCall } from './reports-support.js';

let fx: CallsFixture;
let admin: ApiClient;

const T = Date.parse('2026-05-04T01:00:00.000Z'); // 09:00 in Shanghai, the clock's day
const at = (sec: number) => new Date(T + sec * 1000);
const iso = (sec: number) => at(sec).toISOString();
const done = (endSec: number, acwSec: number) => ({ endAt: at(endSec), disposition: { key: 'interested', by: IDS.agent1, at: at(endSec + acwSec) } });

const calls: HandCall[] = [
  // o1: answered after 5 s, 100 s of talk, 20 s of after-call work
  handCall('o1', iso(0), { direction: 'out', agentId: IDS.agent1, answerAt: at(5), talkSec: 100, ...done(105, 20) }),
  // o2: busy
  handCall('o2', iso(200), { direction: 'out', agentId: IDS.agent1 }),
  // o3: a task's call answered with no agent free (abandoned): connected, no agent, no talk
  handCall('o3', iso(300), { direction: 'out', agentId: null, answerAt: at(303), abandoned: true, task: { key: 'renewal', numberId: 'n1' }, endAt: at(305) }),
  // o4: answered but the line carried no audio: 40 s up, no talk; 10 s of after-call work
  handCall('o4', iso(400), { direction: 'out', agentId: IDS.agent2, answerAt: at(402), talkSec: 40, failure: { cause: 'noMedia' }, ...done(442, 10) }),
  // i1: queued at +2 s, answered 10 s later, 60 s of talk, 30 s of after-call work
  handCall('i1', iso(500), { direction: 'in', agentId: IDS.agent1, queuedAt: at(502), answerAt: at(512), talkSec: 60, ...done(572, 30) }),
  // i2: queued at +2 s, answered 30 s later, 20 s of talk, no outcome given
  handCall('i2', iso(600), { direction: 'in', agentId: IDS.agent2, queuedAt: at(602), answerAt: at(632), talkSec: 20, endAt: at(652) }),
  // i3: hung up while queued
  handCall('i3', iso(700), { direction: 'in', agentId: null, queuedAt: at(702), endAt: at(740) }),
  // i4: hung up in the menu, never queued (not offered to anyone)
  handCall('i4', iso(800), { direction: 'in', agentId: null, endAt: at(810) }),
];

const METRIC_IDS = ['calls', 'outboundCalls', 'outboundConnected', 'inboundAnswered', 'connected', 'talkSec', 'contactRate', 'aht', 'asa',
  'abandonRateInbound', 'abandonRateOutbound', 'serviceLevel'] as const;

beforeAll(async () => {
  fx = await startCallsRuntime();
  admin = await fx.rt.login('admin');
  await insertCalls(fx.rt, calls);
  await publishReport(admin, report('call_metrics', {
    source: 'calls', dateRange: { range: 'today' }, visual: { type: 'table' },
    measures: [
      ...METRIC_IDS.map((m) => ({ id: m, op: 'metric', metric: m })),
      { id: 'sl30', op: 'metric', metric: 'serviceLevel', params: { seconds: 30 } },
      { id: 'talkAvg', op: 'avg', field: 'talkSec' },
      { id: 'talkMax', op: 'max', field: 'talkSec' },
      { id: 'agents', op: 'countDistinct', field: 'agent' },
      { id: 'perCall', op: 'ratio', numerator: 'talkSec', denominator: 'calls' },
    ],
  }));
  // Agent1's stretches: 600 s ready, 300 s busy, 100 s after-call work, 500 s on a break.
  await fx.rt.app.db.collection('agent_state_intervals').insertMany([
    ['ready', 'ready', 600], ['busy', 'busy', 300], ['wrapup', 'wrapup', 100], ['lunch', 'break', 500],
  ].map(([state, kind, sec], i) => ({ _id: randomUUID(), agentId: IDS.agent1, state, kind, from: at(i * 1000), to: at(i * 1000 + Number(sec)), sec })) as never[]);
  await publishReport(admin, report('occupancy', {
    source: 'agentStates', dateRange: { range: 'today' }, visual: { type: 'kpi' },
    measures: [{ id: 'occupancy', op: 'metric', metric: 'occupancy' }],
  }));
  const status = { field: 'status', won: ['won'] };
  await publishReport(admin, report('sales_metrics', {
    source: 'records:customer', visual: { type: 'table' },
    measures: [
      { id: 'winRate', op: 'metric', metric: 'winRate', params: { ...status, closed: ['won', 'lost'] } },
      { id: 'conversion', op: 'metric', metric: 'conversion', params: { ...status, contacted: ['following', 'interested', 'won', 'lost'] } },
      { id: 'wonAmount', op: 'metric', metric: 'wonAmount', params: { ...status, amount: 'annual_premium' } },
    ],
  }));
}, 120_000);
afterAll(async () => fx?.close());

describe('the metric catalogue on hand-built calls', () => {
  it('counts, talk time and the rates, each with its own denominator', async () => {
    const res = await runReport(admin, 'call_metrics');
    expect(res.status, res.text).toBe(200);
    const t = res.body.totals;
    expect(t).toMatchObject({
      calls: 8, outboundCalls: 4, outboundConnected: 3, inboundAnswered: 2, connected: 5,
      talkSec: 180, // 100 + 60 + 20; o4's 40 s carried no audio
      contactRate: 0.75, // 3 connected / 4 dialled
      aht: 60, // (100+20 + 0+10 + 60+30 + 20+0) / 4 handled (o1, o4, i1, i2; o3 had no agent)
      asa: 20, // (10 + 30) / 2 answered after queueing
      talkMax: 100, agents: 2,
    });
    expect(t.abandonRateInbound).toBeCloseTo(1 / 3, 12); // i3 / offered i1, i2, i3
    expect(t.abandonRateOutbound).toBeCloseTo(1 / 3, 12); // o3 / answered o1, o3, o4
    expect(t.serviceLevel).toBeCloseTo(1 / 3, 12); // i1 within 20 s / offered 3
    expect(t.sl30).toBeCloseTo(2 / 3, 12); // i1 and i2 (exactly 30 s) within 30 s
    expect(t.talkAvg).toBe(220 / 8); // a plain average of the stored talkSec (o4's 40 s too): 100+40+60+20 over 8 calls
    expect(t.perCall).toBeCloseTo(180 / 8, 12);
    expect(res.body.columns.find((c: any) => c.id === 'aht')).toEqual({ id: 'aht', kind: 'measure', label: '平均处理时长', unit: 'seconds' }); // the admin reads Chinese
  });

  it('occupancy = busy and after-call work over ready, busy and after-call work (breaks are not counted)', async () => {
    const res = await runReport(admin, 'occupancy');
    expect(res.status, res.text).toBe(200);
    expect(res.body.totals.occupancy).toBeCloseTo(400 / 1000, 12);
  });

  it('agent-state intervals are stored as an agent leaves each state, and a report sums them per kind', async () => {
    const agent2 = await fx.rt.login('agent2');
    expect((await agent2.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
    await fx.advance(60_000);
    const states = (await agent2.get('/api/telephony/state')).body.states as Array<{ key: string; kind: string }>;
    expect((await agent2.put('/api/telephony/state', { state: states.find((x) => x.kind === 'break')!.key })).status).toBe(200);
    await fx.advance(30_000);
    expect((await agent2.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
    await publishReport(admin, report('state_time', {
      source: 'agentStates', dateRange: { range: 'today' }, filter: { field: 'agent', op: 'eq', value: IDS.agent2 },
      dimensions: [{ id: 'kind', by: 'field', field: 'kind' }], measures: [{ id: 'sec', op: 'sum', field: 'sec' }],
    }));
    const res = await runReport(admin, 'state_time');
    expect(res.status, res.text).toBe(200);
    expect(new Map(res.body.rows.map((r: any) => [r.kind, r.sec]))).toEqual(new Map([['ready', 60], ['break', 30]]));
  });

  it('win rate, conversion and won amount over the demo customers', async () => {
    const res = await runReport(admin, 'sales_metrics');
    expect(res.status, res.text).toBe(200);
    const count = (values: string[]) => DEMO.filter((r) => values.includes(r.values.status)).length;
    const won = count(['won']);
    expect(res.body.totals.winRate).toBeCloseTo(won / count(['won', 'lost']), 12);
    expect(res.body.totals.conversion).toBeCloseTo(won / count(['following', 'interested', 'won', 'lost']), 12);
    expect(res.body.totals.wonAmount).toBe(DEMO.filter((r) => r.values.status === 'won').reduce((s, r) => s + (r.values.annual_premium ?? 0), 0));
  });

  it('the workbench\'s figures are the catalogue\'s: GET /api/calls/today equals the report over the same calls', async () => {
    const today = await admin.get('/api/calls/today?scope=team');
    const res = await runReport(admin, 'call_metrics');
    expect(today.body).toMatchObject({
      outbound: res.body.totals.outboundCalls, connected: res.body.totals.outboundConnected,
      inbound: res.body.totals.inboundAnswered, talkSec: res.body.totals.talkSec,
    });
  });

  it('a rate with nothing to divide by is null, not 0 %; a period with no calls has no totals', async () => {
    const task = await runReport(admin, 'call_metrics', { task: 'renewal' }); // only o3
    expect(task.body.totals).toMatchObject({ calls: 1, outboundConnected: 1, abandonRateOutbound: 1, abandonRateInbound: null, asa: null, aht: null });
    const empty = await runReport(admin, 'call_metrics', { range: 'yesterday' });
    expect(empty.body).toMatchObject({ rows: [], totals: null, range: { fromDate: '2026-05-03', toDate: '2026-05-03' } });
  });
});
