import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallboardJson } from '@telesales/schemas';
import { listen, openHoursAt, signIn, startCluster, type Cluster, type HttpUser } from '../support/cluster-fixture.js';
import { ENTRY_NUMBER, MA_FANG } from './calls-support.js';
import { openWallboard, type WallboardStream } from './monitoring-support.js';

/**
 * Two runtime processes on one database (`npm run cluster`, real processes): the supervisor's wallboard stream held by
 * process A follows what happens on process B (an agent going ready, then talking), and the supervisor listens in from
 * A on a call whose media B holds (the call's owner carries it out).
 */
describe('live monitoring across runtime processes', () => {
  let cluster: Cluster;
  let lead: HttpUser;
  let agent: HttpUser;
  let admin: HttpUser;
  let stream: WallboardStream;
  const agentOf = (b: WallboardJson) => b.agents.find((x) => x.id === agent.userId);

  beforeAll(async () => {
    cluster = await startCluster(2);
    const [a, b] = cluster.runtimes.map((rt) => rt.url) as [string, string];
    lead = await signIn(a, 'lead');
    agent = await signIn(b, 'agent1');
    admin = await signIn(b, 'admin');
  }, 240_000);

  afterAll(async () => {
    stream?.close();
    await cluster?.close();
  }, 60_000);

  it('an agent going ready, then talking, on B reaches the wallboard on A within 2 s each', async () => {
    const [a, b] = cluster.runtimes.map((rt) => rt.url) as [string, string];
    stream = await openWallboard({ port: Number(new URL(a).port), cookie: lead.cookie });
    // The stream's presence reaches B through the database before B has anything to tell.
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    expect((await agent.call(b, 'PUT', '/api/telephony/state', { state: 'ready' })).status).toBe(200);
    const ready = await stream.until((board) => agentOf(board)?.kind === 'ready', 2000, t0);
    console.log(`wallboard on A: agent ready on B after ${ready.at - t0} ms`);

    const phone = await listen(b, agent);
    const started = await admin.call(b, 'POST', '/api/calls/simulate-inbound', {
      from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 300, digits: '1' }], at: openHoursAt(),
    });
    expect(started.status).toBe(201);
    const callId = started.body.id as string;
    await phone.next('ringing', (d) => d.call.id === callId, 60_000);
    phone.close();
    const t1 = Date.now();
    expect((await agent.call(b, 'POST', `/api/calls/${callId}/answer`)).status).toBe(200);
    const talking = await stream.until((board) => agentOf(board)?.call?.status === 'talking', 2000, t1);
    expect(agentOf(talking.board)!.call!.customer).toBe('*******6553');
    console.log(`wallboard on A: agent talking on B after ${talking.at - t1} ms`);

    // Listening in from A on the call B holds: B carries it out; A's board shows it.
    const listened = await lead.call(a, 'POST', `/api/calls/${callId}/monitor`, { mode: 'listen' });
    expect(listened.status).toBe(200);
    expect(listened.body.monitors).toEqual([expect.objectContaining({ supervisorId: lead.userId, mode: 'listen' })]);
    await stream.until((board) => agentOf(board)?.call?.monitoredBy.some((m) => m.supervisorId === lead.userId) ?? false, 2000);
    expect((await agent.call(b, 'POST', `/api/calls/${callId}/hangup`)).status).toBe(200);
  }, 120_000);
});
