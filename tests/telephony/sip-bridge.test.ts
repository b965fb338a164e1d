// Connecting the caller and the agent over SIP: Kamailio, the runtime with TELEPHONY=sip bridging media between
// its legs, and sip.js UAs with werift media for the caller and the agent and plain RTP for a click-to-call customer,
// in a network namespace that holds only loopback (`unshare -n`). See support/sip-bridge-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP bridge test: ${missing}`);

describe.skipIf(!!missing)('caller and agent connected over SIP (runtime bridges the media, records, masks click-to-call)', () => {
  it('bridges an inbound caller to the agent whose phone the queue rings, survey after the agent hangs up; click-to-call by token', { timeout: 90_000 }, () => {
    const result = runInNamespace('sip-bridge-run.mjs', 75_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);

    const inbound = result.inbound;
    // The queue's offer reached the agent's UA as an INVITE from the runtime, bound to the call by X-Call-Id.
    expect(inbound.offer).toMatchObject({ from: 'runtime' });
    expect(inbound.offer.xCallId).toMatch(/^[0-9a-f-]{36}$/);
    expect(inbound.talkingAgent).toBe(true);
    // Each side heard the other's audio (relayed PCMU, recognised by the sender's byte).
    expect(inbound.callerHeardAgent).toBeGreaterThan(0);
    expect(inbound.agentHeardCaller).toBeGreaterThan(0);
    // The agent hung up: wrap-up for them, the caller back in the flow hearing the survey prompt.
    expect(inbound.statusAfterAgent).toBe('wrapup');
    expect(inbound.surveyInTrace).toBe(true);
    expect(inbound.surveyBytes).toBeGreaterThan(0);
    expect(inbound).toMatchObject({ answerAt: true, endAt: true, hangupBy: 'agent' });
    expect(inbound.recording).toMatch(/^recordings\/[0-9a-f-]{36}\.wav$/);
    expect(inbound.recordingBytes).toBeGreaterThan(58);
    expect(inbound.recordingRoute).toMatchObject({ status: 200, riff: true, bytes: inbound.recordingBytes });
    // Supervisors and admins may play it; another agent may not (the call is not theirs).
    expect(inbound.recordingAs).toEqual({ admin: 200, agent2: 404 });

    const c2c = result.clickToCall;
    expect(c2c.customerRang).toBe(1);
    // The leg toward the customer's line is plain RTP/AVP (the customer's UA could answer nothing else).
    expect(c2c.customerMedia).toBe('PlainRtpMedia');
    expect(c2c.talking).toBe('talking');
    expect(c2c.customerKeys).toEqual(['5', '#']);
    expect(c2c.customerHeardAgent).toBeGreaterThan(0);
    expect(c2c.agentHeardCustomer).toBeGreaterThan(0);
    expect(c2c).toMatchObject({ status: 'wrapup', hangupBy: 'agent', answerAt: true });
    expect(c2c.recordingBytes).toBeGreaterThan(58);
    // Nothing the agent's UA received over SIP holds the customer's number (the dialog's To is the token).
    expect(c2c.agentC2cMessages).toBeGreaterThan(0);
    expect(c2c.responseHeaders.length).toBeGreaterThan(0);
    expect(c2c.leaksInHeaders).toEqual([]);
    expect(c2c.leaksInBodies).toEqual([]);
    expect(result.marks.done).toBeLessThan(60_000);
  });
});
