import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson, ScreenPopJson } from '@telesales/schemas';
import { systemClock } from '@telesales/telephony/simulated/index';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { flush, openEvents, type EventStream } from './calls-support.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Sunday 03:00 in Shanghai: the demo hotline is closed at this hour, so only the flow's own clock can open it. */
const CLOSED_HOURS = Date.parse('2026-05-03T19:00:00.000Z');

let rt: RuntimeFixture;
let agent1: ApiClient;
let admin: ApiClient;
let events1: EventStream;
let port: number;

beforeAll(async () => {
  rt = await startRuntime();
  // Real timers (the script runs in real time), but the runtime's clock reads a closed hour whenever the test runs.
  const shift = CLOSED_HOURS - Date.now();
  rt.app.calls.useClock({ ...systemClock, now: () => Date.now() + shift });
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  port = (rt.app.server.address() as AddressInfo).port;
  [admin, agent1] = await Promise.all([rt.login('admin'), rt.login('agent1')]);
  events1 = await openEvents(rt, 'agent1');
});
afterAll(async () => {
  events1?.close();
  await rt?.close();
});

describe('the README\'s "try a call": npm run demo:call', () => {
  it('signs in, dials the hotline at its open hours, keys Mandarin and sales, and rings the Ready agent1', async () => {
    expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'demo:call'], {
      cwd: repoRoot, env: { ...process.env, PORT: String(port) }, timeout: 30_000,
    });
    // The caller hears the greeting, the menu and the sales queue's prompt, not the closed message.
    expect(stdout).toContain('"投保咨询请按 1，保单服务与理赔请按 2，人工服务请按 0。"');
    expect(stdout).toContain('"正在为您转接保险顾问，请稍候。"');
    expect(stdout).not.toContain('非工作时间');
    expect(stdout).toContain('Ringing');

    const callId = /^Call (\S+):/m.exec(stdout)?.[1];
    const call = (await admin.get<CallJson>(`/api/calls/${callId}`)).body;
    expect(call).toMatchObject({ status: 'ringing', queue: 'sales', customer: null });
    expect(call.trace!.find((s) => s.node === 'hours')).toMatchObject({ port: 'open' });
    expect(call.trace!.map((s) => s.node)).toEqual(expect.arrayContaining(['language', 'main_menu', 'sales_queue']));
    await flush();
    expect((events1.of('ringing') as ScreenPopJson[]).map((p) => p.call)).toEqual([expect.objectContaining({ id: callId, queue: 'sales' })]);
  });

  it('the flow\'s clock is a date-time: anything else is refused with its path', async () => {
    const res = await admin.post('/api/calls/simulate-inbound', { from: '+8613800000000', to: '4008001234', at: 'Monday 10am' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/body/at' })]);
  });
});
