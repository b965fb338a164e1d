// The console's attended transfer and conference in TELEPHONY=sip, clicked in Chromium: agent 1's page consults
// agent 2 from the transfer dialog, makes it a conference, hangs up; the runtime's bridge follows (the caller on
// hold, then the three mixed, then the caller with agent 2). See support/sip-console-conference-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest({ chromium: true });
if (missing) console.warn(`Skipping the SIP console conference test: ${missing}`);

/** A 1.5 s window holds 12,000 bytes of one source; "some" is a third of it. */
const SOME = 4000;

describe.skipIf(!!missing)('the console\'s consult and conference over SIP (Chromium as agent 1)', () => {
  it('consult from the transfer dialog, conference, leave: each side hears what it should, the page shows the hand-off', { timeout: 120_000 }, () => {
    const result = runInNamespace('sip-console-conference-run.mjs', 110_000, { needsConsole: true });
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { consult, conference, afterLeave } = result.phases;

    // Consulting: agent 2 hears the page's microphone (Chromium's fake beep), not the caller; the caller hears neither.
    expect(consult.consulting).toMatch(/^Consulting .*Zhang Wei/);
    expect(consult.agent2.other).toBeGreaterThan(SOME / 2);
    expect(consult.agent2.caller).toBe(0);
    expect(consult.caller.agent2 + consult.caller.other).toBe(0);

    // Conference: the caller hears agent 2 and the page; agent 2 hears the caller and the page (their sum: the
    // beep mixed in makes a frame "other", the page's silence leaves the other party's constant byte).
    expect(conference.caller.agent2).toBeGreaterThan(SOME / 2);
    expect(conference.caller.other).toBeGreaterThan(SOME / 4);
    expect(conference.agent2.caller).toBeGreaterThan(SOME / 2);
    expect(conference.agent2.other).toBeGreaterThan(SOME / 4);

    // Agent 1 hung up in the page: the caller and agent 2 talk on, nothing of the page any more; the page says so.
    expect(afterLeave.caller.agent2).toBeGreaterThan(SOME);
    expect(afterLeave.caller.other).toBe(0);
    expect(afterLeave.agent2.caller).toBeGreaterThan(SOME);
    expect(afterLeave.handoff).toMatch(/You left the conference; .*Zhang Wei stays with the caller/);
    expect(afterLeave.dispositionForms).toBe(0);
    expect(afterLeave.callPanels).toBe(0);
    expect(result.record).toEqual({ agentId: 'agent2', participants: ['agent1:agent:hangup', 'agent2:agent:caller'] });
  });
});
