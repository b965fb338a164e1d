// Listen, whisper and barge in TELEPHONY=sip: the supervisor's own sip.js phone is INVITEd by the runtime and joins the
// call's media bridge in the mode asked; who hears whom is measured on each phone. Kamailio, the runtime and three
// sip.js UAs with werift media in a network namespace that holds only loopback (`unshare -n`).
// See support/sip-monitor-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP monitor test: ${missing}`);

/** Frames are 160 bytes: the 1.5 s window holds 12,000 bytes of one source; "some" is a third of it, "none" one stray frame. */
const SOME = 4000;
const NONE = 160;
type Heard = Record<'caller' | 'agent' | 'lead' | 'callerAgent' | 'callerLead' | 'agentLead' | 'silence' | 'other', number>;
/** Everything a side heard in a window except `allowed`. */
const besides = (heard: Heard, ...allowed: (keyof Heard)[]) =>
  Object.entries(heard).filter(([k]) => !allowed.includes(k as keyof Heard)).reduce((sum, [, n]) => sum + n, 0);

describe.skipIf(!!missing)('a supervisor listens, whispers and barges in over SIP (their phone on the runtime\'s bridge)', () => {
  it('each mode sends each side the audio it should hear; leaving hangs the supervisor\'s phone up', { timeout: 120_000 }, () => {
    const result = runInNamespace('sip-monitor-run.mjs', 110_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { listen, whisper, barge, stop } = result.phases;
    expect(result.invite).toMatchObject({ from: 'runtime', xMonitorCallId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    // Listen: the supervisor hears both sides (mixed); the caller and the agent hear each other only.
    expect(listen.response.status).toBe(200);
    expect(listen.lead.callerAgent).toBeGreaterThan(SOME);
    expect(listen.caller.agent).toBeGreaterThan(SOME);
    expect(listen.agent.caller).toBeGreaterThan(SOME);
    expect(besides(listen.caller, 'agent')).toBeLessThanOrEqual(NONE);
    expect(besides(listen.agent, 'caller')).toBeLessThanOrEqual(NONE);

    // Whisper: the agent hears the caller and the supervisor; the caller still hears the agent only.
    expect(whisper.response.status).toBe(200);
    expect(whisper.agent.callerLead).toBeGreaterThan(SOME);
    expect(whisper.caller.agent).toBeGreaterThan(SOME);
    expect(besides(whisper.caller, 'agent')).toBeLessThanOrEqual(NONE);
    expect(whisper.lead.callerAgent).toBeGreaterThan(SOME);

    // Barge: a conference, each hears the other two.
    expect(barge.response.status).toBe(200);
    expect(barge.caller.agentLead).toBeGreaterThan(SOME);
    expect(barge.agent.callerLead).toBeGreaterThan(SOME);
    expect(barge.lead.callerAgent).toBeGreaterThan(SOME);

    // Leave: the supervisor's phone is hung up; the caller and the agent talk on as before; one INVITE in all.
    expect(stop.response).toBe(200);
    expect(besides(stop.lead)).toBe(0);
    expect(stop.caller.agent).toBeGreaterThan(SOME);
    expect(besides(stop.caller, 'agent')).toBeLessThanOrEqual(NONE);
    expect(result.invites).toBe(1);
    expect(result.monitors).toEqual(['listen:closed', 'whisper:closed', 'barge:closed']);
  });
});
