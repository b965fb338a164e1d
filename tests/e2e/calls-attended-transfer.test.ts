import { describe, expect, it } from 'vitest';
import type { AgentStateJson, CallJson, RecordJson } from '@telesales/schemas';
import { useOpenHoursClock } from './support/open-hours.js';
import { useSession } from './support/session.js';

/** The template's inbound flow answers this entry number (templates/insurance/flows/inbound.json). */
const ENTRY_NUMBER = '4008001234';
const RING_TIMEOUT = 60_000;

/**
 * Attended transfer in simulated telephony: agent 1 answers an inbound call, consults agent 2 (agent 2's
 * console rings as a consultation and answers), then completes the transfer. Agent 2 talks with the caller;
 * agent 1's console says the call went to agent 2 and asks for no outcome; agent 2 hangs up and gives it.
 * The call record lists both agents and the attended transfer.
 */
describe('calls in simulated telephony: consult first, then complete the transfer', () => {
  const { consoleAs } = useSession({ afterStart: useOpenHoursClock });

  it('agent 1 consults agent 2, completes the transfer; agent 2 gives the outcome; the record shows both', async () => {
    const admin = await consoleAs('admin', 'admin123');
    const agent1 = await consoleAs('agent1', 'agent123');
    const agent2 = await consoleAs('agent2', 'agent123');
    type Me = { user: { id: string; name: string } };
    const me1 = (await agent1.api<Me>('GET', '/api/auth/me')).body.user;
    const me2 = (await agent2.api<Me>('GET', '/api/auth/me')).body.user;

    // a customer of agent 1 calls in (the flow routes known callers to their owner's group)
    const all = await admin.api<{ items: RecordJson[] }>('POST', '/api/records/customer/query', { pageSize: 200 });
    const caller = all.body.items.find((r) => r.ownerId === me1.id && typeof r.values.phone === 'string');
    expect(caller).toBeTruthy();

    await agent1.waitForPhone();
    await agent2.waitForPhone();
    expect(await agent1.setAgentState('ready')).toBe('ready');

    const started = await admin.api<CallJson>('POST', '/api/calls/simulate-inbound', {
      from: String(caller!.values.phone), to: ENTRY_NUMBER, digits: [{ afterMs: 300, digits: '1' }],
    });
    expect(started.status).toBe(201);
    const callId = started.body.id;
    expect((await agent1.waitForRinging(RING_TIMEOUT)).callId).toBe(callId);
    await agent1.answerCall();
    // agent 2 comes on only now, so the call itself went to agent 1
    expect(await agent2.setAgentState('ready')).toBe('ready');

    // consult first: the caller waits on hold, agent 2's console rings as a consultation
    await agent1.consult({ agent: me2.id });
    expect(await agent1.consultingText()).toContain(me2.name);
    expect(await agent1.page.getByTestId('call-complete-transfer').isDisabled()).toBe(true);
    const ringing = await agent2.waitForRinging(RING_TIMEOUT);
    expect(ringing.callId).toBe(callId);
    expect(await agent2.callRole()).toBe('consult');
    expect(await agent2.page.locator('#call-heading').textContent()).toContain(me1.name);
    await agent2.answerCall();
    expect(await agent2.callRole()).toBe('consult');
    await agent1.waitForConsultAnswered();
    expect(await agent1.page.getByTestId('call-panel').getAttribute('data-consult')).toBe('talking');

    // complete the transfer: agent 2 has the caller, agent 1 sees the hand-off and no outcome form
    const handoff = await agent1.completeTransfer();
    expect(handoff).toContain(me2.name);
    expect(handoff).toMatch(/transferred/i);
    await agent2.page.locator(`[data-testid=call-panel][data-call="${callId}"][data-status=talking][data-role=agent]`).waitFor();
    expect(await agent2.page.getByTestId('call-consult-note').count()).toBe(0);
    expect(await agent2.page.getByTestId('call-party').textContent()).toMatch(/^\*{7}\d{4}$/);
    expect(await agent1.page.getByTestId('call-panel').count()).toBe(0);
    expect(await agent1.page.getByTestId('disposition-form').count()).toBe(0);
    expect((await agent1.api<AgentStateJson>('GET', '/api/telephony/state')).body.kind).toBe('wrapup');

    // agent 2 hangs up and gives the outcome; agent 1 picks a state
    await agent2.hangUp();
    expect(await agent1.page.getByTestId('disposition-form').count()).toBe(0);
    await agent2.dispose('interested', { note: 'Took over from agent 1' });
    await agent1.page.getByTestId('handoff-ready').click();
    await agent1.page.locator('[data-testid=agent-state][data-state=ready]').waitFor();
    await agent1.page.getByTestId('handoff-panel').waitFor({ state: 'detached' });

    const stored = (await admin.api<CallJson>('GET', `/api/calls/${callId}`)).body;
    expect(stored).toMatchObject({ agentId: me2.id, hangupBy: 'agent', disposition: { key: 'interested', by: me2.id } });
    expect(stored.participants?.map((p) => [p.agentId, p.left])).toEqual([[me1.id, 'transferred'], [me2.id, 'hangup']]);
    expect(stored.transfers).toEqual([expect.objectContaining({ kind: 'attended', from: me1.id, to: me2.id })]);
  }, 180_000);
});
