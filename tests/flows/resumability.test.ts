// A call stored as JSON between every event resumes to exactly the same call.
import { describe, expect, it } from 'vitest';
import { step, type CallState } from '@telesales/engines/flows';
import { simulate, type CallerScript } from '@telesales/runtime/flows/simulator';
import { inboundFlow } from './support.js';

const scripts: [string, CallerScript][] = [
  ['known customer to service, rates 5', {
    caller: '+8613881836553', startAt: '2025-03-03T02:00:00.000Z', digits: [{ afterMs: 3000, digits: '2' }, { afterMs: 77_000, digits: '5' }],
    freeAgents: { service: 1 }, customers: { '13881836553': { name: '马芳', status: 'won', level: 'a' } }, talkSec: 60,
  }],
  ['unknown caller, sales busy, voicemail', {
    caller: '+8613900000000', startAt: '2025-03-03T02:00:00.000Z', digits: [{ afterMs: 3000, digits: '1' }, { afterMs: 5000, digits: '1' }],
    freeAgents: {}, customers: {},
  }],
  ['after hours', { caller: '+8613900000000', startAt: '2025-03-03T12:00:00.000Z', digits: [], freeAgents: {} }],
];

describe('resumability', () => {
  it.each(scripts)('%s: replaying the events through JSON gives the same state', async (_name, script) => {
    const flow = inboundFlow();
    const direct = await simulate(script, { flow });
    expect(direct.state.ended).toBe(true);
    let state: CallState | null = null;
    for (const event of direct.events) {
      const stored: string = JSON.stringify((await step({ flow, state, event })).state);
      state = JSON.parse(stored);
    }
    expect(state).toEqual(JSON.parse(JSON.stringify(direct.state)));
  });

  it('the demo flow takes the paths its design promises', async () => {
    const flow = inboundFlow();
    const [known, busy, closed] = await Promise.all(scripts.map(([, s]) => simulate(s, { flow })));
    const ports = (s: typeof known) => s.trace.filter((t) => t.port).map((t) => `${t.node}:${t.port}`);
    expect(ports(known!)).toEqual([
      'entry:next', 'hours:open', 'language:next', 'lookup:found', 'greet_known:next', 'set_route:next', 'route_known:service',
      'service_queue:answered', 'survey:next',
    ]);
    expect(known!.state.vars).toMatchObject({ route: 'service', vip: true, satisfaction: 5, agentId: 'service-agent-1' });
    expect(known!.commands.map((c) => c.command)).toContainEqual({ type: 'storeSurvey', variable: 'satisfaction', score: 5 });
    expect(ports(busy!)).toEqual(['entry:next', 'hours:open', 'language:next', 'lookup:notFound', 'main_menu:1', 'sales_queue:overflow', 'busy_voicemail:next']);
    expect(busy!.state.language).toBe('zh');
    expect(ports(closed!)).toEqual(['entry:next', 'hours:closed', 'closed_message:next', 'closed_voicemail:next']);
    for (const s of [known, busy, closed]) expect(s!.state.endReason).toBe('completed');
  });
});
