// An outbound task's dial over SIP: the runtime's carrier dials the trunk (sipp playing the carrier) over plain RTP
// with the task's caller number; refusals and ring-outs become the call's failure cause; an answered call is
// bridged to agent1's sip.js phone with audio both ways and ends from either side; with no agent free the callee
// hears the message and the call is hung up. Loopback-only namespace (`unshare -n`); see support/sip-dial-out-run.mjs
// and telephony/sipp/trunk-*.xml.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest({ sipp: true });
if (missing) console.warn(`Skipping the SIP dial-out test: ${missing}`);

describe.skipIf(!!missing)("an outbound task's dial to a SIP trunk (sipp), plain RTP", () => {
  it('maps refusals and ring-outs to causes, bridges an answered call to the agent with audio both ways, plays the no-agent message', { timeout: 180_000 }, () => {
    const r = runInNamespace('sip-dial-out-run.mjs', 160_000);
    expect(r.error, `${r.error}\n${r.log ?? ''}`).toBeUndefined();
    expect(r.interfaces).toEqual(['lo']);

    // Each refusal ends the call with its cause and the trunk's status (the Q.850 cause 127 says nothing: 410 decides).
    for (const c of r.refused) expect(c.sippExit, c.sippOutput).toBe(0);
    expect(r.refused.map(({ sippExit, sippOutput, ...c }: Record<string, unknown>) => c)).toEqual([
      { sipStatus: 486, status: 'wrapup', outcome: 'busy', failure: { cause: 'busy', sipStatus: 486 }, hangupBy: 'system', answered: false, talkSec: 0 },
      { sipStatus: 404, status: 'wrapup', outcome: 'failed', failure: { cause: 'emptyNumber', sipStatus: 404 }, hangupBy: 'system', answered: false, talkSec: 0 },
      { sipStatus: 480, status: 'wrapup', outcome: 'failed', failure: { cause: 'switchedOff', sipStatus: 480 }, hangupBy: 'system', answered: false, talkSec: 0 },
      { sipStatus: 410, status: 'wrapup', outcome: 'failed', failure: { cause: 'suspended', sipStatus: 410 }, hangupBy: 'system', answered: false, talkSec: 0 },
    ]);

    // Rang past the task's ring time (3 s): cancelled (sipp got the CANCEL and answered 487), no answer.
    const n = r.noAnswer;
    expect(n.sippExit, n.sippOutput).toBe(0);
    expect(n).toMatchObject({ outcome: 'noAnswer', failure: { cause: 'noAnswer' }, answered: false });
    expect(n.endedAfterMs).toBeGreaterThanOrEqual(2500);
    expect(n.endedAfterMs).toBeLessThan(7000);

    // Answered after 2 s and bridged: the number is the request-URI's user (e164 without +), the caller number in
    // From and P-Asserted-Identity; plain RTP (sipp checks the offer is RTP/AVP with PCMU and telephone-event).
    const b = r.bridged;
    expect(b.sippExit, b.sippOutput).toBe(0);
    expect(b.requestUser).toBe('8613912345678');
    expect(b.from).toMatch(/^"4008001234" <sip:4008001234@/);
    expect(b.pai).toMatch(/^<sip:4008001234@/);
    expect(b.calleeLegMedia).toBe('PlainRtpMedia');
    // The agent heard the callee's voice, and their own byte back from sipp's echo: it reached the callee.
    expect(b.agentHeardCallee).toBeGreaterThanOrEqual(8000);
    expect(b.agentHeardOwnEcho).toBeGreaterThanOrEqual(8000);
    expect(b).toMatchObject({ status: 'wrapup', hangupBy: 'agent', failure: null, answered: true, agentId: true, tableLive: false });
    expect(b.talkSec).toBeGreaterThanOrEqual(1);

    // The callee hung up: sipp's BYE reached the runtime, the agent's phone got one too.
    const h = r.calleeHangsUp;
    expect(h.sippExit, h.sippOutput).toBe(0);
    expect(h).toMatchObject({ status: 'wrapup', hangupBy: 'caller', failure: null, answered: true, agentLeg: 'Terminated', tableLive: false });
    expect(h.talkSec).toBeGreaterThanOrEqual(3);

    // No agent: the message (text-to-speech) played to the callee (its speech came back from sipp's echo), then
    // the hang-up in the call table ended the leg (sipp got its BYE): answered, no talk.
    const a = r.abandoned;
    expect(a.sippExit, a.sippOutput).toBe(0);
    expect(a.playedMs).toBeGreaterThan(2000);
    expect(a.echoed).toBeGreaterThan(8000);
    expect(a).toMatchObject({ hangupBy: 'system', answered: true, talkSec: 0, failure: null, tableLive: false });
  });
});
