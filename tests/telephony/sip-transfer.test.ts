// Attended transfer, three-way conference and blind transfer in TELEPHONY=sip: the console calls the same API as in
// simulated mode; the runtime INVITEs the other agent's phone and its media bridge relays, mixes or drops legs.
// Kamailio, the runtime and three sip.js UAs with werift media in a network namespace that holds only loopback
// (`unshare -n`). See support/sip-transfer-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP transfer test: ${missing}`);

/** Frames are 160 bytes: the 1.5 s window holds 12,000 bytes of one source; "some" is a third of it, "none" one stray frame. */
const SOME = 4000;
const NONE = 160;
type Heard = Record<'caller' | 'agent1' | 'agent2' | 'agents' | 'callerAgent1' | 'callerAgent2' | 'silence' | 'other', number>;
/** Everything a side heard in a window except `allowed`. */
const besides = (heard: Heard, ...allowed: (keyof Heard)[]) =>
  Object.entries(heard).filter(([k]) => !allowed.includes(k as keyof Heard)).reduce((sum, [, n]) => sum + n, 0);

describe.skipIf(!!missing)('attended transfer, conference and blind transfer over SIP, inbound and click-to-call (the runtime bridge joins, mixes and drops legs)', () => {
  it('each phase sends each side the audio it should hear, and the call record tells the story', { timeout: 120_000 }, () => {
    const result = runInNamespace('sip-transfer-run.mjs', 110_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { consult, conference, afterLeave, blind, cancel, complete } = result.phases;

    // Consultation: agent2's phone was INVITEd by the runtime for this call; the two agents hear each other,
    // the caller (on hold) hears neither and nobody hears the caller.
    expect(consult.response.status).toBe(200);
    expect(result.consultInvite.from).toBe('runtime');
    expect(result.consultInvite.xCallId).toMatch(/^[0-9a-f-]{36}$/);
    expect(consult.agent1.agent2).toBeGreaterThan(SOME);
    expect(consult.agent2.agent1).toBeGreaterThan(SOME);
    expect(besides(consult.caller, 'silence', 'other')).toBeLessThanOrEqual(NONE);
    expect(consult.caller.silence + consult.caller.other).toBeGreaterThan(SOME); // hold audio keeps flowing
    expect(consult.agent1.caller + consult.agent2.caller).toBeLessThanOrEqual(NONE);

    // Conference: each side hears the sum of the other two (the mixed byte), hardly ever one alone.
    expect(conference.response.status).toBe(200);
    expect(conference.caller.agents).toBeGreaterThan(SOME);
    expect(conference.agent1.callerAgent2).toBeGreaterThan(SOME);
    expect(conference.agent2.callerAgent1).toBeGreaterThan(SOME);
    expect(conference.caller.agents).toBeGreaterThan(5 * (conference.caller.agent1 + conference.caller.agent2));

    // agent1 hung up: the caller and agent2 go on, two-way, no mixing; agent1's phone hears nothing more.
    expect(result.afterLeave.conference).toBe(false);
    expect(afterLeave.caller.agent2).toBeGreaterThan(SOME);
    expect(afterLeave.agent2.caller).toBeGreaterThan(SOME);
    expect(besides(afterLeave.agent1)).toBe(0);

    // Blind transfer from agent2 to agent1: agent2's leg is gone, agent1's phone rang again and talks with the caller.
    expect(blind.response.status).toBe(200);
    expect(blind.caller.agent1).toBeGreaterThan(SOME);
    expect(blind.agent1.caller).toBeGreaterThan(SOME);
    expect(besides(blind.agent2)).toBe(0);

    // A consultation cancelled: the caller is back with agent1, agent2's leg hung up.
    expect(cancel.response.status).toBe(200);
    expect(cancel.step.status).toBe(200);
    expect(cancel.caller.agent1).toBeGreaterThan(SOME);
    expect(cancel.agent1.caller).toBeGreaterThan(SOME);
    expect(besides(cancel.agent2)).toBe(0);

    // A consultation completed: agent1's phone is hung up, the caller talks with agent2.
    expect(complete.response.status).toBe(200);
    expect(complete.step.status).toBe(200);
    expect(complete.caller.agent2).toBeGreaterThan(SOME);
    expect(complete.agent2.caller).toBeGreaterThan(SOME);
    expect(besides(complete.agent1)).toBe(0);

    expect(result.record).toEqual({
      agentId: 'agent2',
      transfers: ['blind', 'attended'],
      participants: ['agent1:agent:hangup', 'agent2:agent:transferred', 'agent1:agent:transferred', 'agent2:consult:cancelled', 'agent2:agent:caller'],
    });
    // One recording across the bridges (the blind transfer closed one and opened another).
    expect(result.recording.status).toBe(200);
    expect(result.recording.bytes).toBeGreaterThan(100_000);

    // Click-to-call handed over: the customer (rung at their number by the runtime) talks with agent2, agent1's
    // phone is hung up; agent2 hangs up and the customer's leg ends with the call; both agents wrap up.
    expect(result.outbound).toEqual({
      consult: 200, complete: 200, customerHeardAgent2: expect.any(Number), agent2HeardCustomer: expect.any(Number), agent1Heard: 0,
      status: 'wrapup', hangupBy: 'agent', agentId: 'agent2', transfers: ['attended'], states: { agent1: 'wrapup', agent2: 'wrapup' },
    });
    expect(result.outbound.customerHeardAgent2).toBeGreaterThan(SOME);
    expect(result.outbound.agent2HeardCustomer).toBeGreaterThan(SOME);
  });
});
