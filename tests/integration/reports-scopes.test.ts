// The same report run as agent1, agent2, the supervisor (lead, team Sales A: lead, agent1, agent2) and the admin
// (everything) returns exactly the figures of each one's data scope, checked against counts computed here from the
// documents the test wrote; the drill-down returns exactly the documents a cell counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/runtime-fixture.js';
import { startCallsRuntime, type CallsFixture } from './calls-support.js';
import { TEAM_SALES, TEAM_SALES_A } from './auth-support.js';
import { DEMO } from './records-support.js';
import { handCall, IDS, insertCalls, publishReport, report, runReport, type HandCall } from './reports-support.js';

let fx: CallsFixture;
const as: Record<'admin' | 'lead' | 'agent1' | 'agent2', ApiClient> = {} as never;
const TEAM_A = [IDS.lead, IDS.agent1, IDS.agent2];
const SCOPE: Record<keyof typeof as, (agent: string | null) => boolean> = {
  admin: () => true,
  lead: (a) => a !== null && TEAM_A.includes(a),
  agent1: (a) => a === IDS.agent1,
  agent2: (a) => a === IDS.agent2,
};
const OWNER_ID: Record<string, string> = { agent1: IDS.agent1, agent2: IDS.agent2, lead: IDS.lead, admin: IDS.admin };

// The clock stands at Monday 2026-05-04 10:00 in Shanghai: this week began at 2026-05-03 16:00 UTC.
const calls: HandCall[] = [];
let n = 0;
const add = (agentId: string | null, at: string, extra: Partial<HandCall> = {}) =>
  calls.push(handCall(`c${++n}`, at, { direction: 'out', agentId, ...extra }));
for (const agent of [IDS.agent1, IDS.agent1, IDS.agent1, IDS.agent2, IDS.agent2, IDS.lead, IDS.admin]) {
  add(agent, '2026-05-04T01:00:00.000Z', { answerAt: new Date('2026-05-04T01:00:05.000Z'), talkSec: 60 });
  add(agent, '2026-05-04T01:30:00.000Z'); // not answered
}
add(null, '2026-05-04T01:40:00.000Z', { direction: 'in' }); // nobody took it: only the admin sees it
add(IDS.agent1, '2026-05-03T15:59:59.000Z', { answerAt: new Date('2026-05-03T16:00:02.000Z'), talkSec: 30 }); // last week (Sunday 23:59:59 local)
add(IDS.agent2, '2026-05-06T01:00:00.000Z', { direction: 'in', answerAt: new Date('2026-05-06T01:00:03.000Z'), talkSec: 45 });

const WEEK_FROM = Date.parse('2026-05-03T16:00:00.000Z');
const thisWeek = (c: HandCall) => c.ringAt.getTime() >= WEEK_FROM && c.ringAt.getTime() < WEEK_FROM + 7 * 86_400_000;

/** Per agent, counted here: calls, outbound connected, talk seconds. */
function expected(viewer: keyof typeof as) {
  const mine = calls.filter((c) => thisWeek(c) && SCOPE[viewer](c.agentId));
  const by = new Map<string | null, { calls: number; connected: number; talk: number }>();
  for (const c of mine) {
    const row = by.get(c.agentId) ?? { calls: 0, connected: 0, talk: 0 };
    row.calls++;
    if (c.direction === 'out' && c.answerAt) row.connected++;
    row.talk += c.talkSec;
    by.set(c.agentId, row);
  }
  return by;
}

beforeAll(async () => {
  fx = await startCallsRuntime();
  for (const who of ['admin', 'lead', 'agent1', 'agent2'] as const) as[who] = await fx.rt.login(who);
  await insertCalls(fx.rt, calls);
  await publishReport(as.admin, report('calls_by_agent', {
    source: 'calls', dateRange: { range: 'thisWeek' },
    dimensions: [{ id: 'agent', by: 'owner' }],
    measures: [
      { id: 'calls', op: 'metric', metric: 'calls' },
      { id: 'connected', op: 'metric', metric: 'outboundConnected' },
      { id: 'talk', op: 'metric', metric: 'talkSec' },
    ],
    visual: { type: 'bar' },
  }));
  await publishReport(as.admin, report('calls_by_team_day', {
    source: 'calls', dateRange: { range: 'thisWeek' }, compare: true,
    dimensions: [{ id: 'team', by: 'team' }, { id: 'day', by: 'date', bucket: 'day' }],
    measures: [{ id: 'calls', op: 'count' }],
    visual: { type: 'pivot', options: { columns: 'day' } },
  }));
  await publishReport(as.admin, report('moves_by_action', {
    source: 'moves', dimensions: [{ id: 'action', by: 'field', field: 'action' }], measures: [{ id: 'n', op: 'count' }],
  }));
  await publishReport(as.admin, report('customers_by_status', {
    source: 'records:customer',
    dimensions: [{ id: 'status', by: 'field', field: 'status' }],
    measures: [{ id: 'n', op: 'count' }, { id: 'premium', op: 'sum', field: 'annual_premium' }, { id: 'share', op: 'shareOfTotal', of: 'n' }],
    visual: { type: 'pie' },
  }));
}, 120_000);
afterAll(async () => fx?.close());

describe('one report, four viewers', () => {
  for (const viewer of ['agent1', 'agent2', 'lead', 'admin'] as const) {
    it(`calls per agent this week, as ${viewer}: exactly the calls of their scope`, async () => {
      const res = await runReport(as[viewer], 'calls_by_agent');
      expect(res.status, res.text).toBe(200);
      const want = expected(viewer);
      const got = new Map(res.body.rows.map((r: any) => [r.agent, { calls: r.calls, connected: r.connected, talk: r.talk }]));
      expect(got).toEqual(want);
      expect(res.body.totals.calls).toBe([...want.values()].reduce((s, r) => s + r.calls, 0));
      expect(res.body.range).toMatchObject({ fromDate: '2026-05-04', toDate: '2026-05-10', from: '2026-05-03T16:00:00.000Z', timeZone: 'Asia/Shanghai' });
    });

    it(`customers by status, as ${viewer}: exactly the records they own or their team owns`, async () => {
      const res = await runReport(as[viewer], 'customers_by_status');
      expect(res.status, res.text).toBe(200);
      const owners = viewer === 'admin' ? null : viewer === 'lead' ? ['lead', 'agent1', 'agent2'] : [viewer];
      const mine = DEMO.filter((r) => owners === null || (r.owner !== undefined && owners.includes(r.owner)));
      const want = new Map<string, { n: number; premium: number }>();
      for (const r of mine) {
        const row = want.get(r.values.status) ?? { n: 0, premium: 0 };
        row.n++;
        row.premium += r.values.annual_premium ?? 0;
        want.set(r.values.status, row);
      }
      const got = new Map(res.body.rows.map((r: any) => [r.status, { n: r.n, premium: r.premium }]));
      expect(got).toEqual(want);
      expect(res.body.totals.n).toBe(mine.length);
      const shares = res.body.rows.map((r: any) => r.share);
      expect(shares.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 9);
      expect(res.body.labels.status.won).toBe(viewer === 'agent2' ? 'Won' : '已成交');
    });
  }

  it('names the agents and the options in the reader\'s language', async () => {
    const res = await runReport(as.lead, 'calls_by_agent');
    expect(res.body.labels.agent[IDS.agent1]).toBe('李娜 Li Na');
    expect(res.body.columns.map((c: any) => c.id)).toEqual(['agent', 'calls', 'connected', 'talk']);
  });

  it('caches per scope: agent2 after agent1 gets agent2\'s figures, a second run of agent1 is served from the cache', async () => {
    const first = await runReport(as.agent1, 'calls_by_agent', { range: 'thisWeek' });
    const other = await runReport(as.agent2, 'calls_by_agent', { range: 'thisWeek' });
    const again = await runReport(as.agent1, 'calls_by_agent', { range: 'thisWeek' });
    expect(other.body.rows.map((r: any) => r.agent)).toEqual([IDS.agent2]);
    expect(other.body.cached).toBe(false);
    expect(again.body.cached).toBe(true);
    expect(again.body.rows).toEqual(first.body.rows);
  });
});

describe('teams, days, the previous period and the dashboard\'s filters', () => {
  it('calls per team and local day this week, and last week\'s beside them', async () => {
    const res = await runReport(as.admin, 'calls_by_team_day');
    expect(res.status, res.text).toBe(200);
    const team = (agent: string | null) => (agent === null ? null : agent === IDS.admin ? TEAM_SALES : TEAM_SALES_A);
    const day = (c: HandCall) => new Date(c.ringAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const count = (pick: (c: HandCall) => boolean) => {
      const m = new Map<string, number>();
      for (const c of calls.filter(pick)) m.set(`${team(c.agentId)}|${day(c)}`, (m.get(`${team(c.agentId)}|${day(c)}`) ?? 0) + 1);
      return m;
    };
    expect(new Map(res.body.rows.map((r: any) => [`${r.team}|${r.day}`, r.calls]))).toEqual(count(thisWeek));
    const lastWeek = (c: HandCall) => c.ringAt.getTime() < WEEK_FROM && c.ringAt.getTime() >= WEEK_FROM - 7 * 86_400_000;
    expect(new Map(res.body.previous.rows.map((r: any) => [`${r.team}|${r.day}`, r.calls]))).toEqual(count(lastWeek));
    expect(res.body.previous.range).toMatchObject({ fromDate: '2026-04-27', toDate: '2026-05-03' });
    expect(res.body.labels.team[TEAM_SALES_A]).toBeTruthy();
  });

  it('a day\'s cell drills into exactly that local day\'s calls', async () => {
    const res = await as.admin.post('/api/reports/calls_by_team_day/drill', { cell: { team: TEAM_SALES_A, day: '2026-05-06' } });
    expect(res.body.items.map((c: any) => c.id)).toEqual(calls.filter((c) => c.agentId === IDS.agent2 && c.direction === 'in').map((c) => c._id));
  });

  it('a dashboard\'s team filter narrows the admin\'s figures to that team and the teams below', async () => {
    const res = await runReport(as.admin, 'calls_by_agent', { team: TEAM_SALES_A });
    expect(res.body.rows.map((r: any) => r.agent).sort()).toEqual([...TEAM_A].sort());
  });

  it('moves: the admin counts every log entry, agent1 only their own', async () => {
    const edit = async (who: ApiClient, id: string) => {
      const customer = await who.get(`/api/records/customer/${id}`);
      const edited = await who.patch(`/api/records/customer/${id}`, { version: customer.body.version, values: { notes: 'report walk' } });
      expect(edited.status, edited.text).toBe(200);
    };
    await edit(as.agent1, DEMO.find((r) => r.owner === 'agent1')!.id);
    await edit(as.admin, DEMO.find((r) => r.owner === 'lead')!.id);
    const log = fx.rt.app.db.collection('oplog');
    // The entries reach the log collection through the outbox, a moment after the writes.
    await expect.poll(() => log.countDocuments({ 'by.id': { $in: [IDS.agent1, IDS.admin] } }), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const all = await runReport(as.admin, 'moves_by_action');
    expect(all.body.totals.n).toBe(await log.countDocuments({}));
    expect(all.body.rows.find((r: any) => r.action === 'update').n).toBe(await log.countDocuments({ action: 'update' }));
    const mine = await runReport(as.agent1, 'moves_by_action');
    expect(mine.body.totals.n).toBe(await log.countDocuments({ 'by.id': IDS.agent1 }));
    expect(mine.body.totals.n).toBeLessThan(all.body.totals.n);
  });
});

describe('a period on an entity\'s own date field', () => {
  it('counts the records whose local date falls in it, read from an index the publish added', async () => {
    await publishReport(as.admin, report('born_1980s', {
      source: 'records:customer', dateRange: { field: 'birth_date', range: 'custom', from: '1980-01-01', to: '1989-12-31' },
      dimensions: [{ id: 'year', by: 'date', field: 'birth_date', bucket: 'month' }], measures: [{ id: 'n', op: 'count' }], visual: { type: 'line' },
    }));
    const res = await runReport(as.admin, 'born_1980s');
    expect(res.status, res.text).toBe(200);
    const born = DEMO.filter((r) => r.values.birth_date >= '1980-01-01' && r.values.birth_date <= '1989-12-31');
    expect(res.body.totals.n).toBe(born.length);
    const months = new Map<string, number>();
    for (const r of born) months.set(r.values.birth_date.slice(0, 7), (months.get(r.values.birth_date.slice(0, 7)) ?? 0) + 1);
    expect(new Map(res.body.rows.map((r: any) => [r.year, r.n]))).toEqual(months);
    expect(res.body.rows.map((r: any) => r.year)).toEqual([...months.keys()].sort()); // a date dimension reads in time order
    const indexes = await fx.rt.app.db.collection('records_customer').listIndexes().toArray();
    expect(indexes.some((i) => JSON.stringify(i.key) === JSON.stringify({ 'values.birth_date': 1 }))).toBe(true);
  });
});

describe('drill-down', () => {
  it('a bar of the supervisor\'s chart lists exactly the calls it counted', async () => {
    const res = await as.lead.post('/api/reports/calls_by_agent/drill', { cell: { agent: IDS.agent1 } });
    expect(res.status, res.text).toBe(200);
    const want = calls.filter((c) => thisWeek(c) && c.agentId === IDS.agent1).map((c) => c._id).sort();
    expect(res.body.items.map((c: any) => c.id).sort()).toEqual(want);
    expect(res.body.total).toBe(want.length);
  });

  it('agent2 drilling into agent1\'s bar finds nothing: the drill-down keeps the viewer\'s scope', async () => {
    const res = await as.agent2.post('/api/reports/calls_by_agent/drill', { cell: { agent: IDS.agent1 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });

  it('a cell value is data: "$agentId" matches no call, it is not read as the field it names', async () => {
    const res = await as.lead.post('/api/reports/calls_by_agent/drill', { cell: { agent: '$agentId' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });

  for (const viewer of ['agent1', 'lead', 'admin'] as const) {
    it(`a slice of the customers pie, as ${viewer}: exactly the records counted, paged`, async () => {
      const run = await runReport(as[viewer], 'customers_by_status');
      const won = run.body.rows.find((r: any) => r.status === 'won');
      const owners = viewer === 'admin' ? null : viewer === 'lead' ? ['lead', 'agent1', 'agent2'] : [viewer];
      const want = DEMO.filter((r) => r.values.status === 'won' && (owners === null || (r.owner !== undefined && owners.includes(r.owner)))).map((r) => r.id).sort();
      const items: any[] = [];
      for (let page = 1; page <= 6; page++) {
        const res = await as[viewer].post('/api/reports/customers_by_status/drill', { cell: { status: 'won' }, page, pageSize: 2 });
        expect(res.status, res.text).toBe(200);
        expect(res.body.total).toBe(won.n);
        items.push(...res.body.items);
      }
      expect(items.map((r) => r.id).sort()).toEqual(want);
      const owners2 = owners?.map((o) => OWNER_ID[o]);
      for (const r of items) if (owners2) expect(owners2).toContain(r.ownerId);
    });
  }

  it('a cell naming a dimension the report lacks is a 400 with its path', async () => {
    const res = await as.admin.post('/api/reports/customers_by_status/drill', { cell: { nope: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('/cell/nope');
  });
});
