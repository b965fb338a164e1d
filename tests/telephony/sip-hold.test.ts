// Hold and mute in TELEPHONY=sip: the console calls the same API as in simulated mode and the runtime acts on its
// media bridge (no re-INVITE). Kamailio, the runtime and sip.js UAs with werift media in a network namespace that
// holds only loopback (`unshare -n`). See support/sip-hold-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP hold test: ${missing}`);

/** Frames are 160 bytes: a second of audio is 8000 bytes; "none" allows one stray frame. */
const SOME = 4000;
const NONE = 160;

describe.skipIf(!!missing)('hold and mute over SIP (the runtime bridge stops relaying; the caller hears hold audio)', () => {
  it('hold, unhold, mute, unmute through the calls API act on the relayed audio', { timeout: 90_000 }, () => {
    const result = runInNamespace('sip-hold-run.mjs', 75_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { talking, hold, unhold, mute, unmute, unholdMuted } = result.phases;

    expect(talking.callerHeardAgent).toBeGreaterThan(SOME);
    expect(talking.agentHeardCaller).toBeGreaterThan(SOME);

    // Hold: neither side hears the other; the caller hears the hold tones (not uniform frames).
    expect(hold.response).toEqual({ status: 200, held: true, muted: false });
    expect(hold.callerHeardAgent).toBeLessThanOrEqual(NONE);
    expect(hold.agentHeardCaller).toBeLessThanOrEqual(NONE);
    // (the hold audio is 0.8 s of tones every 3 s: the window from 0.4 s to 1.9 s holds about 0.4 s of them)
    expect(hold.callerHeardOther).toBeGreaterThan(1600);

    // Unhold: both ways again, no hold audio.
    expect(unhold.response).toMatchObject({ status: 200, held: false });
    expect(unhold.callerHeardAgent).toBeGreaterThan(SOME);
    expect(unhold.agentHeardCaller).toBeGreaterThan(SOME);
    expect(unhold.callerHeardOther).toBeLessThanOrEqual(NONE);

    // Mute: the caller no longer hears the agent; the agent still hears the caller.
    expect(mute.response).toMatchObject({ status: 200, muted: true });
    expect(mute.callerHeardAgent).toBeLessThanOrEqual(NONE);
    expect(mute.agentHeardCaller).toBeGreaterThan(SOME);

    expect(unmute.response).toMatchObject({ status: 200, muted: false });
    expect(unmute.callerHeardAgent).toBeGreaterThan(SOME);
    expect(unmute.agentHeardCaller).toBeGreaterThan(SOME);

    // Unhold while muted: the agent hears the caller again, the caller still does not hear the agent.
    expect(unholdMuted.response).toMatchObject({ status: 200, held: false, muted: true });
    expect(unholdMuted.callerHeardAgent).toBeLessThanOrEqual(NONE);
    expect(unholdMuted.agentHeardCaller).toBeGreaterThan(SOME);
    expect(unholdMuted.callerHeardOther).toBeLessThanOrEqual(NONE);
    expect(result.flags).toEqual({ held: false, muted: false });

    // The agent hung up while the caller was on hold: wrap-up, the caller back in the flow (survey).
    expect(result.afterAgent).toEqual({ status: 'wrapup', surveyInTrace: true });
  });
});
